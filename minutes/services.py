"""Writes to the meeting record: every change to a meeting goes through a function here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

import audit
from minutes import bounds, documents, extensions
from minutes.errors import MeetingError, MeetingExistsError, SignedRecordError
from minutes.models import (
    HEADER_LABEL_CHOICES,
    AgendaItem,
    Amendment,
    Conclusion,
    Meeting,
    MeetingSeries,
    Office,
    RecordTable,
    ReportPoint,
    Section,
    SupplementaryReport,
    Unit,
    sole_office_id,
)
from minutes.reader import ParsedConclusion, ParsedItem, ParsedMeeting, ParsedSection, numerals, rocdate
from minutes.reader.parsed import Text, line_of
from minutes.validators import contains_html

__all__ = ["MeetingError", "MeetingExistsError", "SignedRecordError", "StaleMeetingError"]


def series_get_or_create(*, office: Office, organisation: str, kind: str) -> MeetingSeries:
    # get_or_create already retries the get when another transaction created the row first.
    series, _ = MeetingSeries.objects.get_or_create(office=office, organisation=organisation, kind=kind)
    return series


@transaction.atomic
def series_set_labels(*, series: MeetingSeries, user, labels: dict[str, str]) -> MeetingSeries:
    """The header labels a series' records write, for the meetings typed in the browser. A signed meeting keeps
    the labels it was signed with; an imported one keeps those its record wrote."""
    unknown = [f"{name}：{label}" for name, label in labels.items() if label not in HEADER_LABEL_CHOICES.get(name, ())]
    if unknown:
        raise MeetingError("不認得的表頭用語：" + "、".join(unknown))
    series = MeetingSeries.objects.select_for_update().get(pk=series.pk)
    if series.labels != labels:
        series.labels = labels
        series.full_clean()
        series.save(update_fields=["labels"])
    return series


def series_set_case_scheme(*, series: MeetingSeries, scheme: str, prefix: str = "", user=None) -> MeetingSeries:
    """The recorder chooses how the series numbers its tracked cases (casenumbers.SCHEMES). Refused once a case
    has a number in the series: its number and every later one must stay as they were written."""
    with transaction.atomic():
        series = _lock_series(series)
        if (series.case_scheme, series.case_prefix) == (scheme, prefix):
            return series
        refusal = extensions.case_scheme_refusal(series)
        if refusal:
            raise MeetingError(f"{series}{refusal}，列管案號的編號方式不能再變更（已編的案號不會改號）。")
        series.case_scheme, series.case_prefix = scheme, prefix
        try:
            series.full_clean()
        except ValidationError as exc:
            raise MeetingError("；".join(message for messages in exc.message_dict.values() for message in messages)) from exc
        series.save(update_fields=["case_scheme", "case_prefix"])
    return series


def office_or_sole(office: Office | None) -> Office:
    """The office named, or the one office of an install that has a single one."""
    if office is not None:
        return office
    sole = sole_office_id()
    if sole is None:
        raise MeetingError("這個系統有多個機關：匯入時請指定機關。")
    return Office.objects.get(pk=sole)


def _lock_series(series: MeetingSeries) -> MeetingSeries:
    """Creating a meeting locks its series: two requests creating the same number wait for each other, and the
    second finds the first's meeting instead of failing on the unique constraint."""
    return MeetingSeries.objects.select_for_update().get(pk=series.pk)


def _write_conclusion(parsed: ParsedConclusion | None, *, section: Section, item: AgendaItem | None) -> None:
    if parsed is None:
        return
    Conclusion.objects.bulk_create(
        Conclusion(section=section, item=item, order=i, text=text) for i, text in enumerate(parsed.points, 1)
    )


def _split_tables(holder: ParsedSection | ParsedItem) -> tuple[str, list[RecordTable]]:
    """A parsed body without the paragraphs of its tables (a heading line and a row to a paragraph, as the reader
    gives them), and the tables, each placed after the paragraphs that precede it: the table is their one truth."""
    in_tables = {line for table in holder.tables for line in (table.line, *(row.line for row in table.rows))}
    kept = [paragraph for paragraph in holder.body if line_of(paragraph) not in in_tables]
    tables = []
    for order, table in enumerate(holder.tables, 1):
        position = sum(1 for paragraph in kept if line_of(paragraph) < table.line)
        rows = [list(row.cells) for row in table.rows]
        tables.append(RecordTable(order=order, position=position, headings=list(table.headings), rows=rows))
    return "\n".join(kept), tables


def _write_tables(tables: list[RecordTable], *, section: Section, item: AgendaItem | None) -> None:
    for table in tables:
        table.section, table.item = section, item
    RecordTable.objects.bulk_create(tables)


def _too_long(model, line: int, **values) -> None:
    for name, value in values.items():
        field = model._meta.get_field(name)
        if field.max_length and value and len(value) > field.max_length:
            where = f"第 {line} 行：" if line else ""
            raise MeetingError(f"{where}{field.verbose_name}超過 {field.max_length} 字（目前 {len(value)} 字），請縮短後再匯入。")


