"""The meeting list and the meeting page: what everyone signed in reads."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

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


def make_meeting(number, *, series=None, when=None, chair="陳志銘", status=Meeting.Status.DRAFT, **extra):
    series = series or MeetingSeries.objects.get_or_create(organisation="臺北市政府秘書處", kind="處務")[0]
    when = when or timezone.make_aware(dt.datetime(2022, 1, 20, 10, 0), TZ)
    fields = dict(series=series, number=number, starts_at=when, chair=chair, status=status, **extra)
    if status == Meeting.Status.SIGNED:
        fields["signed_at"] = when
    return Meeting.objects.create(**fields)


def big_meeting(number=200, items=50):
    """A meeting of `items` items, each with a report of two points and two conclusions."""
    meeting = make_meeting(number)
    section = Section.objects.create(meeting=meeting, number=3, order=1, title="報告事項")
    for i in range(1, items + 1):
        item = AgendaItem.objects.create(section=section, order=i, title=f"案由 {i}")
        report = SupplementaryReport.objects.create(item=item, order=1, heading="林副秘書長")
        ReportPoint.objects.bulk_create(ReportPoint(report=report, order=p, text=f"要點 {p}") for p in (1, 2))
        Conclusion.objects.bulk_create(
            Conclusion(section=section, item=item, order=c, text=f"結論 {i}-{c}") for c in (1, 2)
        )
    return meeting


def test_the_list_needs_a_login(client):
    response = client.get(reverse("minutes:meeting-list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_meeting_page_needs_a_login(client, seed_meeting):
    response = client.get(seed_meeting.get_absolute_url())
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_list_shows_meetings_newest_first_with_roc_dates(client, recorder):
    make_meeting(107, when=timezone.make_aware(dt.datetime(2021, 12, 16, 10), TZ))
    make_meeting(108)
    client.force_login(recorder)
    body = client.get(reverse("minutes:meeting-list")).content.decode()
    assert body.index("第 108 次處務會議紀錄") < body.index("第 107 次處務會議紀錄")
    assert "111 年 1 月 20 日" in body and "110 年 12 月 16 日" in body


def test_the_list_is_paginated_by_twenty(client, recorder):
    for n in range(1, 26):
        make_meeting(n, when=timezone.make_aware(dt.datetime(2020, 1, 1, 10) + dt.timedelta(days=n), TZ))
    client.force_login(recorder)
    first = client.get(reverse("minutes:meeting-list"))
    second = client.get(reverse("minutes:meeting-list"), {"page": 2})
    assert len(first.context["meetings"]) == 20 and len(second.context["meetings"]) == 5


def test_the_list_filters_by_roc_year(client, recorder):
    make_meeting(99, when=timezone.make_aware(dt.datetime(2020, 12, 31, 23, 30), TZ))  # ROC 109
    make_meeting(108)  # ROC 111
    client.force_login(recorder)
    response = client.get(reverse("minutes:meeting-list"), {"year": "109"})
    assert [m.number for m in response.context["meetings"]] == [99]


def test_the_list_filters_by_status(client, recorder):
    make_meeting(107, status=Meeting.Status.SIGNED)
    make_meeting(108)
    client.force_login(recorder)
    response = client.get(reverse("minutes:meeting-list"), {"status": "signed"})
    assert [m.number for m in response.context["meetings"]] == [107]


def test_the_list_filters_by_chair(client, recorder):
    make_meeting(107, chair="王大明")
    make_meeting(108)
    client.force_login(recorder)
    response = client.get(reverse("minutes:meeting-list"), {"chair": "王大明"})
    assert [m.number for m in response.context["meetings"]] == [107]


def test_the_list_filters_by_series(client, recorder):
    other = MeetingSeries.objects.create(organisation="臺北市政府秘書處", kind="主秘會報")
    make_meeting(5, series=other)
    make_meeting(108)
    client.force_login(recorder)
    response = client.get(reverse("minutes:meeting-list"), {"series": other.pk})
    assert [m.number for m in response.context["meetings"]] == [5]


@pytest.mark.parametrize("word", ["TAIPEION", "哺（集）乳室", "加班費預算"])
def test_the_keyword_searches_conclusions_reports_and_titles(client, recorder, seed_meeting, word):
    make_meeting(109, when=timezone.make_aware(dt.datetime(2022, 2, 17, 10), TZ))
    client.force_login(recorder)
    response = client.get(reverse("minutes:meeting-list"), {"q": word})
    assert [m.number for m in response.context["meetings"]] == [108]


def test_a_keyword_that_matches_many_parts_lists_the_meeting_once(client, recorder, seed_meeting):
    client.force_login(recorder)
    response = client.get(reverse("minutes:meeting-list"), {"q": "同意備查"})
    assert [m.number for m in response.context["meetings"]] == [108]


def test_the_meeting_page_reads_like_the_record(client, chief_wenshu, seed_meeting):
    client.force_login(chief_wenshu)
    body = client.get(seed_meeting.get_absolute_url()).content.decode()
    for text in [
        "臺北市政府秘書處第 108 次處務會議紀錄", "民國 111 年 1 月 20 日 10 時 0 分", "壹、宣讀", "參、報告事項",
        "三、各組室業務工作報告", "文書組高組長補充報告：", "(十二)", "五、本處 111 年加班費預算分配數額。",
        "散會(10時45分)",
    ]:
        assert text in body, text


def test_the_meeting_page_shows_the_case_number_of_a_tracked_conclusion(client, chief_wenshu, seed_meeting):
    from minutes.models import Unit
    from tracking import lifecycle

    conclusion = Conclusion.objects.get(section__meeting=seed_meeting, text__startswith="請文書組於一月底前")
    lifecycle.case_open(conclusion=conclusion, units=[Unit.objects.get(name="文書組")])
    client.force_login(chief_wenshu)
    body = client.get(seed_meeting.get_absolute_url()).content.decode()
    assert "列管案號 10801・目前列管" in body


def test_script_in_stored_text_is_shown_as_text(client, chief_wenshu):
    meeting = make_meeting(108, place="<script>alert(1)</script>")
    client.force_login(chief_wenshu)
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_script_in_stored_text_is_shown_as_text_in_the_list(client, chief_wenshu):
    make_meeting(108, chair="<script>x</script>")
    client.force_login(chief_wenshu)
    body = client.get(reverse("minutes:meeting-list")).content.decode()
    assert "<script>x" not in body and "&lt;script&gt;x" in body


def test_the_meeting_page_stays_within_a_fixed_number_of_queries_for_fifty_items(
    client, chief_wenshu, django_assert_max_num_queries
):
    meeting = big_meeting(items=50)
    client.force_login(chief_wenshu)
    with django_assert_max_num_queries(16):
        response = client.get(meeting.get_absolute_url())
    assert response.content.decode().count("結論 50-") == 2


def test_the_list_stays_within_a_fixed_number_of_queries(client, chief_wenshu, django_assert_max_num_queries):
    big_meeting(number=200, items=50)
    for n in range(1, 30):
        make_meeting(n, when=timezone.make_aware(dt.datetime(2019, 1, 1, 10) + dt.timedelta(days=n), TZ))
    client.force_login(chief_wenshu)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("minutes:meeting-list"), {"q": "結論"})
    assert [m.number for m in response.context["meetings"]] == [200]


def test_the_keyword_matches_the_meeting_title(client, recorder):
    other = MeetingSeries.objects.create(organisation="臺北市政府秘書處", kind="主秘會報")
    make_meeting(5, series=other)
    make_meeting(108)
    client.force_login(recorder)
    response = client.get(reverse("minutes:meeting-list"), {"q": "主秘會報"})
    assert [m.number for m in response.context["meetings"]] == [5]


def test_the_sign_page_warns_the_chair_when_the_adjournment_time_is_missing(client, chair):
    meeting = make_meeting(109)
    client.force_login(chair)
    html = client.get(reverse("minutes:meeting-sign", args=[meeting.pk])).content.decode()
    assert "這份紀錄尚未填寫散會時間" in html


def test_the_sign_page_has_no_warning_when_the_adjournment_time_is_there(client, chair):
    meeting = make_meeting(109, adjourned_at=dt.time(10, 45))
    client.force_login(chair)
    html = client.get(reverse("minutes:meeting-sign", args=[meeting.pk])).content.decode()
    assert "尚未填寫散會時間" not in html
