"""Signing checks the record is whole; amendments reach the document as new versions; a stale form conflicts only
with what it shows."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from minutes import documents, services
from minutes.models import Meeting, MeetingSeries, Section, SignedRecord
from tests.documents.conftest import pdftotext

pytestmark = pytest.mark.django_db
WHEN = timezone.make_aware(dt.datetime(2022, 2, 17, 10, 0))


@pytest.fixture
def draft(recorder):
    series = MeetingSeries.objects.get_or_create(organisation="臺北市政府秘書處", kind="處務")[0]
    meeting = services.meeting_create(user=recorder, series=series, number=109, starts_at=WHEN, chair="陳志銘",
                                      recorder="葉霆怡")
    services.section_create(meeting=meeting, user=recorder, version=None, number=1, title="宣讀上次會議紀錄")
    services.section_create(meeting=meeting, user=recorder, version=None, number=4, title="討論事項")
    meeting.refresh_from_db()
    return meeting


# --- section numerals ---------------------------------------------------------------------------------------------


def test_a_second_section_numeral_is_refused(draft, recorder):
    with pytest.raises(services.MeetingError, match="段落編號「肆」已用於「討論事項」"):
        services.section_create(meeting=draft, user=recorder, version=None, number=4, title="臨時動議")


def test_a_numeral_before_the_last_one_cannot_be_added_after_it(draft, recorder):
    # 壹、肆 then 參: the PDF would print 壹、肆、參.
    with pytest.raises(services.MeetingError, match="段落編號「參」不能排在「肆、討論事項」之後"):
        services.section_create(meeting=draft, user=recorder, version=None, number=3, title="報告事項")
    assert list(draft.sections.values_list("number", flat=True)) == [1, 4]


def test_the_editing_page_says_why_a_numeral_is_refused(draft, client, recorder):
    client.force_login(recorder)
    response = client.post(reverse("minutes:part-add", args=[draft.pk, "section", "meeting", draft.pk]),
                           {"number": 3, "title": "報告事項", "body": "", "conclusion_label": "會議結論",
                            "version": draft.version})
    assert "段落編號須依序" in response.content.decode()


def test_signing_refuses_numerals_out_of_order(draft, chair):
    # Written past the services, as an old database might hold it.
    Section.objects.filter(meeting=draft, number=4).update(number=1)
    with pytest.raises(services.SignRefusedError, match="段落編號「壹」重複"):
        services.meeting_sign(draft, chair)
    assert not Meeting.objects.get(pk=draft.pk).is_signed


# --- the previous meeting is signed first -------------------------------------------------------------------------


def test_signing_refuses_a_meeting_whose_previous_one_is_still_a_draft(seed_meeting, recorder, chair):
    meeting_109 = services.meeting_create_from_previous(user=recorder, previous=seed_meeting,
                                                        starts_at=seed_meeting.starts_at + dt.timedelta(days=28))
    with pytest.raises(services.SignRefusedError, match="請先簽核第 108 次"):
        services.meeting_sign(meeting_109, chair)
    services.meeting_sign(seed_meeting, chair)
    services.meeting_sign(Meeting.objects.get(pk=meeting_109.pk), chair)
    assert Meeting.objects.get(pk=meeting_109.pk).is_signed


def test_a_series_imported_from_its_middle_signs_as_before(seed_meeting, chair):
    # The demo's 108 has no 107 in the system: nothing to wait for.
    services.meeting_sign(seed_meeting, chair)
    assert Meeting.objects.get(pk=seed_meeting.pk).is_signed


def test_the_sign_page_lists_what_keeps_the_record_from_being_signed(seed_meeting, recorder, chair, client):
    meeting_109 = services.meeting_create_from_previous(user=recorder, previous=seed_meeting,
                                                        starts_at=seed_meeting.starts_at + dt.timedelta(days=28))
    client.force_login(chair)
    page = client.get(reverse("minutes:meeting-sign", args=[meeting_109.pk])).content.decode()
    assert "這份紀錄尚不能簽核" in page and "請先簽核第 108 次" in page
    response = client.post(reverse("minutes:meeting-sign", args=[meeting_109.pk]), {"version": meeting_109.version})
    body = response.content.decode()
    assert response.status_code == 400 and "請先簽核第 108 次" in body and "這次儲存沒有生效" not in body
    assert not Meeting.objects.get(pk=meeting_109.pk).is_signed


def test_a_stale_sign_says_signing_did_not_happen(seed_meeting, chair, recorder, client):
    client.force_login(chair)
    version = seed_meeting.version
    services.meeting_update(meeting=seed_meeting, user=recorder, version=version, place="第一會議室")
    response = client.post(reverse("minutes:meeting-sign", args=[seed_meeting.pk]), {"version": version})
    body = response.content.decode()
    assert response.status_code == 409 and "簽核沒有生效" in body and "這次儲存" not in body


# --- amendments reach the document --------------------------------------------------------------------------------


@pytest.fixture
def amended(seed_meeting, chair, recorder):
    services.meeting_sign(seed_meeting, chair)
    original = bytes(SignedRecord.objects.get(meeting=seed_meeting).pdf)
    meeting_109 = services.meeting_create_from_previous(user=recorder, previous=seed_meeting,
                                                        starts_at=seed_meeting.starts_at + dt.timedelta(days=28))
    services.meeting_amend(seed_meeting, recorder, reason="第 109 次會議宣讀時修正後確定",
                           changes="參、三、會議結論(三)「一月底」更正為「二月底」。", decided_at=meeting_109)
    return seed_meeting, original


def test_an_amendment_stores_a_new_version_and_keeps_the_original_unchanged(amended):
    meeting, original = amended
    v1, v2 = SignedRecord.objects.filter(meeting=meeting).order_by("version")
    assert bytes(v1.pdf) == original and v1.sha256 == documents.sha256_of(original)
    assert v2.version == 2 and v2.sha256 == documents.sha256_of(bytes(v2.pdf)) and v2.sha256 != v1.sha256


def test_the_new_version_prints_the_original_with_what_why_where_and_who(amended):
    meeting, _ = amended
    text = pdftotext(bytes(SignedRecord.objects.get(meeting=meeting, version=2).pdf)).replace("\u2060", "")
    flat = text.replace("\n", "")
    assert "請文書組於一月底前將本處群組由Line移轉至TAIPEION即時通" in flat  # the signed text, as signed
    assert "更正紀錄（第 2 版）" in flat
    assert "「一月底」更正為「二月底」" in flat and "第 109 次會議宣讀時修正後確定" in flat
    assert "決定更正：臺北市政府秘書處第 109 次處務會議紀錄" in flat and "登錄人：葉霆怡" in flat


def test_a_download_serves_the_current_version_and_any_earlier_one_on_request(amended, client, recorder):
    meeting, original = amended
    client.force_login(recorder)
    current = client.get(reverse("meeting-pdf", args=[meeting.pk]))
    first = client.get(reverse("meeting-pdf", args=[meeting.pk]) + "?version=1")
    assert current.content == bytes(SignedRecord.objects.get(meeting=meeting, version=2).pdf)
    assert first.content == original
    assert "%E7%AC%AC1%E7%89%88" in first["Content-Disposition"]  # …-第1版.pdf
    assert client.get(reverse("meeting-pdf", args=[meeting.pk]) + "?version=3").status_code == 404


def test_the_meeting_page_lists_the_versions_and_what_changed(amended, client, recorder):
    meeting, _ = amended
    client.force_login(recorder)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "第 1 版" in page and "主席簽核時的原始紀錄" in page
    assert "第 2 版（目前版本）" in page and "加入更正：參、三、會議結論(三)「一月底」更正為「二月底」。" in page


def test_verify_recognises_every_version_and_says_which_is_current(amended, client, recorder):
    meeting, original = amended
    client.force_login(recorder)
    old = client.post(reverse("verify"), {"file": SimpleUploadedFile("a.pdf", original, "application/pdf")})
    assert "第 1 版" in old.content.decode() and "已有新版" in old.content.decode()
    new = bytes(SignedRecord.objects.get(meeting=meeting, version=2).pdf)
    now = client.post(reverse("verify"), {"file": SimpleUploadedFile("b.pdf", new, "application/pdf")})
    assert "這是目前的版本" in now.content.decode()


def test_rendering_a_version_again_gives_the_same_bytes(amended):
    meeting, _ = amended
    stored = SignedRecord.objects.get(meeting=meeting, version=2)
    again = documents.render_meeting_pdf(Meeting.objects.get(pk=meeting.pk), amendments=list(meeting.amendments.all()))
    assert documents.sha256_of(again) == stored.sha256


def test_the_deciding_meeting_must_come_later_in_the_series(seed_meeting, chair, recorder):
    services.meeting_sign(seed_meeting, chair)
    with pytest.raises(services.MeetingError, match="之後的會議"):
        services.meeting_amend(seed_meeting, recorder, reason="x", changes="y", decided_at=seed_meeting)


# --- the stale check compares what the form shows -----------------------------------------------------------------


def test_a_header_save_goes_through_when_someone_edited_a_report_point_meanwhile(seed_meeting, recorder):
    from minutes.models import ReportPoint

    read_at = seed_meeting.version
    point = ReportPoint.objects.filter(report__item__section__meeting=seed_meeting).first()
    services.point_update(point=point, user=recorder, version=read_at, text=point.text + "（補充）")
    services.meeting_update(meeting=seed_meeting, user=recorder, version=read_at, place="第一會議室")
    assert Meeting.objects.get(pk=seed_meeting.pk).place == "第一會議室"


def test_a_header_save_is_refused_when_the_header_changed_meanwhile(seed_meeting, recorder):
    read_at = seed_meeting.version
    services.meeting_update(meeting=seed_meeting, user=recorder, version=read_at, place="第一會議室")
    with pytest.raises(services.StaleMeetingError):
        services.meeting_update(meeting=seed_meeting, user=recorder, version=read_at, chair="林副秘書長")


def test_a_conclusion_save_is_refused_when_its_item_title_changed_meanwhile(seed_meeting, recorder):
    from minutes.models import AgendaItem, Conclusion

    read_at = seed_meeting.version
    conclusion = Conclusion.objects.filter(section__meeting=seed_meeting, item__isnull=False).first()
    services.item_update(item=AgendaItem.objects.get(pk=conclusion.item_id), user=recorder, version=read_at,
                         title="改過的案由。")
    with pytest.raises(services.StaleMeetingError):
        services.conclusion_update(conclusion=conclusion, user=recorder, version=read_at, text="同意。")
