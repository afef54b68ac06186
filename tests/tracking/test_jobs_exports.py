"""Exports over EXPORT_INLINE_MAX_ROWS rows: the request offers to queue them, the worker writes them into a file
chunk by chunk, 我的檔案 hands them over; smaller ones download in the request as before."""

import csv
import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from audit.actions import Action
from audit.models import Event
from jobs.models import Job
from tracking import exports

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("files_dir")]


@pytest.fixture
def many(make_item, settings):
    settings.EXPORT_INLINE_MAX_ROWS = 3
    for n in range(1, 6):
        make_item(f"108{n:02d}", ["文書組"], subject=f"案由 {n}", status="closed" if n == 5 else "open",
                  closed_at=108 if n == 5 else None)


def ask(client, queued, fmt, query=""):
    return queued(client.post, reverse("jobs:export"), {"fmt": fmt, "query": query}, follow=True)


def file_of(client, job) -> bytes:
    response = client.get(job.get_download_url())
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_an_export_over_the_limit_offers_the_worker_instead_of_a_file(client, recorder, many):
    client.force_login(recorder)
    response = client.get(reverse("tracking:item-export", args=["xlsx"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "共 5 筆，超過直接下載的上限 3 筆" in page and reverse("jobs:export") in page
    assert not Job.objects.exists()


def test_an_export_within_the_limit_downloads_at_once(client, recorder, many, settings):
    settings.EXPORT_INLINE_MAX_ROWS = 5
    client.force_login(recorder)
    response = client.get(reverse("tracking:item-export", args=["csv"]))
    assert response["Content-Type"] == exports.FORMATS["csv"]


def test_the_worker_writes_the_csv_of_every_row(client, recorder, many, queued):
    client.force_login(recorder)
    assert "已受理「列管案件匯出（CSV，5 筆）」" in ask(client, queued, "csv").content.decode()
    job = Job.objects.get()
    assert job.status == Job.Status.DONE and job.file_name.endswith(".csv")
    rows = list(csv.reader(io.StringIO(file_of(client, job).decode("utf-8-sig"))))
    assert rows[0] == exports.HEADERS
    assert [r[0] for r in rows[1:]] == ["10801", "10802", "10803", "10804", "10805"]


def test_the_worker_keeps_the_lists_filter(client, recorder, many, queued):
    client.force_login(recorder)
    ask(client, queued, "csv", "status=closed")
    rows = list(csv.reader(io.StringIO(file_of(client, Job.objects.get()).decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["10805"]


def test_the_worker_writes_an_xlsx_that_opens(client, recorder, many, queued):
    client.force_login(recorder)
    ask(client, queued, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(file_of(client, Job.objects.get()))).active
    values = list(sheet.values)
    assert list(values[0]) == exports.HEADERS and len(values) == 6
    assert values[1][2] == "案由 1" and sheet.freeze_panes == "A2"


def test_the_worker_writes_an_ods_that_opens(client, recorder, many, queued):
    from odf import opendocument, table, teletype

    client.force_login(recorder)
    ask(client, queued, "ods")
    data = file_of(client, Job.objects.get())
    assert zipfile.ZipFile(io.BytesIO(data)).read("mimetype") == exports.FORMATS["ods"].encode()
    document = opendocument.load(io.BytesIO(data))
    rows = document.spreadsheet.getElementsByType(table.TableRow)
    cells = [[teletype.extractText(c) for c in r.getElementsByType(table.TableCell)] for r in rows]
    assert cells[0] == exports.HEADERS and len(cells) == 6 and cells[3][2] == "案由 3"


def test_a_cell_that_would_run_as_a_formula_is_quoted_in_the_worker_file_too(client, recorder, make_item, queued,
                                                                              settings):
    settings.EXPORT_INLINE_MAX_ROWS = 0
    make_item("10801", ["文書組"], subject="=HYPERLINK(\"http://x\")")
    client.force_login(recorder)
    ask(client, queued, "csv")
    rows = list(csv.reader(io.StringIO(file_of(client, Job.objects.get()).decode("utf-8-sig"))))
    assert rows[1][2].startswith("'=")


def test_the_worker_exports_only_what_the_requester_may_see(client, make_user, many, queued):
    from minutes.models import Office, Role

    outsider = make_user("it-member", Role.MEMBER, office=Office.objects.create(name="臺北市政府資訊局"))
    client.force_login(outsider)
    ask(client, queued, "csv")
    rows = list(csv.reader(io.StringIO(file_of(client, Job.objects.get()).decode("utf-8-sig"))))
    assert rows == [exports.HEADERS]


def test_a_queued_export_is_audited_with_its_filter(client, recorder, many, queued):
    client.force_login(recorder)
    ask(client, queued, "xlsx", "status=open")
    event = Event.objects.get(action=Action.EXPORT)
    assert "背景產生" in event.detail and "status=open" in event.detail


def test_an_unknown_format_is_refused_with_a_message(client, recorder, many, queued):
    client.force_login(recorder)
    assert "不支援的匯出格式" in ask(client, queued, "pdf").content.decode()
    assert not Job.objects.exists()
