"""Daily reminders to units: overdue items, and items without progress shortly before the next meeting."""

from __future__ import annotations

import datetime as dt
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from minutes.models import Role, Unit
from minutes.reader import rocdate
from tracking import selectors
from tracking.models import ReminderLog, TrackedItem

KIND = "daily"


@dataclass
class Reminder:
    unit: Unit
    recipients: list[str]
    overdue: list[TrackedItem] = field(default_factory=list)
    missing: list[TrackedItem] = field(default_factory=list)

    @property
    def subject(self) -> str:
        parts = []
        if self.overdue:
            parts.append(f"逾期 {len(self.overdue)} 件")
        if self.missing:
            parts.append(f"待填報辦理情形 {len(self.missing)} 件")
        name = " ".join(self.unit.name.split())  # a line break in a header would be refused (or injected)
        return f"【列管提醒】{name}：{'、'.join(parts)}"

    def body(self, upcoming) -> str:
        lines = [f"{self.unit.name}主管您好：", ""]
        if self.overdue:
            lines.append("下列列管案件已逾辦理期限：")
            lines += [
                f"  列管案號 {i.case_number}（期限 {rocdate.format_roc_date(i.due_date)}）{i.subject[:60]}"
                for i in self.overdue
            ]
            lines.append("")
        if self.missing:
            when = f"（{rocdate.format_roc_date(upcoming.starts_at.date())}）" if upcoming else ""
            lines.append(f"下次會議{when}前，下列列管案件尚未填報辦理情形：")
            lines += [f"  列管案號 {i.case_number} {i.subject[:60]}" for i in self.missing]
            lines.append("")
        lines.append("請登入會議紀錄與列管追蹤系統填報辦理情形。")
        lines.append("（本信由系統每日自動寄送，同一天不會重複寄送。）")
        return "\n".join(lines)


def _recipients(units: list[Unit]) -> dict[int, list[str]]:
    """Each unit's own mailbox, then its chiefs' addresses."""
    found: dict[int, list[str]] = {u.pk: ([u.email] if u.email else []) for u in units}
    chiefs = get_user_model().objects.filter(
        memberships__role=Role.CHIEF, memberships__unit__in=units, is_active=True
    ).exclude(email="").values_list("memberships__unit_id", "email")
    for unit_id, email in chiefs:
        if email not in found[unit_id]:
            found[unit_id].append(email)
    return found


def reminders_due(today: dt.date, days_before: int | None = None) -> tuple[list[Reminder], object]:
    """What each unit should be reminded of today; units with nothing to say are left out."""
    days_before = settings.TRACKING_REMINDER_DAYS if days_before is None else days_before
    windows = selectors.reporting_windows(today)
    items = list(TrackedItem.objects.active().prefetch_related("responsible_units").order_by("meeting_number", "sequence"))
    reports = selectors.latest_progress([i.pk for i in items])
    by_unit: dict[int, Reminder] = {}
    units: dict[int, Unit] = {}
    for item in items:
        window = selectors.window_for(windows, item.series_id)
        soon = window.upcoming is not None and (
            timezone.localtime(window.upcoming.starts_at).date() - today
        ).days <= days_before
        for unit in item.responsible_units.all():
            units[unit.pk] = unit
            reminder = by_unit.setdefault(unit.pk, Reminder(unit=unit, recipients=[]))
            if item.due_date is not None and item.due_date < today:
                reminder.overdue.append(item)
            if soon and window.reviews(item) and not window.counts(reports.get((item.pk, unit.pk))):
                reminder.missing.append(item)
    recipients = _recipients(list(units.values()))
    due = []
    for unit_id, reminder in by_unit.items():
        if reminder.overdue or reminder.missing:
            reminder.recipients = recipients[unit_id]
            due.append(reminder)
    due.sort(key=lambda r: (r.unit.order, r.unit.name))
    main = selectors.main_window(windows)
    return due, (main.upcoming if main else None)


@dataclass
class SendResult:
    sent: list[Reminder] = field(default_factory=list)
    already_sent: list[Reminder] = field(default_factory=list)
    no_address: list[Reminder] = field(default_factory=list)
    failed: list[tuple[Reminder, Exception]] = field(default_factory=list)


def reminders_send(*, today: dt.date, dry_run: bool = False) -> SendResult:
    """One e-mail per unit per day at most: the ReminderLog row is written with the e-mail, or not at all."""
    result = SendResult()
    due, upcoming = reminders_due(today)
    for reminder in due:
        if not reminder.recipients:
            result.no_address.append(reminder)
            continue
        if ReminderLog.objects.filter(unit=reminder.unit, sent_on=today, kind=KIND).exists():
            result.already_sent.append(reminder)
            continue
        if dry_run:
            result.sent.append(reminder)
            continue
        try:
            with transaction.atomic():
                ReminderLog.objects.create(
                    unit=reminder.unit, sent_on=today, kind=KIND,
                    item_count=len({i.pk for i in reminder.overdue + reminder.missing}),
                )
                EmailMessage(
                    subject=reminder.subject, body=reminder.body(upcoming), to=reminder.recipients,
                ).send()
        except IntegrityError:  # another run got there first
            result.already_sent.append(reminder)
            continue
        except (OSError, smtplib.SMTPException) as error:  # log rolled back: tomorrow's or the next run retries
            result.failed.append((reminder, error))
            continue
        result.sent.append(reminder)
    return result
