"""The list of tracked items: each filter on its own and combined, sorting, paging, the count and the exports."""

import csv
import datetime as dt
import io

import pytest
import tablib
from django.urls import reverse

from tracking import exports
from tracking.models import ProgressReport, TrackedItem

pytestmark = pytest.mark.django_db

URL = "/tracking/"


def numbers(response):
    return [item.case_number for item in response.context["page"]]


@pytest.fixture
def client_member(make_user, login):
    return login(make_user("reader"))


@pytest.fixture
def few(make_item, chief_wenshu):
    """Three items of our own next to the seed's nine (which all have no units)."""
    today = dt.date.today()
    a = make_item("10801", ["文書組"], "open", today - dt.timedelta(days=3), "請文書組移轉群組至 TAIPEION")
    b = make_item("10802", ["總務組", "公管中心"], "continued", today + dt.timedelta(days=5), "公務車輛統計")
    c = make_item("10701", ["總務組"], "closed", None, "哺集乳室改善", closed_at=108)
    ProgressReport.objects.create(item=b, unit=b.responsible_units.first(), text="已完成第一季車輛統計",
                                  suggestion="continue", author=chief_wenshu)
    return a, b, c


def test_the_url_is_tracking_item_list():
    assert reverse("tracking:item-list") == URL


def test_without_filters_every_item_is_listed_by_case_number_with_the_count(client_member, few):
    response = client_member.get(URL)
    assert numbers(response) == ["10701", "10801", "10802"]
    assert "共 <strong>3</strong> 件" in response.content.decode()


def test_the_list_needs_a_login(client, db):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "open"}, ["10801"]),
        ({"status": ["open", "continued"]}, ["10801", "10802"]),
        ({"status": "closed"}, ["10701"]),
        ({"meeting_from": "108"}, ["10801", "10802"]),
        ({"meeting_to": "107"}, ["10701"]),
        ({"meeting_from": "107", "meeting_to": "107"}, ["10701"]),
        ({"due": "overdue"}, ["10801"]),
        ({"due": "within", "days": "7"}, ["10802"]),
        ({"due": "within", "days": "2"}, []),
        ({"due": "none"}, ["10701"]),
        ({"q": "TAIPEION"}, ["10801"]),
        ({"q": "第一季"}, ["10802"]),
        ({"q": "10701"}, ["10701"]),
    ],
)
def test_each_filter_on_its_own(client_member, few, query, expected):
    assert numbers(client_member.get(URL, query)) == expected


def test_the_unit_filter_finds_items_of_any_of_their_responsible_units(client_member, few, units):
    assert numbers(client_member.get(URL, {"unit": units["總務組"].pk})) == ["10701", "10802"]
    assert numbers(client_member.get(URL, {"unit": units["公管中心"].pk})) == ["10802"]


def test_the_meetings_open_filter_counts_to_the_latest_meeting_held(client_member, make_item):
    make_item("9903", status="continued")  # open since 99: nine meetings at 108
    make_item("10705", status="continued")  # one meeting
    make_item("10606", status="closed", closed_at=108)  # closed after two
    assert numbers(client_member.get(URL, {"open_meetings": "2"})) == ["9903", "10606"]
    assert numbers(client_member.get(URL, {"open_meetings": "9"})) == ["9903"]


def test_filters_combine(client_member, few, units):
    query = {"status": ["open", "continued", "closed"], "unit": units["總務組"].pk, "q": "車輛"}
    assert numbers(client_member.get(URL, query)) == ["10802"]
    assert numbers(client_member.get(URL, {"unit": units["總務組"].pk, "due": "overdue"})) == []


def test_a_keyword_matching_several_reports_lists_the_item_once(client_member, few, chief_wenshu):
    b = few[1]
    for text in ("車輛一", "車輛二"):
        ProgressReport.objects.create(item=b, unit=b.responsible_units.first(), text=text, suggestion="continue",
                                      author=chief_wenshu)
    response = client_member.get(URL, {"q": "車輛"})
    assert numbers(response) == ["10802"]
    assert response.context["page"].paginator.count == 1


def test_an_invalid_filter_value_is_ignored_not_an_error(client_member, few):
    response = client_member.get(URL, {"meeting_from": "abc", "status": "bogus"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("case", ["10701", "10801", "10802"]),
        ("-case", ["10802", "10801", "10701"]),
        ("due", ["10801", "10802", "10701"]),
        ("-due", ["10802", "10801", "10701"]),
        ("-open", ["10701", "10801", "10802"]),
        # In the order of the lifecycle: 列管, 賡續列管, 解除列管.
        ("status", ["10801", "10802", "10701"]),
        ("-status", ["10701", "10802", "10801"]),
    ],
)
def test_the_list_sorts_and_items_without_a_due_date_go_last(client_member, few, sort, expected):
    assert numbers(client_member.get(URL, {"sort": sort})) == expected


def test_the_column_header_link_toggles_the_direction(client_member, few):
    links = client_member.get(URL, {"sort": "due", "status": "open"}).context["sort_links"]
    assert links["due"]["url"] == "?sort=-due&status=open"
    assert links["due"]["arrow"] == "▲"


def test_the_list_is_paginated_by_fifty_and_keeps_the_filters(client_member, make_item):
    for n in range(1, 61):
        make_item(f"{100 + n // 50}{n % 50 + 1:02d}", status="open")
    response = client_member.get(URL, {"status": "open", "page": "2"})
    assert len(response.context["page"]) == 10
    assert response.context["page"].paginator.count == 60
    assert 'href="?status=open&amp;page=1"' in response.content.decode()


