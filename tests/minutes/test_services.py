"""Writes to the record: each service locks, refuses signed or stale meetings, bumps the version, keeps history."""

import datetime as dt

import pytest
from django.utils import timezone

from minutes import services
from minutes.models import (
    AgendaItem,
    Conclusion,
    Meeting,
    MeetingSeries,
    ReportPoint,
    Section,
    SupplementaryReport,
)

pytestmark = pytest.mark.django_db
TZ = timezone.get_default_timezone()
WHEN = timezone.make_aware(dt.datetime(2022, 2, 17, 10, 0), TZ)


@pytest.fixture
def series(db):
    return MeetingSeries.objects.get_or_create(organisation="臺北市政府秘書處", kind="處務")[0]


@pytest.fixture
def draft(series, recorder):
    return services.meeting_create(user=recorder, series=series, number=109, starts_at=WHEN, chair="陳志銘")


@pytest.fixture
def section(draft, recorder):
    draft.refresh_from_db()
    return services.section_create(meeting=draft, user=recorder, version=draft.version, number=3, title="報告事項")


def fresh(meeting):
    meeting.refresh_from_db()
    return meeting


def test_creating_a_meeting_records_who_created_it(draft, recorder):
    record = draft.history.get()
    assert record.history_user == recorder and record.history_change_reason == "建立會議紀錄"


def test_a_number_already_used_in_the_series_is_refused(draft, series, recorder):
    with pytest.raises(services.MeetingError, match="已經存在"):
        services.meeting_create(user=recorder, series=series, number=109, starts_at=WHEN)


def test_a_meeting_from_the_previous_one_takes_the_next_number_chair_and_place(seed_meeting, recorder):
    meeting = services.meeting_create_from_previous(user=recorder, previous=seed_meeting, starts_at=WHEN)
    assert (meeting.number, meeting.chair, meeting.place, meeting.previous) == (109, "陳志銘", "視訊會議", seed_meeting)


def test_a_meeting_from_the_previous_one_prefills_the_reading_of_the_previous_minutes(seed_meeting, recorder):
    meeting = services.meeting_create_from_previous(user=recorder, previous=seed_meeting, starts_at=WHEN)
    first = meeting.sections.order_by("order").first()
    assert (first.number, first.title) == (1, "宣讀 111 年 1 月 20 日第 108 次處務會議紀錄。")


def test_a_meeting_from_the_previous_one_carries_on_the_review_of_tracked_items(seed_meeting, recorder):
    meeting = services.meeting_create_from_previous(user=recorder, previous=seed_meeting, starts_at=WHEN)
    reports = meeting.sections.get(number=3)
    assert [i.title for i in reports.items.all()] == ["第 108 次處務會議結論事項辦理情形報告。"]


def test_updating_the_header_bumps_the_version_and_says_what_changed(draft, recorder):
    services.meeting_update(meeting=draft, user=recorder, version=draft.version, place="市政大樓 11 樓")
    meeting = fresh(draft)
    assert meeting.version == 2
    assert meeting.history.first().history_change_reason == "修改會議資訊：地點"


def test_a_stale_version_is_refused_and_lists_the_change_made_since(draft, recorder, chair):
    services.meeting_update(meeting=draft, user=recorder, version=1, place="市政大樓 11 樓")
    with pytest.raises(services.StaleMeetingError) as caught:
        services.meeting_update(meeting=draft, user=chair, version=1, chair="王大明")
    assert [c["what"] for c in caught.value.changes] == ["修改會議資訊：地點"]
    assert fresh(draft).chair == "陳志銘"


def test_sections_keep_the_numeral_given(section):
    assert section.numeral == "參"


def test_items_are_appended_in_order(section, recorder):
    m = section.meeting
    first = services.item_create(section=section, user=recorder, version=fresh(m).version, title="甲")
    second = services.item_create(section=section, user=recorder, version=fresh(m).version, title="乙")
    assert (first.order, second.order) == (1, 2)


def test_moving_an_item_up_swaps_it_with_the_one_before(section, recorder):
    m = section.meeting
    services.item_create(section=section, user=recorder, version=fresh(m).version, title="甲")
    second = services.item_create(section=section, user=recorder, version=fresh(m).version, title="乙")
    services.item_move(item=second, user=recorder, version=fresh(m).version, direction="up")
    assert list(section.items.values_list("title", flat=True)) == ["乙", "甲"]


def test_a_report_is_created_with_its_points(section, recorder):
    m = section.meeting
    item = services.item_create(section=section, user=recorder, version=fresh(m).version, title="甲")
    report = services.report_create(
        item=item, user=recorder, version=fresh(m).version, heading="林副秘書長", points=["一點", "二點"]
    )
    assert list(report.points.values_list("order", "text")) == [(1, "一點"), (2, "二點")]


def test_several_conclusions_are_added_at_once_in_order(section, recorder):
    m = section.meeting
    item = services.item_create(section=section, user=recorder, version=fresh(m).version, title="甲")
    services.conclusions_create(section=section, item=item, user=recorder, version=fresh(m).version,
                                texts=["同意備查。", "請文書組辦理。"])
    assert list(item.conclusions.values_list("order", "text")) == [(1, "同意備查。"), (2, "請文書組辦理。")]


def test_a_section_can_carry_its_own_conclusion(section, recorder):
    services.conclusion_create(section=section, user=recorder, version=fresh(section.meeting).version, text="紀錄確定。")
    assert [c.text for c in section.section_conclusions] == ["紀錄確定。"]


def test_each_write_leaves_a_history_row_naming_the_user(section, recorder):
    reasons = list(section.meeting.history.values_list("history_change_reason", flat=True))
    assert reasons[0] == "新增段落：參、報告事項"


