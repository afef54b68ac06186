"""Each office's case numbers: a scheme per meeting series that numbers new cases, numbers kept as the record
wrote them with a key that finds a case however it is written, in URLs, lists, exports and the PDF."""

import datetime as dt
import re

import pytest
import tablib
from django.urls import reverse

from minutes import documents
from minutes.errors import MeetingError
from minutes.models import Conclusion, MeetingSeries, Role
from minutes.reader import parse_minutes
from minutes.services import record_import, series_set_case_scheme
from tests.documents.conftest import pdftotext
from tracking import lifecycle
from tracking.lifecycle import TrackingError
from tracking.models import CaseCounter, Decision, Review, Status, TrackedItem

pytestmark = pytest.mark.django_db


def deciding(meeting_number: int, sentence: str, *, day: int = 5) -> str:
    """A record of meeting N of 某局's 局務會議 (113 年 3 月) whose review item decides with `sentence`."""
    return (
        f"某局第 {meeting_number} 次局務會議紀錄\n時間：113年3月{day}日上午9時\n壹、上次會議決議事項執行情形\n"
        f"一、第 {meeting_number - 1} 次會議列管事項辦理情形。\n決定：{sentence}\n"
        "貳、報告事項\n一、文書組報告。\n決定：請文書組於三月底前完成檔案移轉。\n散會\n"
    )


def series() -> MeetingSeries:
    return MeetingSeries.objects.get(organisation="某局", kind="局務")


# --- the import keeps each number as written, with its key ---------------------------------------------------


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("10801", "10801"),
        ("113-01", "11301"),
        ("11303-1", "1130301"),
        ("1130305-1", "113030501"),
        ("A11301", "A11301"),
        ("1130501", "1130501"),
        ("113-05-01", "1130501"),
    ],
)
def test_the_import_keeps_a_case_number_of_every_scheme_as_the_record_wrote_it(written, key):
    meeting = record_import(parse_minutes(deciding(200, f"列管案號 {written} 解除列管。")))
    item = TrackedItem.objects.get()
    assert (item.case_number, item.case_key) == (written, key)
    assert Review.objects.get(item=item, meeting=meeting).decision == Decision.CLOSE
    assert item.status == Status.CLOSED


def test_a_later_record_that_writes_the_number_another_way_decides_the_same_case():
    record_import(parse_minutes(deciding(200, "列管案號 113-01 賡續列管。")))
    later = record_import(parse_minutes(deciding(201, "列管案號 11301 解除列管。", day=19)))
    item = TrackedItem.objects.get()
    assert item.case_number == "113-01"  # as first written; 11301 is the same case
    assert Review.objects.get(item=item, meeting=later).decision == Decision.CLOSE
    assert item.status == Status.CLOSED


def test_a_decision_the_cases_history_does_not_allow_is_refused_with_the_line_that_states_it():
    # 113012 reads as case 12 of meeting 1130 in a new series (this app's scheme), so meeting 200 cannot review it.
    text = deciding(200, "列管案號 113012 解除列管。")
    line = next(number for number, line in enumerate(text.splitlines(), 1) if "113012" in line)
    with pytest.raises(TrackingError, match=f"^第 {line} 行：列管案號 113012 於第 1130 次會議列管"):
        record_import(parse_minutes(text))
    assert not TrackedItem.objects.exists() and not Review.objects.exists()


def test_a_number_no_scheme_reads_is_still_refused_with_its_line_and_nothing_is_saved():
    text = (
        "某局第 200 次局務會議紀錄\n時間：113年3月5日上午9時\n壹、上次會議決議事項執行情形\n"
        "案號\t案由\t主辦單位\t辦理情形\t列管建議\t決定\n十之四\t移轉檔案\t文書組\t已完成\t建議解除列管\t解除列管\n散會\n"
    )
    with pytest.raises(TrackingError, match="第 5 行：無法辨識的列管案號「十之四」"):
        record_import(parse_minutes(text))
    assert not TrackedItem.objects.exists()