def html_in_parsed(parsed: ParsedMeeting) -> tuple[int, str] | None:
    """The line of the first text of a parsed record that contains markup, for the paste-import page: each
    piece of parsed text knows the line it stands on (reader.Text), so the message names that line."""
    header = [parsed.place, parsed.chair, parsed.recorder, parsed.attendees, parsed.observers, parsed.absentees]
    for value in [*header, *parsed.attachments]:
        if contains_html(value):
            return (line_of(value, 1), "表頭欄位含有 HTML 標記" if value in header else "附件含有 HTML 標記")
    for section in parsed.sections:
        texts = [Text(section.title, section.line), *section.body, *_points(section.conclusion)]
        if (line := _first_with_html(texts, section.line)) is not None:
            return (line, "段落含有 HTML 標記")
        for item in section.items:
            texts = [Text(item.title, item.line), *item.body, *_points(item.conclusion)]
            for report in item.reports:
                texts += [Text(report.heading, report.line), *report.points]
            if (line := _first_with_html(texts, item.line)) is not None:
                return (line, "案由含有 HTML 標記")
    return None


def _points(conclusion) -> list[str]:
    return list(conclusion.points) if conclusion is not None else []


def _first_with_html(texts: list[str], default: int) -> int | None:
    return next((line_of(text, default) for text in texts if contains_html(text)), None)


def check_parsed(parsed: ParsedMeeting) -> None:
    """What the forms enforce, for a record that comes in as text: refused with the field and its line."""
    if not bounds.fits(Meeting, "number", parsed.number):
        raise MeetingError(f"第 1 行：會次 {parsed.number} 超出可登錄的範圍。")
    bad = html_in_parsed(parsed)
    if bad:
        raise MeetingError(f"第 {bad[0]} 行：{bad[1]}；紀錄只收純文字。")
    _too_long(MeetingSeries, 1, organisation=parsed.organisation, kind=parsed.kind)
    _too_long(Meeting, 0, place=parsed.place, chair=parsed.chair, recorder=parsed.recorder,
              attendees=parsed.attendees, observers=parsed.observers, absentees=parsed.absentees,
              attachments="\n".join(parsed.attachments))
    for section in parsed.sections:
        label = section.conclusion.label if section.conclusion else ""
        _too_long(Section, section.line, title=section.title, body="\n".join(section.body), conclusion_label=label)
        conclusions = [section.conclusion]
        for item in section.items:
            label = item.conclusion.label if item.conclusion else ""
            _too_long(AgendaItem, item.line, title=item.title, body="\n".join(item.body), conclusion_label=label)
            conclusions.append(item.conclusion)
            for report in item.reports:
                _too_long(SupplementaryReport, report.line, heading=report.heading,
                          reporter_surname=report.surname, reporter_title=report.title)
                _too_long(Unit, report.line, name=report.unit)
                for point in report.points:
                    _too_long(ReportPoint, report.line, text=point)
        for conclusion in filter(None, conclusions):
            for point in conclusion.points:
                _too_long(Conclusion, conclusion.line, text=point)


@transaction.atomic
def parsed_wording(parsed: ParsedMeeting) -> dict:
    """The record's own words as the meeting keeps them (Meeting.wording): only what the record wrote."""
    words = parsed.wording
    kept = {
        "title": getattr(words, "title", ""),
        "labels": dict(getattr(words, "labels", {}) or {}),
        # The fields in the record's order: PostgreSQL's jsonb keeps a dict's keys in an order of its own.
        "order": list(getattr(words, "labels", {}) or {}),
        "time": getattr(words, "time", ""),
        "date": getattr(words, "date", ""),
        "adjournment": getattr(words, "adjournment", ""),
        "header_numbered": getattr(words, "header_numbered", ""),
    }
    return {key: value for key, value in kept.items() if value}


def numbering_template(item: ParsedItem) -> str:
    """提案一 → 提案{}, 第一案 → 第{}案, 案由一 → 案由{}; "" for an item numbered 一、 1. (一), printed so anyway."""
    written = getattr(item.wording, "numbering", "") or ""
    numeral = numerals.to_zh(item.number)
    if written == numeral or numeral not in written or not re.search(r"[^\d一二三四五六七八九十百()（）]", written):
        return ""
    return written.replace(numeral, "{}", 1)


def lines_above_title(item: ParsedItem) -> int:
    """How many of a proposal's body lines the record writes above its 案由 line (提案單位：教務處)."""
    title_line = line_of(item.title) or next((part.line for part in item.parts if part.label == "案由"), 0)
    count = 0
    for line in item.body:
        if not title_line or not line_of(line) or line_of(line) >= title_line:
            break
        count += 1
    return count


