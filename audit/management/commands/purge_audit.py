"""python manage.py purge_audit: delete audit rows older than AUDIT_RETENTION_YEARS (daily, from the scheduler)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from audit.services import events_purge, retention_cutoff


class Command(BaseCommand):
    help = "刪除超過保存年限（AUDIT_RETENTION_YEARS）的稽核紀錄。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出筆數，不刪除")

    def handle(self, *args, dry_run=False, **options):
        count = events_purge(dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"{verb} {count} audit rows older than {retention_cutoff():%Y-%m-%d} "
                          f"({settings.AUDIT_RETENTION_YEARS} years)")
