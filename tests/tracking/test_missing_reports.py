"""The recorder's home: which units still owe progress before the next meeting, counted in SQL, a bounded list."""

import datetime as dt

import pytest

from tracking import selectors
from tracking.models import ProgressReport, Review

pytestmark = pytest.mark.django_db


def test_a_unit_owing_many_reports_lists_the_first_case_numbers_and_counts_the_rest(
    recorder, login, make_item, units, future_meeting
):
    for n in range(selectors.MISSING_SHOWN + 5):
        make_item(f"{100 + n // 90}{n % 90 + 1:02d}", ["總務組"])
    missing = login(recorder).get("/").context["missing"]
    entry = missing.by_unit[units["總務組"]]
    assert entry.count == selectors.MISSING_SHOWN + 5
    assert [i.case_number for i in entry.items][:2] == ["10001", "10002"]
    assert len(entry.items) == selectors.MISSING_SHOWN
    assert missing.missing_count == selectors.MISSING_SHOWN + 5


def test_a_report_written_before_the_last_meeting_does_not_count_for_the_next(
    make_item, units, chief_wenshu, meeting_108, future_meeting
):
    item = make_item("10701", ["文書組", "總務組"])
    old = ProgressReport.objects.create(item=item, unit=units["文書組"], text="舊", suggestion="continue",
                                        author=chief_wenshu)
    ProgressReport.objects.filter(pk=old.pk).update(created_at=meeting_108.starts_at - dt.timedelta(days=1))
    ProgressReport.objects.create(item=item, unit=units["總務組"], text="新", suggestion="close", author=chief_wenshu)
    missing = selectors.missing_reports(offices=[meeting_108.series.office_id])
    assert {u.name: e.count for u, e in missing.by_unit.items()} == {"文書組": 1}
    assert [u.name for u in missing.reported_units] == ["總務組"]


def test_items_the_next_meeting_opens_or_has_decided_owe_nothing(
    make_item, units, recorder, meeting_108, future_meeting
):
    make_item("10901", ["文書組"])  # opened at the next meeting itself
    decided = make_item("10801", ["總務組"])
    Review.objects.create(item=decided, meeting=future_meeting, decision="continue", status_before="open",
                          status_after="continued")
    make_item("10802", ["政風室"], status="closed", closed_at=108)
    owing = make_item("10803", ["公管中心"])
    missing = selectors.missing_reports(offices=[meeting_108.series.office_id])
    assert {u.name: [i.case_number for i in e.items] for u, e in missing.by_unit.items()} == {
        "公管中心": [owing.case_number]
    }
    assert missing.upcoming == future_meeting and missing.last_held == meeting_108


def test_the_recorders_home_reads_the_same_number_of_queries_for_ten_or_a_hundred_items(
    recorder, login, make_item, future_meeting, django_assert_max_num_queries
):
    client = login(recorder)
    for n in range(10):
        make_item(f"100{n + 1:02d}", ["文書組", "總務組"])
    with django_assert_max_num_queries(12) as few:
        client.get("/")
    for n in range(90):
        make_item(f"101{n + 1:02d}", ["文書組", "總務組"])
    with django_assert_max_num_queries(len(few)):
        body = client.get("/").content.decode()
    assert "另 70 件" in body
