"""The lifecycle of a tracked item: allowed and refused decisions, and the history they leave."""

import datetime as dt

import pytest

from minutes.models import Conclusion, Unit
from tracking import lifecycle
from tracking.lifecycle import TrackingError
from tracking.models import Decision, Review, Status, TrackedItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting_109(seed_meeting):
    from minutes.models import Meeting

    return Meeting.objects.create(series=seed_meeting.series, number=109, starts_at=seed_meeting.starts_at)


@pytest.fixture
def meeting_110(meeting_109):
    from minutes.models import Meeting

    return Meeting.objects.create(
        series=meeting_109.series, number=110, starts_at=meeting_109.starts_at + dt.timedelta(days=28)
    )


def bring_to(item, status, meeting):
    """The case's status comes from its decisions: reach `status` by deciding at `meeting`."""
    decision = {Status.CONTINUED: Decision.CONTINUE, Status.CLOSED: Decision.CLOSE}.get(status)
    if decision:
        lifecycle.case_record_decision(item=item, meeting=meeting, decision=decision)
    item.refresh_from_db()
    assert item.status == status


@pytest.fixture
def item(seed_meeting):
    conclusion = Conclusion.objects.get(section__meeting=seed_meeting, text__startswith="請文書組於一月底前")
    unit = Unit.objects.get_or_create(name="文書組")[0]
    return lifecycle.case_open(conclusion=conclusion, units=[unit])


def test_opening_a_conclusion_gives_the_next_case_number_of_its_meeting(seed_meeting, item):
    assert item.case_number == "10801"
    assert item.status == Status.OPEN
    assert [u.name for u in item.responsible_units.all()] == ["文書組"]
    assert item.subject.startswith("請文書組於一月底前")


def test_case_numbers_are_not_reused_after_a_deletion(seed_meeting, item):
    item.delete()
    second = Conclusion.objects.get(section__meeting=seed_meeting, text__startswith="請國際事務組")
    again = lifecycle.case_open(conclusion=second, units=[Unit.objects.get(name="文書組")])
    assert again.case_number == "10802"


def test_a_conclusion_cannot_be_tracked_twice(item):
    with pytest.raises(TrackingError, match="已經列管"):
        lifecycle.case_open(conclusion=item.conclusion, units=list(item.responsible_units.all()))


def test_opening_needs_a_responsible_unit(seed_meeting):
    conclusion = Conclusion.objects.filter(section__meeting=seed_meeting).first()
    with pytest.raises(TrackingError, match="主辦單位"):
        lifecycle.case_open(conclusion=conclusion, units=[])


@pytest.mark.parametrize(
    ("start", "decision", "after"),
    [
        (Status.OPEN, Decision.CONTINUE, Status.CONTINUED),
        (Status.OPEN, Decision.CLOSE, Status.CLOSED),
        (Status.OPEN, Decision.SELF_TRACK, Status.CLOSED),
        (Status.CONTINUED, Decision.CONTINUE, Status.CONTINUED),
        (Status.CONTINUED, Decision.CLOSE, Status.CLOSED),
        (Status.CLOSED, Decision.REOPEN, Status.CONTINUED),
    ],
)
def test_allowed_decisions_move_the_status_and_leave_a_review(item, meeting_109, meeting_110, start, decision, after):
    bring_to(item, start, meeting_109)
    review = lifecycle.case_record_decision(
        item=item, meeting=meeting_110, decision=decision, progress="已完成", reason="新事證"
    )
    item.refresh_from_db()
    assert item.status == after
    assert (review.status_before, review.status_after, review.progress) == (start, after, "已完成")


@pytest.mark.parametrize(
    ("start", "decision"),
    [
        (Status.CLOSED, Decision.CLOSE),
        (Status.CLOSED, Decision.CONTINUE),
        (Status.CLOSED, Decision.SELF_TRACK),
        (Status.OPEN, Decision.REOPEN),
        (Status.CONTINUED, Decision.REOPEN),
    ],
)
def test_refused_decisions_raise_and_change_nothing(item, meeting_109, meeting_110, start, decision):
    bring_to(item, start, meeting_109)
    before = Review.all_rows.filter(item=item).count()
    with pytest.raises(TrackingError):
        lifecycle.case_record_decision(item=item, meeting=meeting_110, decision=decision, reason="x")
    item.refresh_from_db()
    assert item.status == start
    assert Review.all_rows.filter(item=item).count() == before


def test_a_closed_item_refuses_a_second_decision_with_a_readable_message(item, meeting_109, seed_meeting):
    from minutes.models import Meeting

    lifecycle.case_record_decision(item=item, meeting=meeting_109, decision=Decision.CLOSE)
    meeting_110 = Meeting.objects.create(series=seed_meeting.series, number=110, starts_at=seed_meeting.starts_at)
    with pytest.raises(TrackingError, match="列管案號 10801 已於第 109 次會議解除列管"):
        lifecycle.case_record_decision(item=item, meeting=meeting_110, decision=Decision.CONTINUE)


