"""Reads about accounts: who is idle, until when a name is locked, why a password must be changed."""

from __future__ import annotations

import datetime as dt

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q, Sum
from django.utils import timezone

from accounts.models import AccountState, IdleAccount


def idle_accounts(now: dt.datetime | None = None):
    """Active accounts not signed in for ACCOUNTS_IDLE_DAYS (or never, and created before that)."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.ACCOUNTS_IDLE_DAYS)
    return (IdleAccount.objects.filter(is_active=True)
            .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
            .prefetch_related("memberships__office", "memberships__unit").order_by("last_login", "date_joined"))


def lockout_until(username: str) -> dt.datetime | None:
    """When the lock on this name ends, or None if it is not locked (django-axes' records, summed as axes does)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(username=username, attempt_time__gte=since)
    totals = attempts.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    if (totals["failures"] or 0) < settings.AXES_FAILURE_LIMIT:
        return None
    return totals["last"] + settings.AXES_COOLOFF_TIME


def is_demo(user) -> bool:
    return AccountState.objects.filter(user=user, is_demo=True).exists()


def password_change_reason(user, now: dt.datetime | None = None) -> str:
    """"first" when an administrator set the password, "expired" past PASSWORD_MAX_AGE_DAYS, else ""."""
    state = AccountState.objects.filter(user=user).first()
    if state is not None and state.must_change_password:
        return "first"
    max_age = settings.PASSWORD_MAX_AGE_DAYS
    # An account older than the password rules has no change on record: its password is as old as it is.
    changed = (state.password_changed_at if state else None) or user.date_joined
    if max_age and changed + dt.timedelta(days=max_age) < (now or timezone.now()):
        return "expired"
    return ""
