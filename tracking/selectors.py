"""Reads shared by the tracking pages, the home page and the reminders, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from minutes import documents
from minutes.models import AgendaItem, Conclusion, Meeting, Unit
from minutes.reader import ParseError, parse_minutes, rocdate, sentences
from minutes.reader.decisions import conclusion_decisions, read_record_decisions
from tracking.lifecycle import TrackingError
from tracking.models import ProgressReport, Review, Status, TrackedItem

# 第 107 次處務會議結論事項辦理情形報告: the item under which a meeting reviews the tracked items.
REVIEW_TITLE_RE = re.compile(r"第\s*[0-9]+\s*次.*結論事項辦理情形報告")


def local_today() -> dt.date:
    return timezone.localdate()


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone())


@dataclass(frozen=True)
class ReportingWindow:
    """Where a series stands today: the last meeting held and the next one, if it is scheduled yet."""

    last_held: Meeting | None
    upcoming: Meeting | None
    # Items the next meeting has already decided (recorded before its date): nothing more to report for it.
    decided: frozenset[int] = frozenset()

    @property
    def since(self) -> dt.datetime | None:
        """Progress written after the last meeting began counts for the next one."""
        return self.last_held.starts_at if self.last_held else None

    def reviews(self, item: TrackedItem) -> bool:
        """Whether the next meeting reviews this item (not the one that opens it, nor an earlier one)."""
        if self.upcoming is None:
            return True
        return item.meeting_number < self.upcoming.number and item.pk not in self.decided

    def counts(self, report: ProgressReport | None) -> bool:
        return report is not None and (self.since is None or report.created_at >= self.since)


def reporting_windows(today: dt.date | None = None, *, offices=None) -> dict[int, ReportingWindow]:
    """series id → its reporting window (of the series of these offices, or all), from one query over the meetings."""
    start = _start_of(today or local_today())
    last: dict[int, Meeting] = {}
    upcoming: dict[int, Meeting] = {}
    meetings = Meeting.objects.select_related("series")
    if offices is not None:
        meetings = meetings.filter(series__office__in=offices)
    for meeting in meetings.order_by("number"):
        if meeting.starts_at < start:
            last[meeting.series_id] = meeting
        elif meeting.series_id not in upcoming:
            upcoming[meeting.series_id] = meeting
    decided: dict[int, set[int]] = defaultdict(set)
    if upcoming:
        reviews = Review.objects.filter(meeting__in=list(upcoming.values())).values_list("meeting__series_id", "item_id")
        for series_id, item_id in reviews:
            decided[series_id].add(item_id)
    return {
        sid: ReportingWindow(last.get(sid), upcoming.get(sid), frozenset(decided[sid]))
        for sid in set(last) | set(upcoming)
    }


def window_for(windows: dict[int, ReportingWindow], series_id: int) -> ReportingWindow:
    return windows.get(series_id) or ReportingWindow(None, None)


def latest_progress(item_ids, unit: Unit | None = None) -> dict[tuple[int, int], ProgressReport]:
    """(item id, unit id) → the latest progress report, in one query."""
    reports = ProgressReport.objects.filter(item_id__in=list(item_ids)).select_related("author", "unit", "meeting")
    if unit is not None:
        reports = reports.filter(unit=unit)
    latest: dict[tuple[int, int], ProgressReport] = {}
    for report in reports.order_by("created_at", "id"):
        latest[(report.item_id, report.unit_id)] = report
    return latest


@dataclass
class DashboardRow:
    item: TrackedItem
    overdue: bool
    needs_report: bool
    report: ProgressReport | None


@dataclass
class UnitDashboard:
    unit: Unit
    rows: list[DashboardRow]
    counts: dict[str, int]
    upcoming: Meeting | None
    since: dt.datetime | None

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue for row in self.rows)

    @property
    def needs_report_count(self) -> int:
        return sum(row.needs_report for row in self.rows)


def unit_dashboard(unit: Unit, today: dt.date | None = None) -> UnitDashboard:
    """A unit's open and continued items, overdue first, with what still needs a progress report."""
    today = today or local_today()
    counts = {status: 0 for status in Status.values}
    for row in TrackedItem.objects.for_unit(unit).values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    items = list(
        TrackedItem.objects.for_unit(unit).active().with_meetings_open().with_pending()
        .select_related("conclusion__section__meeting").prefetch_related("responsible_units")
    )
    windows = reporting_windows(today, offices=[unit.office_id])
    reports = latest_progress([i.pk for i in items], unit)
    rows = []
    for item in items:
        window = window_for(windows, item.series_id)
        report = reports.get((item.pk, unit.pk))
        rows.append(
            DashboardRow(
                item=item,
                overdue=item.due_date is not None and item.due_date < today,
                needs_report=window.reviews(item) and not window.counts(report),
                report=report,
            )
        )
    far = dt.date.max
    rows.sort(key=lambda r: (not r.overdue, r.item.due_date or far, r.item.meeting_number, r.item.sequence))
    # The unit works towards the meeting of its own items' series, even if another series met later.
    own = {sid: w for sid, w in windows.items() if sid in {item.series_id for item in items}}
    main = main_window(own or windows)
    return UnitDashboard(
        unit=unit, rows=rows, counts=counts, upcoming=main.upcoming if main else None,
        since=main.since if main else None,
    )


