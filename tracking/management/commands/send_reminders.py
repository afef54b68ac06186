"""python manage.py send_reminders: one e-mail per unit with its overdue items and missing progress; cron-safe."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from tracking import reminders, selectors


class Command(BaseCommand):
    help = "寄送列管提醒：逾期案件與下次會議前尚未填報辦理情形的案件，每個組室每天至多一封。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="以這一天為準（YYYY-MM-DD），預設為今天")
        parser.add_argument("--dry-run", action="store_true", help="只列出會寄給誰，不寄送")

    def handle(self, *args, **options):
        today = selectors.local_today()
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"日期格式應為 YYYY-MM-DD：{options['date']}") from None
        result = reminders.reminders_send(today=today, dry_run=options["dry_run"])
        verb = "would send" if options["dry_run"] else "sent"
        for reminder in result.sent:
            self.stdout.write(f"{verb}: {reminder.unit.name} -> {', '.join(reminder.recipients)}: {reminder.subject}")
        for reminder in result.already_sent:
            self.stdout.write(f"already sent today: {reminder.unit.name} -> {', '.join(reminder.recipients)}")
        for reminder in result.no_address:
            self.stderr.write(f"no e-mail address for {reminder.unit.name}: {reminder.subject}")
        for reminder, error in result.failed:
            self.stderr.write(f"failed for {reminder.unit.name}: {error}")
        self.stdout.write(f"{len(result.sent)} reminder(s) {verb}")
        if result.failed:
            raise CommandError(f"{len(result.failed)} reminder(s) could not be sent; run again to retry")
