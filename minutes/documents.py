"""The document of record: a meeting rendered to PDF, stored and hashed when signed, found again by its hash."""

from __future__ import annotations

import hashlib
import io
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.utils import timezone

from minutes import extensions, font_embedding, permissions
from minutes.errors import MeetingError, storage_error_message
from minutes.models import Amendment, Meeting, SignedRecord
from minutes.reader import numerals, rocdate
from minutes.templatetags.record import meeting_time

logger = logging.getLogger(__name__)

PDF_TEMPLATE = "minutes/pdf/meeting.html"
PRINT_STYLESHEET = "css/print.css"
# 草稿 drawn as outlines (scripts/make_draft_watermark.py): a picture, so that no text converter reads it.
DRAFT_WATERMARK = "img/draft-watermark.svg"


class DocumentError(MeetingError):
    """The record could not be rendered or signed; the message is for the user.

    A MeetingError, so that the sign-off shows it like any other refusal and its transaction rolls back.
    """


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def _watermark_url() -> str:
    path = finders.find(DRAFT_WATERMARK)
    if path is None:
        raise DocumentError(f"找不到草稿浮水印 {DRAFT_WATERMARK}。")
    return Path(path).as_uri()


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


def _document_date(meeting: Meeting, amendments: list[Amendment]) -> str:
    """The date written into the PDF metadata: the last amendment printed, the signing time, or for a draft its
    last change. Fixed by what the version holds, so the same version always renders to the same bytes."""
    if amendments:
        moment = amendments[-1].created_at
    elif meeting.is_signed and meeting.signed_at:
        moment = meeting.signed_at
    else:
        moment = meeting.updated_at
    moment = timezone.localtime(moment or meeting.starts_at).replace(microsecond=0)
    return moment.isoformat()


def _signer_name(meeting: Meeting) -> str:
    user = meeting.signed_by
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def meeting_html(meeting: Meeting, *, amendments: list[Amendment] = ()) -> str:
    """The document's HTML; `amendments` (a signed record's, in order) are printed after the record, each with
    what, why, the meeting that decided it and who recorded it."""
    meeting = _with_outline(meeting)
    amendments = list(amendments)
    parts = extensions.document_parts(meeting)
    return render_to_string(
        PDF_TEMPLATE,
        {
            "meeting": meeting,
            "conclusion_marks": parts.conclusion_marks,
            "blocks": parts.blocks,
            "amendments": [{"amendment": a, "author": _person(a.author)} for a in amendments],
            "version": len(amendments) + 1,
            "document_date": _document_date(meeting, amendments),
            "signer_name": _signer_name(meeting),
            "watermark_url": "" if meeting.is_signed else _watermark_url(),
        },
    )


def body_lines(parts) -> list[str]:
    """A body's lines as printed: its paragraphs, and each table a row to a line (RecordTable.lines)."""
    return [line for kind, part in parts for line in (part.lines if kind == "table" else part.splitlines())]


def record_text(meeting: Meeting) -> str:
    """The record as plain text, laid out as the PDF prints it (the record's own numbering, one paragraph a line):
    what the reader reads back, so that tracking can ask what the stored record decides."""
    meeting = Meeting.objects.with_outline().get(pk=meeting.pk)
    lines = [meeting.title, f"時間：{meeting_time(meeting.starts_at)}", f"地點：{meeting.place}",
             f"主席：{meeting.chair}", f"紀錄：{meeting.recorder}", f"出席：{meeting.attendees}"]
    if meeting.observers:
        lines.append(f"列席：{meeting.observers}")
    if meeting.absentees:
        lines.append(f"請假：{meeting.absentees}")

    def conclusions(holder, found) -> None:
        if len(found) == 1:
            lines.append(f"{holder.conclusion_label}：{found[0].text}")
        elif found:
            lines.append(f"{holder.conclusion_label}：")
            lines.extend(f"{numerals.to_paren(n)} {c.text}" for n, c in enumerate(found, 1))

    for section in meeting.sections.all():
        lines.append(f"{section.numeral}、{section.title}")
        lines.extend(body_lines(section.body_parts))
        for item in section.items.all():
            lines.append(f"{numerals.to_zh(item.order)}、{item.title}")
            lines.extend(body_lines(item.body_parts))
            for report in item.reports.all():
                lines.append(f"{report.reporter}{report.label}：")
                points = list(report.points.all())
                if len(points) == 1:
                    lines.append(points[0].text)
                else:
                    lines.extend(f"{numerals.to_paren(n)} {point.text}" for n, point in enumerate(points, 1))
            conclusions(item, list(item.conclusions.all()))
        conclusions(section, section.section_conclusions)
    lines.append(f"散會({rocdate.format_roc_time(meeting.adjourned_at)})" if meeting.adjourned_at else "散會")
    lines.extend(meeting.attachments.splitlines())
    return "\n".join(lines) + "\n"


def render_meeting_pdf(meeting: Meeting, *, amendments: list[Amendment] = ()) -> bytes:
    """Render the meeting as the document of record. Same meeting (and amendments), same bytes."""
    return html_to_pdf(meeting_html(meeting, amendments=amendments))


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