def test_a_tracked_conclusion_cannot_be_deleted(seed_meeting, recorder):
    from minutes.models import Unit
    from tracking import lifecycle

    conclusion = Conclusion.objects.get(section__meeting=seed_meeting, text__startswith="請文書組於一月底前")
    lifecycle.case_open(conclusion=conclusion, units=[Unit.objects.get(name="文書組")])
    with pytest.raises(services.MeetingError, match="已列管"):
        services.conclusion_delete(conclusion=conclusion, user=recorder, version=fresh(seed_meeting).version)


def test_deleting_an_item_removes_its_reports_and_conclusions(section, recorder):
    m = section.meeting
    item = services.item_create(section=section, user=recorder, version=fresh(m).version, title="甲")
    services.report_create(item=item, user=recorder, version=fresh(m).version, heading="林副秘書長", points=["一"])
    services.conclusion_create(section=section, item=item, user=recorder, version=fresh(m).version, text="同意。")
    services.item_delete(item=item, user=recorder, version=fresh(m).version)
    assert not (SupplementaryReport.objects.exists() or ReportPoint.objects.exists() or Conclusion.objects.exists())


def test_signing_freezes_the_meeting_and_stores_the_pdf(section, chair):
    meeting = services.meeting_sign(fresh(section.meeting), chair)
    meeting.refresh_from_db()
    assert meeting.is_signed and meeting.signed_by == chair and meeting.signed_records.get().sha256


@pytest.mark.parametrize(
    "write",
    [
        lambda m, s, u: services.meeting_update(meeting=m, user=u, version=m.version, place="別處"),
        lambda m, s, u: services.section_create(meeting=m, user=u, version=m.version, number=4, title="討論事項"),
        lambda m, s, u: services.section_update(section=s, user=u, version=m.version, title="改"),
        lambda m, s, u: services.section_delete(section=s, user=u, version=m.version),
        lambda m, s, u: services.item_create(section=s, user=u, version=m.version, title="新"),
        lambda m, s, u: services.conclusion_create(section=s, user=u, version=m.version, text="新"),
        lambda m, s, u: services.meeting_sign(m, u),
    ],
)
def test_a_signed_meeting_refuses_every_write(section, chair, recorder, write):
    meeting = services.meeting_sign(fresh(section.meeting), chair)
    with pytest.raises(services.MeetingError, match="已簽核"):
        write(fresh(meeting), Section.objects.get(pk=section.pk), recorder)


def test_an_amendment_after_signing_records_who_and_why(section, chair, recorder):
    meeting = services.meeting_sign(fresh(section.meeting), chair)
    amendment = services.meeting_amend(meeting, recorder, reason="誤植", changes="參、一「甲」更正為「乙」")
    assert (amendment.author, amendment.reason) == (recorder, "誤植")
    assert fresh(meeting).version == meeting.version


def test_a_draft_takes_no_amendment(draft, recorder):
    with pytest.raises(services.MeetingError, match="草稿"):
        services.meeting_amend(draft, recorder, reason="誤植", changes="x")


def test_html_is_refused_by_the_services(draft, recorder):
    with pytest.raises(services.MeetingError, match="HTML"):
        services.meeting_update(meeting=draft, user=recorder, version=draft.version, place="<b>大廳</b>")


def test_the_item_model_keeps_its_order_unique_after_a_delete_and_a_move(section, recorder):
    m = section.meeting
    a = services.item_create(section=section, user=recorder, version=fresh(m).version, title="甲")
    services.item_create(section=section, user=recorder, version=fresh(m).version, title="乙")
    c = services.item_create(section=section, user=recorder, version=fresh(m).version, title="丙")
    services.item_delete(item=a, user=recorder, version=fresh(m).version)
    services.item_move(item=c, user=recorder, version=fresh(m).version, direction="up")
    assert list(AgendaItem.objects.values_list("title", "order")) == [("丙", 1), ("乙", 2)]


def test_meetings_created_by_the_service_start_as_drafts(draft):
    assert draft.status == Meeting.Status.DRAFT


def test_a_meeting_cannot_be_held_before_the_one_it_follows(seed_meeting, recorder):
    # 108 was held on 111-01-20; 109 cannot be on 110-01-01.
    early = timezone.make_aware(dt.datetime(2021, 1, 1, 10, 0), TZ)
    with pytest.raises(services.MeetingError, match="第 109 次會議的日期（110 年 1 月 1 日）早於第 108 次會議"):
        services.meeting_create_from_previous(user=recorder, previous=seed_meeting, starts_at=early)
    assert not Meeting.objects.filter(number=109).exists()


def test_a_meeting_cannot_be_held_after_the_one_that_follows_it(seed_meeting, recorder):
    services.meeting_create(user=recorder, series=seed_meeting.series, number=109, starts_at=WHEN)
    late = timezone.make_aware(dt.datetime(2022, 3, 1, 10, 0), TZ)
    with pytest.raises(services.MeetingError, match="晚於第 109 次會議"):
        services.meeting_update(meeting=seed_meeting, user=recorder, version=seed_meeting.version, starts_at=late)


def test_the_number_of_a_meeting_with_tracked_cases_cannot_change(seed_meeting, recorder):
    # The seed's import recorded nine review decisions at 108: the case numbers hang on its number.
    with pytest.raises(services.MeetingError, match="第 108 次會議已有列管案件或列管審議決定，會次不能再變更"):
        services.meeting_update(meeting=seed_meeting, user=recorder, version=seed_meeting.version, number=107)
    assert fresh(seed_meeting).number == 108


def test_the_number_of_a_meeting_without_cases_can_change(draft, recorder):
    services.meeting_update(meeting=draft, user=recorder, version=draft.version, number=110)
    assert fresh(draft).number == 110
