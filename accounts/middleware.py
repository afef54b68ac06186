"""Per request: sessions end after SESSION_IDLE_MINUTES without one, demo sessions end with DEBUG off, and a
password that must change is changed before anything else."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from accounts.services import DEMO_KEY, PASSWORD_CHANGE_KEY, REFRESHED_KEY

# The session's expiry (SESSION_COOKIE_AGE after its last save) is pushed forward at most once a minute, so
# that a page does not cost a session write: the session ends 29 to 30 minutes after the last request.
REFRESH_SECONDS = 60


def _allowed_while_changing(path: str) -> bool:
    return path in (reverse("accounts:password-change"), reverse("logout")) or path.startswith(settings.STATIC_URL)


def account_policy(get_response):
    def middleware(request):
        if request.user.is_authenticated:
            session = request.session
            if session.get(DEMO_KEY) and not settings.DEBUG:
                logout(request)
                return redirect(settings.LOGIN_URL)
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= REFRESH_SECONDS:
                session[REFRESHED_KEY] = now
            if session.get(PASSWORD_CHANGE_KEY) and not _allowed_while_changing(request.path):
                return redirect("accounts:password-change")
        return get_response(request)

    return middleware