def meeting_import(parsed: ParsedMeeting, *, office: Office, replace: bool = False, user=None) -> Meeting:
    """Create (or, with replace, rewrite) a meeting of the office and all its parts from a parsed record."""
    check_parsed(parsed)
    series = _lock_series(series_get_or_create(office=office, organisation=parsed.organisation, kind=parsed.kind))
    starts_at = timezone.make_aware(parsed.starts_at, timezone.get_default_timezone())
    fields = {
        "starts_at": starts_at,
        "adjourned_at": parsed.adjourned_at,
        "place": parsed.place,
        "chair": parsed.chair,
        "recorder": parsed.recorder,
        "attendees": parsed.attendees,
        "observers": parsed.observers,
        "absentees": parsed.absentees,
        "attachments": "\n".join(parsed.attachments),
        "wording": parsed_wording(parsed),
        "previous": Meeting.objects.filter(series=series, number=parsed.number - 1).first(),
    }
    existing = Meeting.objects.select_for_update().filter(series=series, number=parsed.number).first()
    if existing and not replace:
        raise MeetingExistsError(existing)
    if existing and existing.is_signed:
        raise SignedRecordError(f"{existing.title} 已簽核，不能以匯入取代；請以更正紀錄處理。")
    if existing:
        for name, value in fields.items():
            setattr(existing, name, value)
        meeting = existing
        for section in meeting.sections.all():
            section._history_user = user
            _delete(section, what="原有的段落")
        _touch(meeting, user=user, reason="以匯入的文字取代紀錄", fields=tuple(fields), notify=False)
    else:
        meeting = Meeting(series=series, number=parsed.number, **fields)
        meeting._history_user = user
        meeting._change_reason = "匯入會議紀錄"
        meeting.save()
    _link_next(meeting, user=user)

    units = {}
    for s_order, ps in enumerate(parsed.sections, 1):
        body, tables = _split_tables(ps)
        section = Section.objects.create(
            meeting=meeting,
            number=ps.number,
            order=s_order,
            title=ps.title,
            body=body,
            conclusion_label=ps.conclusion.label if ps.conclusion else "會議結論",
        )
        _write_tables(tables, section=section, item=None)
        _write_conclusion(ps.conclusion, section=section, item=None)
        for pi in ps.items:
            body, tables = _split_tables(pi)
            # The order is the numeral the record gives (一、二、四 or, numbered across sections, 三、四),
            # so the pages and the PDF show it as the record wrote it.
            item = AgendaItem.objects.create(
                section=section,
                order=pi.number,
                title=pi.title,
                body=body,
                conclusion_label=pi.conclusion.label if pi.conclusion else "會議結論",
                numbering=numbering_template(pi),
                lines_above_title=lines_above_title(pi),
            )
            _write_tables(tables, section=section, item=item)
            for r_order, pr in enumerate(pi.reports, 1):
                unit = None
                if pr.unit:
                    if pr.unit not in units:
                        units[pr.unit], _ = Unit.objects.get_or_create(office=office, name=pr.unit)
                    unit = units[pr.unit]
                report = SupplementaryReport.objects.create(
                    item=item,
                    order=r_order,
                    unit=unit,
                    reporter_surname=pr.surname,
                    reporter_title=pr.title,
                    heading=pr.heading,
                    label=pr.label,
                )
                ReportPoint.objects.bulk_create(
                    ReportPoint(report=report, order=p, text=text) for p, text in enumerate(pr.points, 1)
                )
            _write_conclusion(pi.conclusion, section=section, item=item)
    return meeting


def _link_next(meeting: Meeting, *, user) -> None:
    """An older meeting imported after its successor: the successor's draft learns its previous meeting.

    A signed successor is left as it was signed; the series' order is by number anyway.
    """
    following = Meeting.objects.select_for_update().filter(
        series=meeting.series, number=meeting.number + 1, previous__isnull=True, status=Meeting.Status.DRAFT
    ).first()
    if following is not None:
        following.previous = meeting
        _touch(following, user=user, reason=f"連結上次會議（第 {meeting.number} 次）", fields=("previous",),
               notify=False)


@transaction.atomic
def record_import(
    parsed: ParsedMeeting, *, office: Office | None = None, replace: bool = False, dry_run: bool = False, user=None
) -> Meeting:
    """Write a parsed record with everything the installed apps take from it (tracking: the decisions it states),
    all or nothing. What the apps will tell the user of it is extensions.import_preview(parsed).

    A dry run imports and rolls back, so it refuses whatever saving would refuse and saves nothing.
    """
    check_parsed(parsed)
    office = office_or_sole(office)
    in_office = {"series__office": office, "series__organisation": parsed.organisation, "series__kind": parsed.kind}
    existing = Meeting.objects.filter(**in_office, number=parsed.number).first()
    kept = {}
    if replace and existing is not None and not existing.is_signed:
        kept = {extension: extension.before_replace(existing) for extension in extensions.registered()}
    try:
        with transaction.atomic():
            meeting = meeting_import(parsed, office=office, replace=replace, user=user)
    except IntegrityError as exc:
        # Another import of the same meeting committed first (the series lock makes this rare).
        raced = Meeting.objects.filter(**in_office, number=parsed.number).first()
        if raced is None:
            raise
        raise MeetingExistsError(raced) from exc
    for extension in extensions.registered():
        extension.imported(meeting, parsed, user=user, kept=kept.get(extension))
    if dry_run:
        transaction.set_rollback(True)
    return meeting


def ensure_editable(meeting: Meeting) -> None:
    """Signed minutes are frozen: every write to a meeting's content calls this first."""
    if meeting.is_signed:
        raise SignedRecordError(f"{meeting.title} 已簽核，不能再修改；如需更正，請以更正紀錄辦理。")


# ---------------------------------------------------------------------------------------------------------
# Editing in the browser. Every write locks the meeting row, refuses a signed meeting and a stale form,
# changes what it must, then bumps Meeting.version and saves the meeting with a one-line reason, so the
# meeting's own history (simple_history) tells who changed what and when.


class StaleMeetingError(MeetingError):
    """The part being saved (or one of its parents) changed after the form was read; `changes` lists what others
    saved since."""

    def __init__(self, meeting: Meeting, version: int, changes: list[dict], *, what: str = "這次儲存"):
        self.meeting = meeting
        self.version = version
        self.changes = changes
        super().__init__(
            f"這份紀錄在您開啟之後已被修改（您的版本 {version}，目前版本 {meeting.version}），"
            f"為避免覆蓋他人的修改，{what}沒有生效。"
        )


