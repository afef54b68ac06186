"""What a login puts in the session for accounts.middleware: must the password change, is this a demo account."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts import selectors
from accounts.services import DEMO_KEY, PASSWORD_CHANGE_KEY, REFRESHED_KEY


@receiver(user_logged_in)
def _remember_what_the_account_needs(sender, request, user, **kwargs):
    # Read once here rather than on every request: an administrator's reset changes the password, which
    # ends the user's sessions anyway (the session carries a hash of it).
    request.session[REFRESHED_KEY] = int(time.time())  # login saved the session just now
    reason = selectors.password_change_reason(user)
    if reason:
        request.session[PASSWORD_CHANGE_KEY] = reason
    if selectors.is_demo(user):
        request.session[DEMO_KEY] = True
