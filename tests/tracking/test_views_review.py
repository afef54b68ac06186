"""The review at each meeting: generating the 辦理情形 item, recording every decision in one form, the sentence."""

import pytest
from django.urls import reverse
from django.utils import timezone

from minutes.models import AgendaItem, Conclusion, Meeting, MeetingSeries
from minutes.services import MeetingError
from tracking import services
from tracking.lifecycle import TrackingError
from tracking.models import ProgressReport, Review, Status, TrackedItem

pytestmark = pytest.mark.django_db


def review_url(meeting):
    return reverse("tracking:meeting-review", args=[meeting.pk])


def generate_url(meeting):
    return reverse("tracking:meeting-review-generate", args=[meeting.pk])


def decisions(*pairs):
    return {f"decision_{item.pk}": decision for item, decision in pairs}


@pytest.fixture
def two_items(make_item, chief_wenshu, units):
    a = make_item("10801", ["文書組"], subject="請文書組移轉群組")
    b = make_item("10802", ["總務組", "公管中心"], status="continued", subject="公務車輛統計")
    ProgressReport.objects.create(item=a, unit=units["文書組"], text="已完成移轉", suggestion="close", author=chief_wenshu)
    return a, b


def test_the_review_page_lists_the_active_items_opened_before_the_meeting(
    recorder, login, future_meeting, two_items, make_item
):
    make_item("10901")  # opened at 109 itself: reviewed from 110 on
    make_item("10701", status="closed", closed_at=108)
    response = login(recorder).get(review_url(future_meeting))
    assert response.status_code == 200
    assert [row.item.case_number for row in response.context["form"].rows] == ["10801", "10802"]


def test_the_decision_starts_from_the_units_suggestion(recorder, login, future_meeting, two_items):
    form = login(recorder).get(review_url(future_meeting)).context["form"]
    a, b = two_items
    assert form[f"decision_{a.pk}"].initial == "close"
    assert form[f"decision_{b.pk}"].initial == ""


def test_generating_adds_the_review_item_to_the_report_section_of_the_draft(
    recorder, login, future_meeting, two_items
):
    response = login(recorder).post(generate_url(future_meeting))
    assert response.status_code == 302
    item = AgendaItem.objects.get(section__meeting=future_meeting)
    assert item.title == "第 108 次處務會議結論事項辦理情形報告。"
    assert item.section.title == "報告事項"
    assert "列管案號 10801｜請文書組移轉群組｜主辦單位：文書組｜辦理情形：文書組：已完成移轉｜建議解除列管" in item.body
    assert "列管案號 10802｜公務車輛統計｜主辦單位：公管中心、總務組｜辦理情形：（尚未填報）｜（未提建議）" in item.body
    assert list(item.conclusions.values_list("text", flat=True)) == ["同意備查。"]
    future_meeting.refresh_from_db()
    assert future_meeting.version == 2


def test_generating_uses_an_existing_report_section_and_goes_last_in_it(recorder, future_meeting, two_items):
    from minutes.models import Section

    section = Section.objects.create(meeting=future_meeting, number=3, order=2, title="報告事項")
    AgendaItem.objects.create(section=section, order=1, title="宣達市政會議裁指示事項。")
    item = services.review_item_generate(meeting=future_meeting, user=recorder)
    assert (item.section, item.order) == (section, 2)


def test_generating_twice_is_refused(recorder, login, future_meeting, two_items):
    client = login(recorder)
    client.post(generate_url(future_meeting))
    response = client.post(generate_url(future_meeting), follow=True)
    assert "已有結論事項辦理情形報告" in response.content.decode()
    assert AgendaItem.objects.filter(section__meeting=future_meeting).count() == 1


def test_generating_in_a_signed_meeting_is_refused_and_changes_nothing(recorder, chair, future_meeting, two_items):
    Meeting.objects.filter(pk=future_meeting.pk).update(status="signed", signed_at=timezone.now(), signed_by=chair)
    with pytest.raises(MeetingError, match="已簽核"):
        services.review_item_generate(meeting=future_meeting, user=recorder)
    assert not AgendaItem.objects.filter(section__meeting=future_meeting).exists()


def test_generating_is_post_only(recorder, login, future_meeting):
    assert login(recorder).get(generate_url(future_meeting)).status_code == 405


@pytest.mark.parametrize("who", ["chair", "chief_wenshu"])
def test_only_the_recorder_reviews_even_with_a_forged_post(request, who, login, future_meeting, two_items):
    client = login(request.getfixturevalue(who))
    a, _ = two_items
    assert client.get(review_url(future_meeting)).status_code == 403
    assert client.post(review_url(future_meeting), decisions((a, "close"))).status_code == 403
    assert client.post(generate_url(future_meeting)).status_code == 403
    assert not Review.objects.exists()
    assert not AgendaItem.objects.filter(section__meeting=future_meeting).exists()