def test_the_import_preview_names_each_decided_case_as_the_record_wrote_it(client, recorder):
    client.force_login(recorder)
    response = client.post(reverse("minutes:meeting-import"), {"text": deciding(200, "列管案號 113-01 解除列管。")})
    assert "列管案號 113-01：解除列管" in response.content.decode()


# --- new cases are numbered in the series' scheme ------------------------------------------------------------


def conclusion_at(meeting_number: int, *, day: int = 5) -> Conclusion:
    meeting = record_import(parse_minutes(deciding(meeting_number, "紀錄確定。", day=day)))
    return Conclusion.objects.get(section__meeting=meeting, text__startswith="請文書組")


@pytest.mark.parametrize(
    ("scheme", "prefix", "first", "second"),
    [
        ("meeting", "", "501", "502"),
        ("year_sequence", "", "113-01", "113-02"),
        ("meeting_sequence", "", "11305-1", "11305-2"),
        ("date", "", "1130305-1", "1130305-2"),
        ("prefix", "A", "A501", "A502"),
        ("year_meeting_sequence", "", "1130501", "1130502"),
        ("year_meeting_hyphenated", "", "113-05-01", "113-05-02"),
    ],
)
def test_a_new_case_is_numbered_in_the_series_scheme(units, scheme, prefix, first, second):
    conclusion = conclusion_at(5)
    series_set_case_scheme(series=series(), scheme=scheme, prefix=prefix)
    other = Conclusion.objects.create(section=conclusion.section, item=conclusion.item, order=2, text="請總務組配合。")
    opened = [lifecycle.case_open(conclusion=c, units=[units["文書組"]]) for c in (conclusion, other)]
    assert [item.case_number for item in opened] == [first, second]
    assert [item.meeting_number for item in opened] == [5, 5]


def test_year_sequence_numbers_run_on_through_the_meetings_of_the_year(units):
    first = conclusion_at(5)
    series_set_case_scheme(series=series(), scheme="year_sequence")
    lifecycle.case_open(conclusion=first, units=[units["文書組"]])
    later = conclusion_at(6, day=19)
    assert lifecycle.case_open(conclusion=later, units=[units["文書組"]]).case_number == "113-02"


def test_a_scheme_with_one_digit_for_the_sequence_refuses_the_tenth_case_of_a_meeting(units):
    conclusion = conclusion_at(5)
    series_set_case_scheme(series=series(), scheme="meeting_sequence")
    CaseCounter.objects.create(series=series(), meeting_number=11305, last_sequence=9)
    with pytest.raises(TrackingError, match="第 5 次會議的列管案件已達 9 件上限"):
        lifecycle.case_open(conclusion=conclusion, units=[units["文書組"]])


def test_the_prefix_scheme_needs_a_prefix():
    conclusion_at(5)
    with pytest.raises(MeetingError, match="需要一到三個大寫英文字母的字首"):
        series_set_case_scheme(series=series(), scheme="prefix", prefix="")
    assert series().case_scheme == "meeting"


def test_the_scheme_cannot_change_once_a_case_is_numbered_in_the_series(units):
    conclusion = conclusion_at(5)
    lifecycle.case_open(conclusion=conclusion, units=[units["文書組"]])
    with pytest.raises(MeetingError, match="已有 1 件列管案件，列管案號的編號方式不能再變更"):
        series_set_case_scheme(series=series(), scheme="year_sequence")
    assert series().case_scheme == "meeting"


def test_the_scheme_stays_after_the_only_case_was_deleted_since_its_number_was_handed_out(units):
    conclusion = conclusion_at(5)
    lifecycle.case_delete(item=lifecycle.case_open(conclusion=conclusion, units=[units["文書組"]]))
    with pytest.raises(MeetingError, match="已編過列管案號"):
        series_set_case_scheme(series=series(), scheme="year_sequence")


# --- the series settings page and the admin -----------------------------------------------------------------


