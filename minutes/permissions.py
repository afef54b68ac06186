"""Who may do what, and see what: a person's roles in each office (Membership), checked on the server by every view,
form, export, admin list and command. An office is the boundary: nobody edits, reports, reviews or signs for another
office, drafts stay inside it, and its signed minutes are readable by the whole city government only when the office
says so (Office.shares_signed). The city-wide oversight role (研考) reads every office's tracking."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from minutes.models import Membership, Role

_CACHE = "_minutes_memberships"


def memberships(user) -> list[Membership]:
    """The person's roles, read once per request (kept on the user object)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("office", "unit"))
        setattr(user, _CACHE, cached)
    return cached


def forget(user) -> None:
    """After a change of roles (the admin), so the same request reads them again."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def _office_id(office) -> int | None:
    return getattr(office, "pk", office)


def office_ids(user, *roles: str) -> set[int]:
    """The offices where the person holds one of the roles (any role when none are named)."""
    return {m.office_id for m in memberships(user) if m.office_id is not None and (not roles or m.role in roles)}


def has_role(user, office, *roles: str) -> bool:
    office_id = _office_id(office)
    return office_id is not None and office_id in office_ids(user, *roles)


def is_recorder(user, office=None) -> bool:
    """The office's recorder; with no office, the recorder of some office (for what a page offers)."""
    return bool(office_ids(user, Role.RECORDER)) if office is None else has_role(user, office, Role.RECORDER)


def is_chair(user, office=None) -> bool:
    return bool(office_ids(user, Role.CHAIR)) if office is None else has_role(user, office, Role.CHAIR)


def is_oversight(user) -> bool:
    """The city-wide oversight role, which a superuser (the IT department) holds for reading too."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(m.role == Role.OVERSIGHT for m in memberships(user))


def chief_units(user, office=None) -> list:
    """The units the person answers for as their chief (in one office, or in all)."""
    office_id = _office_id(office)
    return [m.unit for m in memberships(user)
            if m.role == Role.CHIEF and m.unit_id and (office_id is None or m.office_id == office_id)]


def is_chief_of(user, unit) -> bool:
    return unit is not None and any(own.pk == unit.pk for own in chief_units(user))


def role_of(user, office=None) -> str | None:
    """The person's first role (in an office, or anywhere), for what the home page shows first."""
    order = [Role.RECORDER, Role.CHAIR, Role.CHIEF, Role.OVERSIGHT, Role.MEMBER]
    office_id = _office_id(office)
    roles = {m.role for m in memberships(user) if office_id is None or m.office_id == office_id}
    return next((role for role in order if role in roles), None)


def unit_of(user):
    """The unit a division chief answers for (the first, when they answer for several), or None."""
    units = chief_units(user)
    return units[0] if units else None


# --- what a person may see, as filters the querysets carry before anything else -----------------------------------


def meetings_visible(user, prefix: str = "") -> Q:
    """Meetings of the person's offices, and the signed minutes of offices that share them."""
    if getattr(user, "is_superuser", False):
        return Q()
    signed = Q(**{f"{prefix}status": "signed", f"{prefix}series__office__shares_signed": True})
    return Q(**{f"{prefix}series__office__in": office_ids(user)}) | signed


def tracking_visible(user, prefix: str = "") -> Q:
    """Tracked cases of the person's offices; every office's for the oversight role."""
    if is_oversight(user):
        return Q()
    return Q(**{f"{prefix}series__office__in": office_ids(user)})


def units_visible(user, prefix: str = "") -> Q:
    if is_oversight(user):
        return Q()
    return Q(**{f"{prefix}office__in": office_ids(user)})


def can_read_meeting(user, meeting) -> bool:
    office_id = meeting.series.office_id
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return office_id in office_ids(user) or (meeting.is_signed and meeting.series.office.shares_signed)


def can_read_tracking(user, office) -> bool:
    return is_oversight(user) or _office_id(office) in office_ids(user)


def role_required(*roles: str):
    """View decorator: login first, then one of the roles in some office, else 403 (also for forged POSTs). The
    view itself then checks the role in the office of what it touches."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not office_ids(request.user, *roles) and not (Role.OVERSIGHT in roles and is_oversight(request.user)):
                raise PermissionDenied("您的角色不能執行這項操作。")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def check_role(user, office, *roles: str, what: str = "這項操作") -> None:
    """403 unless the person holds one of the roles in this office."""
    if not has_role(user, office, *roles):
        raise PermissionDenied(f"您在{getattr(office, 'name', '這個機關')}沒有{what}的權限。")
