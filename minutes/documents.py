"""The document of record: a meeting rendered to PDF, stored and hashed when signed, found again by its hash."""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from minutes import font_embedding, permissions
from minutes.models import Meeting, SignedRecord
from minutes.services import MeetingError

PDF_TEMPLATE = "minutes/pdf/meeting.html"
PRINT_STYLESHEET = "css/print.css"


class DocumentError(MeetingError):
    """The record could not be rendered or signed; the message is for the user.

    A MeetingError, so that the sign-off shows it like any other refusal and its transaction rolls back.
    """


@lru_cache(maxsize=1)
def _stylesheet():
    from weasyprint import CSS

    path = finders.find(PRINT_STYLESHEET)
    if path is None:
        raise DocumentError(f"找不到列印樣式表 {PRINT_STYLESHEET}。")
    return CSS(filename=path)


_thread_fonts = threading.local()


def _font_config():
    """WeasyPrint's fontconfig set-up, loaded once per thread instead of once per document (about 20 ms each).

    Per thread, because a Pango font map must not be used by two renderings at once. The print stylesheet
    has no @font-face, so nothing is ever added to it: every document sees the same fonts.
    """
    from weasyprint.text.fonts import FontConfiguration

    config = getattr(_thread_fonts, "config", None)
    if config is None:
        config = _thread_fonts.config = FontConfiguration()
    return config


def _with_outline(meeting: Meeting) -> Meeting:
    """The meeting with everything the document shows prefetched; status fields as the caller holds them.

    meeting_sign calls signed_record_create after setting status, signer and time on its locked
    instance; those values win over whatever the database returned.
    """
    fresh = Meeting.objects.with_outline().get(pk=meeting.pk)
    fresh.status = meeting.status
    fresh.signed_at = meeting.signed_at
    fresh.signed_by = meeting.signed_by if meeting.signed_by_id else None
    return fresh


def _reviews(meeting: Meeting) -> list:
    """Reviews of tracked items decided at this meeting, for the appendix (tracking's reverse relation)."""
    from django.apps import apps

    if not apps.is_installed("tracking"):
        return []
    reviews = meeting.reviews.select_related("item__conclusion").prefetch_related(
        Prefetch("item__responsible_units")
    )
    return sorted(reviews, key=lambda r: (r.item.meeting_number, r.item.sequence))


def _document_date(meeting: Meeting) -> str:
    """The date written into the PDF metadata: the signing time, or for a draft its last change."""
    moment = meeting.signed_at if meeting.is_signed and meeting.signed_at else meeting.updated_at
    moment = timezone.localtime(moment or meeting.starts_at).replace(microsecond=0)
    return moment.isoformat()


def _signer_name(meeting: Meeting) -> str:
    user = meeting.signed_by
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def meeting_html(meeting: Meeting) -> str:
    meeting = _with_outline(meeting)
    return render_to_string(
        PDF_TEMPLATE,
        {
            "meeting": meeting,
            "reviews": _reviews(meeting),
            "document_date": _document_date(meeting),
            "signer_name": _signer_name(meeting),
        },
    )


def render_meeting_pdf(meeting: Meeting) -> bytes:
    """Render the meeting as the document of record. Same meeting, same bytes."""
    return html_to_pdf(meeting_html(meeting))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=[_stylesheet()], font_config=_font_config()
    )
    # No /ID in the trailer: pydyf would compress every stream a second time to hash it, and the file is
    # identified by its SHA-256 anyway. Nothing else in the output varies, so the bytes are stable.
    with font_embedding.embedding() as finisher:
        return document.write_pdf(finisher=finisher)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _signing_configured() -> bool:
    return bool(getattr(settings, "MINUTES_SIGNING_P12", ""))


def pdf_sign(pdf: bytes, *, meeting: Meeting) -> bytes:
    """Add a PAdES signature made with the office certificate named in settings (MINUTES_SIGNING_P12)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    passphrase = getattr(settings, "MINUTES_SIGNING_PASSPHRASE", "") or None
    try:
        signer = signers.SimpleSigner.load_pkcs12(
            settings.MINUTES_SIGNING_P12, passphrase=passphrase.encode() if passphrase else None
        )
    except (OSError, ValueError):
        signer = None
    if signer is None:
        raise DocumentError("無法讀取簽章憑證（MINUTES_SIGNING_P12），請確認檔案與密碼。")
    metadata = signers.PdfSignatureMetadata(
        field_name="MinutesSignature",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=f"{meeting.title} 簽核",
        name=_signer_name(meeting) or None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = signers.sign_pdf(writer, metadata, signer=signer)
    return out.getvalue()


def signed_record_create(meeting: Meeting) -> SignedRecord:
    """Render the signed meeting once, sign it when a certificate is configured, store it with its hash.

    Called by meeting_sign inside its transaction, after it has set status, signed_by and signed_at.
    """
    if not meeting.is_signed or meeting.signed_at is None:
        raise DocumentError(f"{meeting.title} 尚未簽核，不能產生簽核版紀錄檔。")
    pdf = render_meeting_pdf(meeting)
    digitally_signed = False
    if _signing_configured():
        pdf = pdf_sign(pdf, meeting=meeting)
        digitally_signed = True
    if SignedRecord.objects.filter(meeting=meeting).exists():
        raise DocumentError(f"{meeting.title} 已有簽核版紀錄檔，不能重新產生。")
    return SignedRecord.objects.create(
        meeting=meeting, pdf=pdf, sha256=sha256_of(pdf), digitally_signed=digitally_signed
    )


def meeting_pdf_bytes(meeting: Meeting) -> bytes:
    """What a download serves: the stored file for signed minutes, byte for byte; a fresh draft otherwise."""
    if meeting.is_signed:
        record = SignedRecord.objects.filter(meeting=meeting).first()
        if record is not None:
            return bytes(record.pdf)
    return render_meeting_pdf(meeting)


def meeting_pdf_filename(meeting: Meeting) -> str:
    suffix = "" if meeting.is_signed else "-草稿"
    return f"{meeting.series.meeting_name}第{meeting.number}次紀錄{suffix}.pdf"


def can_download_pdf(user, meeting: Meeting) -> bool:
    """Signed minutes are for everyone in the office; a draft only for the recorder and the chair."""
    if not user.is_authenticated:
        return False
    if meeting.is_signed:
        return True
    return permissions.is_recorder(user) or permissions.is_chair(user)


def _records():
    return SignedRecord.objects.select_related("meeting__series", "meeting__signed_by").defer("pdf")


def signed_record_summary(meeting: Meeting) -> SignedRecord | None:
    """The stored signed file of a meeting without loading its bytes."""
    if not meeting.is_signed:
        return None
    return _records().filter(meeting=meeting).first()


@dataclass(frozen=True)
class Verification:
    sha256: str
    size: int
    record: SignedRecord | None

    @property
    def matches(self) -> bool:
        return self.record is not None


def signed_record_verify(chunks: Iterable[bytes]) -> Verification:
    """Is this file exactly the stored signed minutes of a meeting? Compared by SHA-256 of every byte."""
    digest = hashlib.sha256()
    size = 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    sha = digest.hexdigest()
    return Verification(sha256=sha, size=size, record=_records().filter(sha256=sha).first())