def main_window(windows: dict[int, ReportingWindow]) -> ReportingWindow | None:
    """The window of the series with the most recent meeting: the one the office is working towards."""
    def latest(w: ReportingWindow):
        meeting = w.upcoming or w.last_held
        return meeting.starts_at if meeting else timezone.now()

    return max(windows.values(), key=latest, default=None)


@dataclass
class UnitMissing:
    """How many of a unit's items still owe a progress report, and the first of them (by case number)."""

    count: int
    items: list[TrackedItem]

    @property
    def more(self) -> int:
        return self.count - len(self.items)


@dataclass
class MissingReports:
    """Before the next meeting: which units still owe a progress report, and on which items."""

    upcoming: Meeting | None
    last_held: Meeting | None
    by_unit: dict[Unit, UnitMissing] = field(default_factory=dict)
    reported_units: list[Unit] = field(default_factory=list)

    @property
    def missing_count(self) -> int:
        return sum(entry.count for entry in self.by_unit.values())


# Case numbers listed per unit on the recorder's home; the rest are on the unit's dashboard.
MISSING_SHOWN = 30


def _owing_rows(windows: dict[int, ReportingWindow], offices):
    """(item, responsible unit) rows of the active items of these offices, annotated `reviewed` (the next meeting
    of the item's series reviews it) and `reported` (the unit wrote progress since the last meeting): the whole
    walk as SQL, so its cost is the index's, not a loop over every row in Python."""
    through = TrackedItem.responsible_units.through
    upcoming = {sid: w.upcoming for sid, w in windows.items() if w.upcoming is not None}
    reviewed = ~Q(trackeditem__series_id__in=list(upcoming))
    for sid, meeting in upcoming.items():
        reviewed |= Q(trackeditem__series_id=sid, trackeditem__meeting_number__lt=meeting.number)
    decided = Review.objects.filter(item=OuterRef("trackeditem_id"), meeting__in=list(upcoming.values()))
    since = Case(
        *(When(trackeditem__series_id=sid, then=Value(w.since)) for sid, w in windows.items() if w.since),
        default=Value(_EPOCH), output_field=DateTimeField(),
    )
    written = ProgressReport.objects.filter(
        item=OuterRef("trackeditem_id"), unit=OuterRef("unit_id"), created_at__gte=OuterRef("since")
    )
    return (
        through.objects.filter(trackeditem__series__office__in=offices,
                               trackeditem__status__in=[Status.OPEN, Status.CONTINUED])
        .annotate(since=since, reported=Exists(written),
                  reviewed=ExpressionWrapper(reviewed & ~Exists(decided), output_field=BooleanField()))
    )


_EPOCH = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)


