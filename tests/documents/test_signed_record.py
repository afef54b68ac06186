"""Signed minutes are rendered once, stored with their hash and served byte for byte; optionally PAdES-signed."""

import datetime as dt
import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from minutes import documents
from minutes.models import SignedRecord
from tests.documents.conftest import sign_directly

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_certificate(tmp_path, settings):
    """A throw-away self-signed organisation certificate as a PKCS#12 file, named in settings."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "TW"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "臺北市政府秘書處（測試）"),
        x509.NameAttribute(NameOID.COMMON_NAME, "測試用機關憑證"),
    ])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False, data_encipherment=False,
                key_agreement=False, key_cert_sign=True, crl_sign=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    path = tmp_path / "office.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"office", key, cert, None, serialization.BestAvailableEncryption(b"test-passphrase")
        )
    )
    settings.MINUTES_SIGNING_P12 = str(path)
    settings.MINUTES_SIGNING_PASSPHRASE = "test-passphrase"
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def signature_status(pdf: bytes, trust_root):
    reader = PdfFileReader(io.BytesIO(pdf))
    [signature] = reader.embedded_signatures
    return validate_pdf_signature(signature, ValidationContext(trust_roots=[trust_root]))


def test_the_same_signed_meeting_renders_to_identical_bytes_twice(signed_seed):
    assert documents.render_meeting_pdf(signed_seed) == documents.render_meeting_pdf(signed_seed)


def test_a_rendering_in_another_thread_gives_the_same_bytes(signed_seed):
    # Each thread loads its own fonts once and keeps them; the bytes must not depend on which thread renders.
    html = documents.meeting_html(signed_seed)
    with ThreadPoolExecutor(max_workers=2) as pool:
        there = list(pool.map(documents.html_to_pdf, [html, html]))
    assert there == [documents.render_meeting_pdf(signed_seed)] * 2


def test_signing_stores_the_rendered_pdf_with_its_sha256(signed_seed):
    record = SignedRecord.objects.get(meeting=signed_seed)
    assert bytes(record.pdf) == documents.render_meeting_pdf(signed_seed)
    assert record.sha256 == documents.sha256_of(bytes(record.pdf))
    assert record.digitally_signed is False


def test_signed_meeting_is_served_from_the_stored_file_byte_for_byte(signed_seed):
    record = SignedRecord.objects.get(meeting=signed_seed)
    SignedRecord.objects.filter(pk=record.pk).update(pdf=bytes(record.pdf) + b"\n%stored")
    assert documents.meeting_pdf_bytes(signed_seed) == bytes(record.pdf) + b"\n%stored"


def test_a_draft_cannot_get_a_signed_record(seed_meeting):
    with pytest.raises(documents.DocumentError):
        documents.signed_record_create(seed_meeting)


def test_a_meeting_is_stored_only_once(signed_seed):
    with pytest.raises(documents.DocumentError):
        documents.signed_record_create(signed_seed)


def test_with_a_certificate_the_stored_pdf_carries_a_valid_pades_signature(seed_meeting, chair, office_certificate):
    record = sign_directly(seed_meeting, chair)
    status = signature_status(bytes(record.pdf), office_certificate)
    assert record.digitally_signed is True
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line


def test_changing_one_byte_of_the_signed_pdf_breaks_its_signature(seed_meeting, chair, office_certificate):
    pdf = bytearray(sign_directly(seed_meeting, chair).pdf)
    # A byte of the first page's content stream, well inside the signed byte range.
    position = pdf.index(b"stream\n") + 40
    pdf[position] ^= 0x01
    status = signature_status(bytes(pdf), office_certificate)
    assert not status.intact
    assert not status.bottom_line


def test_the_signed_pdf_still_reads_like_the_record(seed_meeting, chair, office_certificate):
    from tests.documents.conftest import pdftotext

    record = sign_directly(seed_meeting, chair)
    assert "臺北市政府秘書處第 108 次處務會議紀錄" in pdftotext(bytes(record.pdf))


def test_a_wrong_certificate_passphrase_refuses_signing_with_a_message(seed_meeting, chair, office_certificate, settings):
    settings.MINUTES_SIGNING_PASSPHRASE = "not-the-passphrase"
    with pytest.raises(documents.DocumentError, match="無法讀取簽章憑證"):
        sign_directly(seed_meeting, chair)
    assert not SignedRecord.objects.filter(meeting=seed_meeting).exists()


def test_a_missing_certificate_file_refuses_signing_with_a_message(seed_meeting, chair, settings, tmp_path):
    settings.MINUTES_SIGNING_P12 = str(tmp_path / "missing.p12")
    with pytest.raises(documents.DocumentError, match="無法讀取簽章憑證"):
        sign_directly(seed_meeting, chair)
