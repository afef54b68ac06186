"""Importing a record's text: the 108th meeting lands exactly as written, or nothing is saved."""

import pytest
from django.core.management import CommandError, call_command

from minutes.models import AgendaItem, Conclusion, Meeting, ReportPoint, Section, SupplementaryReport
from tracking.models import Review, Status, TrackedItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_file(tmp_path, seed_text):
    path = tmp_path / "minutes-108.txt"
    path.write_text(seed_text, encoding="utf-8")
    return path


def run_import(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_minutes", *map(str, args), stdout=out)
    return out.getvalue()


def test_import_prints_one_line_with_the_meeting(seed_file):
    out = run_import(seed_file)
    meeting = Meeting.objects.get()
    assert out.strip() == f"imported meeting {meeting.pk}: 臺北市政府秘書處第 108 次處務會議紀錄"


def test_seed_header_is_kept(seed_file):
    run_import(seed_file)
    meeting = Meeting.objects.get()
    assert meeting.starts_at_roc == "民國 111 年 1 月 20 日 10 時 0 分"
    assert (meeting.place, meeting.chair, meeting.recorder, meeting.attendees) == ("視訊會議", "陳志銘", "葉霆怡", "如簽到表")
    assert meeting.adjourned_at.strftime("%H:%M") == "10:45"
    assert meeting.status == Meeting.Status.DRAFT


def test_seed_structure_is_exactly_the_record(seed_file):
    run_import(seed_file)
    meeting = Meeting.objects.get()
    sections = list(meeting.sections.all())
    assert [(s.number, s.numeral, s.title) for s in sections] == [
        (1, "壹", "宣讀 110 年 12 月 16 日第 107 次處務會議紀錄。"),
        (3, "參", "報告事項"),
    ]
    assert [c.text for c in sections[0].section_conclusions] == ["紀錄確定。"]
    items = list(sections[1].items.all())
    assert [i.title for i in items] == [
        "宣達市政會議裁指示事項。",
        "第 107 次處務會議結論事項辦理情形報告。",
        "各組室業務工作報告。",
        (
            "為本府法務局函請本處定期檢視法規，及是否因應中央法規制(訂)定、修正或廢止，"
            "相應制(訂)定、修正或廢止本處相關權管法規(含SOP)一事。"
        ),
        "本處 111 年加班費預算分配數額。",
    ]
    assert [i.conclusions.count() for i in items] == [2, 3, 12, 2, 1]
    reports = list(items[2].reports.all())
    assert [(r.unit.name, r.reporter_surname, r.reporter_title, r.points.count()) for r in reports] == [
        ("文書組", "高", "組長", 4),
        ("國際事務組", "陳", "組長", 2),
        ("機要組", "涂", "組長", 2),
        ("市民服務組", "張", "組長", 1),
        ("媒體事務組", "王", "組長", 2),
        ("政風室", "劉", "主任", 2),
        ("公管中心", "趙", "主任", 2),
    ]
    first_point = reports[0].points.first().text
    assert first_point.endswith("俾利資訊人員刊載聲明內容。")
    assert items[2].conclusions.get(order=3).text == "請文書組於一月底前將本處群組由Line移轉至TAIPEION即時通。"
    assert items[4].conclusions.get().text == "同意備查。"
    assert Section.objects.count() == 2 and AgendaItem.objects.count() == 5
    assert SupplementaryReport.objects.count() == 7 and ReportPoint.objects.count() == 15
    assert Conclusion.objects.count() == 21


def test_seed_review_sentence_becomes_nine_decisions_at_meeting_108(seed_file):
    run_import(seed_file)
    reviews = Review.objects.filter(meeting__number=108).select_related("item")
    decided = {r.item.case_number: r.decision for r in reviews}
    assert decided == {
        "10606": "close", "10701": "close", "10702": "close", "10703": "close", "10704": "close",
        "9903": "continue", "9904": "continue", "10502": "continue", "10705": "continue",
    }
    item = TrackedItem.objects.get(case_number="9903")
    assert (item.meeting_number, item.sequence, item.status) == (99, 3, Status.CONTINUED)
    assert TrackedItem.objects.get(case_number="10606").status == Status.CLOSED


def test_importing_the_same_meeting_twice_is_refused(seed_file):
    run_import(seed_file)
    with pytest.raises(CommandError, match="已存在"):
        run_import(seed_file)
    assert Meeting.objects.count() == 1
    assert Review.objects.count() == 9


def test_replace_rewrites_a_draft_and_keeps_its_case_numbers(seed_file, seed_text):
    from minutes.models import Unit
    from tracking import lifecycle

    run_import(seed_file)
    meeting = Meeting.objects.get()
    conclusion = Conclusion.objects.get(text__startswith="請文書組於一月底前")
    item = lifecycle.case_open(conclusion=conclusion, units=[Unit.objects.get(name="文書組")])
    seed_file.write_text(seed_text.replace("陳志銘", "林某某"), encoding="utf-8")
    run_import(seed_file, "--replace")
    meeting.refresh_from_db()
    assert (Meeting.objects.get().pk, meeting.chair) == (meeting.pk, "林某某")
    item.refresh_from_db()
    assert item.conclusion.text.startswith("請文書組於一月底前")
    assert item.conclusion.section.meeting_id == meeting.pk
    assert Review.objects.count() == 9


def test_broken_text_is_refused_with_its_line_number_and_nothing_saved(tmp_path, seed_text):
    broken = seed_text.replace("時間：民國 111 年 1 月 20 日 10 時 0 分", "時間：下週某天")
    path = tmp_path / "broken.txt"
    path.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("時間：下週某天") + 1
    with pytest.raises(CommandError, match=rf"broken.txt:{line}:"):
        run_import(path)
    assert not Meeting.objects.exists() and not TrackedItem.objects.exists()


def test_a_failing_review_rolls_back_the_whole_import(seed_file, seed_text):
    # 10901 cannot be decided at meeting 108: the meeting must not be saved either.
    seed_file.write_text(seed_text.replace("10606、", "10901、"), encoding="utf-8")
    with pytest.raises(CommandError, match="10901"):
        run_import(seed_file)
    assert not Meeting.objects.exists() and not Review.objects.exists() and not TrackedItem.objects.exists()


def test_dry_run_prints_the_outline_and_saves_nothing(seed_file):
    out = run_import(seed_file, "--dry-run")
    assert "臺北市政府秘書處第 108 次處務會議紀錄" in out
    assert "參、報告事項" in out
    assert "文書組高組長補充報告：4 點" in out
    assert not Meeting.objects.exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="無法讀取"):
        run_import(tmp_path / "nope.txt")


