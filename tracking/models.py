"""Tracked items (列管案件) under a case number, and the append-only history of their reviews."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from minutes.models import Conclusion, Meeting, MeetingSeries, Unit
from minutes.reader import casenumbers


class Status(models.TextChoices):
    OPEN = "open", "列管"  # opened at its meeting, not yet reviewed
    CONTINUED = "continued", "賡續列管"  # reviewed at least once and kept open
    CLOSED = "closed", "解除列管"  # final unless a meeting explicitly reopens it


class Decision(models.TextChoices):
    CLOSE = "close", "解除列管"
    CONTINUE = "continue", "賡續列管"
    SELF_TRACK = "self_track", "自行列管"  # closed at meeting level; the unit keeps watching it
    REOPEN = "reopen", "恢復列管"


class Suggestion(models.TextChoices):
    CLOSE = "close", "建議解除列管"
    CONTINUE = "continue", "建議賡續列管"
    SELF_TRACK = "self_track", "建議自行列管"


# Long enough for every scheme as written (A-11301, 1130305-12, in full-width digits too).
CASE_NUMBER_LENGTH = 20
# What a case URL accepts (tracking.urls): a number as written in ASCII, or a key; at least three characters and a
# digit first or after a prefix, so it never swallows statistics/ or units/….
URL_NUMBER_RE = re.compile(r"[A-Z]{0,3}-?[0-9][0-9-]{2,16}")


def key_lookup(number: str) -> Q:
    """The cases a number names, however it is written: as written, as a key, or by the key it reads to."""
    found = casenumbers.read_case_number(number)
    condition = Q(case_number=number) | Q(case_key=number)
    return condition | Q(case_key=found.key) if found is not None else condition


class TrackedItemQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """As save() does, each case gets its number (this app's scheme when only meeting and sequence are given) and
        its key, which bulk_create would otherwise leave blank (two blank keys of a series collide)."""
        objs = list(objs)
        for obj in objs:
            if not obj.case_number:
                obj.case_number = casenumbers.format_case_number(obj.meeting_number, obj.sequence)
            if not obj.case_key:
                obj.case_key = casenumbers.case_key(obj.case_number)
        return super().bulk_create(objs, *args, **kwargs)

    def named(self, number: str):
        """The cases `number` names (113-01, 11301 or １１３－０１ alike)."""
        return self.filter(key_lookup(number))

    def active(self):
        return self.filter(status__in=[Status.OPEN, Status.CONTINUED])

    def for_unit(self, unit):
        # Exists instead of a join: no duplicate rows, so no DISTINCT that would slow sorting and paging.
        through = TrackedItem.responsible_units.through
        return self.filter(models.Exists(through.objects.filter(trackeditem_id=models.OuterRef("pk"), unit=unit)))

    def with_details(self):
        return self.select_related("series__office", "conclusion__section__meeting").prefetch_related(
            "responsible_units", "supporting_units"
        )

    def with_pending(self):
        """Annotates decision_pending: the latest decision was taken at a meeting the chair has not signed yet, so
        it is provisional (決定待簽核)."""
        return self.annotate(
            decision_pending=models.Exists(
                Review.objects.filter(item=models.OuterRef("pk"), meeting__status=Meeting.Status.DRAFT)
            )
        )

    def overdue(self, today):
        return self.active().filter(due_date__lt=today)

    def due_within(self, days: int, today):
        import datetime as dt

        return self.active().filter(due_date__gte=today, due_date__lte=today + dt.timedelta(days=days))

    def with_meetings_open(self, now=None):
        """Annotates meetings_open: meetings from the one that opened it to the one that closed it, or to
        the latest meeting held so far. 9903, still open after meeting 108, has been open nine meetings."""
        from django.db.models.functions import Coalesce, Greatest
        from django.utils import timezone

        latest_held = (
            Meeting.objects.filter(series=models.OuterRef("series"), starts_at__lte=now or timezone.now())
            .order_by("-number")
            .values("number")[:1]
        )
        still_open = Greatest(
            Coalesce(models.Subquery(latest_held), models.F("meeting_number")) - models.F("meeting_number"),
            models.Value(0),
        )
        return self.annotate(
            meetings_open=models.Case(
                models.When(
                    closed_meeting_number__isnull=False,
                    then=models.F("closed_meeting_number") - models.F("meeting_number"),
                ),
                default=still_open,
                output_field=models.IntegerField(),
            )
        )


class TrackedItem(models.Model):
    series = models.ForeignKey(MeetingSeries, verbose_name="會議系列", on_delete=models.PROTECT, related_name="tracked_items")
    # As the record (or this app, in the series' scheme) wrote it: 10801, 113-01, A11301, 1130305-1.
    case_number = models.CharField("列管案號", max_length=CASE_NUMBER_LENGTH)
    # The same case however it is written (113-01 and 11301 are one): lookups, uniqueness and sorting use it.
    case_key = models.CharField("案號索引", max_length=CASE_NUMBER_LENGTH, editable=False)
    meeting_number = models.PositiveIntegerField("列管會次")
    sequence = models.PositiveSmallIntegerField("序號")
    conclusion = models.OneToOneField(
        Conclusion, verbose_name="會議結論", null=True, blank=True, on_delete=models.PROTECT,
        related_name="tracked_item",
    )
    subject = models.TextField("案由", blank=True, max_length=5000)
    responsible_units = models.ManyToManyField(Unit, verbose_name="主辦單位", blank=True, related_name="tracked_items")
    supporting_units = models.ManyToManyField(Unit, verbose_name="協辦單位", blank=True, related_name="supported_items")
    due_date = models.DateField("期限", null=True, blank=True)
    status = models.CharField("狀態", max_length=12, choices=Status.choices, default=Status.OPEN)
    # The meeting that closed it, kept next to the status so "how long was it open" needs no join.
    closed_meeting_number = models.PositiveIntegerField("解除列管會次", null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="列管人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrackedItemQuerySet.as_manager()
    # Edits of 案由, units and due date carry a reason that says what changed (units are many-to-many,
    # so the reason is where their change is written down).
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "列管案件"
        verbose_name_plural = "列管案件"
        ordering = ["meeting_number", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["series", "case_key"], name="unique_case_key_in_series"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="tracked_item_status_valid"),
            models.CheckConstraint(condition=Q(sequence__gte=1, sequence__lte=99), name="case_sequence_range"),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="tracked_item_status_due"),
            # The lists' default order (by case number across series): the first page is an index scan with LIMIT.
            models.Index(fields=["meeting_number", "sequence"], name="tracked_item_case_order"),
            # An old /tracking/<number>/ link and a keyword that is a case number, across series.
            models.Index(fields=["case_number"], name="tracked_item_case_number"),
        ]

    def __str__(self):
        return f"{self.case_number} {self.subject[:30]}"

    @property
    def is_active(self) -> bool:
        return self.status in (Status.OPEN, Status.CONTINUED)

    def save(self, *args, **kwargs):
        if not self.case_number:
            # Code that names a case by meeting and sequence alone means this app's own scheme.
            self.case_number = casenumbers.format_case_number(self.meeting_number, self.sequence)
        self.case_key = casenumbers.case_key(self.case_number)
        if kwargs.get("update_fields") is not None and "case_number" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "case_key"}
        super().save(*args, **kwargs)

    @property
    def url_number(self) -> str:
        """The number in the case's URL: as written when that is plain ASCII (113-01), else its key."""
        return self.case_number if URL_NUMBER_RE.fullmatch(self.case_number) else self.case_key

    def get_absolute_url(self):
        # The series names the case: two offices (or two series) may each have a 10801.
        return reverse("tracking:item-detail", args=[self.series_id, self.url_number])


class CaseCounter(models.Model):
    """The last sequence handed out per meeting, so numbers are never reused, even after a deletion."""

    series = models.ForeignKey(MeetingSeries, on_delete=models.CASCADE, related_name="+")
    meeting_number = models.PositiveIntegerField()
    last_sequence = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "meeting_number"], name="unique_case_counter"),
        ]


