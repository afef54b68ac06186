"""Writes about accounts: the forced password change, password history, demo marks, lifting locks, disabling."""

from __future__ import annotations

from axes.utils import reset as axes_reset
from django.db import transaction
from django.utils import timezone

import audit
from accounts.models import AccountState, PasswordHistory

# Session keys set at login (accounts.signals) and read by accounts.middleware on every request.
PASSWORD_CHANGE_KEY = "accounts_password_change"
DEMO_KEY = "accounts_demo"
REFRESHED_KEY = "accounts_refreshed"  # when the session's expiry was last pushed forward (unix seconds)


def _state(user) -> AccountState:
    return AccountState.objects.select_for_update().get_or_create(user=user)[0]


@transaction.atomic
def password_history_add(*, user, count: int) -> None:
    """The password just saved joins the history, which keeps the last `count`; its date starts the max age."""
    PasswordHistory.objects.create(user=user, password=user.password)
    stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[count:]
    PasswordHistory.objects.filter(pk__in=list(stale)).delete()
    state = _state(user)
    state.password_changed_at = timezone.now()
    state.save(update_fields=["password_changed_at"])


@transaction.atomic
def password_change_require(*, user) -> None:
    """At the next login the user must pick a new password (a new account, a password an administrator set)."""
    state = _state(user)
    state.must_change_password = True
    state.save(update_fields=["must_change_password"])


@transaction.atomic
def password_change_done(*, user, request) -> None:
    """The user chose their own password: nothing more is asked of them, and the log says so."""
    state = _state(user)
    state.must_change_password = False
    state.save(update_fields=["must_change_password"])
    request.session.pop(PASSWORD_CHANGE_KEY, None)
    audit.record(audit.Action.PASSWORD_CHANGE, user=user, target=user, request=request)


@transaction.atomic
def password_reset_by_admin(*, user, by, request) -> None:
    """An administrator set this user's password: the user must change it; on one's own account, nothing is asked."""
    if user.pk == by.pk:
        audit.record(audit.Action.PASSWORD_CHANGE, user=by, target=user, request=request, detail="於管理介面變更")
        return
    password_change_require(user=user)
    audit.record(audit.Action.PASSWORD_RESET, user=by, target=user, request=request)


@transaction.atomic
def account_mark_demo(*, user) -> None:
    """A load_demo account: its password is public, so it works only with DEBUG on."""
    state = _state(user)
    if not state.is_demo:
        state.is_demo = True
        state.save(update_fields=["is_demo"])


@transaction.atomic
def lockouts_lift(*, usernames, by, request) -> int:
    """A superuser lifts the lock on these names: their failed attempts are forgotten. Returns how many names."""
    names = sorted(set(usernames))
    for name in names:
        axes_reset(username=name)
        audit.record(audit.Action.UNLOCK, user=by, target=name, request=request)
    return len(names)


@transaction.atomic
def accounts_disable(*, users, by, request) -> int:
    """Disable these accounts in one step (their sessions end with it); one audit row each."""
    disabled = 0
    for user in users.select_related(None).select_for_update():
        if not user.is_active:
            continue
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit.record(audit.Action.ACCOUNT_DISABLE, user=by, target=user, request=request,
                     detail=f"最後登入：{timezone.localtime(user.last_login):%Y-%m-%d}" if user.last_login else "從未登入")
        disabled += 1
    return disabled
