"""A year's signed minutes of a series as one ZIP: the stored PDFs (current versions) and an index with their hashes.

Built by the background worker (jobs.tasks) into a file; one PDF is in memory at a time, whatever the year holds.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from django.db.models.functions import ExtractYear
from django.utils import timezone

from minutes import permissions, reader
from minutes.models import Meeting, MeetingSeries, SignedRecord
from minutes.reader import rocdate

INDEX_NAME = "索引.csv"
INDEX_HEADERS = ["會次", "會議", "日期", "版次", "簽核人", "簽核時間", "檔名", "位元組", "SHA-256"]


def series_readable(user, series: MeetingSeries) -> bool:
    """Whether the person may read the series' signed minutes: its office, or any office when it shares them."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return series.office_id in permissions.office_ids(user) or series.office.shares_signed


def archive_choices(user) -> list[tuple[str, str]]:
    """The (series, year) pairs with signed minutes the person may read, newest year first, as form choices
    ("<series id>:<year>", "臺北市政府秘書處處務會議 民國 115 年"), in one query."""
    if not user.is_authenticated:
        return []
    rows = (
        Meeting.objects.filter(permissions.meetings_visible(user), status=Meeting.Status.SIGNED)
        .annotate(year=ExtractYear("starts_at"))
        .values_list("series_id", "series__organisation", "series__kind", "year").distinct()
    )
    found = sorted(set(rows), key=lambda r: (-r[3], r[1], r[2]))
    return [(f"{pk}:{year}", f"{organisation}{reader.meeting_name(kind)} 民國 {year - 1911} 年")
            for pk, organisation, kind, year in found]


def _year_range(year: int) -> tuple[dt.datetime, dt.datetime]:
    zone = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=zone), dt.datetime(year + 1, 1, 1, tzinfo=zone)


def signed_meetings_of_year(series: MeetingSeries, year: int):
    """The series' signed meetings held in the (Gregorian) year, in Taipei time, by number."""
    start, end = _year_range(year)
    return Meeting.objects.filter(
        series=series, status=Meeting.Status.SIGNED, starts_at__gte=start, starts_at__lt=end
    ).select_related("series", "signed_by").order_by("number")


def archive_title(series: MeetingSeries, year: int) -> str:
    return f"{series} 民國 {year - 1911} 年簽核紀錄"


def archive_file_name(series: MeetingSeries, year: int) -> str:
    return f"{series}-民國{year - 1911}年簽核紀錄.zip"


@dataclass
class ArchiveSummary:
    meetings: int
    bytes_of_pdfs: int


def minutes_zip_write(out, *, series: MeetingSeries, year: int) -> ArchiveSummary:
    """Write the ZIP to the binary file `out`: one PDF per signed meeting (its current stored version, byte for
    byte) and 索引.csv naming each with its version and SHA-256. PDFs are stored, not deflated: they are
    compressed already, and the hash in the index is of the very bytes in the archive."""
    meetings = list(signed_meetings_of_year(series, year))
    current = {
        r.meeting_id: r for r in SignedRecord.objects.current().filter(meeting__in=meetings).defer("pdf")
    }
    index = io.StringIO()
    writer = csv.writer(index)
    writer.writerow(INDEX_HEADERS)
    total = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for meeting in meetings:
            record = current.get(meeting.pk)
            if record is None:  # signed before versions were kept and never downloaded since: nothing stored
                continue
            pdf = bytes(SignedRecord.objects.filter(pk=record.pk).values_list("pdf", flat=True).get())
            name = f"第{meeting.number:03d}次-第{record.version}版.pdf"
            info = zipfile.ZipInfo(name, date_time=timezone.localtime(meeting.signed_at).timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, pdf)
            total += len(pdf)
            writer.writerow([
                meeting.number, meeting.title, rocdate.format_roc_date(timezone.localtime(meeting.starts_at).date()),
                record.version, meeting.signed_by.get_full_name() or meeting.signed_by.get_username()
                if meeting.signed_by else "",
                timezone.localtime(meeting.signed_at).strftime("%Y-%m-%d %H:%M"), name, len(pdf), record.sha256,
            ])
            del pdf
        # The BOM tells Excel the index is UTF-8.
        archive.writestr(INDEX_NAME, ("\ufeff" + index.getvalue()).encode("utf-8"),
                         compress_type=zipfile.ZIP_DEFLATED)
    return ArchiveSummary(meetings=len(current), bytes_of_pdfs=total)
