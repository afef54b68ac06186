"""The meeting record as the secretariat keeps it: series, meetings, sections, items, reports, conclusions."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from minutes import reader
from minutes.reader import casenumbers, numerals, rocdate
from minutes.reader import tables as table_forms
from minutes.reader.lines import display_width
from minutes.validators import no_html


class OfficeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Office(models.Model):
    """An office (機關) of the city government: the boundary of its meetings, units, people and case numbers.
    Two offices' case 10801 are two cases; drafts stay inside their office."""

    name = models.CharField("機關名稱", max_length=100, unique=True)
    order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("使用中", default=True)
    # 政府資訊公開法 §7: a body may publish its decisions; drafts and personal data stay inside.
    shares_signed = models.BooleanField(
        "簽核紀錄供全府閱覽", default=False, help_text="勾選後，本機關已簽核的會議紀錄可供市府所有同仁閱覽與下載（草稿仍僅限本機關）。"
    )

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = "機關"
        verbose_name_plural = "機關"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


def sole_office_id() -> int | None:
    """The default office of office-bound rows: the office of an install that has one (created on first use as
    本機關), so a one-office install need not name it. With several there is no default (None): every office-bound
    row must name its own office, and a form asks for it; it is never guessed."""
    ids = list(Office.objects.values_list("pk", flat=True)[:2])
    if len(ids) > 1:
        return None
    if ids:
        return ids[0]
    # get_or_create: two first writes at once (two imports) find the one office the first of them made.
    return Office.objects.get_or_create(name=getattr(settings, "DEFAULT_OFFICE_NAME", "本機關"))[0].pk


class Unit(models.Model):
    """A division (組室) of an office; units change over time, so they are data. Many offices have a 文書組."""

    office = models.ForeignKey(
        Office, verbose_name="機關", on_delete=models.PROTECT, related_name="units", default=sole_office_id
    )
    name = models.CharField("名稱", max_length=50)
    order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("使用中", default=True)
    email = models.EmailField("通知信箱", blank=True)

    class Meta:
        verbose_name = "組室"
        verbose_name_plural = "組室"
        ordering = ["office", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="unique_unit_name_in_office")]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    RECORDER = "recorder", "紀錄（秘書室）"  # types and edits the office's draft minutes
    CHAIR = "chair", "主席"  # signs the office's minutes
    CHIEF = "chief", "組室主管"  # reports progress for their unit
    MEMBER = "member", "同仁"  # reads the office's minutes and tracking
    OVERSIGHT = "oversight", "研考（全府列管）"  # reads every office's tracking and its cross-office statistics


