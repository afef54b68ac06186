"""A generated city government: offices, units, people, meetings with their record, tracked cases with their
decision history and progress reports, to measure every page at the scale of a real city (`generate_city`).

The rows are built in Python, office by office, from a seeded random generator (the same seed gives the same
city), and written in one transaction per office: with PostgreSQL's COPY (psycopg 3 `cursor.copy`), elsewhere
(SQLite, for the tests) with bulk inserts. Every case's status is what its reviews leave, each review's
status_before is the status the one before it left, and each review meeting's decision sentence states exactly
the reviews recorded at it (written by the reader's own `format_decision_sentence`), so the reader of the
record reads back what the reviews say.

Signed meetings keep the invariant of the record: the first `signed` meetings of each series are signed
through `minutes.services.meeting_sign`, which renders and stores each one's real PDF; the later ones stay
drafts (signing refuses a meeting whose previous meeting is an unsigned draft, so the signed ones are a prefix).
"""

from __future__ import annotations

import datetime as dt
import io
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from minutes import services as record
from minutes.models import (
    AgendaItem,
    Amendment,
    Conclusion,
    Meeting,
    MeetingSeries,
    Membership,
    Office,
    RecordTable,
    ReportPoint,
    Role,
    Section,
    SignedRecord,
    SupplementaryReport,
    Unit,
)
from minutes.reader import casenumbers, meeting_name, sentences
from tracking.citygen import vocab
from tracking.lifecycle import DECISION_RESULT
from tracking.models import (
    CaseCounter,
    Decision,
    ProgressReport,
    ReminderDelivery,
    Review,
    Status,
    Suggestion,
    TrackedItem,
)

User = get_user_model()

# Every generated account's name starts so; the generated city is recognised (and cleared) by them.
USERNAME_PREFIX = "city-"
OVERSIGHT_USERNAME = f"{USERNAME_PREFIX}oversight"

# A meeting every four weeks, the last one a week before the day the city is generated.
MEETING_INTERVAL = dt.timedelta(days=28)


class CityRefused(Exception):
    """The database is not one to generate into; the message says why and what to do."""


@dataclass
class Counts:
    offices: int = 0
    units: int = 0
    users: int = 0
    memberships: int = 0
    series: int = 0
    meetings: int = 0
    signed: int = 0
    sections: int = 0
    items: int = 0
    reports: int = 0
    points: int = 0
    conclusions: int = 0
    tracked: int = 0
    reviews: int = 0
    progress: int = 0
    statuses: Counter = field(default_factory=Counter)
    decisions: Counter = field(default_factory=Counter)
    seconds: dict = field(default_factory=dict)


# --- what the database already holds --------------------------------------------------------------------------


def generated_city_exists() -> bool:
    return User.objects.filter(username=OVERSIGHT_USERNAME).exists()


def real_records() -> dict[str, int]:
    """What the database holds beside a generated city: meetings, cases and offices (named, with their count)."""
    generated = _generated_office_ids()
    meetings = Meeting.objects.exclude(series__office__in=generated).count()
    cases = TrackedItem.objects.exclude(series__office__in=generated).count()
    offices = Office.objects.exclude(pk__in=generated).count()
    found = {"會議": meetings, "列管案件": cases, "機關": offices}
    return {name: n for name, n in found.items() if n}


def _generated_office_ids() -> list[int]:
    return list(
        Membership.objects.filter(user__username__startswith=USERNAME_PREFIX, office__isnull=False)
        .values_list("office_id", flat=True).distinct()
    )


def check_database(*, force: bool, clear: bool) -> None:
    """Refuses a database that holds real records (unless force), or a generated city already (unless clear)."""
    real = real_records()
    if real and not force:
        found = "、".join(f"{name} {n:,} 筆" for name, n in real.items())
        raise CityRefused(
            f"資料庫已有實際資料（{found}），不產生模擬市府資料，以免與實際紀錄混在一起。"
            "請改用空的資料庫（例如 DATABASE_URL=postgres://postgres@127.0.0.1:5432/mt_city）；"
            "確定要在這個資料庫加入模擬資料，請加上 --force。"
        )
    if generated_city_exists() and not clear:
        raise CityRefused("資料庫已有先前產生的模擬市府資料；要重新產生，請加上 --clear（先刪除先前產生的資料）。")


