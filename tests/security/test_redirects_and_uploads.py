"""No redirect leaves the site, and /verify/ keeps nothing of what is uploaded."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from minutes.models import SignedRecord

pytestmark = pytest.mark.django_db

FOREIGN = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example", "javascript:alert(1)",
           "http://testserver@evil.example/", " //evil.example"]


@pytest.mark.parametrize("target", FOREIGN)
def test_logging_in_never_redirects_off_the_site(client, recorder, target):
    response = client.post(reverse("login") + "?next=" + target,
                           {"username": "recorder", "password": "pw-recorder", "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_logging_in_follows_a_local_next(client, recorder):
    response = client.post(reverse("login"), {"username": "recorder", "password": "pw-recorder",
                                              "next": reverse("tracking:item-list")})
    assert response["Location"] == reverse("tracking:item-list")


def test_the_login_page_shows_a_next_with_markup_as_text(client):
    html = client.get(reverse("login") + '?next="><script>alert(1)</script>').content.decode()
    assert "<script>alert(1)" not in html


def test_an_anonymous_visitor_is_sent_to_the_login_with_a_local_next_only(client):
    response = client.get(reverse("tracking:item-list") + "?q=//evil.example")
    assert response["Location"].startswith(reverse("login") + "?next=/tracking/")


def test_the_login_page_cannot_be_framed(client):
    assert client.get(reverse("login"))["X-Frame-Options"] == "DENY"


# --- /verify/ ----------------------------------------------------------------------------------------------


def upload(client, data: bytes, name="minutes.pdf", content_type="application/pdf"):
    return client.post(reverse("verify"), {"file": SimpleUploadedFile(name, data, content_type)})


def test_an_upload_spooled_to_disk_is_gone_after_the_answer(client, chief_wenshu, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    client.force_login(chief_wenshu)
    response = upload(client, b"%PDF-1.7\n" + b"0" * 50_000)
    assert response.status_code == 200
    assert list(tmp_path.iterdir()) == []


def test_a_verified_upload_is_not_stored(client, chief_wenshu, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    client.force_login(chief_wenshu)
    upload(client, b"%PDF-1.7\n%%EOF\n")
    assert SignedRecord.objects.count() == 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("data, name, content_type", [
    (b"<html><script>alert(1)</script></html>", "minutes.pdf", "application/pdf"),
    (b"MZ\x90\x00" + b"\x00" * 100, "minutes.pdf", "application/pdf"),
    (b"PK\x03\x04" + b"\x00" * 100, "minutes.docx", "application/zip"),
    (b"\x00" * 10, "../../etc/passwd", "application/pdf"),
])
def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name_or_type(client, chief_wenshu, data, name,
                                                                     content_type):
    client.force_login(chief_wenshu)
    response = upload(client, data, name, content_type)
    html = response.content.decode()
    assert response.status_code == 200
    assert "這不是 PDF 檔案" in html
    assert "<script>alert(1)" not in html


def test_a_broken_pdf_is_answered_as_not_recognised_not_as_an_error(client, chief_wenshu):
    client.force_login(chief_wenshu)
    response = upload(client, b"%PDF-1.7\n" + b"\xff\xfe garbage " * 100)
    assert response.status_code == 200
    assert response.context["result"] is not None and response.context["result"].record is None


def test_verify_refuses_other_methods(client, chief_wenshu):
    client.force_login(chief_wenshu)
    assert client.put(reverse("verify"), b"%PDF-").status_code == 405


def test_a_malformed_content_length_is_not_a_server_error(client, chief_wenshu):
    client.force_login(chief_wenshu)
    response = client.post(reverse("verify"), {}, CONTENT_LENGTH="abc")
    assert response.status_code in (200, 400, 403)


@pytest.mark.parametrize("back", ["https://evil.example/", "//evil.example", "edit"])
def test_tracking_a_conclusion_returns_to_the_meeting_whatever_back_says(client, recorder, seed_meeting, back):
    from minutes.models import Conclusion, Unit

    conclusion = Conclusion.objects.filter(section__meeting=seed_meeting, tracked_item__isnull=True).first()
    unit = Unit.objects.get_or_create(name="文書組")[0]
    client.force_login(recorder)
    response = client.post(reverse("tracking:conclusion-track", args=[conclusion.pk]) + f"?back={back}",
                           {"units": [unit.pk], "back": back})
    assert response.status_code == 302
    assert response["Location"].startswith(f"/meetings/{seed_meeting.pk}/")