def missing_reports(today: dt.date | None = None, *, offices) -> MissingReports:
    """Every (item, responsible unit) of an active item of these offices that has no progress since the last
    meeting: counted per unit in one query, the first MISSING_SHOWN case numbers of each unit in another."""
    today = today or local_today()
    windows = reporting_windows(today, offices=offices)
    rows = _owing_rows(windows, offices)
    counts = (
        rows.values("unit_id", "trackeditem__series_id").order_by()
        .annotate(missing=Count("id", filter=Q(reviewed=True, reported=False)),
                  done=Count("id", filter=Q(reviewed=True, reported=True)))
    )
    missing: dict[int, int] = defaultdict(int)
    reported: set[int] = set()
    with_units: set[int] = set()
    for row in counts:
        with_units.add(row["trackeditem__series_id"])
        missing[row["unit_id"]] += row["missing"]
        if row["done"]:
            reported.add(row["unit_id"])
    missing = {pk: n for pk, n in missing.items() if n}
    first: dict[int, list[TrackedItem]] = defaultdict(list)
    if missing:
        ranked = (
            rows.filter(reviewed=True, reported=False)
            .annotate(rank=Window(RowNumber(), partition_by=[F("unit_id")],
                                  order_by=[F("trackeditem__meeting_number"), F("trackeditem__sequence")]))
            .filter(rank__lte=MISSING_SHOWN).select_related("trackeditem")
            .order_by("trackeditem__meeting_number", "trackeditem__sequence")
        )
        for row in ranked:
            first[row.unit_id].append(row.trackeditem)
    units = {u.pk: u for u in Unit.objects.filter(pk__in=set(missing) | reported)}
    # The meeting the units report to: of a series whose items have units, not another that met later.
    own = {sid: w for sid, w in windows.items() if sid in with_units}
    main = main_window(own or windows)
    order = lambda unit: (unit.order, unit.name)
    by_unit = {units[pk]: UnitMissing(n, first[pk]) for pk, n in sorted(missing.items(), key=lambda p: order(units[p[0]]))}
    done = sorted((units[pk] for pk in reported if pk not in missing), key=order)
    return MissingReports(
        upcoming=main.upcoming if main else None, last_held=main.last_held if main else None,
        by_unit=by_unit, reported_units=done,
    )


@dataclass
class TimelineEvent:
    kind: str  # opened / progress / decision
    when: dt.datetime
    meeting: Meeting | None
    person: object
    title: str
    text: str = ""
    detail: str = ""


def item_timeline(item: TrackedItem) -> list[TimelineEvent]:
    """Opening, every progress report and every decision, oldest first."""
    events: list[TimelineEvent] = []
    if item.conclusion_id:
        meeting = item.conclusion.section.meeting
        events.append(
            TimelineEvent("opened", meeting.starts_at, meeting, item.opened_by, "列管", detail=f"列管案號 {item.case_number}")
        )
    for report in item.progress_reports.select_related("unit", "author", "meeting"):
        events.append(
            TimelineEvent(
                "progress", report.created_at, report.meeting, report.author, f"{report.unit.name}辦理情形",
                text=report.text, detail=report.get_suggestion_display(),
            )
        )
    # Every decision ever recorded, the corrected and withdrawn ones too: the history is never rewritten.
    for review in Review.all_rows.filter(item=item).select_related("meeting", "decided_by", "superseded_by"):
        detail = f"{review.get_status_before_display()} → {review.get_status_after_display()}"
        if review.superseded_at is not None:
            person = review.superseded_by
            who = (person.get_full_name() or person.username) if person else "系統"
            detail += f"；已於 {rocdate.format_roc_date(timezone.localtime(review.superseded_at).date())} 由{who}更正或撤回（{review.superseded_reason}）"
        elif not review.meeting.is_signed:
            detail += "；決定待簽核"
        events.append(
            TimelineEvent(
                "decision" if review.superseded_at is None else "superseded", review.meeting.starts_at,
                review.meeting, review.decided_by, f"會議決定：{review.get_decision_display()}", text=review.reason,
                detail=detail,
            )
        )
    # Decisions are dated by their meeting; a report written after that meeting sorts after it.
    order = {"opened": 0, "superseded": 1, "decision": 1, "progress": 2}
    events.sort(key=lambda e: (e.when, order[e.kind]))
    return events