def meeting_changes_since(meeting: Meeting, version: int) -> list[dict]:
    """What was saved after `version`: who, when, what (from the meeting's history), oldest first."""
    records = (
        meeting.history.filter(version__gt=version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    return [
        {
            "who": (r.history_user.get_full_name() or r.history_user.username) if r.history_user else "系統",
            "when": r.history_date,
            "what": r.history_change_reason or "修改",
            "version": r.version,
        }
        for r in records
    ]


def _field_label(name: str) -> str:
    return str(Meeting._meta.get_field(name).verbose_name)


# What a part's form shows of the part itself and of its parents: a stale form conflicts only when one of these
# changed since it was read, not when someone edited another part of the meeting.
_CONTENT_FIELDS: dict[type, tuple[str, ...]] = {
    Meeting: ("number", "starts_at", "adjourned_at", "place", "chair", "recorder", "attendees", "observers",
              "absentees", "attachments"),
    Section: ("number", "title", "body", "conclusion_label"),
    AgendaItem: ("section_id", "title", "body", "conclusion_label"),
    SupplementaryReport: ("item_id", "unit_id", "reporter_surname", "reporter_title", "heading", "label"),
    ReportPoint: ("report_id", "text"),
    Conclusion: ("section_id", "item_id", "text"),
}


def _with_parents(part) -> list:
    """The part and the parts above it, up to (not including) the meeting."""
    chain = []
    while part is not None and not isinstance(part, Meeting):
        chain.append(part)
        part = next(
            (getattr(part, name) for name in ("item", "report", "section") if getattr(part, f"{name}_id", None)),
            None,
        )
    return chain


def _unchanged_since(meeting: Meeting, version: int, parts) -> bool:
    """Whether every part (and parent) reads now as it read when the meeting was at `version`."""
    then = meeting.history.filter(version=version).order_by("-history_date", "-history_id").first()
    if then is None:
        return False
    for part in parts:
        fields = _CONTENT_FIELDS[type(part)]
        try:
            old = part.history.as_of(then.history_date)
        except ObjectDoesNotExist:
            return False  # the part did not exist yet: the form cannot have shown it
        now = type(part).objects.filter(pk=part.pk).values(*fields).first()
        if now is None or any(getattr(old, name) != now[name] for name in fields):
            return False
    return True


def _lock(meeting_id: int, *, version: int | None, parts=(), whole: bool = False, what: str = "這次儲存") -> Meeting:
    """Lock the meeting, refuse a signed one, and refuse a form read before someone changed what it shows.

    `parts` are the part being saved and its parents; `whole` (signing) asks that nothing at all changed.
    """
    meeting = Meeting.objects.select_for_update().select_related("series").get(pk=meeting_id)
    ensure_editable(meeting)
    if version is None or int(version) == meeting.version:
        return meeting
    version = int(version)
    if whole or not _unchanged_since(meeting, version, parts):
        raise StaleMeetingError(meeting, version, meeting_changes_since(meeting, version), what=what)
    return meeting


# The meetings whose writes are being gathered into one change (see one_change).
_gathering: ContextVar[frozenset[int]] = ContextVar("gathering", default=frozenset())


@contextmanager
def one_change(meeting: Meeting, *, user, reason: str) -> Iterator[Meeting]:
    """Several writes of the record as one change of it: one version, one history row, one check by the apps.

    The services called inside write their parts as usual but leave the version and the history to the end;
    nested, the outermost one writes them.
    """
    with transaction.atomic():
        meeting = _lock(meeting.pk, version=None)
        outer = _gathering.get()
        token = _gathering.set(outer | {meeting.pk})
        try:
            yield meeting
        finally:
            _gathering.reset(token)
        if meeting.pk not in outer:
            meeting.refresh_from_db(fields=["version"])
            _touch(meeting, user=user, reason=reason)


def _touch(meeting: Meeting, *, user, reason: str, fields: tuple[str, ...] = (), notify: bool = True) -> None:
    """The one place a change of the record is written down: the version moves on, the meeting's history gets a
    row saying who changed what, and the installed apps bring what they derive from the record in step (they
    may refuse, which rolls the whole change back)."""
    if meeting.pk in _gathering.get():
        if fields:
            meeting.save(update_fields=["updated_at", *fields])
        return  # written once, by the one_change gathering it
    meeting.version += 1
    meeting._history_user = user
    meeting._change_reason = reason[:100]
    meeting.save(update_fields=["version", "updated_at", *fields])
    if notify:
        extensions.record_changed(meeting, user=user)


def _save(obj, *, user, fields: list[str] | None = None) -> None:
    obj.full_clean()
    obj._history_user = user
    if fields is None or obj.pk is None:
        obj.save()
    else:
        obj.save(update_fields=fields)


def _short(text: str, n: int = 20) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _renumber(queryset, *, user=None) -> list:
    """Orders 1..n in the current order, saved (with their history) only where they differ."""
    rows = list(queryset.order_by("order", "id"))
    for i, row in enumerate(rows, 1):
        if row.order != i:
            row.order = i
            row._history_user = user
            row.save(update_fields=["order"])
    return rows


def _move(obj, siblings, direction: str, *, user=None, swap: tuple[str, ...] = ("order",)) -> bool:
    """Swap a part with its neighbour; `swap` names the fields that trade places (a section's numeral too)."""
    if direction not in ("up", "down"):
        return False
    rows = _renumber(siblings, user=user)
    index = next(i for i, row in enumerate(rows) if row.pk == obj.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(rows):
        return False
    a, b = rows[index], rows[other]
    for name in swap:
        a_value, b_value = getattr(a, name), getattr(b, name)
        setattr(a, name, b_value)
        setattr(b, name, a_value)
    for row in (a, b):
        row._history_user = user
        row.save(update_fields=list(swap))
    return True


def _next_order(queryset) -> int:
    last = queryset.order_by("-order").values_list("order", flat=True).first()
    return (last or 0) + 1


def _delete(obj, *, what: str) -> None:
    try:
        obj.delete()
    except ProtectedError as exc:
        raise MeetingError(f"{what}含有已列管的結論，不能刪除；請先處理列管案件。") from exc


# --- the meeting itself -----------------------------------------------------------------------------------


def _check_header(meeting: Meeting) -> None:
    try:
        meeting.full_clean(exclude=["series", "previous", "signed_by"])
    except ValidationError as exc:
        raise MeetingError("；".join(m for msgs in exc.message_dict.values() for m in msgs)) from exc
    clash = Meeting.objects.filter(series=meeting.series, number=meeting.number).exclude(pk=meeting.pk)
    if clash.exists():
        raise MeetingError(f"{meeting.series}第 {meeting.number} 次會議已經存在。")
    # Meetings of a series follow each other: N cannot be held before N−1 or after N+1.
    day = timezone.localtime(meeting.starts_at).date()
    neighbours = Meeting.objects.filter(series=meeting.series, number__in=[meeting.number - 1, meeting.number + 1])
    for other in neighbours.exclude(pk=meeting.pk):
        other_day = timezone.localtime(other.starts_at).date()
        if (other.number < meeting.number and day < other_day) or (other.number > meeting.number and day > other_day):
            relation = "早於" if day < other_day else "晚於"
            raise MeetingError(
                f"第 {meeting.number} 次會議的日期（{rocdate.format_roc_date(day)}）{relation}"
                f"第 {other.number} 次會議（{rocdate.format_roc_date(other_day)}），請確認日期與會次。"
            )


def _check_number_change(meeting: Meeting, old_number: int) -> None:
    """Case numbers are made of the meeting number (10801 = meeting 108, case 01): once a case was opened or
    reviewed at this meeting, its number is fixed."""
    reason = extensions.renumber_refusal(meeting)
    if reason:
        raise MeetingError(f"第 {old_number} 次會議{reason}，會次不能再變更（列管案號是依會次編定的）。")


def _check_number(number) -> None:
    if not isinstance(number, int) or number < 1 or not bounds.fits(Meeting, "number", number):
        raise MeetingError(f"會次「{number}」超出可登錄的範圍。")


@transaction.atomic
def meeting_create(*, user, series: MeetingSeries, number: int, starts_at, **header) -> Meeting:
    """A new draft meeting with the header fields given and no sections yet."""
    _check_number(number)
    series = _lock_series(series)
    meeting = Meeting(series=series, number=number, starts_at=starts_at, **header)
    if meeting.previous_id is None:
        meeting.previous = Meeting.objects.filter(series=series, number=number - 1).first()
    _check_header(meeting)
    meeting._history_user = user
    meeting._change_reason = "建立會議紀錄"
    meeting.save()
    return meeting


def previous_minutes_title(previous: Meeting) -> str:
    """宣讀 110 年 12 月 16 日第 107 次處務會議紀錄。"""
    day = timezone.localtime(previous.starts_at).date()
    return f"宣讀 {rocdate.format_roc_date(day)}第 {previous.number} 次{previous.series.meeting_name}紀錄。"


_REVIEW_ITEM_RE = re.compile(r"^第\s*\d+\s*次(.*結論事項辦理情形報告.*)$")


@transaction.atomic
def meeting_create_from_previous(*, user, previous: Meeting, starts_at, **header) -> Meeting:
    """Meeting N+1 of the same series: chair and place copied, the previous minutes' section pre-filled,
    the other sections' headings kept with their numerals, and the review of tracked items carried on."""
    previous = Meeting.objects.select_related("series").get(pk=previous.pk)
    header.setdefault("chair", previous.chair)
    header.setdefault("place", previous.place)
    header.setdefault("recorder", previous.recorder)
    header.setdefault("attendees", previous.attendees)
    header["previous"] = previous
    meeting = meeting_create(
        user=user, series=previous.series, number=header.pop("number", previous.number + 1),
        starts_at=starts_at, **header,
    )
    sections = list(previous.sections.prefetch_related("items").order_by("order", "id"))
    reading = Section(meeting=meeting, number=1, order=1, title=previous_minutes_title(previous))
    _save(reading, user=user)
    for order, old in enumerate(sections[1:], 2):
        section = Section(
            meeting=meeting, number=old.number, order=order, title=old.title,
            conclusion_label=old.conclusion_label,
        )
        _save(section, user=user)
        for old_item in old.items.all():
            match = _REVIEW_ITEM_RE.match(old_item.title)
            if match:
                _save(
                    AgendaItem(
                        section=section, order=1, title=f"第 {previous.number} 次{match.group(1)}",
                        conclusion_label=old_item.conclusion_label,
                    ),
                    user=user,
                )
                break
    _touch(meeting, user=user, reason=f"以第 {previous.number} 次會議為底建立")
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, user, version: int | None, **fields) -> Meeting:
    """Change the header fields; refused when signed, or when the header changed since the form was read."""
    meeting = _lock(meeting.pk, version=version, parts=[meeting])
    changed = [name for name, value in fields.items() if getattr(meeting, name) != value]
    for name in changed:
        setattr(meeting, name, fields[name])
    if not changed:
        return meeting
    if _drop_stale_wording(meeting, changed):
        changed.append("wording")
    if "number" in changed:
        _check_number(meeting.number)
        _check_number_change(meeting, Meeting.objects.values_list("number", flat=True).get(pk=meeting.pk))
        meeting.previous = Meeting.objects.filter(series=meeting.series, number=meeting.number - 1).first()
        changed.append("previous")
    _check_header(meeting)
    labels = "、".join(_field_label(n) for n in changed if n != "previous")
    _touch(meeting, user=user, reason=f"修改會議資訊：{labels}", fields=tuple(changed))
    return meeting


# The words a record wrote for a field, which stop being true when the field is changed: the title names the
# number, the date and time as written name the start, the adjournment as written names its time.
_WORDING_OF_FIELD = {"number": ("title",), "starts_at": ("time", "date"), "adjourned_at": ("adjournment",)}


def _drop_stale_wording(meeting: Meeting, changed: list[str]) -> bool:
    stale = [key for name in changed for key in _WORDING_OF_FIELD.get(name, ()) if key in meeting.wording]
    if stale:
        meeting.wording = {key: value for key, value in meeting.wording.items() if key not in stale}
    return bool(stale)


@transaction.atomic
def meeting_delete(*, meeting: Meeting, user) -> None:
    """Delete a draft (a meeting entered by mistake); refused for a signed one and for one that holds cases."""
    meeting = _lock(meeting.pk, version=None)
    reason = extensions.renumber_refusal(meeting)
    if reason:
        raise MeetingError(f"{meeting.title}{reason}，不能刪除。")
    meeting._history_user = user
    _delete(meeting, what="這次會議")


def sign_problems(meeting: Meeting) -> list[str]:
    """Why the record is not whole enough to sign: numerals, the previous meeting, what the apps find."""
    problems = []
    sections = list(meeting.sections.order_by("order", "id"))
    seen: dict[int, Section] = {}
    for before, section in zip([None, *sections], sections, strict=False):
        if section.number in seen:
            problems.append(
                f"段落編號「{section.numeral}」重複（「{_short(seen[section.number].title)}」與「{_short(section.title)}」）。"
            )
        elif before is not None and section.number < before.number:
            problems.append(f"段落編號未依序：「{section.numeral}、{_short(section.title)}」排在「{before.numeral}」之後。")
        seen.setdefault(section.number, section)
    previous = Meeting.objects.filter(series=meeting.series, number=meeting.number - 1).first()
    if previous is not None and not previous.is_signed:
        problems.append(
            f"上一次會議（{previous.title}）尚未簽核：本次會議確認上次的紀錄，請先簽核第 {previous.number} 次。"
        )
    problems.extend(extensions.sign_problems(meeting))
    return problems


class SignRefusedError(MeetingError):
    """The record is not whole; `problems` lists why, each in a sentence."""

    def __init__(self, meeting: Meeting, problems: list[str]):
        self.problems = problems
        super().__init__(f"{meeting.title} 尚不能簽核，簽核沒有完成：" + "".join(problems))


@transaction.atomic
def meeting_sign(meeting: Meeting, user, *, version: int | None = None) -> Meeting:
    """The chair signs: the meeting is frozen and its PDF rendered once and stored with its hash."""
    meeting = _lock(meeting.pk, version=version, whole=True, what="簽核")
    problems = sign_problems(meeting)
    if problems:
        raise SignRefusedError(meeting, problems)
    meeting.status = Meeting.Status.SIGNED
    meeting.signed_by = user
    meeting.signed_at = timezone.now()
    # A meeting typed in the browser is printed with its series' labels: signed, it keeps those it was signed with.
    if "labels" not in meeting.wording and meeting.series.labels:
        meeting.wording = {**meeting.wording, "labels": dict(meeting.series.labels)}
    _touch(meeting, user=user, reason="主席簽核", fields=("status", "signed_by", "signed_at", "wording"),
           notify=False)
    record = documents.signed_record_create(meeting)
    audit.record(audit.Action.MEETING_SIGN, user=user, target=meeting, detail=f"SHA-256 {record.sha256}")
    return meeting


@transaction.atomic
def meeting_amend(
    meeting: Meeting, user, *, reason: str, changes: str, decided_at: Meeting | None = None
) -> Amendment:
    """A correction after signing: the signed content stays as signed, and a new version of the document of
    record prints it with every amendment so far; the earlier versions stay stored and verifiable."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("series", "signed_by").get(pk=meeting.pk)
    if not meeting.is_signed:
        raise MeetingError("草稿尚未簽核，請直接修改內容，不需更正紀錄。")
    if decided_at is not None and (decided_at.series_id != meeting.series_id or decided_at.number <= meeting.number):
        raise MeetingError("決定更正的會議必須是同一會議系列中，在這次會議之後的會議。")
    amendment = Amendment(
        meeting=meeting, author=user, reason=reason.strip(), changes=changes.strip(), decided_at=decided_at
    )
    try:
        amendment.full_clean()
    except ValidationError as exc:
        raise MeetingError("；".join(m for msgs in exc.message_dict.values() for m in msgs)) from exc
    amendment.save()
    record = documents.signed_record_create(meeting, amendment=amendment)
    audit.record(audit.Action.MEETING_AMEND, user=user, target=meeting,
                 detail=f"第 {record.version} 版，SHA-256 {record.sha256}：{amendment.reason}")
    return amendment


# --- sections ---------------------------------------------------------------------------------------------

SECTION_FIELDS = ("number", "title", "body", "conclusion_label")
ITEM_FIELDS = ("title", "body", "conclusion_label")
REPORT_FIELDS = ("unit", "reporter_surname", "reporter_title", "heading", "label")


def _apply(obj, data: dict, allowed: tuple[str, ...]) -> list[str]:
    changed = []
    for name in allowed:
        if name in data and getattr(obj, name) != data[name]:
            setattr(obj, name, data[name])
            changed.append(name)
    return changed


def _check_section_number(section: Section) -> None:
    """The record's numerals run in order with gaps (壹、參、肆), never twice and never backwards."""
    others = Section.objects.filter(meeting_id=section.meeting_id).exclude(pk=section.pk)
    clash = others.filter(number=section.number).first()
    if clash is not None:
        raise MeetingError(f"段落編號「{section.numeral}」已用於「{_short(clash.title)}」；每個段落編號只能使用一次。")
    before = others.filter(order__lt=section.order).order_by("-order", "-id").first()
    after = others.filter(order__gt=section.order).order_by("order", "id").first()
    if before is not None and section.number < before.number:
        raise MeetingError(
            f"段落編號「{section.numeral}」不能排在「{before.numeral}、{_short(before.title)}」之後；段落編號須依序。"
        )
    if after is not None and section.number > after.number:
        raise MeetingError(
            f"段落編號「{section.numeral}」不能排在「{after.numeral}、{_short(after.title)}」之前；段落編號須依序。"
        )


@transaction.atomic
def section_create(*, meeting: Meeting, user, version: int | None, **data) -> Section:
    meeting = _lock(meeting.pk, version=version)
    section = Section(meeting=meeting, order=_next_order(meeting.sections.all()))
    _apply(section, data, SECTION_FIELDS)
    _check_section_number(section)
    _save(section, user=user)
    _touch(meeting, user=user, reason=f"新增段落：{section.numeral}、{_short(section.title)}")
    return section


@transaction.atomic
def section_update(*, section: Section, user, version: int | None, **data) -> Section:
    meeting = _lock(section.meeting_id, version=version, parts=_with_parents(section))
    section = Section.objects.get(pk=section.pk)
    changed = _apply(section, data, SECTION_FIELDS)
    if changed:
        if "number" in changed:
            _check_section_number(section)
        _save(section, user=user, fields=changed)
        _touch(meeting, user=user, reason=f"修改段落：{section.numeral}、{_short(section.title)}")
    return section


@transaction.atomic
def section_delete(*, section: Section, user, version: int | None) -> None:
    meeting = _lock(section.meeting_id, version=version, parts=_with_parents(section))
    label = f"{section.numeral}、{_short(section.title)}"
    section._history_user = user
    _delete(section, what="這個段落")
    _touch(meeting, user=user, reason=f"刪除段落：{label}")


@transaction.atomic
def section_move(*, section: Section, user, version: int | None, direction: str) -> None:
    """Sections trade places and keep the numerals in place, so the agenda still runs in order (壹、參、肆)."""
    meeting = _lock(section.meeting_id, version=version)
    if _move(section, meeting.sections.all(), direction, user=user, swap=("order", "number")):
        _touch(meeting, user=user, reason=f"調整段落順序：{_short(section.title)}")


# --- agenda items -----------------------------------------------------------------------------------------


@transaction.atomic
def item_create(
    *, section: Section, user, version: int | None, conclusions: list[str] = (), **data
) -> AgendaItem:
    """An item at the end of its section, with the conclusions given (one change of the record, not several)."""
    meeting = _lock(section.meeting_id, version=version, parts=_with_parents(section))
    item = AgendaItem(section=section, order=_next_order(section.items.all()))
    _apply(item, data, ITEM_FIELDS)
    _save(item, user=user)
    for order, text in enumerate(conclusions, 1):
        _save(Conclusion(section=section, item=item, order=order, text=text), user=user)
    _touch(meeting, user=user, reason=f"新增案由：{_short(item.title)}")
    return item


@transaction.atomic
def item_update(*, item: AgendaItem, user, version: int | None, **data) -> AgendaItem:
    meeting = _lock(item.section.meeting_id, version=version, parts=_with_parents(item))
    item = AgendaItem.objects.get(pk=item.pk)
    changed = _apply(item, data, ITEM_FIELDS)
    if changed:
        _save(item, user=user, fields=changed)
        _touch(meeting, user=user, reason=f"修改案由：{_short(item.title)}")
    return item


@transaction.atomic
def item_delete(*, item: AgendaItem, user, version: int | None) -> None:
    meeting = _lock(item.section.meeting_id, version=version, parts=_with_parents(item))
    label = _short(item.title)
    item._history_user = user
    _delete(item, what="這個案由")
    # the items after it move up a number
    _renumber(AgendaItem.objects.filter(section_id=item.section_id), user=user)
    _touch(meeting, user=user, reason=f"刪除案由：{label}")


@transaction.atomic
def item_move(*, item: AgendaItem, user, version: int | None, direction: str) -> None:
    meeting = _lock(item.section.meeting_id, version=version)
    if _move(item, AgendaItem.objects.filter(section_id=item.section_id), direction, user=user):
        _touch(meeting, user=user, reason=f"調整案由順序：{_short(item.title)}")


# --- supplementary reports and their points ---------------------------------------------------------------


@transaction.atomic
def report_create(
    *, item: AgendaItem, user, version: int | None, points: list[str] = (), **data
) -> SupplementaryReport:
    meeting = _lock(item.section.meeting_id, version=version, parts=_with_parents(item))
    report = SupplementaryReport(item=item, order=_next_order(item.reports.all()))
    _apply(report, data, REPORT_FIELDS)
    if not report.reporter:
        raise MeetingError("請填寫報告的組室與報告人，或報告人原文。")
    _save(report, user=user)
    for order, text in enumerate(points, 1):
        _save(ReportPoint(report=report, order=order, text=text), user=user)
    _touch(meeting, user=user, reason=f"新增補充報告：{_short(report.reporter)}")
    return report


@transaction.atomic
def report_update(*, report: SupplementaryReport, user, version: int | None, **data) -> SupplementaryReport:
    meeting = _lock(report.item.section.meeting_id, version=version, parts=_with_parents(report))
    report = SupplementaryReport.objects.select_related("unit").get(pk=report.pk)
    changed = _apply(report, data, REPORT_FIELDS)
    if changed:
        if not report.reporter:
            raise MeetingError("請填寫報告的組室與報告人，或報告人原文。")
        _save(report, user=user, fields=changed)
        _touch(meeting, user=user, reason=f"修改補充報告：{_short(report.reporter)}")
    return report


@transaction.atomic
def report_delete(*, report: SupplementaryReport, user, version: int | None) -> None:
    meeting = _lock(report.item.section.meeting_id, version=version, parts=_with_parents(report))
    label = _short(report.reporter)
    report._history_user = user
    report.delete()
    _touch(meeting, user=user, reason=f"刪除補充報告：{label}")


@transaction.atomic
def report_move(*, report: SupplementaryReport, user, version: int | None, direction: str) -> None:
    meeting = _lock(report.item.section.meeting_id, version=version)
    if _move(report, SupplementaryReport.objects.filter(item_id=report.item_id), direction, user=user):
        _touch(meeting, user=user, reason=f"調整補充報告順序：{_short(report.reporter)}")


@transaction.atomic
def point_create(*, report: SupplementaryReport, user, version: int | None, text: str) -> ReportPoint:
    meeting = _lock(report.item.section.meeting_id, version=version, parts=_with_parents(report))
    point = ReportPoint(report=report, order=_next_order(report.points.all()), text=text)
    _save(point, user=user)
    _touch(meeting, user=user, reason=f"新增報告要點：{_short(text)}")
    return point


@transaction.atomic
def point_update(*, point: ReportPoint, user, version: int | None, text: str) -> ReportPoint:
    meeting = _lock(point.report.item.section.meeting_id, version=version, parts=_with_parents(point))
    point = ReportPoint.objects.get(pk=point.pk)
    if point.text != text:
        point.text = text
        _save(point, user=user, fields=["text"])
        _touch(meeting, user=user, reason=f"修改報告要點：{_short(text)}")
    return point


@transaction.atomic
def point_delete(*, point: ReportPoint, user, version: int | None) -> None:
    meeting = _lock(point.report.item.section.meeting_id, version=version, parts=_with_parents(point))
    label = _short(point.text)
    point._history_user = user
    point.delete()
    _touch(meeting, user=user, reason=f"刪除報告要點：{label}")


@transaction.atomic
def point_move(*, point: ReportPoint, user, version: int | None, direction: str) -> None:
    meeting = _lock(point.report.item.section.meeting_id, version=version)
    if _move(point, ReportPoint.objects.filter(report_id=point.report_id), direction, user=user):
        _touch(meeting, user=user, reason=f"調整報告要點順序：{_short(point.text)}")


# --- conclusions ------------------------------------------------------------------------------------------


def _conclusion_siblings(conclusion: Conclusion):
    if conclusion.item_id is None:
        return Conclusion.objects.filter(section_id=conclusion.section_id, item__isnull=True)
    return Conclusion.objects.filter(item_id=conclusion.item_id)


@transaction.atomic
def conclusions_create(
    *, section: Section, item: AgendaItem | None = None, user, version: int | None, texts: list[str]
) -> list[Conclusion]:
    """Conclusions of an item, or of the section itself when item is None, appended in the order given."""
    meeting = _lock(section.meeting_id, version=version, parts=_with_parents(item or section))
    if item is not None and item.section_id != section.pk:
        raise MeetingError("案由不屬於這個段落。")
    if not texts:
        raise MeetingError("請輸入結論內容。")
    siblings = item.conclusions.all() if item else Conclusion.objects.filter(section=section, item__isnull=True)
    start = _next_order(siblings)
    created = []
    for order, text in enumerate(texts, start):
        conclusion = Conclusion(section=section, item=item, order=order, text=text)
        _save(conclusion, user=user)
        created.append(conclusion)
    more = f"等 {len(texts)} 項" if len(texts) > 1 else ""
    _touch(meeting, user=user, reason=f"新增結論：{_short(texts[0])}{more}")
    return created


def conclusion_create(
    *, section: Section, item: AgendaItem | None = None, user, version: int | None, text: str
) -> Conclusion:
    return conclusions_create(section=section, item=item, user=user, version=version, texts=[text])[0]


@transaction.atomic
def conclusion_update(*, conclusion: Conclusion, user, version: int | None, text: str) -> Conclusion:
    meeting = _lock(conclusion.section.meeting_id, version=version, parts=_with_parents(conclusion))
    conclusion = Conclusion.objects.get(pk=conclusion.pk)
    if conclusion.text != text:
        conclusion.text = text
        _save(conclusion, user=user, fields=["text"])
        _touch(meeting, user=user, reason=f"修改結論：{_short(text)}")
    return conclusion


@transaction.atomic
def conclusion_delete(*, conclusion: Conclusion, user, version: int | None) -> None:
    meeting = _lock(conclusion.section.meeting_id, version=version, parts=_with_parents(conclusion))
    label = _short(conclusion.text)
    conclusion._history_user = user
    _delete(conclusion, what="這項結論")
    _touch(meeting, user=user, reason=f"刪除結論：{label}")


@transaction.atomic
def conclusion_move(*, conclusion: Conclusion, user, version: int | None, direction: str) -> None:
    meeting = _lock(conclusion.section.meeting_id, version=version)
    if _move(conclusion, _conclusion_siblings(conclusion), direction, user=user):
        _touch(meeting, user=user, reason=f"調整結論順序：{_short(conclusion.text)}")
