"""Writes to the meeting record: every change to a meeting goes through a function here."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from minutes.models import (
    AgendaItem,
    Conclusion,
    Meeting,
    MeetingSeries,
    ReportPoint,
    Section,
    SupplementaryReport,
    Unit,
)
from minutes.parsing import ParsedConclusion, ParsedMeeting


class MeetingError(Exception):
    """A rule of the record was broken; the message is for the user."""


def series_get_or_create(*, organisation: str, kind: str) -> MeetingSeries:
    series, _ = MeetingSeries.objects.get_or_create(organisation=organisation, kind=kind)
    return series


def _write_conclusion(parsed: ParsedConclusion | None, *, section: Section, item: AgendaItem | None) -> None:
    if parsed is None:
        return
    Conclusion.objects.bulk_create(
        Conclusion(section=section, item=item, order=i, text=text) for i, text in enumerate(parsed.points, 1)
    )


@transaction.atomic
def meeting_import(parsed: ParsedMeeting, *, replace: bool = False) -> Meeting:
    """Create (or, with replace, rewrite) a meeting and all its parts from a parsed record."""
    series = series_get_or_create(organisation=parsed.organisation, kind=parsed.kind)
    starts_at = timezone.make_aware(parsed.starts_at, timezone.get_default_timezone())
    fields = dict(
        starts_at=starts_at,
        adjourned_at=parsed.adjourned_at,
        place=parsed.place,
        chair=parsed.chair,
        recorder=parsed.recorder,
        attendees=parsed.attendees,
        observers=parsed.observers,
        absentees=parsed.absentees,
        previous=Meeting.objects.filter(series=series, number=parsed.number - 1).first(),
    )
    existing = Meeting.objects.select_for_update().filter(series=series, number=parsed.number).first()
    if existing and not replace:
        raise MeetingError(f"{existing.title} 已存在；若要以新文字取代，請加上 --replace。")
    if existing and existing.is_signed:
        raise MeetingError(f"{existing.title} 已簽核，不能以匯入取代；請以更正紀錄處理。")
    if existing:
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.version += 1
        existing.save()
        existing.sections.all().delete()
        meeting = existing
    else:
        meeting = Meeting.objects.create(series=series, number=parsed.number, **fields)
    Meeting.objects.filter(series=series, number=parsed.number + 1, previous__isnull=True).update(previous=meeting)

    units = {}
    for s_order, ps in enumerate(parsed.sections, 1):
        section = Section.objects.create(
            meeting=meeting,
            number=ps.number,
            order=s_order,
            title=ps.title,
            body="\n".join(ps.body),
            conclusion_label=ps.conclusion.label if ps.conclusion else "會議結論",
        )
        _write_conclusion(ps.conclusion, section=section, item=None)
        for i_order, pi in enumerate(ps.items, 1):
            item = AgendaItem.objects.create(
                section=section,
                order=i_order,
                title=pi.title,
                body="\n".join(pi.body),
                conclusion_label=pi.conclusion.label if pi.conclusion else "會議結論",
            )
            for r_order, pr in enumerate(pi.reports, 1):
                unit = None
                if pr.unit:
                    if pr.unit not in units:
                        units[pr.unit], _ = Unit.objects.get_or_create(name=pr.unit)
                    unit = units[pr.unit]
                report = SupplementaryReport.objects.create(
                    item=item,
                    order=r_order,
                    unit=unit,
                    reporter_surname=pr.surname,
                    reporter_title=pr.title,
                    heading=pr.heading,
                )
                ReportPoint.objects.bulk_create(
                    ReportPoint(report=report, order=p, text=text) for p, text in enumerate(pr.points, 1)
                )
            _write_conclusion(pi.conclusion, section=section, item=item)
    return meeting


def ensure_editable(meeting: Meeting) -> None:
    """Signed minutes are frozen: every write to a meeting's content calls this first."""
    if meeting.is_signed:
        raise MeetingError(f"{meeting.title} 已簽核，不能再修改；如需更正，請以更正紀錄辦理。")