def signed_record_create(meeting: Meeting, *, amendment: Amendment | None = None) -> SignedRecord:
    """Render a version of the signed record once, sign it when a certificate is configured, store it with its hash.

    Called by meeting_sign inside its transaction, after it has set status, signed_by and signed_at (version 1),
    and by meeting_amend after saving an amendment (the next version, printing every amendment so far).
    """
    if not meeting.is_signed or meeting.signed_at is None:
        raise DocumentError(f"{meeting.title} 尚未簽核，不能產生簽核版紀錄檔。")
    versions = SignedRecord.objects.filter(meeting=meeting)
    if amendment is None and versions.exists():
        raise DocumentError(f"{meeting.title} 已有簽核版紀錄檔，不能重新產生。")
    if amendment is not None and not versions.exists():
        signed_record_create(meeting)  # a meeting signed before versions were kept: its original comes first
    if amendment is not None and versions.filter(amendment=amendment).exists():
        raise DocumentError("這筆更正已產生過新版紀錄檔。")
    amendments = []
    if amendment is not None:
        # Every amendment up to this one, in the order they were recorded (ids only grow).
        amendments = list(
            Amendment.objects.filter(meeting=meeting, pk__lte=amendment.pk)
            .select_related("author", "decided_at__series").order_by("pk")
        )
    try:
        pdf = render_meeting_pdf(meeting, amendments=amendments)
        digitally_signed = False
        if _signing_configured():
            pdf = pdf_sign(pdf, meeting=meeting)
            digitally_signed = True
        last = versions.order_by("-version").values_list("version", flat=True).first() or 0
        return SignedRecord.objects.create(
            meeting=meeting, version=last + 1, amendment=amendment, pdf=pdf, sha256=sha256_of(pdf),
            digitally_signed=digitally_signed,
        )
    except (OSError, DatabaseError) as error:
        # A full or read-only disk (the renderer's temporary files, or the database's own) is said, and logged:
        # the caller's transaction rolls back, so the meeting stays as it was (unsigned, or without the amendment).
        reason = storage_error_message(error)
        if reason is None:
            raise
        logger.error("storing the signed record of meeting %s failed: %s", meeting.pk, error,
                     extra={"meeting": meeting.pk})
        raise DocumentError(f"{reason}，紀錄檔無法儲存，{'更正' if amendment else '簽核'}沒有完成；"
                            "已記錄於系統日誌，請洽系統管理者。") from error


def meeting_pdf_bytes(meeting: Meeting, *, version: int | None = None) -> bytes:
    """What a download serves: for signed minutes a stored version byte for byte (the current one unless asked);
    a fresh draft otherwise."""
    if meeting.is_signed:
        records = SignedRecord.objects.filter(meeting=meeting)
        record = records.filter(version=version).first() if version else records.order_by("-version").first()
        if record is not None:
            return bytes(record.pdf)
        if version:
            raise DocumentError(f"{meeting.title} 沒有第 {version} 版紀錄檔。")
    return render_meeting_pdf(meeting)


def meeting_pdf_filename(meeting: Meeting, *, version: int | None = None) -> str:
    suffix = (f"-第{version}版" if version else "") if meeting.is_signed else "-草稿"
    return f"{meeting.series.meeting_name}第{meeting.number}次紀錄{suffix}.pdf"


def can_download_pdf(user, meeting: Meeting) -> bool:
    """Signed minutes are for everyone who may read them (the office, or the city when it shares them); a draft only
    for the office's recorder and chair."""
    if not user.is_authenticated or not permissions.can_read_meeting(user, meeting):
        return False
    if meeting.is_signed:
        return True
    office = meeting.series.office_id
    return permissions.is_recorder(user, office) or permissions.is_chair(user, office)


def _records():
    return SignedRecord.objects.select_related(
        "meeting__series__office", "meeting__signed_by", "amendment__author"
    ).defer("pdf")


def signed_record_versions(meeting: Meeting) -> list[SignedRecord]:
    """The stored versions of a meeting's document, oldest first, without loading their bytes."""
    if not meeting.is_signed:
        return []
    return list(_records().filter(meeting=meeting).order_by("version"))


def signed_record_summary(meeting: Meeting) -> SignedRecord | None:
    """The current stored version of a meeting's document without loading its bytes."""
    versions = signed_record_versions(meeting)
    return versions[-1] if versions else None


@dataclass(frozen=True)
class Verification:
    sha256: str
    size: int
    record: SignedRecord | None
    current_version: int = 0

    @property
    def matches(self) -> bool:
        return self.record is not None

    @property
    def is_current(self) -> bool:
        return self.record is not None and self.record.version == self.current_version


def signed_record_verify(chunks: Iterable[bytes]) -> Verification:
    """Is this file exactly a stored version of a meeting's signed minutes? Compared by SHA-256 of every byte."""
    digest = hashlib.sha256()
    size = 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    sha = digest.hexdigest()
    record = _records().filter(sha256=sha).first()
    current = 0
    if record is not None:
        current = SignedRecord.objects.filter(meeting=record.meeting_id).order_by("-version").values_list(
            "version", flat=True
        ).first()
    return Verification(sha256=sha, size=size, record=record, current_version=current or 0)
