"""Writing the audit log, and purging what is past its retention period."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from audit.actions import Action
from audit.models import Event
from config import requestlog


def _field(model_field, value: str) -> str:
    return value[: model_field.max_length]


def _label(obj) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    if isinstance(obj, models.Model):
        meta = obj._meta.concrete_model._meta  # a proxy (accounts.IdleAccount) is logged as what it stands for
        return f"{meta.app_label}.{meta.model_name}", str(obj.pk or ""), str(obj)
    return "", "", str(obj)


def event_record(action: Action, *, user=None, username: str = "", target=None, detail: str = "",
                 request=None) -> Event:
    """Write one row. The address and request id come from `request`, or else from the request being served.

    user: who acted (None or anonymous for a failed login; then `username` says what was typed).
    target: the model instance acted on, or a short text.
    """
    if user is not None and not user.is_authenticated:
        user = None
    context = requestlog.current()
    if request is not None:
        address = requestlog.client_address(request)
    else:
        address = context.address if context else None
    target_type, target_id, target_repr = _label(target)
    return Event.objects.create(
        at=timezone.now(),
        action=action,
        user=user,
        username=_field(Event._meta.get_field("username"), username or (user.get_username() if user else "")),
        address=address,
        target_type=target_type,
        target_id=_field(Event._meta.get_field("target_id"), target_id),
        target=_field(Event._meta.get_field("target"), target_repr),
        detail=detail,
        request_id=context.request_id if context else "",
    )


def _shown(field, value) -> str:
    if value is None or value == "" or (isinstance(value, list | tuple | models.QuerySet) and not list(value)):
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(field, forms.ModelMultipleChoiceField):
        chosen = [v for v in value if isinstance(v, models.Model)] or list(field.queryset.filter(pk__in=value))
        return "、".join(sorted(str(v) for v in chosen))
    if isinstance(field, forms.ModelChoiceField):
        return str(value if isinstance(value, models.Model) else field.queryset.filter(pk=value).first() or value)
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    return str(value)


def changes_record(action: Action, *, form, fields, **kwargs) -> Event | None:
    """One row for the fields of a saved form that changed (none if nothing listed changed)."""
    changed = [name for name in fields if name in form.changed_data]
    if not changed:
        return None
    parts = [
        f"{form.fields[name].label}：{_shown(form.fields[name], form.initial.get(name))} → "
        f"{_shown(form.fields[name], form.cleaned_data.get(name))}"
        for name in changed
    ]
    return event_record(action, detail="；".join(parts), **kwargs)


def retention_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    """Rows older than this are past AUDIT_RETENTION_YEARS."""
    now = now or timezone.now()
    years = settings.AUDIT_RETENTION_YEARS
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February, in a year that has none
        return now.replace(year=now.year - years, day=28)


@transaction.atomic
def events_purge(*, dry_run: bool = False) -> int:
    """Delete the rows past their retention period, and record that it was done (how many, up to when)."""
    cutoff = retention_cutoff()
    old = Event.objects.filter(at__lt=cutoff)
    count = old.count()
    if not dry_run and count:
        old.delete()
        event_record(Action.AUDIT_PURGE, detail=f"刪除 {timezone.localtime(cutoff):%Y-%m-%d %H:%M} 以前的 {count} 筆"
                                                 f"（保存 {settings.AUDIT_RETENTION_YEARS} 年）")
    return count
