"""Authentication backends: django-axes' lockout check first, then Django's, which refuses demo accounts with
DEBUG off."""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from accounts import selectors


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked account before its password is checked.

    Only a login over HTTP has a request; the test client's login() and scripts have none, and are let through
    to the next backend rather than refused (axes would raise).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            request.refused_while_locked = True  # the audit row of this failure says so (audit.signals)
            raise


class AccountBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not settings.DEBUG and selectors.is_demo(user):
            return None  # the password is in the README
        return user
