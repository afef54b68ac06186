"""The decision sentence and the reviews are one fact: whatever path changes one, the other follows in the same
transaction, or the change is refused naming the case. The pages, the PDF body and its appendix agree."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from minutes import documents, services
from minutes.models import Conclusion, Meeting, Unit
from minutes.reader import parse_minutes
from tests.documents.conftest import pdftotext
from tests.helpers import case_url
from tracking import lifecycle
from tracking.models import Decision, Review, Status, TrackedItem

pytestmark = pytest.mark.django_db
SENTENCE_START = "列管案號 10606、10701"


def sentence_of(meeting) -> Conclusion:
    return Conclusion.objects.get(section__meeting=meeting, text__startswith=SENTENCE_START)


def item(number) -> TrackedItem:
    return TrackedItem.objects.get(case_number=number)


def edit_sentence(meeting, recorder, text):
    return services.conclusion_update(conclusion=sentence_of(meeting), user=recorder, version=None, text=text)


def appendix_decision(pdf_text: str, case_number: str) -> str:
    """The decision the PDF's appendix table prints on a case's row (案號 … 會議決定)."""
    appendix = pdf_text[pdf_text.index("列管案件辦理情形"):]
    row = appendix[appendix.index(case_number):]
    return re.search(r"(解除列管|賡續列管|自行列管|恢復列管)", row).group(1)


CLOSED_9904 = "列管案號 10606、10701、10702、10703、10704 及 9904 同意解除列管；列管案號 9903、10502 及 10705 賡續列管。"


def test_editing_the_decision_sentence_updates_the_review(seed_meeting, recorder):
    before = Review.objects.get(item__case_number="9904", meeting=seed_meeting)
    assert before.decision == Decision.CONTINUE
    edit_sentence(seed_meeting, recorder, CLOSED_9904)
    now = Review.objects.get(item__case_number="9904", meeting=seed_meeting)
    assert (now.decision, now.corrects, now.decided_by) == (Decision.CLOSE, before, recorder)
    assert item("9904").status == Status.CLOSED
    # The first decision is kept, marked superseded, never rewritten.
    old = Review.all_rows.get(pk=before.pk)
    assert old.decision == Decision.CONTINUE and old.superseded_at is not None and old.superseded_by == recorder


def test_after_editing_the_sentence_the_case_page_the_pdf_body_and_its_appendix_agree(seed_meeting, recorder, client):
    edit_sentence(seed_meeting, recorder, CLOSED_9904)
    client.force_login(recorder)
    page = client.get(case_url("9904")).content.decode()
    assert "解除列管" in page and "決定待簽核" in page
    text = pdftotext(documents.render_meeting_pdf(seed_meeting))
    assert "及 9904 同意解除列管" in text.replace("\u2060", "").replace("\n", "")
    assert appendix_decision(text, "9904") == "解除列管"


def test_removing_a_case_from_the_sentence_withdraws_its_decision(seed_meeting, recorder):
    edit_sentence(seed_meeting, recorder,
                  "列管案號 10606、10701、10702、10703 及 10704 同意解除列管；列管案號 9903、10502 及 10705 賡續列管。")
    assert not Review.objects.filter(item__case_number="9904", meeting=seed_meeting).exists()
    withdrawn = Review.all_rows.get(item__case_number="9904", meeting=seed_meeting)
    assert withdrawn.superseded_at is not None and "不再載明" in withdrawn.superseded_reason
    assert item("9904").status == Status.OPEN


def test_a_sentence_the_case_history_does_not_allow_is_refused_naming_the_case_and_changes_nothing(
    seed_meeting, recorder
):
    meeting_109 = Meeting.objects.create(series=seed_meeting.series, number=109,
                                         starts_at=seed_meeting.starts_at + dt.timedelta(days=28))
    lifecycle.case_record_decision(item=item("9904"), meeting=meeting_109, decision=Decision.CONTINUE)
    with pytest.raises(services.MeetingError, match="列管案號 9904.*第 109 次會議已登錄的「賡續列管」不合"):
        edit_sentence(seed_meeting, recorder, CLOSED_9904)
    assert sentence_of(seed_meeting).text.endswith("列管案號 9903、9904、10502 及 10705 賡續列管。")
    assert Review.objects.get(item__case_number="9904", meeting=seed_meeting).decision == Decision.CONTINUE


def test_an_edit_in_the_browser_naming_a_case_nobody_opened_is_refused(seed_meeting, recorder, client):
    client.force_login(recorder)
    conclusion = sentence_of(seed_meeting)
    response = client.post(reverse("minutes:part-edit", args=[seed_meeting.pk, "conclusion", conclusion.pk]),
                           {"text": conclusion.text.replace("10705", "10705、10799"), "version": seed_meeting.version})
    assert "列管案號 10799 不是" in response.content.decode()
    assert not TrackedItem.objects.filter(case_number="10799").exists()


def test_a_wrong_decision_is_corrected_on_the_review_page_before_signing(seed_meeting, recorder, client):
    client.force_login(recorder)
    case = item("10705")
    response = client.post(reverse("tracking:meeting-review", args=[seed_meeting.pk]), {
        "action": "correct", f"correct_{case.pk}": "close", "correction_reason": "主席裁示改為解除列管",
        **{f"correct_{r.item_id}": r.decision for r in Review.objects.filter(meeting=seed_meeting).exclude(item=case)},
    }, follow=True)
    assert "已更正 1 件" in response.content.decode()
    review = Review.objects.get(item=case, meeting=seed_meeting)
    assert (review.decision, review.corrects.decision) == (Decision.CLOSE, Decision.CONTINUE)
    assert Review.all_rows.get(pk=review.corrects_id).superseded_reason == "主席裁示改為解除列管"
    # The sentence of the record follows: 10705 is now among the closed cases.
    sentences = Conclusion.objects.filter(section__meeting=seed_meeting, text__contains="10705").values_list("text", flat=True)
    assert any("10705 同意解除列管" in s for s in sentences)


def test_a_correction_needs_a_reason(seed_meeting, recorder, client):
    client.force_login(recorder)
    case = item("10705")
    response = client.post(reverse("tracking:meeting-review", args=[seed_meeting.pk]),
                           {"action": "correct", f"correct_{case.pk}": "close", "correction_reason": ""})
    assert "更正會議決定須說明理由" in response.content.decode()
    assert Review.objects.get(item=case, meeting=seed_meeting).decision == Decision.CONTINUE


def test_a_decision_of_a_signed_meeting_cannot_be_corrected(seed_meeting, recorder, chair):
    services.meeting_sign(seed_meeting, chair)
    with pytest.raises(lifecycle.TrackingError, match="已簽核"):
        lifecycle.case_correct_decision(item=item("10705"), meeting=seed_meeting, decision="close", user=recorder)


def test_decisions_at_a_draft_are_provisional_until_the_chair_signs(seed_meeting, recorder, chair, client):
    client.force_login(recorder)
    assert "決定待簽核" in client.get(case_url("9903")).content.decode()
    assert "決定待簽核" in client.get(reverse("tracking:item-list")).content.decode()
    services.meeting_sign(seed_meeting, chair)
    assert "決定待簽核" not in client.get(case_url("9903")).content.decode()
    assert "決定待簽核" not in client.get(reverse("tracking:item-list")).content.decode()


def test_replace_with_a_corrected_typo_in_a_tracked_conclusion_keeps_the_case_on_it(seed_meeting, seed_text, recorder):
    conclusion = Conclusion.objects.get(section__meeting=seed_meeting, text__startswith="請文書組於一月底前")
    case = lifecycle.case_open(conclusion=conclusion, units=[Unit.objects.get_or_create(name="文書組")[0]])
    text = seed_text.replace("請文書組於一月底前將本處群組", "請文書組於二月底前將本處群組")
    services.record_import(parse_minutes(text), replace=True, user=recorder)
    case.refresh_from_db()
    assert case.conclusion.text.startswith("請文書組於二月底前")


def test_importing_the_same_text_again_with_replace_keeps_every_case_and_decision(seed_meeting, seed_text, recorder):
    case = lifecycle.case_open(
        conclusion=Conclusion.objects.get(section__meeting=seed_meeting, text__startswith="請文書組於一月底前"),
        units=[Unit.objects.get_or_create(name="文書組")[0]],
    )
    services.record_import(parse_minutes(seed_text), replace=True, user=recorder)
    case.refresh_from_db()
    assert case.conclusion is not None and case.conclusion.text.startswith("請文書組於一月底前")
    assert Review.objects.filter(meeting=seed_meeting).count() == 9


def test_replace_with_a_text_that_no_longer_has_a_tracked_conclusion_is_refused_naming_the_case(
    seed_meeting, seed_text, recorder
):
    conclusion = Conclusion.objects.get(section__meeting=seed_meeting, text__startswith="請文書組於一月底前")
    lifecycle.case_open(conclusion=conclusion, units=[Unit.objects.get_or_create(name="文書組")[0]])
    text = seed_text.replace("請文書組於一月底前將本處群組由Line移轉至TAIPEION即時通。", "請各組室加強節約用電。")
    with pytest.raises(services.MeetingError, match="列管案號 10801 的結論「請文書組於一月底前"):
        services.record_import(parse_minutes(text), replace=True, user=recorder)
    assert Conclusion.objects.get(pk=conclusion.pk).tracked_item.case_number == "10801"


def test_signing_refuses_reviews_that_disagree_with_the_text(seed_meeting, chair):
    # A review written past the services (as an old database might hold): signing finds it.
    Review.objects.filter(item__case_number="9904", meeting=seed_meeting).update(decision=Decision.CLOSE)
    with pytest.raises(services.SignRefusedError, match="列管案號 9904：紀錄文字為「賡續列管」，列管審議為「解除列管」"):
        services.meeting_sign(seed_meeting, chair)
    assert not Meeting.objects.get(pk=seed_meeting.pk).is_signed


def test_an_import_of_an_older_meeting_links_the_next_draft_with_a_history_row(seed_meeting, recorder):
    series = seed_meeting.series
    meeting_109 = services.meeting_create(user=recorder, series=series, number=109,
                                          starts_at=seed_meeting.starts_at + dt.timedelta(days=28))
    Meeting.objects.filter(pk=meeting_109.pk).update(previous=None)
    older = (
        "臺北市政府秘書處第 107 次處務會議紀錄\n時間：民國 110 年 12 月 16 日 10 時 0 分\n地點：視訊會議\n主席：陳志銘\n"
        "紀錄：葉霆怡\n出席：如簽到表\n壹、主席致詞\n會議結論：同意備查。\n散會(10時30分)\n"
    )
    services.record_import(parse_minutes(older), user=recorder)
    assert Meeting.objects.get(pk=seed_meeting.pk).previous.number == 107
    latest = seed_meeting.history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason == "連結上次會議（第 107 次）" and latest.history_user == recorder


def test_an_import_of_an_older_meeting_leaves_a_signed_successor_as_it_was_signed(seed_meeting, chair, recorder):
    services.meeting_sign(seed_meeting, chair)
    Meeting.objects.filter(pk=seed_meeting.pk).update(previous=None)
    signed = Meeting.objects.get(pk=seed_meeting.pk)
    older = (
        "臺北市政府秘書處第 107 次處務會議紀錄\n時間：民國 110 年 12 月 16 日 10 時 0 分\n地點：視訊會議\n主席：陳志銘\n"
        "紀錄：葉霆怡\n出席：如簽到表\n壹、主席致詞\n會議結論：同意備查。\n散會(10時30分)\n"
    )
    services.record_import(parse_minutes(older), user=recorder)
    again = Meeting.objects.get(pk=seed_meeting.pk)
    assert (again.previous, again.version, again.updated_at) == (None, signed.version, signed.updated_at)