class ReviewQuerySet(models.QuerySet):
    def at_drafts(self):
        return self.filter(meeting__status=Meeting.Status.DRAFT)


class CurrentReviewManager(models.Manager.from_queryset(ReviewQuerySet)):
    """The decisions that stand: a corrected or withdrawn row stays in the history but no longer counts."""

    def get_queryset(self):
        return super().get_queryset().filter(superseded_at__isnull=True)


class Review(models.Model):
    """One decision on one item at one meeting. Rows are only ever added.

    A decision recorded at a draft meeting can be corrected until the chair signs: the correction is a new row
    that names the row it corrects, and that row is marked superseded (when, by whom, why), never rewritten.
    A decision withdrawn (the record no longer states it) is marked superseded with no row after it.
    """

    item = models.ForeignKey(TrackedItem, verbose_name="列管案件", on_delete=models.PROTECT, related_name="reviews")
    meeting = models.ForeignKey(Meeting, verbose_name="會議", on_delete=models.PROTECT, related_name="reviews")
    decision = models.CharField("會議決定", max_length=12, choices=Decision.choices)
    status_before = models.CharField("原狀態", max_length=12, choices=Status.choices)
    status_after = models.CharField("新狀態", max_length=12, choices=Status.choices)
    progress = models.TextField("辦理情形", blank=True, max_length=5000)
    suggestion = models.CharField("列管建議", max_length=12, choices=Suggestion.choices, blank=True)
    reason = models.TextField("理由", blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登錄人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登錄時間", auto_now_add=True)
    corrects = models.OneToOneField(
        "self", verbose_name="更正的決定", null=True, blank=True, on_delete=models.PROTECT, related_name="correction",
    )
    superseded_at = models.DateTimeField("失效時間", null=True, blank=True)
    superseded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="更正人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    superseded_reason = models.CharField("更正原因", max_length=200, blank=True)

    objects = CurrentReviewManager()
    all_rows = models.Manager.from_queryset(ReviewQuerySet)()  # the whole history, superseded rows included

    class Meta:
        verbose_name = "列管審議"
        verbose_name_plural = "列管審議"
        ordering = ["created_at", "id"]
        base_manager_name = "all_rows"
        constraints = [
            models.UniqueConstraint(
                fields=["item", "meeting"], condition=Q(superseded_at__isnull=True),
                name="one_current_decision_per_item_and_meeting",
            ),
            models.CheckConstraint(condition=Q(decision__in=Decision.values), name="review_decision_valid"),
        ]

    def __str__(self):
        return f"{self.item.case_number} @ {self.meeting.number}: {self.get_decision_display()}"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None


class ProgressReport(models.Model):
    """A unit's progress (辦理情形) on an item, written before a meeting. Each save is a new row."""

    item = models.ForeignKey(TrackedItem, verbose_name="列管案件", on_delete=models.PROTECT, related_name="progress_reports")
    unit = models.ForeignKey(Unit, verbose_name="組室", on_delete=models.PROTECT, related_name="progress_reports")
    meeting = models.ForeignKey(
        Meeting, verbose_name="提報會議", null=True, blank=True, on_delete=models.PROTECT, related_name="progress_reports"
    )
    text = models.TextField("辦理情形", max_length=5000)
    suggestion = models.CharField("列管建議", max_length=12, choices=Suggestion.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="填報人", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("填報時間", auto_now_add=True)

    class Meta:
        verbose_name = "辦理情形"
        verbose_name_plural = "辦理情形"
        ordering = ["created_at", "id"]
        # Has this unit reported on this item since the last meeting: one index probe per (item, unit) pair.
        indexes = [models.Index(fields=["item", "unit", "created_at"], name="progress_item_unit_created")]

    def __str__(self):
        return f"{self.item.case_number} {self.unit}"


class ReminderDelivery(models.Model):
    """One case reminded to one address on one day, claimed before the e-mail goes, so no reminder goes out twice.

    The rows of an e-mail are inserted in the transaction that sends it: they commit once the mail server took the
    message, and not at all when sending fails or the worker dies first, so a rerun sends what was not sent and
    skips what was. Two runs at once meet on the unique constraint: the second waits, then skips.
    """

    item = models.ForeignKey(TrackedItem, verbose_name="列管案件", on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField("日期")
    recipient = models.EmailField("收件人")
    kind = models.CharField("種類", max_length=20)
    sent_at = models.DateTimeField("寄送時間", auto_now_add=True)

    class Meta:
        verbose_name = "列管提醒寄送紀錄"
        verbose_name_plural = "列管提醒寄送紀錄"
        constraints = [
            models.UniqueConstraint(fields=["item", "sent_on", "recipient", "kind"], name="one_reminder_per_case_day"),
        ]

    def __str__(self):
        return f"{self.item_id} → {self.recipient}（{self.sent_on}）"