def test_an_older_meeting_entered_later_fills_in_the_history_without_changing_the_status(
    item, meeting_109, seed_meeting
):
    # Archives are entered in any order: 110 closed 10801, then the record of 109 (continued) comes in.
    from minutes.models import Meeting

    meeting_110 = Meeting.objects.create(
        series=seed_meeting.series, number=110, starts_at=meeting_109.starts_at + dt.timedelta(days=28)
    )
    lifecycle.case_record_decision(item=item, meeting=meeting_110, decision=Decision.CLOSE)
    review = lifecycle.case_record_decision(item=item, meeting=meeting_109, decision=Decision.CONTINUE)
    item.refresh_from_db()
    assert (item.status, item.closed_meeting_number) == (Status.CLOSED, 110)
    assert (review.status_before, review.status_after) == (Status.OPEN, Status.CONTINUED)
    assert [r.meeting.number for r in item.reviews.order_by("meeting__number")] == [109, 110]


def test_an_older_decision_that_contradicts_a_later_one_is_refused(item, meeting_109, seed_meeting):
    # Closed at 109, continued at 110 without a reopening: the two records cannot both be right.
    from minutes.models import Meeting

    meeting_110 = Meeting.objects.create(
        series=seed_meeting.series, number=110, starts_at=meeting_109.starts_at + dt.timedelta(days=28)
    )
    lifecycle.case_record_decision(item=item, meeting=meeting_110, decision=Decision.CONTINUE)
    with pytest.raises(TrackingError, match="與之後第 110 次會議已登錄的「賡續列管」不合"):
        lifecycle.case_record_decision(item=item, meeting=meeting_109, decision=Decision.CLOSE)
    assert item.reviews.count() == 1


def test_reopening_needs_a_reason(item, meeting_109):
    TrackedItem.objects.filter(pk=item.pk).update(status=Status.CLOSED)
    with pytest.raises(TrackingError, match="理由"):
        lifecycle.case_reopen(item=item, meeting=meeting_109, reason=" ")


def test_one_decision_per_item_and_meeting(item, meeting_109):
    lifecycle.case_record_decision(item=item, meeting=meeting_109, decision=Decision.CONTINUE)
    with pytest.raises(TrackingError, match="已有決定"):
        lifecycle.case_record_decision(item=item, meeting=meeting_109, decision=Decision.CONTINUE)
    assert Review.objects.filter(item=item).count() == 1


def test_an_item_cannot_be_decided_at_its_own_or_an_earlier_meeting(item, seed_meeting):
    with pytest.raises(TrackingError, match="之後的會議"):
        lifecycle.case_record_decision(item=item, meeting=seed_meeting, decision=Decision.CLOSE)


def test_history_keeps_every_decision_in_order(item, meeting_109, seed_meeting):
    from minutes.models import Meeting

    meeting_110 = Meeting.objects.create(series=seed_meeting.series, number=110, starts_at=seed_meeting.starts_at)
    meeting_111 = Meeting.objects.create(series=seed_meeting.series, number=111, starts_at=seed_meeting.starts_at)
    lifecycle.case_record_decision(item=item, meeting=meeting_109, decision=Decision.CONTINUE)
    lifecycle.case_record_decision(item=item, meeting=meeting_110, decision=Decision.CLOSE)
    lifecycle.case_reopen(item=item, meeting=meeting_111, reason="新事證")
    history = list(item.reviews.values_list("meeting__number", "decision", "status_after"))
    assert history == [
        (109, "continue", "continued"),
        (110, "close", "closed"),
        (111, "reopen", "continued"),
    ]


def test_a_meeting_with_99_tracked_items_refuses_the_hundredth(seed_meeting):
    from tracking.models import CaseCounter

    CaseCounter.objects.create(series=seed_meeting.series, meeting_number=108, last_sequence=99)
    conclusion = Conclusion.objects.filter(section__meeting=seed_meeting).first()
    with pytest.raises(TrackingError, match="99 件上限"):
        lifecycle.case_open(conclusion=conclusion, units=[Unit.objects.get_or_create(name="文書組")[0]])
    assert not TrackedItem.objects.filter(meeting_number=108).exists()


def test_closing_records_the_meeting_that_closed_it_and_reopening_clears_it(item, meeting_109, seed_meeting):
    from minutes.models import Meeting

    lifecycle.case_record_decision(item=item, meeting=meeting_109, decision=Decision.CLOSE)
    item.refresh_from_db()
    assert item.closed_meeting_number == 109
    meeting_110 = Meeting.objects.create(series=seed_meeting.series, number=110, starts_at=seed_meeting.starts_at)
    lifecycle.case_reopen(item=item, meeting=meeting_110, reason="新事證")
    item.refresh_from_db()
    assert item.closed_meeting_number is None


def test_an_item_still_open_counts_meetings_up_to_the_latest_held(seed_meeting):
    assert TrackedItem.objects.with_meetings_open().get(case_number="9903").meetings_open == 9


def test_a_closed_item_counts_meetings_up_to_the_one_that_closed_it(item, meeting_109, seed_meeting):
    from minutes.models import Meeting

    lifecycle.case_record_decision(item=item, meeting=meeting_109, decision=Decision.SELF_TRACK)
    Meeting.objects.create(series=seed_meeting.series, number=112, starts_at=seed_meeting.starts_at)
    assert TrackedItem.objects.with_meetings_open().get(pk=item.pk).meetings_open == 1
    assert TrackedItem.objects.with_meetings_open().get(case_number="9903").meetings_open == 13


def test_a_meeting_not_yet_held_does_not_count_as_a_meeting_open(seed_meeting):
    import datetime as dt

    from django.utils import timezone

    from minutes.models import Meeting

    Meeting.objects.create(series=seed_meeting.series, number=109, starts_at=timezone.now() + dt.timedelta(days=3))
    assert TrackedItem.objects.with_meetings_open().get(case_number="9903").meetings_open == 9
