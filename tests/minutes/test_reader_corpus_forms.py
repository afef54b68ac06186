"""Forms the corpus (tests/fixtures/corpus) showed the reader did not know, each a row or a word of its table."""

from minutes.reader import parse_minutes, read_record_decisions

RECORD = (
    "臺北市某局第 12 次局務會議紀錄\n時間：113年6月12日上午9時30分\n地點：本局會議室\n主席：王局長\n紀錄：李小美\n"
    "出席：各科室主管\n壹、業務報告\n一、秘書室報告：本月公文。\n決定：洽悉。\n貳、散會：上午10時50分。\n"
)


def test_a_web_pages_own_line_between_the_title_and_the_header_is_the_pages():
    parsed = parse_minutes(RECORD.replace("紀錄\n時間", "紀錄\n發布單位：秘書室\n張貼日期：113-06-14\n時間", 1))
    assert (parsed.place, parsed.chair) == ("本局會議室", "王局長")


def test_the_sites_name_above_its_navigation_is_the_pages_not_an_organisation_line():
    parsed = parse_minutes("財政部關務署基隆關\n:::\n首頁 / 政府資訊公開 / 會議紀錄\n" + RECORD + "回頁首\n")
    assert parsed.organisation == "臺北市某局"


def test_an_e_mails_signature_after_the_record_is_the_e_mails():
    parsed = parse_minutes(RECORD + "\n--\n林怡君\n企劃處\n分機 6321\n")
    assert parsed.attachments == [] and parsed.adjourned_at is not None


def test_header_fields_numbered_with_formal_numerals_are_fields_and_the_agenda_goes_on_from_them():
    text = (
        "臺北市某局第 12 次局務會議紀錄\n壹、會議時間：113年6月12日上午9時30分\n貳、會議地點：本局會議室\n參、主持人：王局長\n"
        "肆、紀錄：李小美\n伍、出席人員：各科室主管\n陸、業務報告\n一、秘書室報告：本月公文。\n決定：洽悉。\n柒、散會\n"
    )
    parsed = parse_minutes(text)
    assert (parsed.place, parsed.chair, parsed.wording.header_numbered) == ("本局會議室", "王局長", "壹")
    assert [(section.number, section.title) for section in parsed.sections] == [(6, "業務報告")]


def test_a_short_case_number_alone_in_a_web_table_is_a_case_not_a_page_number():
    table = (
        "案號\n案由\n主辦單位\n辦理情形\n列管建議\n決定\n"
        "1101\n請秘書室辦理公文線上簽核。\n秘書室\n已上線。\n建議解除列管\n解除列管\n"
        "1102\n請人事室辦理教育訓練。\n人事室\n辦理中。\n建議繼續列管\n繼續列管\n"
        "決定：同意依上表決定辦理。\n"
    )
    parsed = parse_minutes(RECORD.replace("壹、業務報告\n", "壹、上次會議列管案件\n" + table + "貳、業務報告\n").replace(
        "貳、散會", "參、散會"))
    assert read_record_decisions(parsed).outcomes() == {"1101": "close", "1102": "continue"}


def test_a_lone_number_elsewhere_is_still_a_page_number():
    parsed = parse_minutes(RECORD.replace("決定：洽悉。\n", "決定：洽悉。\n12\n"))
    assert parsed.sections[0].items[0].conclusion.points == ["洽悉。"]


def test_a_review_sections_title_ending_in_its_usual_word_takes_no_body_line_into_it():
    text = RECORD.replace(
        "壹、業務報告\n",
        "壹、上次會議決定事項辦理情形\n列管案號 1103 及 1105 同意解除列管；列管案號 1101 繼續列管。\n貳、業務報告\n",
    ).replace("貳、散會", "參、散會")
    section = parse_minutes(text).sections[0]
    assert (section.title, section.body) == (
        "上次會議決定事項辦理情形", ["列管案號 1103 及 1105 同意解除列管；列管案號 1101 繼續列管。"]
    )
