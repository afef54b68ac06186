"""Random sequences of what the recorder and the chair do (import, new meeting, decide, correct, edit the decision
sentence, track, sign, amend): after every step the record's text, its reviews, the cases' statuses and the stored
signed files agree, and a refused step changes nothing. At the end every document is read back from its PDF."""

import datetime as dt
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from minutes import documents, extensions, services
from minutes.errors import MeetingError
from minutes.models import Conclusion, Meeting, MeetingSeries, SignedRecord, Unit
from minutes.reader import parse_minutes, sentences
from tests.conftest import SEED_PATH
from tracking import importing, lifecycle, selectors
from tracking import services as tracking_services
from tracking.models import Decision, Review, Status, TrackedItem

pytestmark = pytest.mark.django_db

DECISIONS = [Decision.CLOSE, Decision.CONTINUE, Decision.SELF_TRACK]


def snapshot():
    """What a refused step must leave exactly as it was."""
    return (
        list(Review.all_rows.order_by("pk").values_list("pk", "decision", "superseded_at")),
        list(TrackedItem.objects.order_by("pk").values_list("pk", "status", "closed_meeting_number", "conclusion_id")),
        list(Conclusion.objects.order_by("pk").values_list("pk", "text")),
        list(Meeting.objects.order_by("pk").values_list("pk", "version", "status")),
        list(SignedRecord.objects.order_by("pk").values_list("pk", "sha256")),
    )


