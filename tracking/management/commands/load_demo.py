"""python manage.py load_demo: the 108th meeting, its tracked items and the demo accounts. Safe to run twice."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.services import account_mark_demo
from minutes.models import Conclusion, Meeting, Profile, Role, Unit
from minutes.reader import parse_minutes
from minutes.services import record_import
from tracking import lifecycle, services
from tracking.models import Suggestion, TrackedItem

SEED = Path(__file__).resolve().parents[3] / "minutes" / "fixtures" / "minutes-108.txt"

# username, password, full name, role, unit, title
DEMO_USERS = [
    ("recorder", "demo-recorder-108", "葉霆怡", Role.RECORDER, None, "秘書"),
    ("chair", "demo-chair-108", "陳志銘", Role.CHAIR, None, "處長"),
    ("wenshu", "demo-wenshu-108", "高組長", Role.CHIEF, "文書組", "組長"),
    ("zongwu", "demo-zongwu-108", "總務組組長", Role.CHIEF, "總務組", "組長"),
]

UNITS = ["文書組", "國際事務組", "機要組", "市民服務組", "媒體事務組", "政風室", "公管中心", "總務組", "議會議事組"]

# Conclusions of the 108th meeting put under tracking for the demo: (text starts with, units).
DEMO_TRACKED = [
    ("請文書組於一月底前", ["文書組"]),
    ("請國際事務組規劃擴大城市交流", ["國際事務組"]),
    ("請總務組與公管中心每季", ["總務組", "公管中心"]),
]


class Command(BaseCommand):
    help = "載入示範資料：第 108 次處務會議紀錄、列管案件與示範帳號。"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="資料庫已有其他帳號時仍載入（示範帳號的密碼是公開的）")

    @transaction.atomic
    def handle(self, *args, **options):
        # The demo passwords are in the README: in production (DEBUG off) never give them to a database that
        # already has real accounts.
        demo_names = [username for username, *_ in DEMO_USERS]
        others = get_user_model().objects.exclude(username__in=demo_names)
        if not settings.DEBUG and not options["force"] and others.exists():
            raise CommandError(
                "資料庫裡已有其他使用者帳號，看來不是示範用的資料庫；示範帳號的密碼公開在 README，因此不載入。"
                "確定要載入請加上 --force。"
            )
        for order, name in enumerate(UNITS, 1):
            Unit.objects.update_or_create(name=name, defaults={"order": order})

        User = get_user_model()
        for username, password, full_name, role, unit_name, title in DEMO_USERS:
            user, created = User.objects.get_or_create(username=username)
            if created:
                user.first_name = full_name
                user.set_password(password)
                user.is_staff = role == Role.RECORDER
                user.save()
            account_mark_demo(user=user)  # its password is public: refused whenever DEBUG is off
            unit = Unit.objects.get(name=unit_name) if unit_name else None
            Profile.objects.update_or_create(user=user, defaults={"role": role, "unit": unit, "title": title})
            if role == Role.RECORDER and created:
                # The recorder manages the record in the admin too.
                from django.contrib.auth.models import Permission

                user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["minutes", "tracking"]))

        meeting = Meeting.objects.filter(number=108, series__kind="處務").first()
        if meeting is None:
            parsed = parse_minutes(SEED.read_text(encoding="utf-8"))
            meeting = record_import(parsed)
            self.stdout.write(f"imported meeting {meeting.pk}: {meeting.title}")
        else:
            self.stdout.write(f"meeting {meeting.pk} already loaded: {meeting.title}")

        recorder = User.objects.get(username="recorder")
        for prefix, unit_names in DEMO_TRACKED:
            conclusion = Conclusion.objects.filter(section__meeting=meeting, text__startswith=prefix).first()
            if conclusion is None or TrackedItem.objects.filter(conclusion=conclusion).exists():
                continue
            units = list(Unit.objects.filter(name__in=unit_names))
            due_date = services.conclusion_track_suggestions(conclusion)["due_date"]
            lifecycle.case_open(conclusion=conclusion, units=units, due_date=due_date, user=recorder)

        # One unit has already reported, so the dashboards show both states.
        wenshu = User.objects.get(username="wenshu")
        item = TrackedItem.objects.filter(conclusion__text__startswith="請文書組於一月底前").first()
        if item is not None and not item.progress_reports.exists():
            services.progress_report_submit(
                item=item,
                unit=Unit.objects.get(name="文書組"),
                text="本處群組已於 1 月 28 日全數移轉至 TAIPEION 即時通，Line 群組同日停用。",
                suggestion=Suggestion.CLOSE,
                user=wenshu,
            )
        self.stdout.write(f"tracked items: {TrackedItem.objects.count()}")
