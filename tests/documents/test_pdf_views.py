"""Who may download the PDF of a meeting, and what they get."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from minutes.models import Role, SignedRecord

pytestmark = pytest.mark.django_db


def pdf_url(meeting):
    return reverse("meeting-pdf", args=[meeting.pk])


def test_download_needs_a_login(client, signed_seed):
    response = client.get(pdf_url(signed_seed))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_division_chief_downloads_signed_minutes_byte_for_byte(client, signed_seed, chief_wenshu):
    client.force_login(chief_wenshu)
    response = client.get(pdf_url(signed_seed))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(SignedRecord.objects.get(meeting=signed_seed).pdf)


def test_download_is_offered_as_an_attachment_named_after_the_meeting(client, signed_seed, chief_wenshu):
    client.force_login(chief_wenshu)
    disposition = client.get(pdf_url(signed_seed))["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" in disposition


@pytest.mark.parametrize("role", [Role.RECORDER, Role.CHAIR])
def test_recorder_and_chair_download_a_draft(client, seed_meeting, make_user, role):
    client.force_login(make_user("u", role))
    response = client.get(pdf_url(seed_meeting))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("role", [Role.CHIEF, Role.MEMBER])
def test_others_cannot_download_a_draft(client, seed_meeting, make_user, role):
    client.force_login(make_user("u", role, "文書組" if role == Role.CHIEF else None))
    assert client.get(pdf_url(seed_meeting)).status_code == 403


def test_a_user_of_no_office_is_not_even_told_a_draft_exists(client, seed_meeting, django_user_model):
    client.force_login(django_user_model.objects.create_user("plain"))
    assert client.get(pdf_url(seed_meeting)).status_code == 404


def test_download_refuses_post(client, signed_seed, recorder):
    client.force_login(recorder)
    assert client.post(pdf_url(signed_seed)).status_code == 405


def test_download_of_an_unknown_meeting_is_not_found(client, recorder):
    client.force_login(recorder)
    assert client.get(reverse("meeting-pdf", args=[999999])).status_code == 404


def test_signed_download_reads_only_the_stored_file(client, signed_seed, chief_wenshu, django_assert_max_num_queries):
    client.force_login(chief_wenshu)
    with django_assert_max_num_queries(6):
        client.get(pdf_url(signed_seed))


def render_actions(meeting, user):
    template = Template('{% include "minutes/_pdf_actions.html" %}')
    return template.render(Context({"meeting": meeting, "user": user}))


def test_meeting_page_actions_offer_the_download_and_the_hash_of_signed_minutes(signed_seed, chief_wenshu):
    html = render_actions(signed_seed, chief_wenshu)
    assert "下載 PDF" in html
    assert pdf_url(signed_seed) in html
    assert SignedRecord.objects.get(meeting=signed_seed).sha256 in html


def test_meeting_page_actions_offer_a_draft_only_to_recorder_and_chair(seed_meeting, recorder, chief_wenshu):
    assert "下載 PDF（草稿）" in render_actions(seed_meeting, recorder)
    assert "下載 PDF" not in render_actions(seed_meeting, chief_wenshu)
