"""Every decision on a tracked case a record states, wherever it states it: a table's 決定 column, cases written
as running text, a decision in the middle of a paragraph, other offices' words; each with the number as
written, its key, its line and where it came from. The import records them, all or nothing."""

import pytest

from minutes.models import Meeting
from minutes.reader import parse_minutes
from minutes.reader.decisions import read_record_decisions
from minutes.reader.sentences import CLOSE, CONTINUE, SELF_TRACK
from minutes.services import record_import
from tests.records import TABLE_LAYOUT, TABLE_RECORDS, TABLE_WEB, TABLE_WORD
from tracking.importing import stated_decisions
from tracking.lifecycle import TrackingError
from tracking.models import Review

HEAD = "某局第 89 次局務會議紀錄\n時間：113年3月5日上午9時\n壹、上次會议決議事項執行情形\n".replace("议", "議")


def decided(text: str) -> list[tuple]:
    found = read_record_decisions(parse_minutes(text))
    return [(d.case_number, d.key, d.outcome, d.line, d.from_table, d.source) for d in found.decisions]


@pytest.mark.parametrize("name", ["word", "layout", "web"])
def test_a_tables_decision_column_decides_each_row(name: str):
    found = decided(TABLE_RECORDS[name])
    assert [(number, outcome, from_table) for number, _, outcome, _, from_table, _ in found] == [
        ("10701", CLOSE, True), ("10702", CONTINUE, True), ("10604", CLOSE, True)
    ]


def test_each_decision_read_off_a_table_names_the_line_of_its_row():
    assert [line for *_, line, _, _ in decided(TABLE_LAYOUT)] == [9, 12, 18]


def test_同意_in_the_decision_column_follows_the_units_suggestion():
    text = TABLE_WORD.replace("\t建議繼續列管\t繼續列管\n", "\t建議繼續列管\t同意\n")
    assert [outcome for _, _, outcome, *_ in decided(text)] == [CLOSE, CONTINUE, CLOSE]


def test_an_empty_decision_column_with_the_units_suggestions_approved_below_the_table():
    text = TABLE_WEB.replace("\n解除列管\n10702", "\n10702").replace("同意依上表決定辦理。", "同意依各單位建議辦理。")
    found = read_record_decisions(parse_minutes(text))
    assert found.outcomes() == {"10701": CLOSE, "10702": CONTINUE, "10604": CLOSE}


def test_a_row_without_a_decision_is_a_mention_and_a_number_no_scheme_reads_cannot_be_placed():
    text = TABLE_WORD.replace("\t建議解除列管\t解除列管\n", "\t建議解除列管\t\n").replace("10604\t", "十之四\t")
    text = text.replace("同意依上表決定辦理。", "洽悉。")
    found = read_record_decisions(parse_minutes(text))
    assert found.outcomes() == {"10702": CONTINUE}
    assert [(m.case_number, m.line) for m in found.mentions] == [("10701", 9)]
    [unplaced] = found.unplaced
    assert (unplaced.case_number, unplaced.line) == ("十之四", 12) and "無法辨識的列管案號「十之四」" in unplaced.reason


RUNNING = HEAD + (
    "列管第8801案：請秘書室於3月底前完成公文線上簽核推廣。（秘書室）\n辦理情形：已完成。\n決定：解除列管。\n"
    "列管第8802案：請人事室辦理員工健康檢查。辦理情形：刻正辦理中，預計5月完成。決定：持續列管。\n"
    "列管案號 8803：請會計室檢討預算執行。\n辦理情形：執行率已達8成，建議解除列管。\n決定：同意結案。\n"
    "列管案號 8804：請資訊室汰換老舊電腦。\n辦理情形：已完成採購。\n決定：改由資訊室自行列管。\n"
    "列管案號 8805：請總務處規劃停車場。\n辦理情形：規劃中。\n決定：改列自行列管。\n"
    "主席裁示：以上各案依決定辦理。\n貳、臨時動議：無。\n散會\n"
)


def test_cases_written_as_running_text_each_with_its_decision_in_other_offices_words():
    assert decided(RUNNING) == [
        ("8801", "8801", CLOSE, 4, False, "text"),
        ("8802", "8802", CONTINUE, 7, False, "text"),
        ("8803", "8803", CLOSE, 8, False, "text"),
        ("8804", "8804", SELF_TRACK, 11, False, "text"),
        ("8805", "8805", SELF_TRACK, 14, False, "text"),
    ]
    section = parse_minutes(RUNNING).sections[0]
    assert section.conclusion.points == ["以上各案依決定辦理。"]
    assert [(row.case_number, row.unit, row.progress) for row in section.cases][:2] == [
        ("8801", "秘書室", "已完成。"), ("8802", "", "刻正辦理中，預計5月完成。")
    ]


