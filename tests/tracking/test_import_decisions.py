"""Decisions on tracked items as other offices write them: a case per item, decided in a few words, and
cases only mentioned, which the import reports instead of refusing or guessing."""

from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse

from minutes.models import Meeting
from minutes.reader import parse_minutes
from minutes.services import record_import
from tests.records import CASE_ITEMS
from tracking.importing import stated_decisions
from tracking.lifecycle import TrackingError
from tracking.models import Decision, Review

pytestmark = pytest.mark.django_db
IMPORT_URL = reverse("minutes:meeting-import")
MENTION = "紀錄提及列管案號 4907，但未載明會議決定"


def decisions_at(meeting: Meeting) -> dict[str, str]:
    """By key: 51-01 (kept as written) is case 5101."""
    return {r.item.case_key: r.decision for r in Review.objects.filter(meeting=meeting).select_related("item")}


def test_an_item_that_names_one_case_is_decided_by_its_conclusion():
    meeting = record_import(parse_minutes(CASE_ITEMS))
    # 決定：本案解除列管 / 繼續追蹤 under 一、列管案號 5101：… and 二、列管案號 5102：…; 4907 is only mentioned.
    assert decisions_at(meeting) == {"5101": Decision.CLOSE, "5102": Decision.CONTINUE}


def test_a_brief_outcome_under_an_item_that_names_no_case_decides_nothing():
    text = CASE_ITEMS.replace("一、民政課報告：本月受理戶籍登記 1,204 件。\n決定：洽悉。", "一、民政課報告：本月受理戶籍登記 1,204 件。\n決定：本案解除列管。")
    meeting = record_import(parse_minutes(text))
    assert set(decisions_at(meeting)) == {"5101", "5102"}


ITEM_ONE = "一、列管案號 5101：請民政課於 4 月底前完成里鄰編組調整評估。（民政課）"
ITEM_ONE_DECISION = "決定：本案解除列管。"


def with_item_one(title: str, decision: str) -> str:
    """CASE_ITEMS with the first review item's title and decision replaced."""
    assert ITEM_ONE in CASE_ITEMS and ITEM_ONE_DECISION in CASE_ITEMS
    return CASE_ITEMS.replace(ITEM_ONE, title).replace(ITEM_ONE_DECISION, decision)


@pytest.mark.parametrize(
    ("title", "decision", "decided"),
    [
        ("一、列管案號 5101、5103：請民政課與經建課會勘。（民政課、經建課）", "決定：均同意解除列管。", ["5101", "5103"]),
        ("一、列管案號 5101、5103：請民政課與經建課會勘。（民政課、經建課）", "決定：均解除列管", ["5101", "5103"]),
        ("一、列管案號 5101 及 5103：請民政課與經建課會勘。（民政課、經建課）", "決定：本案解除列管。", ["5101", "5103"]),
        ("一、列管案號 5103 至 5105：請各課會勘。（民政課、經建課）", "決定：本案解除列管。", ["5103", "5104", "5105"]),
        ("一、列管案號 51-01：請民政課完成評估。（民政課）", "決定：本案解除列管。", ["5101"]),
        ("一、列管第 5101 號：請民政課完成評估。（民政課）", "決定：本案解除列管。", ["5101"]),
    ],
)
def test_a_brief_outcome_decides_every_case_the_item_title_names(title, decision, decided):
    meeting = record_import(parse_minutes(with_item_one(title, decision)))
    expected = dict.fromkeys(decided, Decision.CLOSE) | {"5102": Decision.CONTINUE}
    assert decisions_at(meeting) == expected


@pytest.mark.parametrize(
    "decision",
    [
        "決定：其中一案解除列管。",
        "決定：前者解除列管，後者繼續列管。",
        "決定：部分解除列管。",
    ],
)
def test_an_outcome_that_is_not_for_all_the_cases_the_title_names_is_refused(decision):
    title = "一、列管案號 5101、5103：請民政課與經建課會勘。（民政課、經建課）"
    parsed = parse_minutes(with_item_one(title, decision))
    with pytest.raises(ValueError, match="無法判讀列管案號 5101 及 5103 各自的決定"):
        stated_decisions(parsed)
    with pytest.raises(TrackingError, match="無法判讀列管案號 5101 及 5103 各自的決定"):
        record_import(parsed)
    assert not Meeting.objects.exists()