class Membership(models.Model):
    """A person's role in an office (and, for a chief, the unit they answer for); a person may hold several.
    The city-wide oversight role (研考) belongs to no single office."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="帳號", on_delete=models.CASCADE,
                             related_name="memberships")
    office = models.ForeignKey(Office, verbose_name="機關", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.MEMBER)
    unit = models.ForeignKey(Unit, verbose_name="組室", null=True, blank=True, on_delete=models.PROTECT)
    title = models.CharField("職稱", max_length=30, blank=True)

    class Meta:
        verbose_name = "人員角色"
        verbose_name_plural = "人員角色"
        ordering = ["user", "office", "role"]
        constraints = [
            models.CheckConstraint(condition=~Q(role="chief") | Q(unit__isnull=False), name="membership_chief_has_unit"),
            models.CheckConstraint(
                condition=Q(role="oversight", office__isnull=True) | (~Q(role="oversight") & Q(office__isnull=False)),
                name="only_oversight_is_city_wide",
            ),
        ]

    def __str__(self):
        where = self.office.name if self.office_id else "全府"
        unit = f"{self.unit.name}" if self.unit_id else ""
        return f"{self.user.get_full_name() or self.user.username}：{where}{unit}{self.get_role_display()}"

    def clean(self):
        if self.unit_id is not None and self.office_id is not None and self.unit.office_id != self.office_id:
            raise ValidationError({"unit": "組室不屬於這個機關。"})


# A header field's label in this app's words, in the order the PDF prints the fields when the record gave none.
HEADER_LABELS = {
    "time": "時間",
    "place": "地點",
    "chair": "主席",
    "recorder": "紀錄",
    "attendees": "出席",
    "observers": "列席",
    "absentees": "請假",
}
# The labels other offices write for each field: what the series settings offer and the reader gives.
HEADER_LABEL_CHOICES = {
    "time": ["時間", "開會時間", "會議時間"],
    "place": ["地點", "開會地點", "會議地點"],
    "chair": ["主席", "主持人"],
    "recorder": ["紀錄", "記錄", "紀錄人", "記錄人"],
    "attendees": ["出席", "出席人員", "出席者", "出席單位", "出席委員"],
    "observers": ["列席", "列席人員", "列席單位", "列席單位及人員"],
    "absentees": ["請假", "請假人員", "缺席"],
}
# The default first, then the others as casenumbers lists them.
CASE_SCHEME_CHOICES = [(casenumbers.DEFAULT_SCHEME.name, casenumbers.DEFAULT_SCHEME.label)] + [
    (scheme.name, scheme.label) for scheme in casenumbers.SCHEMES if scheme is not casenumbers.DEFAULT_SCHEME
]
_CASE_PREFIX_RE = re.compile(r"[A-Z]{1,3}")  # as Scheme.format takes it


class MeetingSeries(models.Model):
    """A running series of meetings of one office, e.g. 臺北市政府秘書處 / 處務會議. `organisation` is the name the
    record's title gives (it may differ from the office's, e.g. a committee of the office)."""

    office = models.ForeignKey(
        Office, verbose_name="所屬機關", on_delete=models.PROTECT, related_name="series", default=sole_office_id
    )
    organisation = models.CharField("機關", max_length=100)
    kind = models.CharField("會議類別", max_length=30, help_text="例如：處務（不含「會議」二字）")
    # The header labels this series' records write (chair → 主持人, recorder → 記錄…): what a meeting typed in
    # the browser is printed with. A field without one prints in this app's words (HEADER_LABELS).
    labels = models.JSONField("表頭用語", default=dict, blank=True)
    # How this series numbers its tracked cases (casenumbers.SCHEMES); fixed once a case has a number in it.
    case_scheme = models.CharField(
        "列管案號編號方式", max_length=30, choices=CASE_SCHEME_CHOICES, default=casenumbers.DEFAULT_SCHEME.name
    )
    case_prefix = models.CharField(
        "案號字首", max_length=3, blank=True, help_text="僅「字首＋會次＋序號」使用：一到三個大寫英文字母，例如 A"
    )

    class Meta:
        verbose_name = "會議系列"
        verbose_name_plural = "會議系列"
        ordering = ["office", "organisation", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["office", "organisation", "kind"], name="unique_series"),
            models.CheckConstraint(
                condition=Q(case_scheme__in=[name for name, _ in CASE_SCHEME_CHOICES]), name="series_case_scheme_valid"
            ),
        ]

    def __str__(self):
        return f"{self.organisation}{self.meeting_name}"

    def clean(self):
        super().clean()
        if self.case_scheme == "prefix":
            if not _CASE_PREFIX_RE.fullmatch(self.case_prefix or ""):
                raise ValidationError({"case_prefix": "「字首＋會次＋序號」需要一到三個大寫英文字母的字首，例如 A。"})
        elif self.case_prefix:
            raise ValidationError({"case_prefix": "只有「字首＋會次＋序號」的編號方式使用字首，請清除字首。"})

    def case_number_for(self, *, meeting_number: int, date, sequence: int) -> str:
        """The `sequence`-th new case of meeting `meeting_number`, held on `date`, in this series' scheme."""
        scheme = casenumbers.SCHEME[self.case_scheme]
        return scheme.format(meeting_number=meeting_number, date=date, sequence=sequence, prefix=self.case_prefix)

    @property
    def meeting_name(self) -> str:
        """處務會議, or 部務會報 for a series that calls its meetings so."""
        return reader.meeting_name(self.kind)


