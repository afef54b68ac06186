"""The demo accounts' passwords are in the README: they work under `make run` (DEBUG on) and nowhere else."""

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=None)


def test_with_debug_off_a_demo_login_is_refused_and_the_page_says_why(client, demo, login_page, settings):
    settings.DEBUG = False
    response = login_page("chair", "demo-chair-108")
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "示範帳號的密碼是公開的，只能在示範環境（DEBUG 開啟）使用" in response.content.decode()


def test_with_debug_off_the_admin_login_refuses_them_too(client, demo, settings):
    settings.DEBUG = False
    response = client.post(reverse("admin:login"), {"username": "recorder", "password": "demo-recorder-108"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_with_debug_on_the_demo_logins_work_without_a_forced_change(client, demo, login_page, settings):
    settings.DEBUG = True
    assert login_page("chair", "demo-chair-108").status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_a_demo_session_ends_when_debug_is_off(client, demo, login_page, settings):
    settings.DEBUG = True
    login_page("chair", "demo-chair-108")
    settings.DEBUG = False
    response = client.get(reverse("home"))
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_other_accounts_log_in_with_debug_off(client, demo, make_user, login_page, settings):
    settings.DEBUG = False
    make_user("clerk")
    assert login_page("clerk", "pw-clerk").status_code == 302