def review_item_of(meeting: Meeting) -> AgendaItem | None:
    """The 結論事項辦理情形報告 item of a meeting, if it has one."""
    for item in AgendaItem.objects.filter(section__meeting=meeting).select_related("section").order_by(
        "section__order", "order", "id"
    ):
        if REVIEW_TITLE_RE.search(item.title):
            return item
    return None


@dataclass
class ReviewRow:
    item: TrackedItem
    reports: list[ProgressReport]
    review: Review | None

    @property
    def suggestion(self) -> str:
        latest = max(self.reports, key=lambda r: r.created_at, default=None)
        return latest.suggestion if latest else ""


def review_rows(meeting: Meeting) -> list[ReviewRow]:
    """What meeting N reviews: items opened before it that were active at it, or that it has already decided.

    An item closed at a later meeting (a record entered out of order) was still active at N.
    """
    decided = {r.item_id: r for r in Review.objects.filter(meeting=meeting).select_related("decided_by")}
    items = list(
        TrackedItem.objects.filter(series=meeting.series, meeting_number__lt=meeting.number)
        .filter(
            Q(pk__in=list(decided))
            | Q(status__in=[Status.OPEN, Status.CONTINUED])
            | Q(status=Status.CLOSED, closed_meeting_number__gt=meeting.number)
        )
        .select_related("conclusion__section__meeting")
        .prefetch_related("responsible_units")
        .order_by("meeting_number", "sequence")
    )
    reports = latest_progress([i.pk for i in items])
    rows = []
    for item in items:
        unit_reports = [reports[(item.pk, u.pk)] for u in item.responsible_units.all() if (item.pk, u.pk) in reports]
        rows.append(ReviewRow(item=item, reports=unit_reports, review=decided.get(item.pk)))
    return rows


def statistics(now=None, *, items) -> dict:
    """The cases `items` holds (those the person may see) by unit and status, and how many meetings they have
    stayed open."""
    through = TrackedItem.responsible_units.through
    by_unit: dict[int, dict[str, int]] = defaultdict(lambda: {s: 0 for s in Status.values})
    rows = through.objects.filter(trackeditem__in=items.values("pk"))
    for row in rows.values("unit_id", "trackeditem__status").annotate(n=Count("id")):
        by_unit[row["unit_id"]][row["trackeditem__status"]] = row["n"]
    units = {u.pk: u for u in Unit.objects.filter(pk__in=list(by_unit)).select_related("office")}
    unit_rows = sorted(
        ((units[pk], counts) for pk, counts in by_unit.items()), key=lambda pair: (pair[0].order, pair[0].name)
    )
    totals = status_totals(items)
    # Cases imported from old records may have no responsible unit: a row of their own, so the rows reconcile.
    unassigned = {s: 0 for s in Status.values}
    without_units = ~Exists(through.objects.filter(trackeditem_id=OuterRef("pk")))
    for row in items.filter(without_units).order_by().values("status").annotate(n=Count("id")):
        unassigned[row["status"]] = row["n"]
    # A case with several units counts once per unit: how many more the rows add up to than 全部案件.
    repeat_counts = sum(sum(counts.values()) for counts in by_unit.values()) - (
        sum(totals.values()) - sum(unassigned.values())
    )
    open_for: dict[str, dict[int, int]] = {"active": defaultdict(int), "closed": defaultdict(int)}
    for status, meetings_open, n in _meetings_open_counts(items, now):
        group = "closed" if status == Status.CLOSED else "active"
        open_for[group][min(meetings_open, HISTOGRAM_CAP)] += n
    chart = [(unit.name, [counts[s] for s in Status.values]) for unit, counts in unit_rows]
    if any(unassigned.values()):
        chart.append((UNASSIGNED_LABEL, [unassigned[s] for s in Status.values]))
    return {
        "unit_rows": unit_rows,
        "unassigned": unassigned if any(unassigned.values()) else None,
        "repeat_counts": repeat_counts,
        "unit_chart": chart,
        "totals": totals,
        "active_histogram": _histogram(open_for["active"]),
        "closed_histogram": _histogram(open_for["closed"]),
    }


