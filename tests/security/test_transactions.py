"""Multi-row writes are all or nothing: a failing later row leaves the earlier ones unsaved."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from minutes import services
from minutes.models import Conclusion, Meeting, MeetingSeries, ReportPoint, SupplementaryReport
from minutes.reader import parse_minutes
from minutes.services import record_import
from tracking import lifecycle
from tracking import services as tracking_services
from tracking.models import ProgressReport, Review, TrackedItem

pytestmark = pytest.mark.django_db
WHEN = timezone.make_aware(dt.datetime(2022, 2, 17, 10, 0))


@pytest.fixture
def draft(recorder):
    series = MeetingSeries.objects.get_or_create(organisation="臺北市政府秘書處", kind="處務")[0]
    meeting = services.meeting_create(user=recorder, series=series, number=109, starts_at=WHEN)
    section = services.section_create(meeting=meeting, user=recorder, version=1, number=1, title="報告事項")
    item = services.item_create(section=section, user=recorder, version=2, title="案由一")
    return {"meeting": meeting, "section": section, "item": item}


def version_of(meeting):
    return Meeting.objects.get(pk=meeting.pk).version


def test_conclusions_added_together_are_all_refused_when_one_is_bad(draft, recorder):
    before = version_of(draft["meeting"])
    with pytest.raises(Exception):  # noqa: B017 - the validator's error, whichever form it takes
        services.conclusions_create(section=draft["section"], item=draft["item"], user=recorder, version=before,
                                    texts=["同意備查。", "<script>alert(1)</script>"])
    assert not Conclusion.objects.filter(item=draft["item"]).exists()
    assert version_of(draft["meeting"]) == before


def test_a_report_with_a_bad_point_is_not_saved_at_all(draft, recorder):
    before = version_of(draft["meeting"])
    with pytest.raises(Exception):  # noqa: B017
        services.report_create(item=draft["item"], user=recorder, version=before, reporter_title="組長",
                               heading="補充報告", points=["第一點", "<b>第二點</b>"])
    assert not SupplementaryReport.objects.filter(item=draft["item"]).exists()
    assert not ReportPoint.objects.exists()
    assert version_of(draft["meeting"]) == before


def test_progress_of_several_items_is_not_saved_when_one_is_refused(seed_meeting, chief_wenshu, recorder):
    unit = chief_wenshu.memberships.get().unit
    own, other = [
        lifecycle.case_open(conclusion=c, units=[u], user=recorder)
        for c, u in zip(Conclusion.objects.filter(section__meeting=seed_meeting)[:2],
                        [unit, _other_unit()], strict=True)
    ]
    with pytest.raises(PermissionDenied):
        tracking_services.progress_reports_submit(
            unit=unit, user=chief_wenshu,
            entries=[(own, "已辦理", "close"), (other, "不是本組的案件", "close")],
        )
    assert not ProgressReport.objects.exists()


def _other_unit():
    from minutes.models import Unit

    return Unit.objects.get_or_create(name="總務組")[0]


def test_an_import_whose_review_sentence_fails_saves_no_meeting(seed_text):
    # 10905 is a case of a later meeting: its decision fails after the others of the sentence were written.
    parsed = parse_minutes(seed_text.replace("10502 及 10705", "10502 及 10905", 1))
    with pytest.raises(lifecycle.TrackingError):
        record_import(parsed)
    assert not Meeting.objects.exists()
    assert not Review.objects.exists()
    assert not TrackedItem.objects.exists()


def test_a_new_meeting_from_the_previous_is_not_half_made_when_its_number_is_taken(seed_meeting, recorder):
    meetings = Meeting.objects.count()
    with pytest.raises(services.MeetingError):
        services.meeting_create_from_previous(user=recorder, previous=seed_meeting, number=108,
                                              starts_at=seed_meeting.starts_at + dt.timedelta(days=28))
    assert Meeting.objects.count() == meetings