def clear_city() -> None:
    """Deletes the generated city (its offices, everything in them, its accounts), table by table in SQL."""
    offices = _generated_office_ids()
    users = list(User.objects.filter(username__startswith=USERNAME_PREFIX).values_list("pk", flat=True))
    if not offices and not users:
        return
    series = list(MeetingSeries.objects.filter(office__in=offices).values_list("pk", flat=True))
    with transaction.atomic(), connection.cursor() as cursor:
        def run(sql, ids):
            if ids:
                cursor.execute(sql.replace("%(ids)s", ",".join(str(int(i)) for i in ids)))

        t = _tables()
        if connection.vendor == "postgresql" and not real_records():
            # Nothing but the generated city: its million rows go at once (PostgreSQL refuses if another table
            # still points at them, and nothing is deleted then).
            tables = [*t.values(), SignedRecord._meta.db_table, Amendment._meta.db_table,
                      Meeting.history.model._meta.db_table, RecordTable._meta.db_table,
                      ReminderDelivery._meta.db_table]
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # checks still pending in this transaction, first
            cursor.execute(f"TRUNCATE {', '.join(connection.ops.quote_name(name) for name in tables)}")
        item_ids = f"SELECT id FROM {t['item']} WHERE series_id IN (%(ids)s)"
        meeting_ids = f"SELECT id FROM {t['meeting']} WHERE series_id IN (%(ids)s)"
        section_ids = f"SELECT id FROM {t['section']} WHERE meeting_id IN ({meeting_ids})"
        agenda_ids = f"SELECT id FROM {t['agenda']} WHERE section_id IN ({section_ids})"
        report_ids = f"SELECT id FROM {t['report']} WHERE item_id IN ({agenda_ids})"
        run(f"DELETE FROM {ReminderDelivery._meta.db_table} WHERE item_id IN ({item_ids})", series)
        run(f"DELETE FROM {t['progress']} WHERE item_id IN ({item_ids})", series)
        run(f"UPDATE {t['review']} SET corrects_id = NULL WHERE item_id IN ({item_ids})", series)
        run(f"DELETE FROM {t['review']} WHERE item_id IN ({item_ids})", series)
        run(f"DELETE FROM {t['responsible']} WHERE trackeditem_id IN ({item_ids})", series)
        run(f"DELETE FROM {t['supporting']} WHERE trackeditem_id IN ({item_ids})", series)
        run(f"DELETE FROM {t['item']} WHERE series_id IN (%(ids)s)", series)
        run(f"DELETE FROM {t['counter']} WHERE series_id IN (%(ids)s)", series)
        run(f"DELETE FROM {t['point']} WHERE report_id IN ({report_ids})", series)
        run(f"DELETE FROM {t['report']} WHERE item_id IN ({agenda_ids})", series)
        run(f"DELETE FROM {RecordTable._meta.db_table} WHERE section_id IN ({section_ids})", series)
        run(f"DELETE FROM {t['conclusion']} WHERE section_id IN ({section_ids})", series)
        run(f"DELETE FROM {t['agenda']} WHERE section_id IN ({section_ids})", series)
        run(f"DELETE FROM {t['section']} WHERE meeting_id IN ({meeting_ids})", series)
        run(f"DELETE FROM {SignedRecord._meta.db_table} WHERE meeting_id IN ({meeting_ids})", series)
        run(f"DELETE FROM {Meeting.history.model._meta.db_table} WHERE series_id IN (%(ids)s)", series)
        run(f"UPDATE {t['meeting']} SET previous_id = NULL WHERE series_id IN (%(ids)s)", series)
        run(f"DELETE FROM {t['meeting']} WHERE series_id IN (%(ids)s)", series)
        run(f"DELETE FROM {MeetingSeries._meta.db_table} WHERE id IN (%(ids)s)", series)
        run(f"DELETE FROM {Membership._meta.db_table} WHERE office_id IN (%(ids)s)", offices)
        run(f"DELETE FROM {Membership._meta.db_table} WHERE user_id IN (%(ids)s)", users)
        run(f"DELETE FROM {Unit._meta.db_table} WHERE office_id IN (%(ids)s)", offices)
        run(f"DELETE FROM {Office._meta.db_table} WHERE id IN (%(ids)s)", offices)
        # What signing wrote about the generated accounts (the audit log, the meetings' history) goes with them.
        from audit.models import Event

        run(f"DELETE FROM {Event._meta.db_table} WHERE user_id IN (%(ids)s)", users)
        User.objects.filter(pk__in=users).delete()