def settings_url() -> str:
    return reverse("minutes:series-settings", args=[series().pk])


def test_the_recorder_chooses_the_scheme_on_the_series_settings_page(client, recorder, units):
    conclusion = conclusion_at(5)
    client.force_login(recorder)
    page = client.get(settings_url()).content.decode()
    assert "年度－序號（113-01）" in page and "第 1 案為 <strong>501</strong>" in page
    response = client.post(settings_url(), {"case_scheme": "prefix", "case_prefix": "b"}, follow=True)
    assert "已設定某局局務會議的列管案號編號方式" in response.content.decode()
    assert (series().case_scheme, series().case_prefix) == ("prefix", "B")
    assert lifecycle.case_open(conclusion=conclusion, units=[units["文書組"]]).case_number == "B501"


def test_the_settings_page_has_a_plain_title_and_each_of_its_forms_once(client, recorder, units):
    conclusion_at(5)
    client.force_login(recorder)
    page = client.get(settings_url()).content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL).group(1)
    assert title == f"會議系列設定：{series()}｜會議紀錄與列管追蹤"
    assert page.count('name="section" value="scheme"') == 1 and page.count('name="section" value="labels"') == 1


def test_the_settings_page_says_why_a_scheme_in_use_cannot_change_and_ignores_a_post(client, recorder, units):
    lifecycle.case_open(conclusion=conclusion_at(5), units=[units["文書組"]])
    client.force_login(recorder)
    page = client.get(settings_url()).content.decode()
    assert "本系列已有 1 件列管案件，編號方式不能再變更" in page and 'name="case_scheme"' not in page
    client.post(settings_url(), {"case_scheme": "year_sequence", "case_prefix": ""})
    assert series().case_scheme == "meeting"


def test_a_bad_prefix_is_refused_on_the_page_in_chinese(client, recorder):
    conclusion_at(5)
    client.force_login(recorder)
    response = client.post(settings_url(), {"case_scheme": "prefix", "case_prefix": "12"})
    assert response.status_code == 200
    assert "需要一到三個大寫英文字母的字首" in response.content.decode()
    assert series().case_scheme == "meeting"


def test_only_a_recorder_of_the_series_office_opens_its_settings(client, chief_wenshu, make_user):
    conclusion_at(5)
    client.force_login(chief_wenshu)
    assert client.get(settings_url()).status_code == 403
    from minutes.models import Office

    elsewhere = Office.objects.create(name="臺北市政府資訊局")
    client.force_login(make_user("it-recorder", Role.RECORDER, office=elsewhere))
    assert client.get(settings_url()).status_code == 403
    assert client.post(settings_url(), {"case_scheme": "year_sequence"}).status_code == 403
    assert series().case_scheme == "meeting"


def test_the_meeting_page_links_the_recorder_to_the_series_settings(client, recorder):
    meeting = record_import(parse_minutes(deciding(5, "紀錄確定。")))
    client.force_login(recorder)
    assert settings_url() in client.get(meeting.get_absolute_url()).content.decode()


def test_the_admin_refuses_a_scheme_change_once_the_series_has_a_case(admin_client, units):
    lifecycle.case_open(conclusion=conclusion_at(5), units=[units["文書組"]])
    url = reverse("admin:minutes_meetingseries_change", args=[series().pk])
    page = admin_client.get(url).content.decode()
    assert 'name="case_scheme"' not in page  # shown, not editable
    assert "會議次數＋兩位序號（10801）" in page


def test_the_admin_sets_the_scheme_of_a_series_without_cases(admin_client):
    conclusion_at(5)
    s = series()
    url = reverse("admin:minutes_meetingseries_change", args=[s.pk])
    data = {"office": s.office_id, "organisation": s.organisation, "kind": s.kind, "case_scheme": "date",
            "case_prefix": ""}
    assert admin_client.post(url, data).status_code == 302
    assert series().case_scheme == "date"


# --- URLs, list, exports, PDF --------------------------------------------------------------------------------