def _meetings_open_counts(items, now=None):
    """(status, meetings open, how many): what with_meetings_open() gives, grouped without its subquery per row.

    A closed case's span is in its own row; an open one runs to the latest meeting its series has held, read once
    per series, so the cases are grouped by (series, opening meeting) in the database and the spans added here.
    """
    from django.db.models import Max

    spans = (
        items.order_by().filter(closed_meeting_number__isnull=False)
        .values_list("status", ExpressionWrapper(F("closed_meeting_number") - F("meeting_number"),
                                                 output_field=IntegerField()))
        .annotate(n=Count("id"))
    )
    yield from spans
    held = dict(
        Meeting.objects.filter(starts_at__lte=now or timezone.now()).order_by().values("series")
        .annotate(latest=Max("number")).values_list("series", "latest")
    )
    running = (
        items.order_by().filter(closed_meeting_number__isnull=True)
        .values_list("status", "series_id", "meeting_number").annotate(n=Count("id"))
    )
    for status, series_id, number, n in running:
        yield status, max(held.get(series_id, number) - number, 0), n


UNASSIGNED_LABEL = "未指定主辦單位"

# Items open ten meetings or more share one column: the tail is what management looks at, not its shape.
HISTOGRAM_CAP = 10


def _histogram(counts: dict[int, int]) -> list[tuple[str, int]]:
    if not counts:
        return []
    top = max(counts)
    return [(f"{n}+" if n == HISTOGRAM_CAP else str(n), counts.get(n, 0)) for n in range(top + 1)]


def status_totals(items) -> dict[str, int]:
    totals = {s: 0 for s in Status.values}
    for row in items.order_by().values("status").annotate(n=Count("id")):
        totals[row["status"]] = row["n"]
    return totals


def prefetch_latest_reports():
    return Prefetch("progress_reports", queryset=ProgressReport.objects.select_related("unit").order_by("-created_at"))


def stated_decisions(meeting: Meeting) -> dict[str, str]:
    """case key → decision, as the stored record states them (its conclusions, its tables of tracked cases and
    cases in running text): what its reviews must say. Read by the same reader as an import, from the record's
    text as the PDF prints it, so an import and every later edit agree on what the record decides.

    Raises TrackingError naming the statement when one cannot be read, or the case when it is decided two ways.
    """
    return stated_numbers(meeting)[0]


def stated_numbers(meeting: Meeting) -> tuple[dict[str, str], dict[str, str]]:
    """What stated_decisions gives, and each decided case's number as the record writes it, by key."""
    try:
        parsed = parse_minutes(documents.record_text(meeting))
    except ParseError:
        # A draft part-way through editing may not read as a whole record yet: its conclusions still decide.
        return _conclusions_decide(meeting)
    try:
        found = read_record_decisions(parsed)
    except ValueError as exc:
        raise TrackingError(str(exc)) from exc
    return found.outcomes(), {decision.key: decision.case_number for decision in found.decisions}


def _conclusions_decide(meeting: Meeting) -> tuple[dict[str, str], dict[str, str]]:
    conclusions = (
        Conclusion.objects.filter(section__meeting=meeting).select_related("item").prefetch_related("item__tables")
        .order_by("section__order", "item__order", "order", "id")
    )
    decisions: dict[str, str] = {}
    written: dict[str, str] = {}
    for conclusion in conclusions:
        item = conclusion.item
        # The item's body as printed, its tables' rows included (the units' suggestions a conclusion approves).
        body = documents.body_lines(item.body_parts) if item else []
        try:
            found, _ = conclusion_decisions(conclusion.text, item.title if item else "", body)
        except ValueError as exc:
            raise TrackingError(f"會議結論「{conclusion.text[:40]}」：{exc}") from exc
        as_written = sentences.numbers_as_written("\n".join([conclusion.text, item.title if item else ""]))
        for key, kind in found.items():
            number = written.setdefault(key, as_written.get(key, key))
            if decisions.get(key, kind) != kind:
                raise TrackingError(f"列管案號 {number} 在紀錄中被決定為兩種結果，請修正其中一處結論文字。")
            decisions[key] = kind
    return decisions, written


# --- cross-office statistics (研考): open, overdue and ageing cases per office and per unit ----------------------

