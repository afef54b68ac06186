"""send_reminders: one e-mail per unit and address with its overdue items and missing progress, no case twice a day."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tracking.models import ProgressReport, ReminderDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TRACKING_REMINDER_DAYS = 7


@pytest.fixture
def addresses(units, make_user):
    units["文書組"].email = "wenshu@example.gov.tw"
    units["文書組"].save()
    make_user("zongwu-chief", "chief", "總務組", email="zongwu@example.gov.tw")


def run(*args):
    out = StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_an_overdue_item_sends_one_mail_to_its_unit(addresses, make_item):
    today = timezone.localdate()
    make_item("10801", ["文書組"], due_date=today - dt.timedelta(days=1), subject="移轉群組")
    make_item("10802", ["文書組"], due_date=today - dt.timedelta(days=5))
    run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wenshu@example.gov.tw"]
    assert message.subject == "【列管提醒】文書組：逾期 2 件"
    assert "列管案號 10801" in message.body and "列管案號 10802" in message.body


def test_a_second_run_the_same_day_sends_nothing(addresses, make_item):
    make_item("10801", ["文書組"], due_date=timezone.localdate() - dt.timedelta(days=1))
    run()
    output = run()
    assert len(mail.outbox) == 1
    assert "already sent today: 文書組 -> wenshu@example.gov.tw" in output
    assert ReminderDelivery.objects.count() == 1


def test_the_next_day_reminds_again(addresses, make_item):
    make_item("10801", ["文書組"], due_date=timezone.localdate() - dt.timedelta(days=1))
    run()
    run("--date", (timezone.localdate() + dt.timedelta(days=1)).isoformat())
    assert len(mail.outbox) == 2


def test_missing_progress_is_reminded_when_the_next_meeting_is_close(addresses, make_item, future_meeting):
    make_item("10802", ["總務組"])
    run()
    assert [m.to for m in mail.outbox] == [["zongwu@example.gov.tw"]]
    assert mail.outbox[0].subject == "【列管提醒】總務組：待填報辦理情形 1 件"


def test_missing_progress_is_not_reminded_when_the_meeting_is_far(addresses, make_item, future_meeting, settings):
    settings.TRACKING_REMINDER_DAYS = 1
    make_item("10802", ["總務組"])
    run()
    assert mail.outbox == []


def test_a_unit_that_reported_gets_no_reminder(addresses, make_item, future_meeting, units, recorder):
    item = make_item("10802", ["總務組"])
    ProgressReport.objects.create(item=item, unit=units["總務組"], text="完成", suggestion="close", author=recorder)
    run()
    assert mail.outbox == []


def test_one_mail_per_unit_covers_both_reasons(addresses, make_item, future_meeting):
    make_item("10801", ["總務組"], due_date=timezone.localdate() - dt.timedelta(days=1))
    make_item("10802", ["總務組"])
    run()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "【列管提醒】總務組：逾期 1 件、待填報辦理情形 2 件"


def test_closed_items_are_never_reminded(addresses, make_item, future_meeting):
    make_item("10801", ["文書組"], status="closed", closed_at=108, due_date=timezone.localdate() - dt.timedelta(days=1))
    run()
    assert mail.outbox == []


def test_a_unit_without_an_address_is_reported_and_not_logged(units, make_item):
    make_item("10801", ["機要組"], due_date=timezone.localdate() - dt.timedelta(days=1))
    err = StringIO()
    call_command("send_reminders", stdout=StringIO(), stderr=err)
    assert "no e-mail address for 機要組" in err.getvalue()
    assert not ReminderDelivery.objects.exists()


def test_dry_run_sends_and_logs_nothing(addresses, make_item):
    make_item("10801", ["文書組"], due_date=timezone.localdate() - dt.timedelta(days=1))
    output = run("--dry-run")
    assert "would send: 文書組 -> wenshu@example.gov.tw" in output
    assert mail.outbox == []
    assert not ReminderDelivery.objects.exists()


def test_a_failing_mail_server_leaves_no_log_so_the_next_run_retries(addresses, make_item, monkeypatch):
    from django.core.mail import EmailMessage
    from django.core.management.base import CommandError

    make_item("10801", ["文書組"], due_date=timezone.localdate() - dt.timedelta(days=1))
    send = EmailMessage.send

    def broken(self, fail_silently=False):
        raise OSError("smtp down")

    monkeypatch.setattr(EmailMessage, "send", broken)
    with pytest.raises(CommandError, match="could not be sent"):
        run()
    assert not ReminderDelivery.objects.exists()
    monkeypatch.setattr(EmailMessage, "send", send)
    run()
    assert len(mail.outbox) == 1


@pytest.fixture
def two_addresses(addresses, make_user):
    make_user("wenshu-chief", "chief", "文書組", email="kao@example.gov.tw")


def test_each_address_gets_its_own_mail(two_addresses, make_item):
    make_item("10801", ["文書組"], due_date=timezone.localdate() - dt.timedelta(days=1))
    run()
    assert sorted(m.to[0] for m in mail.outbox) == ["kao@example.gov.tw", "wenshu@example.gov.tw"]
    assert all(len(m.to) == 1 for m in mail.outbox)


def test_a_run_that_failed_half_way_sends_the_rest_and_nothing_twice(two_addresses, make_item, monkeypatch):
    from django.core.mail import EmailMessage
    from django.core.management.base import CommandError

    make_item("10801", ["文書組"], due_date=timezone.localdate() - dt.timedelta(days=1))
    send = EmailMessage.send

    def second_fails(self, fail_silently=False):
        if self.to == ["kao@example.gov.tw"]:
            raise OSError("connection reset")
        return send(self, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", second_fails)
    with pytest.raises(CommandError):
        run()
    assert [m.to for m in mail.outbox] == [["wenshu@example.gov.tw"]]
    monkeypatch.setattr(EmailMessage, "send", send)
    output = run()
    assert [m.to for m in mail.outbox] == [["wenshu@example.gov.tw"], ["kao@example.gov.tw"]]
    assert "already sent today: 文書組 -> wenshu@example.gov.tw" in output
    assert ReminderDelivery.objects.count() == 2


def test_a_case_due_later_the_same_day_is_sent_alone(addresses, make_item):
    today = timezone.localdate()
    make_item("10801", ["文書組"], due_date=today - dt.timedelta(days=1))
    run()
    make_item("10802", ["文書組"], due_date=today - dt.timedelta(days=2))
    run()
    assert len(mail.outbox) == 2
    assert "列管案號 10802" in mail.outbox[1].body and "列管案號 10801" not in mail.outbox[1].body
    assert mail.outbox[1].subject == "【列管提醒】文書組：逾期 1 件"