def test_a_range_in_a_title_that_cannot_be_read_refuses_the_brief_outcome():
    parsed = parse_minutes(with_item_one("一、列管案號 5105 至 5103：請各課會勘。（民政課）", ITEM_ONE_DECISION))
    with pytest.raises(TrackingError, match="結尾應在開頭之後"):
        record_import(parsed)


def test_a_title_is_not_refused_when_its_conclusion_decides_nothing():
    text = with_item_one("一、列管案號 5105 至 5103：請各課會勘。（民政課）", "決定：洽悉。")
    meeting = record_import(parse_minutes(text))
    assert decisions_at(meeting) == {"5102": Decision.CONTINUE}


def test_the_preview_lists_the_decisions_the_import_will_record_and_the_mentions(client, recorder):
    client.force_login(recorder)
    body = client.post(IMPORT_URL, {"text": CASE_ITEMS, "action": "preview"}).content.decode()
    assert "列管案號 5101：解除列管" in body and "列管案號 5102：賡續列管" in body
    assert "列管案號 4907" in body and "匯入時不會登錄決定" in body
    assert not Meeting.objects.exists()


def test_saving_a_record_that_only_mentions_a_case_imports_it_and_says_so(client, recorder):
    client.force_login(recorder)
    response = client.post(IMPORT_URL, {"text": CASE_ITEMS, "action": "save"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert any(MENTION in str(m) and m.level_tag == "warning" for m in get_messages(response.wsgi_request))


def test_the_preview_warns_when_the_import_would_be_refused(client, recorder, seed_text):
    client.force_login(recorder)
    text = seed_text.replace("及 10705 賡續列管", "及 10705 再議")
    body = client.post(IMPORT_URL, {"text": text, "action": "preview"}).content.decode()
    assert "無法判讀列管案號 9903 的決定" in body and "匯入時會被拒絕" in body


def test_the_command_notes_mentions_and_its_dry_run_lists_decisions(tmp_path):
    path = tmp_path / "52.txt"
    path.write_text(CASE_ITEMS, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_minutes", str(path), "--dry-run", stdout=out, stderr=err)
    assert "列管案號 5101：解除列管" in out.getvalue() and MENTION in err.getvalue()
    assert not Meeting.objects.exists()
    out, err = StringIO(), StringIO()
    call_command("import_minutes", str(path), stdout=out, stderr=err)
    assert out.getvalue().startswith("imported meeting") and MENTION in err.getvalue()


AS_SUGGESTED = (
    "某局第 9 次局務會議紀錄\n時間：113 年 1 月 2 日上午 9 時\n壹、上次會議決議事項執行情形\n"
    "一、第 8 次局務會議列管事項辦理情形報告：\n"
    "（一）列管案號 801：請人事室辦理。\n辦理情形：已完成。建議解除列管。\n"
    "（二）列管案號 802：請會計室辦理。\n辦理情形：辦理中。建議繼續列管。\n"
    "決定：同意依各單位建議辦理。\n散會\n"
)


def test_approving_the_units_suggestions_decides_each_case_as_suggested():
    meeting = record_import(parse_minutes(AS_SUGGESTED))
    assert decisions_at(meeting) == {"801": Decision.CLOSE, "802": Decision.CONTINUE}


def test_approving_suggestions_that_are_not_there_records_nothing_and_reports_the_cases():
    from tracking.importing import stated_decisions

    text = AS_SUGGESTED.replace("建議解除列管。", "").replace("建議繼續列管。", "")
    assert stated_decisions(parse_minutes(text)) == ({}, ["801", "802"])
