"""A session ends after 30 minutes without a request; every request starts the 30 minutes again."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_session_idle_for_more_than_thirty_minutes_ends(client, chief_wenshu, login_page, clock):
    login_page("wenshu", "pw-wenshu")
    clock.shift(60 * 30 + 1)
    response = client.get(reverse("tracking:item-list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_each_request_keeps_the_session_alive_for_another_thirty_minutes(client, chief_wenshu, login_page, clock):
    login_page("wenshu", "pw-wenshu")
    for _ in range(4):  # two hours in all, never idle for 30 minutes
        clock.shift(60 * 29)
        assert client.get(reverse("tracking:item-list")).status_code == 200
    clock.shift(60 * 31)
    assert client.get(reverse("tracking:item-list")).status_code == 302


def test_the_idle_time_is_a_setting(client, chief_wenshu, login_page, clock, settings):
    settings.SESSION_COOKIE_AGE = 10 * 60
    login_page("wenshu", "pw-wenshu")
    clock.shift(60 * 10 + 1)
    assert client.get(reverse("tracking:item-list")).status_code == 302


def test_the_session_cookie_expires_with_it(client, chief_wenshu, login_page):
    response = login_page("wenshu", "pw-wenshu")
    assert response.cookies["sessionid"]["max-age"] == 30 * 60