def test_csv_export_is_utf8_with_bom_and_holds_the_filtered_rows(client_member, few, units):
    response = client_member.get(reverse("tracking:item-export", args=["csv"]), {"unit": units["總務組"].pk})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="tracked-items-')
    # Browsers that read RFC 6266 save it as 列管案件-YYYYMMDD.csv.
    assert "filename*=UTF-8''%E5%88%97%E7%AE%A1%E6%A1%88%E4%BB%B6-" in response["Content-Disposition"]
    body = response.getvalue()
    assert response.streaming and body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:4] == ["列管案號", "列管會次", "案由", "主辦單位"]
    assert [row[0] for row in rows[1:]] == ["10701", "10802"]
    assert rows[2][3] == "公管中心、總務組"
    assert rows[2][5] == "賡續列管"
    assert rows[2][7].endswith("已完成第一季車輛統計")


@pytest.mark.parametrize("fmt", ["ods", "xlsx"])
def test_spreadsheet_exports_hold_the_same_rows(client_member, few, fmt):
    response = client_member.get(reverse("tracking:item-export", args=[fmt]), {"status": "open"})
    assert response.status_code == 200
    dataset = tablib.Dataset().load(response.content, format=fmt)
    assert dataset.headers[0] == "列管案號"
    assert [str(row[0]) for row in dataset] == ["10801"]
    assert dataset[0][2] == "請文書組移轉群組至 TAIPEION"


def test_ods_export_is_an_opendocument_file(client_member, few):
    response = client_member.get(reverse("tracking:item-export", args=["ods"]))
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert response.content[:2] == b"PK"
    assert b"application/vnd.oasis.opendocument.spreadsheet" in response.content[:200]


def test_an_unknown_export_format_is_404(client_member, few):
    assert client_member.get("/tracking/export.pdf").status_code == 404


def test_subjects_with_html_are_shown_as_text(client_member, make_item):
    make_item("10801", subject="<script>alert(1)</script>")
    body = client_member.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_the_list_of_5000_items_stays_under_a_fixed_number_of_queries(
    client_member, meeting_108, units, chief_wenshu, django_assert_max_num_queries
):
    items = TrackedItem.objects.bulk_create(
        TrackedItem(
            series=meeting_108.series, meeting_number=100 + n // 99, sequence=n % 99 + 1,
            case_number=f"{100 + n // 99}{n % 99 + 1:02d}", case_key=f"{100 + n // 99}{n % 99 + 1:02d}",
            subject=f"案件 {n}",
            status=["open", "continued", "closed"][n % 3],
        )
        for n in range(5000)
    )
    through = TrackedItem.responsible_units.through
    unit_list = list(units.values())
    through.objects.bulk_create(
        through(trackeditem_id=item.pk, unit_id=unit_list[i % len(unit_list)].pk) for i, item in enumerate(items)
    )
    ProgressReport.objects.bulk_create(
        ProgressReport(item=item, unit=unit_list[i % len(unit_list)], text="辦理中", suggestion="continue",
                       author=chief_wenshu)
        for i, item in enumerate(items[:500])
    )
    with django_assert_max_num_queries(10):
        response = client_member.get(URL, {"status": ["open", "continued"], "q": "案件", "sort": "-open"})
    assert response.context["page"].paginator.count == 3334
    assert len(response.context["page"]) == 50


def test_exported_cells_that_look_like_formulas_are_defused(client_member, make_item):
    make_item("10801", subject='=HYPERLINK("http://evil.example","點我")')
    response = client_member.get(reverse("tracking:item-export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[1][2] == '\'=HYPERLINK("http://evil.example","點我")'


def test_a_reversed_meeting_range_says_why_instead_of_listing_nothing(client_member, few):
    response = client_member.get(URL, {"meeting_from": "108", "meeting_to": "99"})
    assert "列管會次的起（第 108 次）不能大於迄（第 99 次）。" in response.content.decode()


def test_an_unknown_unit_in_the_address_is_said_in_plain_chinese(client_member, few):
    response = client_member.get(URL, {"unit": "999999"})
    body = response.content.decode()
    assert "找不到這個組室。" in body and "選擇有效的選項" not in body


def test_a_csv_of_more_rows_than_a_spreadsheet_may_hold_in_a_request_still_streams_at_once(
    client_member, few, settings
):
    settings.EXPORT_INLINE_MAX_ROWS = 1
    spreadsheet = client_member.get(reverse("tracking:item-export", args=["xlsx"]), {"status": ["open", "continued"]})
    assert "超過直接下載的上限 1 筆" in spreadsheet.content.decode()
    response = client_member.get(reverse("tracking:item-export", args=["csv"]), {"status": ["open", "continued"]})
    assert response.status_code == 200 and response.streaming
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert len(rows) == 3


def test_the_csv_export_reads_the_items_in_chunks_in_a_fixed_number_of_queries_per_chunk(
    client_member, meeting_108, units, monkeypatch, django_assert_max_num_queries
):
    TrackedItem.objects.bulk_create(
        TrackedItem(series=meeting_108.series, meeting_number=100 + n // 99, sequence=n % 99 + 1,
                    case_number=f"{100 + n // 99}{n % 99 + 1:02d}", case_key=f"{100 + n // 99}{n % 99 + 1:02d}",
                    subject=f"案件 {n}")
        for n in range(250)
    )
    monkeypatch.setattr(exports, "CSV_CHUNK", 100)
    with django_assert_max_num_queries(30):
        response = client_member.get(reverse("tracking:item-export", args=["csv"]))
        rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert len(rows) == 251 and rows[-1][2] == "案件 249"