def test_recording_writes_reviews_statuses_and_the_grouped_sentence(recorder, login, future_meeting, two_items):
    a, b = two_items
    response = login(recorder).post(review_url(future_meeting), decisions((a, "close"), (b, "continue")))
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, a.closed_meeting_number, b.status) == (Status.CLOSED, 109, Status.CONTINUED)
    review = Review.objects.get(item=a, meeting=future_meeting)
    assert (review.decision, review.progress, review.suggestion, review.decided_by) == (
        "close", "已完成移轉", "close", recorder,
    )
    texts = list(Conclusion.objects.filter(item__section__meeting=future_meeting).values_list("text", flat=True))
    assert texts == ["同意備查。", "列管案號 10801 同意解除列管；列管案號 10802 賡續列管。"]


def test_one_outcome_gives_a_sentence_with_one_group_and_及_before_the_last_number(
    recorder, login, future_meeting, make_item
):
    items = [make_item(n) for n in ("10803", "9903", "10801")]
    login(recorder).post(review_url(future_meeting), decisions(*((i, "close") for i in items)))
    sentence = Conclusion.objects.get(item__section__meeting=future_meeting, order=2).text
    assert sentence == "列管案號 9903、10801 及 10803 同意解除列管。"


def test_items_left_undecided_get_no_review_and_stay_as_they_were(recorder, login, future_meeting, two_items):
    a, b = two_items
    login(recorder).post(review_url(future_meeting), {f"decision_{a.pk}": "close", f"decision_{b.pk}": ""})
    b.refresh_from_db()
    assert b.status == Status.CONTINUED
    assert not Review.objects.filter(item=b).exists()


def test_an_empty_form_records_nothing_and_says_why(recorder, login, future_meeting, two_items):
    response = login(recorder).post(review_url(future_meeting), {})
    assert response.status_code == 200
    assert "請至少為一件列管案件選擇會議決定。" in response.content.decode()
    assert not Review.objects.exists()


def test_a_second_round_updates_the_one_sentence_instead_of_adding_another(
    recorder, login, future_meeting, two_items
):
    a, b = two_items
    client = login(recorder)
    client.post(review_url(future_meeting), decisions((a, "close")))
    response = client.get(review_url(future_meeting))
    assert [row.item for row in response.context["form"].rows] == [b]
    client.post(review_url(future_meeting), decisions((b, "self_track")))
    sentences = Conclusion.objects.filter(item__section__meeting=future_meeting).exclude(text="同意備查。")
    assert [c.text for c in sentences] == ["列管案號 10801 同意解除列管；列管案號 10802 改為自行列管。"]


def test_reopening_a_closed_item_needs_its_number_and_a_reason(recorder, login, future_meeting, make_item):
    closed = make_item("10701", status="closed", closed_at=108)
    client = login(recorder)
    response = client.post(review_url(future_meeting), {"reopen_case": "10701", "reopen_reason": ""})
    assert "恢復列管必須說明理由。" in response.content.decode()
    client.post(review_url(future_meeting), {"reopen_case": "10701", "reopen_reason": "市府要求再檢討"})
    closed.refresh_from_db()
    assert (closed.status, closed.closed_meeting_number) == (Status.CONTINUED, None)
    assert Review.objects.get(item=closed).reason == "市府要求再檢討"
    assert Conclusion.objects.filter(text="列管案號 10701 恢復列管。").exists()


def test_an_open_item_cannot_be_reopened(recorder, login, future_meeting, two_items):
    response = login(recorder).post(review_url(future_meeting), {"reopen_case": "10801", "reopen_reason": "x"})
    assert "不是本次會議可恢復列管的已解除列管案件" in response.content.decode()
    assert not Review.objects.exists()


def test_a_signed_meeting_refuses_decisions(recorder, chair, login, future_meeting, two_items):
    a, _ = two_items
    Meeting.objects.filter(pk=future_meeting.pk).update(status="signed", signed_at=timezone.now(), signed_by=chair)
    response = login(recorder).post(review_url(future_meeting), decisions((a, "close")), follow=True)
    assert "已簽核" in response.content.decode()
    assert not Review.objects.exists()
    a.refresh_from_db()
    assert a.status == Status.OPEN


