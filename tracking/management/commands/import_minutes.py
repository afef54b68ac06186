"""python manage.py import_minutes PATH: read a plain-text record into a meeting and its review decisions."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from minutes import extensions, services
from minutes.models import Office
from minutes.outline import outline_lines
from minutes.reader import ParseError, parse_minutes
from tracking.importing import decode_record


class Command(BaseCommand):
    help = "匯入純文字格式的會議紀錄（例如 minutes-108.txt）。"

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--replace", action="store_true", help="以新文字取代已存在的同一會次（限草稿）")
        parser.add_argument("--dry-run", action="store_true", help="只解析並列出大綱，不存檔")
        parser.add_argument("--office", help="匯入到哪個機關（名稱或編號）；系統只有一個機關時可省略")

    def handle(self, *args, path: Path, replace: bool, dry_run: bool, office: str | None = None, **options):
        try:
            text = decode_record(path.read_bytes())
        except OSError as exc:
            raise CommandError(f"無法讀取 {path}：{exc.strerror}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} 不是可讀的文字檔（請存成 UTF-8、UTF-16 或 Big5 純文字）。") from exc
        if "\x00" in text:  # PostgreSQL cannot store it; a UTF-16 file without its BOM looks like this
            raise CommandError(f"{path} 含有 NUL 字元，不是可讀的文字檔（UTF-16 檔請保留檔頭 BOM）。")
        try:
            parsed = parse_minutes(text)
            # The record is plain text: the paste-import page refuses markup, and so does this command.
            bad = services.html_in_parsed(parsed)
            if bad:
                raise ParseError(*bad)
        except ParseError as exc:
            raise CommandError(f"{path}:{exc.line}: {exc.reason}") from exc
        office = self._office(office)
        preview = extensions.import_preview(parsed)
        try:
            meeting = services.record_import(parsed, office=office, replace=replace, dry_run=dry_run)
        except services.MeetingError as exc:
            raise CommandError(str(exc)) from exc
        if dry_run:
            for line in outline_lines(parsed):
                self.stdout.write(line)
            for note in preview:
                if not note.warning:
                    for line in note.lines:
                        self.stdout.write(line)
        else:
            self.stdout.write(f"imported meeting {meeting.pk}: {meeting.title}")
        for note in preview:
            if note.warning:
                for line in note.lines:
                    self.stderr.write(line)

    @staticmethod
    def _office(option: str | None) -> Office | None:
        if option is None:
            if Office.objects.count() > 1:
                names = "、".join(Office.objects.values_list("name", flat=True)[:5])
                raise CommandError(f"系統有多個機關，請以 --office 指定要匯入的機關（例如：{names}）。")
            return None
        office = Office.objects.filter(pk=int(option)).first() if option.isascii() and option.isdigit() else None
        office = office or Office.objects.filter(name=option).first()
        if office is None:
            raise CommandError(f"找不到機關「{option}」。")
        return office