def test_an_unreadable_review_sentence_is_refused_with_the_case_number(seed_file, seed_text):
    seed_file.write_text(seed_text.replace("及 10705 賡續列管", "及 10705 再議"), encoding="utf-8")
    with pytest.raises(CommandError, match="無法判讀列管案號 9903"):
        run_import(seed_file)
    assert not Meeting.objects.exists()


def test_a_series_that_calls_its_meetings_會報_keeps_that_word_in_titles(tmp_path):
    record = (
        "勞動部第 12 次部務會報紀錄\n時間：113 年 5 月 6 日上午 9 時\n地點：本部 301 會議室\n主席：部長\n紀錄：王小明\n"
        "壹、報告事項\n一、第 11 次部務會報結論事項辦理情形報告。\n決定：洽悉。\n散會：上午 10 時\n"
    )
    path = tmp_path / "mol.txt"
    path.write_text(record, encoding="utf-8")
    out = run_import(path)
    assert out.strip().endswith("勞動部第 12 次部務會報紀錄")
    assert str(Meeting.objects.get().series) == "勞動部部務會報"


def test_dry_run_fails_where_the_import_would(seed_file):
    run_import(seed_file)
    with pytest.raises(CommandError, match="已經在系統中|已存在"):
        run_import(seed_file, "--dry-run")
    assert Meeting.objects.count() == 1
