"""Text with markup, however it got into the database, is shown as text on every page, in the PDF and in exports.

The models refuse markup in the record's fields, but data may come from older imports, the admin of another
version or the tracking side (progress, reasons, unit names), which has no such check. So the payloads are
written straight into the database here, past every validator, and every page is read back.
"""

import csv
import io
import subprocess
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from minutes.models import (
    AgendaItem,
    Amendment,
    Conclusion,
    Meeting,
    MeetingSeries,
    ReportPoint,
    Section,
    SupplementaryReport,
    Unit,
)
from tests.helpers import case_url
from tracking.models import ProgressReport, Review, TrackedItem

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ATTR = '" onmouseover="alert(2)'
PAYLOAD = f"{SCRIPT}{ATTR}"


def raw_markup(html: str) -> list[str]:
    return [p for p in ("<script>alert(1)", 'onmouseover="alert(2)') if p in html]


@pytest.fixture
def poisoned(seed_meeting, recorder, chief_wenshu):
    """Every free-text field of the seed meeting and its tracking data carries the payload."""
    Meeting.objects.filter(pk=seed_meeting.pk).update(
        place=PAYLOAD, chair=PAYLOAD[:50], recorder=PAYLOAD[:50], attendees=PAYLOAD, observers=PAYLOAD,
        absentees=PAYLOAD,
    )
    MeetingSeries.objects.filter(pk=seed_meeting.series_id).update(organisation=PAYLOAD, kind=SCRIPT[:30])
    Section.objects.filter(meeting=seed_meeting).update(title=PAYLOAD, body=PAYLOAD)
    AgendaItem.objects.filter(section__meeting=seed_meeting).update(title=PAYLOAD, body=PAYLOAD)
    SupplementaryReport.objects.filter(item__section__meeting=seed_meeting).update(heading=PAYLOAD)
    ReportPoint.objects.filter(report__item__section__meeting=seed_meeting).update(text=PAYLOAD)
    Conclusion.objects.filter(section__meeting=seed_meeting).update(text=PAYLOAD)
    unit = Unit.objects.get(name="文書組")
    Unit.objects.filter(pk=unit.pk).update(name=PAYLOAD[:50])
    TrackedItem.objects.update(subject=PAYLOAD)
    item = TrackedItem.objects.filter(status__in=["open", "continued"]).first()
    item.responsible_units.add(unit)
    ProgressReport.objects.create(item=item, unit=unit, text=PAYLOAD, suggestion="continue", author=chief_wenshu)
    Review.objects.update(progress=PAYLOAD, reason=PAYLOAD)
    get_user_model().objects.filter(pk=recorder.pk).update(first_name=PAYLOAD[:150])
    seed_meeting.refresh_from_db()
    return {"meeting": seed_meeting, "unit": unit, "item": item}


def pages(poisoned):
    meeting, unit, item = poisoned["meeting"], poisoned["unit"], poisoned["item"]
    section = meeting.sections.first()
    conclusion = Conclusion.objects.filter(section__meeting=meeting, tracked_item__isnull=True).first()
    return [
        reverse("home"),
        reverse("minutes:meeting-list"),
        reverse("minutes:meeting-list") + "?q=" + "%3Cscript%3E",
        reverse("minutes:meeting-detail", args=[meeting.pk]),
        reverse("minutes:meeting-edit", args=[meeting.pk]),
        reverse("minutes:part-edit", args=[meeting.pk, "section", section.pk]),
        reverse("minutes:meeting-create"),
        reverse("tracking:item-list"),
        reverse("tracking:item-list") + "?q=%3Cscript%3E&sort=%22onmouseover%3D",
        case_url(item.case_number),
        reverse("tracking:unit-dashboard", args=[unit.pk]),
        reverse("tracking:unit-progress", args=[unit.pk]),
        reverse("tracking:statistics"),
        reverse("tracking:meeting-review", args=[meeting.pk]),
        reverse("tracking:conclusion-track", args=[conclusion.pk]),
    ]


def test_every_page_of_the_recorder_shows_markup_as_text(client, recorder, poisoned):
    client.force_login(recorder)
    found = {}
    for url in pages(poisoned):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        if raw_markup(html):
            found[url] = raw_markup(html)
    assert found == {}


def test_the_payload_is_there_escaped_on_the_meeting_page(client, recorder, poisoned):
    client.force_login(recorder)
    html = client.get(reverse("minutes:meeting-detail", args=[poisoned["meeting"].pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot; onmouseover=&quot;alert(2)" in html


def test_the_chief_pages_show_markup_as_text(client, chief_wenshu, poisoned):
    client.force_login(chief_wenshu)
    unit = poisoned["unit"]
    from minutes.models import Membership

    Membership.objects.filter(user=chief_wenshu).update(unit=unit)
    for url in [reverse("home"), reverse("tracking:unit-progress", args=[unit.pk])]:
        assert raw_markup(client.get(url).content.decode()) == [], url


def test_an_amendment_with_markup_is_shown_as_text(client, chair, poisoned):
    meeting = poisoned["meeting"]
    from django.utils import timezone

    Meeting.objects.filter(pk=meeting.pk).update(status="signed", signed_at=timezone.now(), signed_by=chair)
    Amendment.objects.create(meeting=meeting, author=chair, reason=PAYLOAD, changes=PAYLOAD)
    client.force_login(chair)
    assert raw_markup(client.get(meeting.get_absolute_url()).content.decode()) == []


def test_the_paste_import_page_shows_pasted_markup_as_text(client, recorder, seed_text):
    client.force_login(recorder)
    response = client.post(reverse("minutes:meeting-import"), {"text": seed_text.replace("散會", PAYLOAD, 1)})
    assert raw_markup(response.content.decode()) == []


def test_the_pdf_prints_markup_as_its_characters(client, recorder, poisoned):
    client.force_login(recorder)
    response = client.get(reverse("meeting-pdf", args=[poisoned["meeting"].pk]))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=response.content, capture_output=True,
                          check=True).stdout.decode()
    assert "<script>alert(1)</script>" in "".join(text.split())


FORMULAS = ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_csv_cell_starting_like_a_formula_is_defused(client, recorder, poisoned, formula):
    TrackedItem.objects.update(subject=formula)
    client.force_login(recorder)
    response = client.get(reverse("tracking:item-export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    subjects = {row[2] for row in rows[1:]}
    assert subjects == {"'" + formula}


def test_a_progress_text_and_a_unit_name_starting_like_a_formula_are_defused_in_csv(client, recorder, poisoned):
    Unit.objects.filter(pk=poisoned["unit"].pk).update(name="=cmd|' /C calc'!A0")
    ProgressReport.objects.update(text="=1+2")
    client.force_login(recorder)
    response = client.get(reverse("tracking:item-export", args=["csv"]))
    cells = [cell for row in csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]


@pytest.mark.parametrize("fmt, member", [("xlsx", "xl/worksheets/sheet1.xml"), ("ods", "content.xml")])
def test_spreadsheet_exports_hold_formulas_as_text_and_markup_escaped(client, recorder, poisoned, fmt, member):
    TrackedItem.objects.update(subject="=1+2" + SCRIPT)
    client.force_login(recorder)
    response = client.get(reverse("tracking:item-export", args=[fmt]))
    xml = zipfile.ZipFile(io.BytesIO(response.content)).read(member).decode()
    assert "<script>" not in xml
    assert "<f>" not in xml and "of:=" not in xml  # no cell is a formula
    assert "'=1+2&lt;script&gt;" in xml