def _tables() -> dict[str, str]:
    return {
        "meeting": Meeting._meta.db_table, "section": Section._meta.db_table, "agenda": AgendaItem._meta.db_table,
        "report": SupplementaryReport._meta.db_table, "point": ReportPoint._meta.db_table,
        "conclusion": Conclusion._meta.db_table, "item": TrackedItem._meta.db_table,
        "responsible": TrackedItem.responsible_units.through._meta.db_table,
        "supporting": TrackedItem.supporting_units.through._meta.db_table,
        "counter": CaseCounter._meta.db_table, "review": Review._meta.db_table,
        "progress": ProgressReport._meta.db_table,
    }


# --- writing many rows ------------------------------------------------------------------------------------------


class Table:
    """Rows of one table with ids handed out here (from the table's highest id), written in batches."""

    def __init__(self, model, fields: list[str]):
        self.model = model
        self.table = model._meta.db_table
        self.fields = [model._meta.pk, *(model._meta.get_field(name) for name in fields)]
        # Every other column gets its field's default, appended to each row, so that a field added to a model
        # later (with its default, as a migration adds it) does not break the generator.
        given = {f.name for f in self.fields}
        self.defaulted = [f for f in model._meta.concrete_fields if f.name not in given]
        self.fields += self.defaulted
        self.columns = [f.column for f in self.fields]
        self.rows: list[tuple] = []
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {self.table}")
            self.last_id = cursor.fetchone()[0] or 0
        self.written = 0

    def add(self, *values) -> int:
        self.last_id += 1
        self.rows.append((self.last_id, *values, *(f.get_default() for f in self.defaulted)))
        return self.last_id

    def flush(self) -> None:
        if not self.rows:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
                with cursor.cursor.copy(f"COPY {connection.ops.quote_name(self.table)} ({columns}) FROM STDIN") as copy:
                    # JSON columns as the backend adapts them (psycopg's Jsonb); every other value as it is.
                    json = [isinstance(f, models.JSONField) for f in self.fields]
                    for row in self.rows:
                        copy.write_row([f.get_db_prep_save(v, connection) if j else v
                                        for f, j, v in zip(self.fields, json, row, strict=True)])
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
                sql = f"INSERT INTO {connection.ops.quote_name(self.table)} ({columns}) VALUES ({marks})"
                # The values as the backend stores them (SQLite has no date, time or aware datetime of its own).
                rows = [[f.get_db_prep_save(v, connection) for f, v in zip(self.fields, row, strict=True)]
                        for row in self.rows]
                for start in range(0, len(rows), 5000):
                    cursor.executemany(sql, rows[start:start + 5000])
        self.written += len(self.rows)
        self.rows = []


