"""Who may do what: role checks shared by every view, form and command."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from minutes.models import Role


def role_of(user) -> str | None:
    if not user.is_authenticated:
        return None
    profile = getattr(user, "profile", None)
    return profile.role if profile is not None else None


def unit_of(user):
    """The unit a division chief answers for, or None."""
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    return profile.unit if profile is not None and profile.role == Role.CHIEF else None


def is_recorder(user) -> bool:
    return role_of(user) == Role.RECORDER


def is_chair(user) -> bool:
    return role_of(user) == Role.CHAIR


def is_chief_of(user, unit) -> bool:
    own = unit_of(user)
    return own is not None and unit is not None and own.pk == unit.pk


def role_required(*roles: str):
    """View decorator: login first, then one of the roles, else 403 (also for forged POSTs)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if role_of(request.user) not in roles:
                raise PermissionDenied("您的角色不能執行這項操作。")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
