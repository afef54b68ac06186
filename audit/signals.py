"""Signing in and out, failures and lockouts, recorded as they happen (django.contrib.auth's and axes' signals)."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from audit.actions import Action
from audit.models import Event
from audit.services import event_record


def _user_named(username: str):
    return get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: username}).first()


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    event_record(Action.LOGIN, user=user, request=request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        event_record(Action.LOGOUT, user=user, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))
    locked = getattr(request, "refused_while_locked", False)  # set by accounts.backends.LockoutBackend
    event_record(Action.LOGIN_FAILED, user=_user_named(username), username=username, request=request,
                 detail="帳號鎖定中，未檢查密碼" if locked else "帳號或密碼不正確")


@receiver(user_locked_out)
def _locked_out(sender, request, username, **kwargs):
    # axes says so again at every attempt during the lock; the log keeps the moment it began (and a new lock
    # after a superuser lifted this one).
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    latest = (Event.objects.filter(action__in=[Action.LOCKOUT, Action.UNLOCK], username=username, at__gte=since)
              .values_list("action", flat=True).first())
    if latest == Action.LOCKOUT:
        return
    event_record(Action.LOCKOUT, user=_user_named(username), username=username or "", request=request,
                 detail=f"連續登入失敗 {settings.AXES_FAILURE_LIMIT} 次")