@pytest.fixture
def case_113_01():
    record_import(parse_minutes(deciding(200, "列管案號 113-01 賡續列管。")))
    return TrackedItem.objects.get()


def test_the_case_page_opens_by_the_number_as_written_or_by_its_key(client, recorder, case_113_01):
    client.force_login(recorder)
    assert case_113_01.get_absolute_url() == f"/tracking/{case_113_01.series_id}/113-01/"
    for number in ("113-01", "11301"):
        response = client.get(reverse("tracking:item-detail", args=[case_113_01.series_id, number]))
        assert response.status_code == 200 and response.context["item"] == case_113_01
        assert "列管案號 113-01" in response.content.decode()
    assert client.get(reverse("tracking:item-detail", args=[case_113_01.series_id, "113-02"])).status_code == 404


def test_the_old_case_url_without_its_series_still_finds_the_case(client, recorder, case_113_01):
    client.force_login(recorder)
    for number in ("113-01", "11301"):
        assert client.get(f"/tracking/{number}/").url == case_113_01.get_absolute_url()


def test_a_number_not_safe_in_a_url_gets_its_url_by_its_key(client, recorder, case_113_01):
    # A number as an old record's conversion kept it, in full-width digits.
    item = lifecycle.case_get_or_create_known(series=case_113_01.series, case_number="１１３－０２", opened_at=199)
    assert (item.case_number, item.case_key) == ("１１３－０２", "11302")
    client.force_login(recorder)
    assert item.get_absolute_url().endswith("/11302/")
    assert client.get(item.get_absolute_url()).context["item"] == item


def test_the_tracking_list_sorts_by_key_and_finds_a_case_by_any_spelling(client, recorder, make_item):
    for number in ("10801", "9903", "10701"):
        make_item(number)
    client.force_login(recorder)
    url = reverse("tracking:item-list")
    listed = [item.case_number for item in client.get(url, {"sort": "case"}).context["page"]]
    assert listed == ["9903", "10701", "10801"]
    assert [i.case_number for i in client.get(url, {"sort": "-case"}).context["page"]] == ["10801", "10701", "9903"]
    assert [i.case_number for i in client.get(url, {"q": "１０７０１"}).context["page"]] == ["10701"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_print_the_number_as_written(client, recorder, case_113_01, fmt):
    client.force_login(recorder)
    content = client.get(reverse("tracking:item-export", args=[fmt])).getvalue()
    rows = tablib.Dataset().load(content if fmt == "xlsx" else content.decode("utf-8-sig"), format=fmt)
    assert rows[0][0] == "113-01"


def test_the_pdf_appendix_and_the_case_mark_print_the_number_as_written(units):
    review_meeting = record_import(parse_minutes(deciding(200, "列管案號 113-01 賡續列管。")))
    text = pdftotext(documents.render_meeting_pdf(review_meeting))
    assert "113-01" in text and "11301" not in text
    conclusion = Conclusion.objects.get(section__meeting=review_meeting, text__startswith="請文書組")
    opened = lifecycle.case_open(conclusion=conclusion, units=[units["文書組"]])
    assert f"（列管案號 {opened.case_number}）" in pdftotext(documents.render_meeting_pdf(review_meeting)).replace(
        "\u00a0", " "
    )


def test_a_record_in_another_scheme_reads_back_from_its_pdf_with_the_same_numbers(units):
    conclusion = conclusion_at(5)
    series_set_case_scheme(series=series(), scheme="year_sequence")
    lifecycle.case_open(conclusion=conclusion, units=[units["文書組"]], due_date=dt.date(2024, 3, 31))
    meeting = conclusion.section.meeting
    text = pdftotext(documents.render_meeting_pdf(meeting))
    assert "列管案號 113-01" in text.replace("\u00a0", " ")
    again = record_import(parse_minutes(documents.record_text(meeting)), replace=True)
    item = TrackedItem.objects.get()
    assert (item.case_number, item.conclusion.section.meeting_id) == ("113-01", again.pk)
