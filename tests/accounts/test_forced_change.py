"""A password an administrator chose must be changed at the next login; so must one past its maximum age."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts import services
from audit.models import Event

pytestmark = pytest.mark.django_db
NEW = "Own-Choice-2026"


def test_an_account_made_in_the_admin_must_change_its_password_at_first_login(client, superuser, login_page):
    client.force_login(superuser)
    response = client.post(reverse("admin:auth_user_add"), {
        "username": "newclerk", "password1": "Given-By-Admin-1", "password2": "Given-By-Admin-1",
        "usable_password": "true",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    assert login_page("newclerk", "Given-By-Admin-1").status_code == 302
    page = client.get(reverse("tracking:item-list"))
    assert page.status_code == 302 and page.url == reverse("accounts:password-change")
    form = client.get(reverse("accounts:password-change")).content.decode()
    assert "這是您第一次登入" in form


def test_after_changing_it_every_page_opens(client, make_user, login_page):
    user = make_user("newclerk")
    services.password_change_require(user=user)
    login_page("newclerk", "pw-newclerk")
    response = client.post(reverse("accounts:password-change"),
                           {"old_password": "pw-newclerk", "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("tracking:item-list")).status_code == 200
    client.logout()
    login_page("newclerk", NEW)
    assert client.get(reverse("tracking:item-list")).status_code == 200  # not asked again


def test_a_password_a_superuser_resets_must_be_changed(client, superuser, make_user, login_page):
    user = make_user("wenshu")
    client.force_login(superuser)
    response = client.post(reverse("admin:auth_user_password_change", args=[user.pk]),
                           {"password1": "Reset-By-Admin-1", "password2": "Reset-By-Admin-1", "usable_password": "true"})
    assert response.status_code == 302
    reset = Event.objects.get(action="password_reset")
    assert (reset.user, reset.target) == (superuser, "wenshu")
    client.logout()
    login_page("wenshu", "Reset-By-Admin-1")
    assert client.get(reverse("home")).url == reverse("accounts:password-change")


def test_a_superuser_changing_their_own_password_in_the_admin_is_not_asked_again(client, superuser, login_page):
    client.force_login(superuser)
    client.post(reverse("admin:auth_user_password_change", args=[superuser.pk]),
                {"password1": "Admins-Own-Pw-1", "password2": "Admins-Own-Pw-1", "usable_password": "true"})
    client.logout()
    login_page("admin", "Admins-Own-Pw-1")
    assert client.get(reverse("home")).status_code == 200


def test_logging_out_is_allowed_while_a_change_is_pending(client, make_user, login_page):
    services.password_change_require(user=make_user("newclerk"))
    login_page("newclerk", "pw-newclerk")
    assert client.post(reverse("logout")).url == reverse("login")


def test_accounts_made_by_code_are_not_asked(client, make_user):
    client.force_login(make_user("wenshu"))
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize(("max_age", "days", "asked"), [(90, 91, True), (90, 89, False), (0, 400, False)])
def test_a_password_past_its_maximum_age_must_be_changed(client, make_user, login_page, settings, clock, max_age,
                                                         days, asked):
    settings.PASSWORD_MAX_AGE_DAYS = max_age  # 0: no maximum age
    make_user("wenshu")
    clock.shift(dt.timedelta(days=days))
    login_page("wenshu", "pw-wenshu")
    response = client.get(reverse("home"))
    assert (response.status_code == 302 and response.url == reverse("accounts:password-change")) == asked


def test_the_page_says_the_password_is_too_old(client, make_user, login_page, settings, clock):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    make_user("wenshu")
    clock.shift(dt.timedelta(days=91))
    login_page("wenshu", "pw-wenshu")
    assert "您的密碼已使用超過 90 天" in client.get(reverse("accounts:password-change")).content.decode()


def test_the_maximum_age_counts_from_the_last_change(client, make_user, login_page, settings, clock):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    user = make_user("wenshu")
    clock.shift(dt.timedelta(days=80))
    user.set_password("Changed-At-Day-80")
    user.save()
    clock.shift(dt.timedelta(days=80))
    login_page("wenshu", "Changed-At-Day-80")
    assert client.get(reverse("home")).status_code == 200
    assert get_user_model().objects.get(pk=user.pk).account_state.password_changed_at is not None
