"""Superusers list the accounts nobody used for 90 days and disable them in one step, which is audited."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from audit.models import Event

pytestmark = pytest.mark.django_db
LIST = "admin:accounts_idleaccount_changelist"


@pytest.fixture
def accounts(make_user):
    now = timezone.now()
    old, recent, never, gone = (make_user(n) for n in ("oldclerk", "recentclerk", "neverclerk", "goneclerk"))
    get_user_model().objects.filter(pk=old.pk).update(last_login=now - dt.timedelta(days=91))
    get_user_model().objects.filter(pk=recent.pk).update(last_login=now - dt.timedelta(days=89))
    get_user_model().objects.filter(pk=never.pk).update(last_login=None, date_joined=now - dt.timedelta(days=120))
    get_user_model().objects.filter(pk=gone.pk).update(last_login=now - dt.timedelta(days=200), is_active=False)
    return {"old": old, "recent": recent, "never": never, "gone": gone}


def listed(client) -> str:
    return client.get(reverse(LIST)).content.decode()


def test_the_list_shows_active_accounts_idle_for_ninety_days(client, superuser, accounts):
    client.force_login(superuser)
    html = listed(client)
    assert "oldclerk" in html and "neverclerk" in html and "從未登入" in html
    assert "recentclerk" not in html and "goneclerk" not in html


def test_one_action_disables_the_selected_accounts_and_each_is_audited(client, superuser, accounts):
    client.force_login(superuser)
    selected = [accounts["old"].pk, accounts["never"].pk]
    response = client.post(reverse(LIST), {"action": "disable", "_selected_action": selected},
                           REMOTE_ADDR="192.0.2.8")
    assert response.status_code == 302
    users = get_user_model().objects.in_bulk(selected + [accounts["recent"].pk])
    assert [users[pk].is_active for pk in selected] == [False, False]
    assert users[accounts["recent"].pk].is_active
    events = Event.objects.filter(action="account_disable")
    assert sorted(events.values_list("target", flat=True)) == ["neverclerk", "oldclerk"]
    assert set(events.values_list("user", "address")) == {(superuser.pk, "192.0.2.8")}
    assert "oldclerk" not in listed(client)


def test_a_disabled_account_can_no_longer_log_in(client, superuser, accounts, login_page):
    client.force_login(superuser)
    client.post(reverse(LIST), {"action": "disable", "_selected_action": [accounts["old"].pk]})
    client.logout()
    assert login_page("oldclerk", "pw-oldclerk").status_code == 200
    assert "_auth_user_id" not in client.session


def test_staff_who_are_not_superusers_do_not_see_the_list(client, recorder, accounts):
    recorder.is_staff = True
    recorder.save()
    client.force_login(recorder)
    assert client.get(reverse(LIST)).status_code == 403
    assert client.post(reverse(LIST), {"action": "disable", "_selected_action": [accounts["old"].pk]}).status_code == 403
    assert get_user_model().objects.get(pk=accounts["old"].pk).is_active
