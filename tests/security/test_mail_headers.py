"""Reminder e-mails: a unit name with a line break neither injects a header nor stops the other units' mail."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from minutes.models import MeetingSeries, Unit
from tracking.models import TrackedItem

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def overdue_item(unit, sequence):
    series = MeetingSeries.objects.get_or_create(organisation="臺北市政府秘書處", kind="處務")[0]
    item = TrackedItem.objects.create(series=series, meeting_number=108, sequence=sequence, subject="案",
                                      due_date=timezone.localdate() - dt.timedelta(days=1))
    item.responsible_units.add(unit)


def test_a_unit_name_with_a_line_break_injects_no_header_and_every_unit_gets_its_mail():
    bad = Unit.objects.create(name="文書組\r\nBcc: spy@evil.example", email="wenshu@example.gov.tw", order=1)
    good = Unit.objects.create(name="總務組", email="zongwu@example.gov.tw", order=2)
    overdue_item(bad, 1)
    overdue_item(good, 2)
    call_command("send_reminders", stdout=StringIO(), stderr=StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["wenshu@example.gov.tw", "zongwu@example.gov.tw"]
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert message.bcc == []
        assert "spy@evil.example" not in str(message.message()["Bcc"] or "")