def test_one_refused_decision_rolls_back_the_whole_form(recorder, future_meeting, two_items, make_item):
    a, _ = two_items
    closed = make_item("10701", status="closed", closed_at=108)
    with pytest.raises(TrackingError):
        services.review_record_decisions(
            meeting=future_meeting,
            decisions=[services.DecisionInput(a, "close"), services.DecisionInput(closed, "continue")],
            user=recorder,
        )
    a.refresh_from_db()
    assert a.status == Status.OPEN
    assert not Review.objects.exists()
    assert not AgendaItem.objects.filter(section__meeting=future_meeting).exists()


def test_recording_the_seeds_decisions_in_the_browser_gives_the_seeds_own_sentence(
    seed_meeting, recorder, login, units
):
    seed_sentence = Conclusion.objects.get(
        item__section__meeting=seed_meeting, text__startswith="列管案號 10606"
    ).text
    # The same nine items in a fresh series, reviewed at a fresh draft meeting 108 through the pages.
    series = MeetingSeries.objects.create(organisation="臺北市政府測試處", kind="處務")
    meeting = Meeting.objects.create(series=series, number=108, starts_at=seed_meeting.starts_at)
    outcome = {"10606": "close", "10701": "close", "10702": "close", "10703": "close", "10704": "close",
               "9903": "continue", "9904": "continue", "10502": "continue", "10705": "continue"}
    posted = {}
    for case_number, decision in reversed(list(outcome.items())):
        item = TrackedItem.objects.create(
            series=series, meeting_number=int(case_number[:-2]), sequence=int(case_number[-2:]), status="continued"
        )
        item.responsible_units.set([units["總務組"]])
        posted[f"decision_{item.pk}"] = decision
    client = login(recorder)
    client.post(generate_url(meeting))
    client.post(review_url(meeting), posted)
    written = Conclusion.objects.get(item__section__meeting=meeting, order=2).text
    assert written == seed_sentence == "列管案號 10606、10701、10702、10703 及 10704 同意解除列管；列管案號 9903、9904、10502 及 10705 賡續列管。"


def test_the_review_page_of_the_seed_shows_its_imported_decisions_and_sentence(seed_meeting, recorder, login):
    response = login(recorder).get(review_url(seed_meeting))
    assert len(response.context["decided"]) == 9
    assert response.context["sentence"].startswith("列管案號 10606、10701")


def test_the_meeting_history_says_who_generated_the_review_and_recorded_the_decisions(
    recorder, login, future_meeting, two_items
):
    client = login(recorder)
    client.post(generate_url(future_meeting))
    a, b = two_items
    client.post(review_url(future_meeting), decisions((a, "close"), (b, "continue")))
    rows = list(future_meeting.history.order_by("-history_id")[:2].values_list("history_change_reason", "history_user"))
    assert rows == [("登錄 2 件列管案件的會議決定", recorder.pk), ("產生第 108 次處務會議結論事項辦理情形報告", recorder.pk)]
    assert "登錄 2 件列管案件的會議決定" in client.get(future_meeting.get_absolute_url()).content.decode()


def test_with_every_item_decided_the_only_button_left_is_the_reopening_one(recorder, login, future_meeting, two_items):
    client = login(recorder)
    a, b = two_items
    client.post(review_url(future_meeting), decisions((a, "close"), (b, "continue")))
    html = client.get(review_url(future_meeting)).content.decode()
    assert "登錄會議決定並寫入會議結論</button>" not in html
    assert "恢復列管並寫入會議結論</button>" in html


def test_with_items_to_decide_the_page_offers_the_decision_button(recorder, login, future_meeting, two_items):
    html = login(recorder).get(review_url(future_meeting)).content.decode()
    assert "登錄會議決定並寫入會議結論</button>" in html
    assert "恢復列管並寫入會議結論</button>" not in html


def test_a_generated_line_for_an_item_without_a_subject_says_the_record_did_not_give_one(
    recorder, login, future_meeting, make_item
):
    TrackedItem.objects.filter(pk=make_item("9903", ["文書組"], status="continued").pk).update(subject="")
    login(recorder).post(generate_url(future_meeting))
    body = AgendaItem.objects.get(section__meeting=future_meeting).body
    assert "列管案號 9903｜（原紀錄未載）｜主辦單位：文書組" in body
    assert "｜｜" not in body


def test_an_item_closed_at_a_later_meeting_is_still_reviewed_at_this_one(
    recorder, login, future_meeting, two_items, make_item
):
    # Meeting 110's record was imported before 109 was reviewed, and closed 10702 there.
    make_item("10702", status="closed", closed_at=future_meeting.number + 1)
    response = login(recorder).get(review_url(future_meeting))
    assert [row.item.case_number for row in response.context["form"].rows] == ["10702", "10801", "10802"]
