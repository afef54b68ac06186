"""Password rules: at least 12 characters, three kinds of character, none of the last three; said in Chinese."""

import itertools

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

pytestmark = pytest.mark.django_db

GOOD = "Minutes-2026-ok"


def errors(password, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return exc.messages
    return []


@pytest.fixture(autouse=True)
def real_rules(settings):
    """The project's validators, whatever another test set."""
    from django.conf import settings as live

    settings.AUTH_PASSWORD_VALIDATORS = live.AUTH_PASSWORD_VALIDATORS


def test_a_long_password_of_three_kinds_is_accepted(make_user):
    assert errors(GOOD, make_user("wenshu")) == []


@pytest.mark.parametrize(("password", "message"), [
    ("Ab1-short", "密碼太短，必須至少 12 個字元。"),
    ("onlylowercaseletters", "密碼須包含大寫英文字母、小寫英文字母、數字、符號其中至少 3 種。"),
    ("lowercase-and-dashes", "密碼須包含大寫英文字母、小寫英文字母、數字、符號其中至少 3 種。"),
    ("482915736048", "這個密碼只包含數字。"),
])
def test_a_weak_password_is_refused_with_a_chinese_reason(make_user, password, message):
    assert message in errors(password, make_user("wenshu"))


def test_chinese_characters_count_as_symbols(make_user):
    assert errors("會議紀錄Minutes2026", make_user("wenshu")) == []


def change(client, old, new):
    return client.post(reverse("accounts:password-change"),
                       {"old_password": old, "new_password1": new, "new_password2": new})


def test_none_of_the_last_three_passwords_may_be_chosen_again(client, make_user):
    client.force_login(make_user("wenshu"))
    passwords = ["pw-wenshu", "First-Password-1", "Second-Password-2", "Third-Password-3", "Fourth-Password-4"]
    for old, new in itertools.pairwise(passwords):
        assert change(client, old, new).status_code == 302
    for recent in passwords[2:]:  # the current one and the two before it
        refused = change(client, "Fourth-Password-4", recent)
        assert "不可使用最近 3 次用過的密碼。" in refused.content.decode(), recent
    assert change(client, "Fourth-Password-4", "First-Password-1").status_code == 302  # four back: allowed again


def test_the_page_lists_the_rules(client, make_user):
    client.force_login(make_user("wenshu"))
    html = client.get(reverse("accounts:password-change")).content.decode()
    assert "至少包含大寫英文字母、小寫英文字母、數字、符號其中 3 種。" in html
    assert "不可與最近 3 次用過的密碼相同。" in html


def test_a_changed_password_is_audited(client, make_user):
    from audit.models import Event

    user = make_user("wenshu")
    client.force_login(user)
    change(client, "pw-wenshu", GOOD)
    event = Event.objects.get(action="password_change")
    assert (event.user, event.target) == (user, str(user))
