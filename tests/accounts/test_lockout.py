"""Five failed logins lock the account for fifteen minutes; the login page says until when; a superuser can lift it."""

import pytest
from django.urls import reverse

from audit.models import Event

pytestmark = pytest.mark.django_db


def fail(login_page, username, times):
    """Wrong passwords; the fifth is answered with the lock itself."""
    for attempt in range(1, times + 1):
        assert login_page(username, "wrong-password").status_code == (429 if attempt >= 5 else 200)


def test_the_fifth_failure_locks_and_says_so(chief_wenshu, login_page, clock):
    fail(login_page, "wenshu", 3)
    assert "帳號或密碼不正確" in login_page("wenshu", "wrong-password").content.decode()
    fifth = login_page("wenshu", "wrong-password")
    assert fifth.status_code == 429 and "已暫時鎖定" in fifth.content.decode()


def test_the_right_password_is_refused_after_five_failures(chief_wenshu, login_page, clock):
    fail(login_page, "wenshu", 5)
    response = login_page("wenshu", "pw-wenshu")
    assert response.status_code == 429
    assert "_auth_user_id" not in response.client.session
    html = response.content.decode()
    assert "此帳號因連續登入失敗 5 次已暫時鎖定" in html
    assert "請於民國 115 年 3 月 2 日 17 時 15 分後再試" in html  # 09:00 UTC is 17:00 in Taipei, plus 15 minutes


def test_four_failures_do_not_lock_and_a_success_clears_them(chief_wenshu, login_page, client, clock):
    fail(login_page, "wenshu", 4)
    assert login_page("wenshu", "pw-wenshu").status_code == 302
    client.logout()
    fail(login_page, "wenshu", 4)
    assert login_page("wenshu", "pw-wenshu").status_code == 302


def test_the_lock_ends_after_fifteen_minutes(chief_wenshu, login_page, clock):
    fail(login_page, "wenshu", 5)
    clock.shift(60 * 14 + 59)
    assert login_page("wenshu", "pw-wenshu").status_code == 429
    clock.shift(2)
    assert login_page("wenshu", "pw-wenshu").status_code == 302


def test_attempts_during_the_lock_do_not_extend_it(chief_wenshu, login_page, clock):
    fail(login_page, "wenshu", 5)
    clock.shift(60 * 10)
    assert login_page("wenshu", "wrong-password").status_code == 429
    clock.shift(60 * 5 + 1)
    assert login_page("wenshu", "pw-wenshu").status_code == 302


def test_the_lock_is_on_the_account_whatever_the_address(chief_wenshu, client, login_page, clock):
    fail(login_page, "wenshu", 5)
    response = client.post(reverse("login"), {"username": "wenshu", "password": "pw-wenshu"},
                           REMOTE_ADDR="198.51.100.20")
    assert response.status_code == 429


def test_a_name_that_does_not_exist_locks_the_same_way(login_page, db):
    fail(login_page, "nobody", 5)
    assert "已暫時鎖定" in login_page("nobody", "whatever").content.decode()  # no hint whether it exists


def test_a_superuser_sees_the_lock_and_lifts_it(chief_wenshu, superuser, login_page, client, clock):
    fail(login_page, "wenshu", 5)
    client.force_login(superuser)
    listing = client.get(reverse("admin:accounts_loginfailure_changelist")).content.decode()
    assert "wenshu" in listing and "民國 115 年 3 月 2 日 17 時 15 分" in listing
    from axes.models import AccessAttempt

    pks = list(AccessAttempt.objects.filter(username="wenshu").values_list("pk", flat=True))
    response = client.post(reverse("admin:accounts_loginfailure_changelist"),
                           {"action": "unlock", "_selected_action": pks}, REMOTE_ADDR="192.0.2.8")
    assert response.status_code == 302
    client.logout()
    assert login_page("wenshu", "pw-wenshu").status_code == 302
    unlock = Event.objects.get(action="unlock")
    assert (unlock.user, unlock.target, unlock.address) == (superuser, "wenshu", "192.0.2.8")


def test_only_superusers_see_the_locks(recorder, client):
    recorder.is_staff = True
    recorder.save()
    client.force_login(recorder)
    assert client.get(reverse("admin:accounts_loginfailure_changelist")).status_code == 403


def test_the_failures_and_the_lockout_are_audited_with_the_address(chief_wenshu, login_page, clock):
    fail(login_page, "wenshu", 5)
    login_page("wenshu", "pw-wenshu")
    login_page("wenshu", "pw-wenshu")
    failures = Event.objects.filter(action="login_failed", username="wenshu")
    assert failures.count() == 7
    assert set(failures.values_list("address", flat=True)) == {"203.0.113.5"}
    assert failures.filter(detail="帳號鎖定中，未檢查密碼").count() == 2
    lockout = Event.objects.get(action="lockout")
    assert (lockout.user, lockout.username, lockout.address) == (chief_wenshu, "wenshu", "203.0.113.5")
