"""Long text is never cut short by the browser: the pages carry the limit for the counter, and the server refuses
text over it with a message that names the field, the limit and the count."""

import inspect
import re

import pytest
from django import forms
from django.urls import reverse

from minutes import forms as minutes_forms
from minutes.models import AgendaItem, Section
from minutes.textlimits import LimitMessages
from tests.helpers import case_url
from tracking import filters as tracking_filters
from tracking import forms as tracking_forms
from tracking import lifecycle
from tracking.models import ProgressReport, TrackedItem

pytestmark = pytest.mark.django_db

BROWSER_LIMIT = re.compile(r"(?<![-\w])maxlength=")


@pytest.fixture
def case_9903(seed_meeting, recorder):
    from minutes.models import Unit

    return lifecycle.case_update(item=TrackedItem.objects.get(case_number="9903"), subject="市府大樓節能改善。",
                                 units=[Unit.objects.get(name="文書組")], user=recorder)


def reports_section(meeting):
    return Section.objects.get(meeting=meeting, title="報告事項")


def test_no_page_lets_the_browser_cut_text_at_its_limit(client, admin_client, seed_meeting, recorder, chief_wenshu,
                                                        case_9903):
    section = reports_section(seed_meeting)
    client.force_login(recorder)
    pages = {
        "login": reverse("login"),
        "editing, a new item": reverse("minutes:part-add", args=[seed_meeting.pk, "item", "section", section.pk]),
        "import": reverse("minutes:meeting-import"),
        "case": case_url("9903", edit=True),
        "tracking list": reverse("tracking:item-list"),
    }
    html = {name: client.get(url).content.decode() for name, url in pages.items()}
    client.force_login(chief_wenshu)
    html["progress"] = client.get(reverse("tracking:unit-progress", args=[case_9903.responsible_units.get().pk])
                                  ).content.decode()
    html["admin"] = admin_client.get(reverse("admin:minutes_agendaitem_change", args=[section.items.first().pk])
                                     ).content.decode()
    assert {name: bool(BROWSER_LIMIT.search(page)) for name, page in html.items()} == dict.fromkeys(html, False)
    assert re.search(r'<textarea name="title"[^>]* data-maxlength="2000"', html["editing, a new item"])
    assert 'data-maxlength="5000"' in html["case"] and 'data-maxlength="5000"' in html["progress"]
    assert 'data-maxlength="2000"' in html["admin"]


def test_a_pasted_2400_character_item_title_is_refused_by_name_and_kept_in_the_form(client, recorder, seed_meeting):
    client.force_login(recorder)
    section = reports_section(seed_meeting)
    title = "資" * 2400
    response = client.post(reverse("minutes:part-add", args=[seed_meeting.pk, "item", "section", section.pk]),
                           {"title": title, "version": seed_meeting.version})
    assert response.context["part"]["form"].errors["title"] == ["案由最多 2,000 字，目前 2,400 字（超過 400 字）。"]
    assert title in response.content.decode()  # all of it, for the recorder to shorten
    assert not AgendaItem.objects.filter(title__startswith="資資").exists()
    seed_meeting.refresh_from_db()
    assert seed_meeting.version == response.context["meeting"].version


def test_a_line_break_in_a_textarea_counts_as_one_character(client, recorder, seed_meeting):
    client.force_login(recorder)
    section = reports_section(seed_meeting)
    title = "甲" * 1000 + "\r\n" + "乙" * 999  # the browser sends the line break as CR LF
    response = client.post(reverse("minutes:part-add", args=[seed_meeting.pk, "item", "section", section.pk]),
                           {"title": title, "version": seed_meeting.version})
    assert response.status_code == 302
    assert AgendaItem.objects.filter(section=section, title__startswith="甲甲").exists()


def test_a_one_line_field_over_its_limit_is_refused_by_name(client, recorder, seed_meeting):
    client.force_login(recorder)
    response = client.post(reverse("minutes:meeting-edit", args=[seed_meeting.pk]), {
        "number": 108, "date": "111/1/20", "start_time": "10:00", "version": seed_meeting.version, "place": "會" * 101,
    })
    assert response.context["header_form"].errors["place"] == ["地點最多 100 字，目前 101 字（超過 1 字）。"]


def test_a_case_and_a_progress_report_over_their_limit_are_refused_by_name(client, recorder, chief_wenshu, case_9903):
    client.force_login(recorder)
    response = client.post(case_url("9903", edit=True), {
        "subject": "節" * 5001, "units": [u.pk for u in case_9903.responsible_units.all()],
    })
    assert response.context["form"].errors["subject"] == ["案由最多 5,000 字，目前 5,001 字（超過 1 字）。"]
    client.force_login(chief_wenshu)
    response = client.post(reverse("tracking:unit-progress", args=[case_9903.responsible_units.get().pk]), {
        f"item-{case_9903.pk}-text": "辦" * 6000, f"item-{case_9903.pk}-suggestion": "continue",
    })
    assert "辦理情形最多 5,000 字，目前 6,000 字（超過 1,000 字）。" in response.content.decode()
    assert not ProgressReport.objects.exists()


def _forms_of(*modules):
    for module in modules:
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield name, cls


def test_every_form_of_the_pages_with_a_text_limit_names_the_field_when_text_is_over():
    limited = {
        name: issubclass(cls, LimitMessages)
        for name, cls in _forms_of(minutes_forms, tracking_forms, tracking_filters)
        if any(getattr(field, "max_length", None) for field in cls.base_fields.values())
        or name == "TrackedItemFilterForm"  # its fields come from the FilterSet
    }
    assert "AgendaItemForm" in limited and "ProgressForm" in limited
    assert limited == dict.fromkeys(limited, True)


def test_a_point_over_its_limit_among_several_lines_is_refused_by_its_number(client, recorder, seed_meeting):
    client.force_login(recorder)
    item = reports_section(seed_meeting).items.first()
    response = client.post(reverse("minutes:part-add", args=[seed_meeting.pk, "conclusion", "item", item.pk]),
                           {"text": "同意備查。\n" + "請" * 5200, "version": seed_meeting.version})
    assert response.context["part"]["form"].errors["text"] == ["第 2 點超過 5,000 字（目前 5,200 字），請分段。"]
