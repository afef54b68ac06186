"""python manage.py export_minutes NUMBER -o FILE.pdf: write a meeting's PDF for scripts and archives."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from minutes import documents
from minutes.models import Meeting, MeetingSeries


def series_for(option: str | None) -> MeetingSeries:
    """--series as an id or "organisation/kind"; without it, the only series, else the one met most recently."""
    series = MeetingSeries.objects.all()
    if option:
        if option.isdigit():
            found = series.filter(pk=int(option)).first()
        elif "/" in option:
            organisation, _, kind = option.partition("/")
            kind = kind.strip().removesuffix("會議")
            found = series.filter(organisation=organisation.strip(), kind=kind).first()
        else:
            raise CommandError(f"--series 請給會議系列編號或「機關/會議類別」，例如 臺北市政府秘書處/處務：{option}")
        if found is None:
            raise CommandError(f"找不到會議系列：{option}")
        return found
    latest = Meeting.objects.select_related("series").order_by("-starts_at").first()
    if latest is None:
        raise CommandError("資料庫裡還沒有任何會議。")
    return latest.series


class Command(BaseCommand):
    help = "將一次會議的紀錄匯出為 PDF；已簽核的會議輸出簽核時保存的檔案，逐位元組相同。"

    def add_arguments(self, parser):
        parser.add_argument("number", type=int, help="會次，例如 108")
        parser.add_argument("-o", "--output", type=Path, required=True, help="輸出的 PDF 檔路徑")
        parser.add_argument("--series", help="會議系列：編號或「機關/會議類別」（預設為最近一次會議的系列）")

    def handle(self, *args, number: int, output: Path, series: str | None, **options):
        chosen = series_for(series)
        meeting = Meeting.objects.select_related("series", "signed_by").filter(series=chosen, number=number).first()
        if meeting is None:
            raise CommandError(f"找不到會議：{chosen} 第 {number} 次")
        pdf = documents.meeting_pdf_bytes(meeting)
        try:
            output.write_bytes(pdf)
        except OSError as exc:
            raise CommandError(f"無法寫入 {output}：{exc.strerror}") from exc
        state = f"已簽核 SHA-256 {documents.sha256_of(pdf)}" if meeting.is_signed else "草稿"
        self.stdout.write(f"exported meeting {meeting.pk}: {meeting.title} -> {output} ({len(pdf)} bytes, {state})")