class Rows:
    """The tables the generator fills in bulk."""

    def __init__(self):
        self.meeting = Table(Meeting, ["series", "number", "starts_at", "adjourned_at", "place", "chair", "recorder",
                                       "attendees", "observers", "absentees", "attachments", "previous", "status",
                                       "version", "created_at", "updated_at"])
        self.section = Table(Section, ["meeting", "number", "order", "title", "body", "conclusion_label"])
        self.agenda = Table(AgendaItem, ["section", "order", "title", "body", "conclusion_label"])
        self.report = Table(SupplementaryReport, ["item", "order", "unit", "reporter_surname", "reporter_title",
                                                  "heading", "label"])
        self.point = Table(ReportPoint, ["report", "order", "text"])
        self.conclusion = Table(Conclusion, ["section", "item", "order", "text"])
        self.item = Table(TrackedItem, ["series", "case_number", "meeting_number", "sequence", "conclusion",
                                        "subject", "due_date", "status", "closed_meeting_number", "opened_by",
                                        "created_at", "updated_at", "case_key"])
        self.responsible = Table(TrackedItem.responsible_units.through, ["trackeditem", "unit"])
        self.supporting = Table(TrackedItem.supporting_units.through, ["trackeditem", "unit"])
        self.counter = Table(CaseCounter, ["series", "meeting_number", "last_sequence"])
        self.review = Table(Review, ["item", "meeting", "decision", "status_before", "status_after", "progress",
                                     "suggestion", "reason", "decided_by", "created_at", "superseded_reason"])
        self.progress = Table(ProgressReport, ["item", "unit", "meeting", "text", "suggestion", "author",
                                               "created_at"])
        # Flushed in this order (PostgreSQL checks the foreign keys at commit, SQLite does not check them).
        self.tables = [self.meeting, self.section, self.agenda, self.report, self.point, self.conclusion, self.item,
                       self.responsible, self.supporting, self.counter, self.review, self.progress]

    def flush(self) -> None:
        for table in self.tables:
            table.flush()

    def reset_sequences(self) -> None:
        """The next row Django inserts gets an id after the ones handed out here."""
        models = [table.model for table in self.tables]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


# --- the city ---------------------------------------------------------------------------------------------------


def chief_title(unit_name: str) -> str:
    """秘書室主任, 文書組組長, 第一科科長, 民政課課長."""
    for ending, title in (("組", "組長"), ("科", "科長"), ("課", "課長")):
        if unit_name.endswith(ending):
            return title
    return "主任"


@dataclass
class _Case:
    pk: int
    number: str
    meeting_number: int
    units: list[Unit]
    topic: str
    # The chance a meeting closes it: most cases close within a few meetings, one in ten drags on for a year or more.
    closing: float = 0.46
    status: str = Status.OPEN
    closed_at: int | None = None
    reviews: int = 0