class RecorderAndChair(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        users = get_user_model().objects
        self.recorder = users.create_user("sm-recorder", first_name="葉霆怡")
        self.chair = users.create_user("sm-chair", first_name="陳志銘")
        self.unit = Unit.objects.get_or_create(name="文書組")[0]
        self.seed = services.record_import(parse_minutes(SEED_PATH.read_text(encoding="utf-8")), user=self.recorder)
        self.series = MeetingSeries.objects.get(pk=self.seed.series_id)
        self.stored: dict[int, str] = {}  # SignedRecord id → its SHA-256 when stored

    def teardown(self):
        try:
            for meeting in Meeting.objects.filter(series=self.series):
                self.check_the_pdf_reads_back_as_the_reviews(meeting)
        finally:
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

    # --- helpers -----------------------------------------------------------------------------------------------

    def drafts(self):
        return list(Meeting.objects.filter(series=self.series, status=Meeting.Status.DRAFT).order_by("number"))

    def signed(self):
        return list(Meeting.objects.filter(series=self.series, status=Meeting.Status.SIGNED).order_by("number"))

    def attempt(self, step):
        """Runs a step; a refusal (MeetingError) must leave everything as it was."""
        before = snapshot()
        try:
            with transaction.atomic():
                step()
        except MeetingError:
            assert snapshot() == before

    # --- what people do ----------------------------------------------------------------------------------------

    @precondition(lambda self: Meeting.objects.filter(series=self.series).count() < 4)
    @rule()
    def start_the_next_meeting(self):
        last = Meeting.objects.filter(series=self.series).order_by("-number").first()
        self.attempt(lambda: services.meeting_create_from_previous(
            user=self.recorder, previous=last, starts_at=last.starts_at + dt.timedelta(days=28)))

    @rule(data=st.data())
    def decide_on_the_review_page(self, data):
        drafts = [m for m in self.drafts() if m.number > self.seed.number]
        if not drafts:
            return
        meeting = data.draw(st.sampled_from(drafts))
        rows = selectors.review_rows(meeting)
        if not rows:
            return
        chosen = data.draw(st.lists(st.sampled_from(rows), min_size=1, max_size=3, unique_by=lambda r: r.item.pk))
        inputs = [tracking_services.DecisionInput(row.item, data.draw(st.sampled_from(DECISIONS)), "更正") for row in chosen]
        self.attempt(lambda: tracking_services.review_record_decisions(meeting=meeting, decisions=inputs,
                                                                        user=self.recorder))

    @rule(data=st.data())
    def edit_the_decision_sentence(self, data):
        drafts = self.drafts()
        if not drafts:
            return
        meeting = data.draw(st.sampled_from(drafts))
        holders = [c for c in Conclusion.objects.filter(section__meeting=meeting)
                   if sentences.read_decisions(c.text)[0]]
        if not holders:
            return
        conclusion = data.draw(st.sampled_from(holders))
        numbers = list(TrackedItem.objects.filter(series=self.series, meeting_number__lt=meeting.number)
                       .values_list("case_number", flat=True))
        picked = data.draw(st.lists(st.sampled_from(numbers), min_size=1, max_size=4, unique=True))
        text = sentences.format_decision_sentence({n: data.draw(st.sampled_from(DECISIONS)) for n in picked})
        self.attempt(lambda: services.conclusion_update(conclusion=conclusion, user=self.recorder, version=None,
                                                        text=text))

    @rule(data=st.data())
    def track_a_conclusion(self, data):
        candidates = [
            c for c in Conclusion.objects.filter(section__meeting__in=self.drafts(), tracked_item__isnull=True)
            if not sentences.read_decisions(c.text)[0] and not sentences.states_outcome(c.text)
        ]
        if not candidates:
            return
        conclusion = data.draw(st.sampled_from(candidates))
        self.attempt(lambda: lifecycle.case_open(conclusion=conclusion, units=[self.unit], user=self.recorder))

    @rule(data=st.data())
    def sign(self, data):
        drafts = self.drafts()
        if not drafts:
            return
        meeting = data.draw(st.sampled_from(drafts))
        self.attempt(lambda: services.meeting_sign(meeting, self.chair))

    @rule(data=st.data())
    def amend(self, data):
        signed = self.signed()
        if not signed:
            return
        meeting = data.draw(st.sampled_from(signed))
        self.attempt(lambda: services.meeting_amend(meeting, self.recorder, reason="誤植", changes="「一月底」更正為「二月底」"))

    # --- what must always hold ---------------------------------------------------------------------------------

    @invariant()
    def the_text_and_the_reviews_say_the_same_at_every_meeting(self):
        for meeting in Meeting.objects.filter(series=self.series):
            current = dict(Review.objects.filter(meeting=meeting).values_list("item__case_number", "decision"))
            assert selectors.stated_decisions(meeting) == current, meeting.number
            appendix = {r.item.case_number: r.decision for _, block in extensions.document_parts(meeting).blocks
                        for r in block["reviews"]}
            assert appendix == current, meeting.number

    @invariant()
    def every_status_is_what_the_decisions_left(self):
        for item in TrackedItem.objects.filter(series=self.series):
            latest = Review.objects.filter(item=item).order_by("-meeting__number").first()
            expected = latest.status_after if latest else Status.OPEN
            assert item.status == expected, item.case_number
            closed = latest.meeting.number if latest and expected == Status.CLOSED else None
            assert item.closed_meeting_number == closed, item.case_number

    @invariant()
    def a_stored_signed_file_never_changes(self):
        for record in SignedRecord.objects.filter(meeting__series=self.series):
            known = self.stored.setdefault(record.pk, record.sha256)
            assert record.sha256 == known == documents.sha256_of(bytes(record.pdf))

    @invariant()
    def a_signed_meeting_has_its_first_version_and_no_draft_has_one(self):
        for meeting in Meeting.objects.filter(series=self.series):
            versions = list(SignedRecord.objects.filter(meeting=meeting).values_list("version", flat=True))
            if meeting.is_signed:
                assert versions == list(range(1, len(versions) + 1)) and versions
                assert len(versions) == 1 + meeting.amendments.count()
            else:
                assert versions == []

    # --- read back at the end ----------------------------------------------------------------------------------

    def check_the_pdf_reads_back_as_the_reviews(self, meeting):
        # The record as signed (version 1); later versions add the amendments after the signatures.
        pdf = documents.meeting_pdf_bytes(meeting, version=1 if meeting.is_signed else None)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                              check=True).stdout.decode()
        decisions, _ = importing.stated_decisions(parse_minutes(text))
        current = dict(Review.objects.filter(meeting=meeting).values_list("item__case_number", "decision"))
        assert decisions == current, meeting.number


def test_the_record_its_tracking_and_its_pdf_never_disagree():
    run_state_machine_as_test(
        RecorderAndChair,
        settings=settings(max_examples=8, stateful_step_count=8, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]),
    )
