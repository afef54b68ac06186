"""/verify/: is this uploaded file exactly the signed minutes of a meeting?"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from minutes import documents_views
from minutes.models import SignedRecord

pytestmark = pytest.mark.django_db


def upload(client, data: bytes, name="minutes.pdf"):
    return client.post(reverse("verify"), {"file": SimpleUploadedFile(name, data, "application/pdf")})


@pytest.fixture
def stored_pdf(signed_seed):
    return bytes(SignedRecord.objects.get(meeting=signed_seed).pdf)


def test_verify_needs_a_login(client):
    response = client.get(reverse("verify"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_verify_page_shows_the_upload_form(client, chief_wenshu):
    client.force_login(chief_wenshu)
    response = client.get(reverse("verify"))
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_the_stored_file_is_recognised_with_meeting_signer_and_time(client, chief_wenshu, stored_pdf, signed_seed):
    client.force_login(chief_wenshu)
    page = upload(client, stored_pdf).content.decode()
    assert "相符" in page and "不相符" not in page
    assert signed_seed.title in page
    assert "陳志銘" in page
    assert "民國 111 年 1 月 27 日 15 時 30 分" in page
    assert documents_views.documents.sha256_of(stored_pdf) in page


def test_a_file_changed_by_one_byte_is_not_recognised(client, chief_wenshu, stored_pdf):
    client.force_login(chief_wenshu)
    changed = bytearray(stored_pdf)
    changed[len(changed) // 2] ^= 0x01
    page = upload(client, bytes(changed)).content.decode()
    assert "不相符" in page


def test_a_draft_rendering_is_not_recognised(client, recorder, seed_meeting):
    from minutes import documents

    client.force_login(recorder)
    page = upload(client, documents.render_meeting_pdf(seed_meeting)).content.decode()
    assert "不相符" in page


def test_a_file_that_is_not_a_pdf_is_refused_with_a_message(client, chief_wenshu):
    client.force_login(chief_wenshu)
    page = upload(client, b"hello", name="minutes.txt").content.decode()
    assert "這不是 PDF 檔案" in page
    assert "相符" not in page


def test_a_file_over_the_size_limit_is_refused(client, chief_wenshu, monkeypatch):
    monkeypatch.setattr(documents_views, "MAX_VERIFY_BYTES", 1024 * 1024)
    client.force_login(chief_wenshu)
    page = upload(client, b"%PDF-" + b"0" * (1024 * 1024)).content.decode()
    assert "檔案太大（上限 1 MB）" in page


def test_posting_without_a_file_asks_for_one(client, chief_wenshu):
    client.force_login(chief_wenshu)
    page = client.post(reverse("verify"), {}).content.decode()
    assert "請選擇要驗證的 PDF 檔案" in page


def test_verify_does_not_load_the_stored_files(client, chief_wenshu, stored_pdf, django_assert_max_num_queries):
    client.force_login(chief_wenshu)
    with django_assert_max_num_queries(6) as queries:
        upload(client, stored_pdf)
    assert not [q for q in queries.captured_queries if '"pdf"' in q["sql"]]


def test_an_upload_far_over_the_limit_is_refused_before_it_is_read(client, chief_wenshu, monkeypatch):
    monkeypatch.setattr(documents_views, "MAX_VERIFY_BYTES", 1024 * 1024)
    client.force_login(chief_wenshu)
    page = upload(client, b"%PDF-" + b"0" * (2 * 1024 * 1024)).content.decode()
    assert "檔案太大（上限 1 MB）" in page
    assert "SHA-256</th>" not in page


def test_verify_still_checks_the_csrf_token(chief_wenshu, stored_pdf):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(chief_wenshu)
    assert upload(client, stored_pdf).status_code == 403