class CityGenerator:
    def __init__(self, *, offices: int, meetings: int, seed: int, signed: int, today: dt.date | None = None,
                 log=None):
        self.office_count = offices
        self.meeting_count = meetings
        self.signed = signed
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self.log = log or (lambda message: None)
        self.counts = Counts()
        self.tz = timezone.get_default_timezone()

    # text ------------------------------------------------------------------------------------------------------

    def topic(self) -> str:
        if self.rng.random() < vocab.PROCUREMENT_SHARE:
            return self.rng.choice(vocab.PROCUREMENT_TOPICS)
        return self.rng.choice(vocab.TOPICS)

    def person(self) -> tuple[str, str]:
        return self.rng.choice(vocab.SURNAMES), "".join(self.rng.sample(vocab.GIVEN, 2))

    def due_phrase(self, held: dt.date) -> tuple[str, dt.date | None]:
        """A due date as conclusions write it (於 5 月底前, 於本年 5 月 12 日前…) and the date it means, never before
        the meeting."""
        phrase = self.rng.choice(vocab.DUE_PHRASES)
        target = held + dt.timedelta(days=self.rng.randint(20, 120))
        year = "本年" if target.year == held.year else "明年"
        if phrase.startswith("於本年"):
            return f"於{year}{target.month}月{target.day}日前", target
        if phrase.startswith("於{m}月底前"):
            last = dt.date(target.year + (target.month == 12), target.month % 12 + 1, 1) - dt.timedelta(days=1)
            return (phrase.format(m=target.month) if year == "本年" else f"於明年{target.month}月底前"), last
        if phrase == "於下次會議前":
            return phrase, held + MEETING_INTERVAL
        return phrase, None

    # people and units -----------------------------------------------------------------------------------------

    def _office_names(self) -> list[tuple[str, str]]:
        names = []
        for i in range(self.office_count):
            name, kind = vocab.OFFICES[i % len(vocab.OFFICES)]
            if i >= len(vocab.OFFICES):
                name = f"{name}第{i // len(vocab.OFFICES) + 1}分處"
            if Office.objects.filter(name=name).exists():  # beside real offices (--force): never the same name
                name = f"{name}（模擬）"
            names.append((name, kind))
        return names

    def make_people(self):
        """Offices, units, series, accounts and roles: small, through the ORM."""
        offices = []
        users = []
        memberships = []
        oversight = User(username=OVERSIGHT_USERNAME, first_name="研考", last_name="會", is_active=True)
        oversight.set_unusable_password()
        users.append(oversight)
        plan = []
        for index, (name, kind) in enumerate(self._office_names(), 1):
            office = Office(name=name, order=index, shares_signed=self.rng.random() < 0.3)
            offices.append(office)
            pool = self.rng.sample(vocab.DIVISIONS, self.rng.randint(5, 8))
            commons = self.rng.sample(vocab.COMMON_UNITS, self.rng.randint(2, 4))
            unit_names = (["文書組"] if self.rng.random() < 0.6 else []) + pool + commons
            plan.append((office, kind, unit_names))
        Office.objects.bulk_create(offices)
        units = []
        series = []
        for office, kind, unit_names in plan:
            units.extend(Unit(office=office, name=n, order=i) for i, n in enumerate(unit_names, 1))
            series.append(MeetingSeries(office=office, organisation=office.name, kind=kind))
        Unit.objects.bulk_create(units)
        MeetingSeries.objects.bulk_create(series)
        by_office = defaultdict(list)
        for unit in units:
            by_office[unit.office_id].append(unit)
        self.offices = []
        for (office, kind, _), one_series in zip(plan, series, strict=True):
            tag = f"{USERNAME_PREFIX}{office.order:02d}"
            people = {}
            for role, suffix in ((Role.RECORDER, "recorder"), (Role.CHAIR, "chair"), (Role.MEMBER, "member")):
                surname, given = self.person()
                user = User(username=f"{tag}-{suffix}", last_name=surname, first_name=given, is_active=True,
                            is_staff=role == Role.RECORDER)
                user.set_unusable_password()
                users.append(user)
                people[role] = user
            chiefs = {}
            for unit in by_office[office.pk]:
                surname, given = self.person()
                user = User(username=f"{tag}-chief-{unit.order:02d}", last_name=surname, first_name=given,
                            is_active=True)
                user.set_unusable_password()
                users.append(user)
                chiefs[unit.pk] = user
            self.offices.append(_OfficePlan(office=office, kind=kind, series=one_series, units=by_office[office.pk],
                                            people=people, chiefs=chiefs))
        User.objects.bulk_create(users)
        memberships.append(Membership(user=oversight, office=None, role=Role.OVERSIGHT, title="研考"))
        for plan_ in self.offices:
            head = vocab.HEAD_TITLES.get(plan_.kind, "首長")
            memberships.append(Membership(user=plan_.people[Role.RECORDER], office=plan_.office, role=Role.RECORDER,
                                          title="秘書"))
            memberships.append(Membership(user=plan_.people[Role.CHAIR], office=plan_.office, role=Role.CHAIR,
                                          title=head))
            memberships.append(Membership(user=plan_.people[Role.MEMBER], office=plan_.office, role=Role.MEMBER,
                                          title="科員"))
            for unit in plan_.units:
                memberships.append(Membership(user=plan_.chiefs[unit.pk], office=plan_.office, role=Role.CHIEF,
                                              unit=unit, title=chief_title(unit.name)))
        Membership.objects.bulk_create(memberships)
        # The recorder keeps the office's record in the admin too, as the demo's recorder does.
        from django.contrib.auth.models import Permission

        permissions = list(Permission.objects.filter(content_type__app_label__in=["minutes", "tracking"]))
        grants = User.user_permissions.through
        grants.objects.bulk_create(
            grants(user_id=plan_.people[Role.RECORDER].pk, permission_id=permission.pk)
            for plan_ in self.offices for permission in permissions
        )
        c = self.counts
        c.offices, c.units, c.users, c.memberships, c.series = (
            len(offices), len(units), len(users), len(memberships), len(series))
        self.oversight = oversight

    # one office's record ---------------------------------------------------------------------------------------

    def meeting_dates(self) -> list[dt.datetime]:
        last = self.today - dt.timedelta(days=7)
        first = last - MEETING_INTERVAL * (self.meeting_count - 1)
        return [
            dt.datetime.combine(first + MEETING_INTERVAL * i, dt.time(self.rng.choice((9, 10, 14)), 0), self.tz)
            for i in range(self.meeting_count)
        ]

    def make_office(self, plan: _OfficePlan, rows: Rows) -> None:
        rng = self.rng
        series = plan.series
        chair = plan.people[Role.CHAIR]
        recorder = plan.people[Role.RECORDER]
        head = vocab.HEAD_TITLES.get(plan.kind, "首長")
        chair_name = f"{chair.last_name}{chair.first_name}"
        recorder_name = f"{recorder.last_name}{recorder.first_name}"
        name = meeting_name(plan.kind)
        active: list[_Case] = []
        previous_id = None
        dates = self.meeting_dates()
        for number, starts_at in enumerate(dates, 1):
            held = starts_at.date()
            meeting_id = rows.meeting.add(
                series.pk, number, starts_at, dt.time(starts_at.hour + 1, rng.choice((0, 15, 30, 45))),
                rng.choice(vocab.PLACES), f"{head}{chair_name}", recorder_name, "如簽到表", "", "", "", previous_id,
                Meeting.Status.DRAFT, 1, starts_at, starts_at,
            )
            previous_id = meeting_id
            self.counts.meetings += 1
            section_number = 0
            order = 0

            def section(title, body="", label="會議結論", meeting_id=meeting_id):
                nonlocal section_number, order
                section_number += 1
                order += 1
                self.counts.sections += 1
                return rows.section.add(meeting_id, section_number, order, title, body, label)

            if number > 1:
                s = section(f"宣讀第 {number - 1} 次{name}紀錄。")
                self.conclusion(rows, s, None, 1, "紀錄確定。")
            section("主席致詞", rng.choice(vocab.CHAIR_REMARKS))
            reports = section("報告事項")
            item_order = 0
            if active:
                item_order += 1
                review_item = self.agenda(rows, reports, item_order, f"第 {number - 1} 次{name}結論事項辦理情形報告。",
                                          "各單位辦理情形如附表。")
                decisions = self.review_cases(rows, plan, active, meeting_id, number, starts_at)
                self.conclusion(rows, reports, review_item, 1, sentences.format_decision_sentence(decisions))
                active = [case for case in active if case.status != Status.CLOSED]
            # The units report; some of their conclusions tell a unit to act and are put under tracking.
            units = rng.sample(plan.units, min(len(plan.units), rng.randint(8, 11)))
            trackable = []
            for unit in units:
                item_order += 1
                topic = self.topic()
                agenda_id = self.agenda(rows, reports, item_order, rng.choice(vocab.REMARKS).format(u=unit.name, t=topic))
                if rng.random() < 0.3:
                    self.supplementary(rows, agenda_id, plan)
                for k in range(1, rng.randint(8, 13) + 1):
                    if k == 1:
                        self.conclusion(rows, reports, agenda_id, k, rng.choice(vocab.NOTED))
                        continue
                    t = topic if k == 2 else self.topic()
                    due, due_date = self.due_phrase(held)
                    text = f"請{unit.name}{due}{rng.choice(vocab.ACTIONS).format(t=t)}。"
                    conclusion_id = self.conclusion(rows, reports, agenda_id, k, text)
                    trackable.append((conclusion_id, unit, text, due_date, t))
            discussion = section("討論事項", label="決議")
            for k in range(1, rng.randint(1, 3) + 1):
                agenda_id = self.agenda(rows, discussion, k, rng.choice(vocab.PROPOSALS).format(o=plan.kind[0], t=self.topic()),
                                        label="決議")
                self.conclusion(rows, discussion, agenda_id, 1, rng.choice(vocab.PROPOSAL_OUTCOMES))
            motions = section("臨時動議")
            self.conclusion(rows, motions, None, 1, "無。")
            # About four in ten of the units' conclusions are tracked: about 40 cases a meeting.
            chosen = sorted(rng.sample(trackable, min(len(trackable), 99, rng.randint(36, 46))), key=lambda t: t[0])
            for sequence, (conclusion_id, unit, text, due_date, topic) in enumerate(chosen, 1):
                active.append(self.open_case(rows, plan, conclusion_id, unit, text, due_date, topic,
                                             number, sequence, starts_at))
            if chosen:
                rows.counter.add(series.pk, number, len(chosen))
        self.report_before_next(rows, plan, active, dates[-1])
        for case in active:
            self.counts.statuses[case.status] += 1

    def conclusion(self, rows, section_id, item_id, order, text) -> int:
        self.counts.conclusions += 1
        return rows.conclusion.add(section_id, item_id, order, text)

    def agenda(self, rows, section_id, order, title, body="", label="會議結論") -> int:
        self.counts.items += 1
        return rows.agenda.add(section_id, order, title, body, label)

    def supplementary(self, rows, agenda_id, plan) -> None:
        unit = self.rng.choice(plan.units)
        chief = plan.chiefs[unit.pk]
        title = chief_title(unit.name)
        report_id = rows.report.add(agenda_id, 1, unit.pk, chief.last_name, title, "", "補充報告")
        self.counts.reports += 1
        for k in range(1, self.rng.randint(2, 3) + 1):
            rows.point.add(report_id, k, self.rng.choice(vocab.PROGRESS).format(t=self.topic(), p=self.rng.randint(3, 9)))
            self.counts.points += 1

    def open_case(self, rows, plan, conclusion_id, unit, text, due_date, topic, number, sequence, starts_at) -> _Case:
        case_number = casenumbers.format_case_number(number, sequence)
        units = [unit]
        if self.rng.random() < 0.12:
            other = self.rng.choice(plan.units)
            if other.pk != unit.pk:
                units.append(other)
        pk = rows.item.add(plan.series.pk, case_number, number, sequence, conclusion_id, text, due_date,
                           Status.OPEN, None, plan.people[Role.RECORDER].pk, starts_at, starts_at,
                           casenumbers.case_key(case_number))
        for u in units:
            rows.responsible.add(pk, u.pk)
        if self.rng.random() < 0.15:
            helper = self.rng.choice(plan.units)
            if helper not in units:
                rows.supporting.add(pk, helper.pk)
        self.counts.tracked += 1
        closing = 0.08 if self.rng.random() < 0.1 else 0.5
        return _Case(pk=pk, number=case_number, meeting_number=number, units=units, topic=topic, closing=closing)

    def progress_text(self, case: _Case) -> str:
        return self.rng.choice(vocab.PROGRESS).format(t=case.topic, p=self.rng.randint(3, 9))

    def review_cases(self, rows, plan, active, meeting_id, number, starts_at) -> dict[str, str]:
        """Meeting N decides every case still open: each unit reported a few days before, the chair decides."""
        decisions = {}
        recorder = plan.people[Role.RECORDER]
        for case in active:
            draw = self.rng.random()
            closes = draw < case.closing
            decision = (Decision.CONTINUE if not closes else Decision.SELF_TRACK if draw < case.closing * 0.08
                        else Decision.CLOSE)
            suggestion = {Decision.CLOSE: Suggestion.CLOSE, Decision.SELF_TRACK: Suggestion.SELF_TRACK}.get(
                decision, Suggestion.CONTINUE)
            if self.rng.random() < 0.1:  # the chair overrules the unit now and then
                suggestion = Suggestion.CONTINUE if suggestion != Suggestion.CONTINUE else Suggestion.CLOSE
            texts = []
            for unit in case.units:
                text = self.progress_text(case)
                written = starts_at - dt.timedelta(days=self.rng.randint(2, 6), hours=self.rng.randint(0, 8))
                rows.progress.add(case.pk, unit.pk, meeting_id, text, suggestion, plan.chiefs[unit.pk].pk, written)
                self.counts.progress += 1
                texts.append(text if len(case.units) == 1 else f"{unit.name}：{text}")
            after = DECISION_RESULT[decision]
            rows.review.add(case.pk, meeting_id, decision, case.status, after, "\n".join(texts), suggestion, "",
                            recorder.pk, starts_at + dt.timedelta(hours=1), "")
            self.counts.reviews += 1
            self.counts.decisions[decision] += 1
            case.status = after
            case.reviews += 1
            if after == Status.CLOSED:
                case.closed_at = number
                self.counts.statuses[Status.CLOSED] += 1
                self._close(rows, case)
            decisions[case.number] = decision
        return decisions

    def _close(self, rows, case: _Case) -> None:
        """The case row already written as open gets its final status (rows are still in memory)."""
        case_rows = rows.item.rows
        index = case.pk - case_rows[0][0]
        row = case_rows[index]
        assert row[0] == case.pk
        case_rows[index] = (*row[:8], Status.CLOSED, case.closed_at, *row[10:])

    def report_before_next(self, rows, plan, active, last_held: dt.datetime) -> None:
        """Since the last meeting, about six in ten units have written their progress for the next one."""
        for case in active:
            if case.status == Status.CONTINUED:
                case_rows = rows.item.rows
                index = case.pk - case_rows[0][0]
                row = case_rows[index]
                case_rows[index] = (*row[:8], Status.CONTINUED, None, *row[10:])
            for unit in case.units:
                if self.rng.random() < 0.6:
                    written = last_held + dt.timedelta(days=self.rng.randint(1, 6), hours=self.rng.randint(0, 8))
                    rows.progress.add(case.pk, unit.pk, None, self.progress_text(case),
                                      self.rng.choice(Suggestion.values), plan.chiefs[unit.pk].pk, written)
                    self.counts.progress += 1

    # the whole city -------------------------------------------------------------------------------------------

    def run(self) -> Counts:
        started = time.monotonic()
        with transaction.atomic():
            self.make_people()
        for plan in self.offices:
            t0 = time.monotonic()
            rows = Rows()
            self.make_office(plan, rows)
            built = time.monotonic()
            with transaction.atomic():
                rows.flush()
                rows.reset_sequences()
            self.log(f"{plan.office.name}：建立 {built - t0:.1f} 秒，寫入 {time.monotonic() - built:.1f} 秒")
        self.counts.seconds["rows"] = time.monotonic() - started
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        signing = time.monotonic()
        self.sign_prefix()
        self.counts.seconds["signing"] = time.monotonic() - signing
        self.counts.seconds["total"] = time.monotonic() - started
        return self.counts

    def sign_prefix(self) -> None:
        """The first `signed` meetings of each series, signed by the chair through the real service (each PDF
        rendered and stored), in order, as signing demands."""
        for plan in self.offices:
            chair = plan.people[Role.CHAIR]
            meetings = Meeting.objects.filter(series=plan.series).order_by("number")[: self.signed]
            for meeting in meetings:
                record.meeting_sign(meeting, chair)
                self.counts.signed += 1
            if self.signed:
                self.log(f"{plan.office.name}：簽核 {min(self.signed, self.meeting_count)} 次會議")


@dataclass
class _OfficePlan:
    office: Office
    kind: str
    series: MeetingSeries
    units: list[Unit]
    people: dict
    chiefs: dict


def summary(counts: Counts) -> str:
    out = io.StringIO()
    c = counts
    lines = [
        ("機關", c.offices), ("組室", c.units), ("帳號", c.users), ("人員角色", c.memberships), ("會議系列", c.series),
        ("會議", c.meetings), ("其中已簽核（含 PDF）", c.signed), ("段落", c.sections), ("議程案由", c.items),
        ("補充報告", c.reports), ("報告要點", c.points), ("會議結論", c.conclusions), ("列管案件", c.tracked),
        ("列管審議", c.reviews), ("辦理情形", c.progress),
    ]
    for label, n in lines:
        out.write(f"{label}：{n:,}\n")
    out.write("列管狀態：" + "、".join(f"{Status(s).label} {n:,}" for s, n in sorted(c.statuses.items())) + "\n")
    out.write("會議決定：" + "、".join(f"{Decision(d).label} {n:,}" for d, n in sorted(c.decisions.items())) + "\n")
    out.write("時間：" + "、".join(f"{k} {v:.1f} 秒" for k, v in c.seconds.items()) + "\n")
    return out.getvalue()
