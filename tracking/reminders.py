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
from tracking.models import ReminderDelivery, TrackedItem

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
    """Each entry is one unit's reminder to one address (recipients holds that one address)."""

    sent: list[Reminder] = field(default_factory=list)
    already_sent: list[Reminder] = field(default_factory=list)
    no_address: list[Reminder] = field(default_factory=list)
    failed: list[tuple[Reminder, Exception]] = field(default_factory=list)


def _for(reminder: Reminder, recipient: str, keep: set[int]) -> Reminder:
    """The unit's reminder to one address, of the cases in `keep` only."""
    return Reminder(
        unit=reminder.unit, recipients=[recipient],
        overdue=[i for i in reminder.overdue if i.pk in keep], missing=[i for i in reminder.missing if i.pk in keep],
    )


def reminders_send(*, today: dt.date, dry_run: bool = False) -> SendResult:
    """One e-mail per unit and address per day, of the cases not yet reminded to that address that day.

    Each (case, day, address) is claimed by a ReminderDelivery row inserted in the transaction that sends the
    e-mail (see the model): a rerun after a crash or a failed mail server sends what was not sent, and nothing
    twice; the claim and the send stand or fall together.
    """
    result = SendResult()
    due, upcoming = reminders_due(today)
    for reminder in due:
        if not reminder.recipients:
            result.no_address.append(reminder)
            continue
        cases = {i.pk for i in reminder.overdue + reminder.missing}
        claimed = set(
            ReminderDelivery.objects.filter(item__in=cases, sent_on=today, recipient__in=reminder.recipients,
                                            kind=KIND).values_list("recipient", "item_id")
        )
        for recipient in reminder.recipients:
            fresh = {pk for pk in cases if (recipient, pk) not in claimed}
            if not fresh:
                result.already_sent.append(_for(reminder, recipient, cases))
                continue
            part = _for(reminder, recipient, fresh)
            if dry_run:
                result.sent.append(part)
                continue
            try:
                with transaction.atomic():
                    ReminderDelivery.objects.bulk_create([
                        ReminderDelivery(item_id=pk, sent_on=today, recipient=recipient, kind=KIND)
                        for pk in sorted(fresh)
                    ])
                    EmailMessage(subject=part.subject, body=part.body(upcoming), to=[recipient]).send()
            except IntegrityError:  # another run claimed them first (and sent them, or is sending them now)
                result.already_sent.append(part)
                continue
            except (OSError, smtplib.SMTPException) as error:  # claims rolled back: the next run retries
                result.failed.append((part, error))
                continue
            result.sent.append(part)
    return result