class MeetingQuerySet(models.QuerySet):
    def with_outline(self):
        """Everything the record page shows, in a fixed number of queries (what other apps add comes through
        minutes.extensions, in queries of their own)."""
        return self.select_related("series", "previous", "signed_by").prefetch_related(
            "sections__items__reports__unit",
            "sections__items__reports__points",
            "sections__items__conclusions",
            "sections__items__tables",
            "sections__conclusions",
            "sections__tables",
        )


class Meeting(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"  # editable by the recorder
        SIGNED = "signed", "已簽核"  # frozen; corrections only as recorded amendments

    series = models.ForeignKey(MeetingSeries, verbose_name="會議系列", on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveIntegerField("會次")
    starts_at = models.DateTimeField("時間")
    adjourned_at = models.TimeField("散會時間", null=True, blank=True)
    place = models.CharField("地點", max_length=100, blank=True, validators=[no_html])
    chair = models.CharField("主席", max_length=50, blank=True, validators=[no_html])
    recorder = models.CharField("紀錄", max_length=50, blank=True, validators=[no_html])
    attendees = models.TextField("出席", blank=True, max_length=2000, validators=[no_html])
    observers = models.TextField("列席", blank=True, max_length=2000, validators=[no_html])
    absentees = models.TextField("請假", blank=True, max_length=2000, validators=[no_html])
    attachments = models.TextField(
        "附件", blank=True, max_length=2000, validators=[no_html],
        help_text="紀錄散會後所列的附件，一行一件，例如：附件：簽到表",
    )
    previous = models.ForeignKey(
        "self", verbose_name="上次會議", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The record's own words, printed back as written (see reader.Wording): "title", "labels" (field → label as
    # written, in the record's order), "time" and "date" (as written; starts_at holds the real time),
    # "adjournment" (散會(10時45分), 會議於上午 10 時 30 分結束。), "header_numbered" (一、開會時間：…). Written by
    # services only; frozen once signed.
    wording = models.JSONField("原紀錄用語", default=dict, blank=True)
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.DRAFT)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="簽核人", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    signed_at = models.DateTimeField("簽核時間", null=True, blank=True)
    # Optimistic locking: a form carries the version it was read at; a stale save is refused.
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField("建立時間", auto_now_add=True)
    updated_at = models.DateTimeField("最後修改", auto_now=True)
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "會議"
        verbose_name_plural = "會議"
        ordering = ["-starts_at", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="unique_meeting_number_in_series"),
            models.CheckConstraint(condition=Q(status__in=["draft", "signed"]), name="meeting_status_valid"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(signed_at__isnull=False), name="signed_meeting_has_signed_at"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return f"{self.series.organisation}第 {self.number} 次{self.series.meeting_name}紀錄"

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED

    @property
    def starts_at_roc(self) -> str:
        from django.utils import timezone

        return rocdate.format_roc_datetime(timezone.localtime(self.starts_at))

    def get_absolute_url(self):
        return reverse("minutes:meeting-detail", args=[self.pk])

    @property
    def header_numbered(self) -> str:
        """"一" or "壹" when the record numbers its header fields (一、開會時間：…, 壹、會議時間：…), else ""."""
        return (self.wording.get("header_numbered") or "") if isinstance(self.wording, dict) else ""

    def header_fields(self) -> list[tuple[str, str, str]]:
        """(field, label, value) of the header, each label and the order as the record wrote them, else as its
        series writes them, else in this app's words. 時間 is the date and time as written while the meeting
        still starts then; 日期 is printed apart when the record gave it apart. A field the record lacks (列席,
        請假) is left out; 出席 is always there."""
        written = self.wording.get("labels", {}) if isinstance(self.wording, dict) else {}
        labels = {**HEADER_LABELS, **(self.series.labels or {}), **written}
        # "order" keeps the record's order (jsonb does not keep a dict's); the labels' own order where it is missing.
        written_order = self.wording.get("order") or list(written) if isinstance(self.wording, dict) else []
        order = [name for name in written_order if name in written and (name in HEADER_LABELS or name == "date")]
        order += [name for name in HEADER_LABELS if name not in order]
        values = {
            "place": self.place, "chair": self.chair, "recorder": self.recorder, "attendees": self.attendees,
            "observers": self.observers, "absentees": self.absentees,
        }
        fields = []
        for name in order:
            if name == "date":
                if self.wording.get("date"):
                    fields.append(("date", written["date"], self.wording["date"]))
            elif name == "time":
                fields.append(("time", labels["time"], self.wording.get("time", "")))
            elif values[name] or name not in ("observers", "absentees"):
                fields.append((name, labels[name], values[name]))
        return fields

    @property
    def title_as_written(self) -> str:
        return (self.wording.get("title") if isinstance(self.wording, dict) else "") or self.title

    @property
    def adjournment_as_written(self) -> str:
        return self.wording.get("adjournment", "") if isinstance(self.wording, dict) else ""


class Section(models.Model):
    """壹、貳、參…; the numeral is what the record gives, gaps included."""

    meeting = models.ForeignKey(Meeting, verbose_name="會議", on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField("序號", help_text="壹 = 1，參 = 3")
    order = models.PositiveIntegerField("排序", default=0)
    title = models.CharField("標題", max_length=500, validators=[no_html])
    body = models.TextField("內容", blank=True, max_length=20000, validators=[no_html])
    conclusion_label = models.CharField("結論標示", max_length=10, blank=True, default="會議結論", validators=[no_html])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "會議段落"
        verbose_name_plural = "會議段落"
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.numeral}、{self.title}"

    @property
    def numeral(self) -> str:
        return numerals.to_zh_formal(self.number)

    @property
    def body_parts(self) -> list[tuple[str, object]]:
        """The section's body with the tables it carries itself in place (uses the prefetch)."""
        return body_parts(self.body, [table for table in self.tables.all() if table.item_id is None])

    @property
    def body_parts_shown(self) -> list[tuple[str, object]]:
        return self.body_parts

    @property
    def section_conclusions(self) -> list:
        """The conclusions the section carries itself, not those of its items (uses the prefetch)."""
        return [c for c in self.conclusions.all() if c.item_id is None]


class AgendaItem(models.Model):
    """一、二、三… inside a section; numbered by order."""

    section = models.ForeignKey(Section, verbose_name="段落", on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField("排序", default=0)
    title = models.TextField("案由", max_length=2000, validators=[no_html])
    body = models.TextField("說明", blank=True, max_length=20000, validators=[no_html])
    conclusion_label = models.CharField("結論標示", max_length=10, blank=True, default="會議結論", validators=[no_html])
    # How the record numbers a proposal, with {} for its numeral: 提案{} (提案一), 第{}案, 案由{}; "" for 一、.
    # A template, not the words, so that an item moved in the editor is still numbered right.
    numbering = models.CharField("編號用語", max_length=10, blank=True, validators=[no_html])
    # A proposal's lines the record writes above its 案由 line (提案單位：…, 提案人：…): the first lines of body.
    lines_above_title = models.PositiveSmallIntegerField("案由前的行數", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "議程案由"
        verbose_name_plural = "議程案由"
        ordering = ["order", "id"]

    def __str__(self):
        return self.title[:40]

    @property
    def body_above_title(self) -> list[str]:
        return self.body.splitlines()[: self.lines_above_title] if self.numbered_as_written else []

    @property
    def numbered_as_written(self) -> str:
        """提案一, 第一案, 案由一 when the record numbers the item so; "" for an item numbered 一、."""
        return self.numbering.format(numerals.to_zh(self.order)) if "{}" in self.numbering else ""

    @property
    def body_parts(self) -> list[tuple[str, object]]:
        """The item's body with its tables in place (uses the prefetch)."""
        return body_parts(self.body, self.tables.all())

    @property
    def body_parts_shown(self) -> list[tuple[str, object]]:
        """The body as pages and the PDF show it below the heading: without the lines shown above the 案由."""
        return body_parts(self.body, self.tables.all(), skip=len(self.body_above_title))


# The PDF's table of tracked cases (print.css, table.record), in em of its type (10pt): the table's width (the
# text's, one step in), the padding of a cell (0.6em a side, wide enough that pdftotext reads every cell as a
# block of its own), the widest and the narrowest a column of short cells is made, and the longest cell of one
# kept whole when the columns must give way.
_PRINTED_TABLE_EM = 44.0
_PRINTED_PADDING_EM = 1.2
_PRINTED_SHORT_MAX_EM = 8.0
_PRINTED_SHORT_MIN_EM = 3.0
_PRINTED_WORD_EM = 5.0
_PRINTED_FREE_TEXT = ("subject", "progress", None)  # None: a heading the reader does not know


def _printed_em(text: str) -> float:
    """How wide a cell's longest line prints, in em: a CJK character one, a digit or Latin letter about 0.6."""
    return max(display_width(line) * 0.5 + (0.1 * sum(char.isascii() for char in line)) for line in text.splitlines() or [""])


class RecordTable(models.Model):
    """A table of tracked cases (案號 | 案由 | 主辦單位 | 辦理情形 | 列管建議 | 決定) as the record gives it, in the
    body of an item (or of a section without items): its headings as written and its rows of cells. It stands
    after `position` paragraphs of that body; the pages and the PDF show it as a table (record_text, a row to a
    line)."""

    section = models.ForeignKey(Section, verbose_name="段落", on_delete=models.CASCADE, related_name="tables")
    item = models.ForeignKey(
        AgendaItem, verbose_name="案由", null=True, blank=True, on_delete=models.CASCADE, related_name="tables"
    )
    order = models.PositiveIntegerField("排序", default=0)
    position = models.PositiveIntegerField("位置", default=0, help_text="表格之前的內容段落數")
    headings = models.JSONField("欄位標題", default=list)  # ["案號", "案由", …] as written
    rows = models.JSONField("列", default=list)  # [["10701", "請民政課…", …], …], a cell per heading
    history = HistoricalRecords()

    class Meta:
        verbose_name = "列管案件表"
        verbose_name_plural = "列管案件表"
        ordering = ["order", "id"]

    def __str__(self):
        return f"{'｜'.join(self.headings)}（{len(self.rows)} 列）"

    @property
    def printed_columns(self) -> list[tuple[str, float]]:
        """The headings with the share of the table's width (in %) the PDF gives each column. The case number
        is never wrapped; the other short cells of a shape (the unit, a suggestion, a decision) get as much as
        their longest cell needs, within bounds; the columns of free text (案由, 辦理情形) the rest, at least
        half, by how much each holds. Fixed widths also spare WeasyPrint measuring every cell."""
        kinds = [table_forms.heading_of(heading) for heading in self.headings]
        needs, weights = {}, {}
        for column, heading in enumerate(self.headings):
            texts = [heading] + [row[column] for row in self.rows if column < len(row) and row[column]]
            if kinds[column] in _PRINTED_FREE_TEXT:
                weights[column] = max(sum(map(len, texts)) / len(texts), 1.0) ** 0.5
            else:
                needs[column] = min(max(map(_printed_em, texts)), _PRINTED_SHORT_MAX_EM)
        # A heading never wraps: its column is at least as wide.
        floors = {column: max(_printed_em(heading), _PRINTED_SHORT_MIN_EM) for column, heading in enumerate(self.headings)}
        room = _PRINTED_TABLE_EM - len(self.headings) * _PRINTED_PADDING_EM
        fixed = {
            column: max(need, floors[column]) for column, need in needs.items() if kinds[column] in ("case_number", "index")
        }
        short = {column: need for column, need in needs.items() if column not in fixed}
        free_room = max(room / 2, room - sum(needs.values())) if weights else 0.0
        left = room - sum(fixed.values()) - free_room
        if short and sum(short.values()) > left:
            scale = max(left, 0.0) / sum(short.values())
            # A word of a few characters (解除列管, 工務課) stays whole.
            short = {
                column: max(need * scale, floors[column], min(need, _PRINTED_WORD_EM)) for column, need in short.items()
            }
        widths = fixed | short
        if weights:
            free_room = max(room - sum(widths.values()), sum(floors[column] for column in weights))
            total_weight = sum(weights.values())
            widths |= {
                column: max(free_room * weight / total_weight, floors[column]) for column, weight in weights.items()
            }
        total = sum(widths.values()) + len(self.headings) * _PRINTED_PADDING_EM
        return [
            (heading, round((widths[column] + _PRINTED_PADDING_EM) / total * 100, 2))
            for column, heading in enumerate(self.headings)
        ]

    @property
    def shown_rows(self) -> list[list[tuple[str, bool]]]:
        """The rows for the pages, each cell with whether its column holds short cells of a shape (案號, 主辦單位,
        列管建議, 決定), which keep their words whole (解除列管, never 解除列 / 管)."""
        short = [table_forms.heading_of(heading) not in _PRINTED_FREE_TEXT for heading in self.headings]
        return [list(zip(row, short)) for row in self._full_rows()]

    @property
    def printed_rows(self) -> list[list[str]]:
        """The rows as the PDF prints them: an empty cell as a dash (table_forms.EMPTY_CELL), so that every row
        has all its cells and pdftotext reads the table row by row."""
        return [[cell or table_forms.EMPTY_CELL for cell in row] for row in self._full_rows()]

    def _full_rows(self) -> list[list[str]]:
        """Each row with a cell for every heading, no more."""
        width = len(self.headings)
        return [(row + [""] * width)[:width] for row in self.rows]

    @property
    def lines(self) -> list[str]:
        """The table as documents.record_text lays it out and the reader reads it back: the headings, then a row
        to a line, the cells a space apart (tables.py's flat form; the PDF printed tables so before it ruled
        them)."""
        return [" ".join(cell for cell in cells if cell) for cells in [self.headings, *self.rows]]


def body_parts(body: str, tables, skip: int = 0) -> list[tuple[str, object]]:
    """A body with its tables in place: ("text", its paragraphs a line each) and ("table", RecordTable), in order; the first
    `skip` paragraphs (a proposal's lines above its 案由, never a table's place) left out."""
    paragraphs = body.splitlines()
    parts: list[tuple[str, object]] = []
    done = skip
    for table in sorted(tables, key=lambda table: (table.position, table.order)):
        position = min(table.position, len(paragraphs))
        if paragraphs[done:position]:
            parts.append(("text", "\n".join(paragraphs[done:position])))
        parts.append(("table", table))
        done = max(done, position)
    if paragraphs[done:]:
        parts.append(("text", "\n".join(paragraphs[done:])))
    return parts


class SupplementaryReport(models.Model):
    """{unit}{surname}{title}補充報告, with numbered points or one paragraph."""

    item = models.ForeignKey(AgendaItem, verbose_name="案由", on_delete=models.CASCADE, related_name="reports")
    order = models.PositiveIntegerField("排序", default=0)
    unit = models.ForeignKey(Unit, verbose_name="組室", null=True, blank=True, on_delete=models.PROTECT)
    reporter_surname = models.CharField("報告人姓氏", max_length=4, blank=True, validators=[no_html])
    reporter_title = models.CharField("報告人職稱", max_length=20, blank=True, validators=[no_html])
    heading = models.CharField(
        "報告人", max_length=60, blank=True, help_text="無法拆成組室、姓氏與職稱時的原文，例如：林副秘書長",
        validators=[no_html],
    )
    label = models.CharField(
        "標示", max_length=10, default="補充報告", help_text="原紀錄的寫法：補充報告或補充說明", validators=[no_html]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "補充報告"
        verbose_name_plural = "補充報告"
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.reporter}{self.label}"

    @property
    def reporter(self) -> str:
        if self.unit_id is None and not (self.reporter_surname or self.reporter_title):
            return self.heading
        unit = self.unit.name if self.unit_id else ""
        return f"{unit}{self.reporter_surname}{self.reporter_title}"


class ReportPoint(models.Model):
    report = models.ForeignKey(SupplementaryReport, verbose_name="補充報告", on_delete=models.CASCADE, related_name="points")
    order = models.PositiveIntegerField("排序", default=0)
    text = models.TextField("內容", max_length=5000, validators=[no_html])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "報告要點"
        verbose_name_plural = "報告要點"
        ordering = ["order", "id"]

    def __str__(self):
        return self.text[:40]


class Conclusion(models.Model):
    """One conclusion sentence; several under one item are numbered (一)(二)… by order."""

    section = models.ForeignKey(Section, verbose_name="段落", on_delete=models.CASCADE, related_name="conclusions")
    item = models.ForeignKey(
        AgendaItem, verbose_name="案由", null=True, blank=True, on_delete=models.CASCADE, related_name="conclusions"
    )
    order = models.PositiveIntegerField("排序", default=0)
    text = models.TextField("內容", max_length=5000, validators=[no_html])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "會議結論"
        verbose_name_plural = "會議結論"
        ordering = ["order", "id"]

    def __str__(self):
        return self.text[:40]

    def clean(self):
        # An item of another section (another meeting, perhaps a signed one) would show this conclusion there.
        if self.item_id is not None and self.section_id is not None and self.item.section_id != self.section_id:
            raise ValidationError({"item": "案由不屬於這個段落。"})

    @property
    def meeting_id(self):
        return self.section.meeting_id


class Amendment(models.Model):
    """A correction made after signing: who, when, why, what changed and which meeting decided it. Never edited."""

    meeting = models.ForeignKey(Meeting, verbose_name="會議", on_delete=models.CASCADE, related_name="amendments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登錄人", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登錄時間", auto_now_add=True)
    reason = models.TextField("更正理由", max_length=2000, validators=[no_html])
    changes = models.TextField("更正內容", max_length=20000, validators=[no_html])
    # 修正後確定 at the next meeting: the meeting that decided the correction, when one did.
    decided_at = models.ForeignKey(
        Meeting, verbose_name="決定更正的會議", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        verbose_name = "更正紀錄"
        verbose_name_plural = "更正紀錄"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.meeting} 更正 {self.created_at:%Y-%m-%d}"


class SignedRecordQuerySet(models.QuerySet):
    def current(self):
        """The latest version of each meeting's document: what a download serves."""
        newer = SignedRecord.objects.filter(meeting=models.OuterRef("meeting"), version__gt=models.OuterRef("version"))
        return self.filter(~models.Exists(newer))


class SignedRecord(models.Model):
    """A version of the document of record, rendered once and served byte for byte, verifiable by its hash.

    Version 1 is the PDF stored at signing; each amendment adds a version that prints the signed record with the
    amendments so far. Earlier versions are never replaced.
    """

    meeting = models.ForeignKey(Meeting, verbose_name="會議", on_delete=models.PROTECT, related_name="signed_records")
    version = models.PositiveIntegerField("版次", default=1)
    amendment = models.OneToOneField(
        Amendment, verbose_name="更正紀錄", null=True, blank=True, on_delete=models.PROTECT, related_name="signed_record",
    )
    pdf = models.BinaryField("PDF")
    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    digitally_signed = models.BooleanField("含數位簽章", default=False)
    created_at = models.DateTimeField("產生時間", auto_now_add=True)

    objects = SignedRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "簽核版紀錄檔"
        verbose_name_plural = "簽核版紀錄檔"
        ordering = ["meeting", "version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="one_signed_record_per_version"),
            models.CheckConstraint(
                condition=Q(version=1, amendment__isnull=True) | Q(version__gt=1, amendment__isnull=False),
                name="amended_versions_name_their_amendment",
            ),
        ]

    def __str__(self):
        return f"{self.meeting} 第 {self.version} 版 ({self.sha256[:12]})"