# How long an open case has been open, from the meeting that opened it: (key, heading, from months, to months).
AGE_BANDS = [
    ("m0_3", "未滿 3 個月", 0, 3),
    ("m3_6", "3 至 6 個月", 3, 6),
    ("m6_12", "6 至 12 個月", 6, 12),
    ("m12", "12 個月以上", 12, None),
]


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the month's last day when it has fewer days)."""
    import calendar

    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass
class AgeingRow:
    office: object
    unit: Unit | None
    active: int
    overdue: int
    bands: list[int]


@dataclass
class OfficeStatistics:
    offices: list[AgeingRow]
    units: list[AgeingRow]
    totals: AgeingRow
    today: dt.date

    @property
    def widest(self) -> int:
        return max((row.active for row in self.offices), default=0)


def _ageing_counts(prefix: str, today: dt.date) -> dict:
    """Count() annotations of active, overdue and each age band, over rows whose case is reached by `prefix`."""
    active = Q(**{f"{prefix}status__in": [Status.OPEN, Status.CONTINUED]})
    counts = {
        "active": Count("pk", filter=active),
        "overdue": Count("pk", filter=active & Q(**{f"{prefix}due_date__lt": today})),
    }
    for key, _label, low, high in AGE_BANDS:
        band = active
        if low:
            band &= Q(opened_on__lt=_start_of(months_before(today, low) + dt.timedelta(days=1)))
        if high is not None:
            band &= Q(opened_on__gte=_start_of(months_before(today, high) + dt.timedelta(days=1)))
        counts[key] = Count("pk", filter=band)
    return counts


def _opened_on(prefix: str):
    """When the case was opened: the start of the meeting that opened it (its row's creation when that meeting is
    not in the system, as for a case imported from an old record)."""
    meeting = Meeting.objects.filter(
        series=OuterRef(f"{prefix}series_id"), number=OuterRef(f"{prefix}meeting_number")
    ).values("starts_at")[:1]
    return Coalesce(Subquery(meeting, output_field=DateTimeField()), F(f"{prefix}created_at"))


def office_statistics(*, items, today: dt.date | None = None, opened_from: dt.date | None = None,
                      opened_to: dt.date | None = None) -> OfficeStatistics:
    """Open, overdue and ageing cases of `items` (those the person may see) per office and per responsible unit,
    for the cases opened in the period (by their opening meeting): two grouped queries and one for the names."""
    from minutes.models import Office

    today = today or local_today()
    items = items.order_by().annotate(opened_on=_opened_on(""))
    if opened_from:
        items = items.filter(opened_on__gte=_start_of(opened_from))
    if opened_to:
        items = items.filter(opened_on__lt=_start_of(opened_to + dt.timedelta(days=1)))
    keys = ["active", "overdue", *(key for key, *_ in AGE_BANDS)]
    per_office = list(items.values("series__office").annotate(**_ageing_counts("", today)))
    through = TrackedItem.responsible_units.through
    per_unit = list(
        through.objects.filter(trackeditem__in=items.values("pk")).annotate(opened_on=_opened_on("trackeditem__"))
        .values("unit").annotate(**_ageing_counts("trackeditem__", today))
    )
    offices = {o.pk: o for o in Office.objects.filter(pk__in=[row["series__office"] for row in per_office])}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[row["unit"] for row in per_unit]).select_related("office")}

    def row_of(office, unit, counts) -> AgeingRow:
        return AgeingRow(office, unit, counts["active"], counts["overdue"], [counts[k] for k, *_ in AGE_BANDS])

    office_rows = sorted(
        (row_of(offices[r["series__office"]], None, r) for r in per_office), key=lambda r: (r.office.order, r.office.name)
    )
    unit_rows = sorted(
        (row_of(units[r["unit"]].office, units[r["unit"]], r) for r in per_unit),
        key=lambda r: (r.office.order, r.office.name, r.unit.order, r.unit.name),
    )
    total = {key: sum(r[key] for r in per_office) for key in keys}
    return OfficeStatistics(offices=office_rows, units=unit_rows, totals=row_of(None, None, total), today=today)