def test_an_item_that_is_one_case_is_a_case_decided_by_its_conclusion():
    from tests.records import CASE_ITEMS

    reviews = parse_minutes(CASE_ITEMS).sections[1].items
    assert [(row.case_number, row.unit, row.decision) for item in reviews for row in item.cases] == [
        ("5101", "民政課", "本案解除列管。"),
        ("5102", "社會課", "繼續追蹤。"),
        ("4907", "經建課", "同意備查，有關列管案號 4907 之後續工程，請經建課於下次會議補充報告。"),
    ]
    found = read_record_decisions(parse_minutes(CASE_ITEMS))
    assert (found.outcomes(), [m.case_number for m in found.mentions]) == ({"5101": CLOSE, "5102": CONTINUE}, ["4907"])


def test_a_decision_in_the_middle_of_a_hard_wrapped_paragraph():
    text = HEAD + (
        "一、有關列管案號 8802 之員工健康檢查，人事室報告已完成八成，決\n定：持續列管，請於下次會議報告。\n"
        "決定：洽悉。\n散會\n"
    )
    assert decided(text) == [("8802", "8802", CONTINUE, 4, False, "text")]


@pytest.mark.parametrize(
    ("sentence", "written", "key"),
    [
        ("列管案號 113-01 解除列管。", "113-01", "11301"),
        ("列管編號 11303-1 解除列管。", "11303-1", "1130301"),
        ("列管第1130305-1號解除列管。", "1130305-1", "113030501"),
        ("列管案號 A11301 解除列管。", "A11301", "A11301"),
        ("列管案號 1130501 解除列管。", "1130501", "1130501"),
        # Year, meeting and sequence with hyphens: one case, never the range 113-05 to 01.
        ("列管編號113-05-01：解除列管。", "113-05-01", "1130501"),
    ],
)
def test_other_offices_case_numbers_keep_the_form_they_were_written_in(sentence: str, written: str, key: str):
    text = HEAD + f"一、第 88 次會議列管事項辦理情形。\n決定：{sentence}\n散會\n"
    assert decided(text) == [(written, key, CLOSE, 5, False, "conclusion")]


def test_a_range_is_still_a_range_and_a_number_before_年_is_a_date():
    text = HEAD + "一、第 88 次會議列管事項辦理情形。\n決定：列管案號 30101 至 30103 解除列管，請於 113 年底前完成。\n散會\n"
    assert [key for _, key, *_ in decided(text)] == ["30101", "30102", "30103"]


@pytest.mark.django_db
def test_the_import_records_a_tables_decisions():
    meeting = record_import(parse_minutes(TABLE_LAYOUT))
    reviews = Review.objects.filter(meeting=meeting).select_related("item")
    assert {review.item.case_number: review.decision for review in reviews} == {
        "10701": CLOSE, "10702": CONTINUE, "10604": CLOSE
    }
    assert stated_decisions(parse_minutes(TABLE_LAYOUT)) == ({"10701": CLOSE, "10702": CONTINUE, "10604": CLOSE}, [])


@pytest.mark.django_db
def test_the_import_refuses_a_number_it_cannot_place_with_its_line_and_saves_nothing():
    text = TABLE_WORD.replace("10604\t", "十之四\t")
    with pytest.raises(TrackingError, match="第 12 行：無法辨識的列管案號「十之四」"):
        record_import(parse_minutes(text))
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_a_case_number_of_another_scheme_is_recorded_as_the_record_wrote_it():
    text = HEAD.replace("第 89 次", "第 189 次") + "一、第 188 次會議列管事項辦理情形。\n決定：列管案號 A11301 解除列管。\n散會\n"
    meeting = record_import(parse_minutes(text))
    review = Review.objects.select_related("item").get(meeting=meeting)
    assert (review.item.case_number, review.item.case_key, review.decision) == ("A11301", "A11301", CLOSE)


def test_an_item_titled_by_its_case_number_alone_is_decided_by_its_conclusion():
    # 一、第8801號：… with no 案號 before the number: the item is that case, as 一、列管案號 8801：… is.
    text = HEAD + (
        "一、第8801號：請文書組辦理檔案移轉。\n辦理情形：已完成。\n決定：解除列管。\n"
        "二、第 8802 號：請總務組汰換公務車。\n辦理情形：辦理採購中。\n決定：繼續列管。\n"
        "三、第8803號：請人事室辦理訓練。\n辦理情形：已排定課程。\n決定：洽悉。\n散會\n"
    )
    found = read_record_decisions(parse_minutes(text))
    assert [(d.case_number, d.outcome, d.line) for d in found.decisions] == [("8801", CLOSE, 6), ("8802", CONTINUE, 9)]
    # A conclusion that decides nothing leaves the case named, reported as such, never dropped without a word.
    assert [mention.key for mention in found.mentions] == ["8803"]


def test_a_document_number_is_no_case_number():
    text = HEAD + "一、依府授秘字第1130012345號函辦理。\n決定：解除列管。\n散會\n"
    found = read_record_decisions(parse_minutes(text))
    assert found.decisions == [] and found.mentions == []
