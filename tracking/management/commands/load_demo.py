"""python manage.py load_demo: two offices of the city with a meeting each, their tracked items and the demo
accounts, so the boundary between offices shows from the first `make run`. Safe to run twice."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.services import account_mark_demo
from minutes.models import Conclusion, Meeting, Membership, Office, Role, Unit
from minutes.reader import parse_minutes
from minutes.services import record_import
from tracking import lifecycle, services
from tracking.models import Suggestion, TrackedItem

FIXTURES = Path(__file__).resolve().parents[3] / "minutes" / "fixtures"


@dataclass(frozen=True)
class DemoOffice:
    name: str
    record: str  # the fixture holding its meeting
    kind: str
    number: int
    units: tuple[str, ...]
    tracked: tuple[tuple[str, tuple[str, ...]], ...]  # conclusions put under tracking: (text starts with, units)
    progress: tuple[str, str, str] | None  # (conclusion starts with, unit, what it reported)
    shares_signed: bool = False


OFFICES = [
    DemoOffice(
        name="臺北市政府秘書處", record="minutes-108.txt", kind="處務", number=108,
        units=("文書組", "國際事務組", "機要組", "市民服務組", "媒體事務組", "政風室", "公管中心", "總務組", "議會議事組"),
        tracked=(("請文書組於一月底前", ("文書組",)), ("請國際事務組規劃擴大城市交流", ("國際事務組",)),
                 ("請總務組與公管中心每季", ("總務組", "公管中心"))),
        progress=("請文書組於一月底前", "文書組", "本處群組已於 1 月 28 日全數移轉至 TAIPEION 即時通，Line 群組同日停用。"),
        shares_signed=True,
    ),
    DemoOffice(
        name="臺北市政府資訊局", record="infobureau-108.txt", kind="局務", number=108,
        units=("綜合企劃科", "系統發展科", "資訊安全科", "數據應用科", "秘書室"),
        tracked=(("請系統發展科於三月底前", ("系統發展科",)), ("請資訊安全科於 6 月 30 日前", ("資訊安全科",))),
        progress=None,
    ),
]

# username, password, full name, office (None: city-wide), role, unit, title
DEMO_USERS = [
    ("recorder", "demo-recorder-108", "葉霆怡", "臺北市政府秘書處", Role.RECORDER, None, "秘書"),
    ("chair", "demo-chair-108", "陳志銘", "臺北市政府秘書處", Role.CHAIR, None, "處長"),
    ("wenshu", "demo-wenshu-108", "高組長", "臺北市政府秘書處", Role.CHIEF, "文書組", "組長"),
    ("zongwu", "demo-zongwu-108", "總務組組長", "臺北市政府秘書處", Role.CHIEF, "總務組", "組長"),
    ("it-recorder", "demo-it-recorder-108", "王怡文", "臺北市政府資訊局", Role.RECORDER, None, "專員"),
    ("it-chair", "demo-it-chair-108", "李明哲", "臺北市政府資訊局", Role.CHAIR, None, "局長"),
    ("it-chief", "demo-it-chief-108", "陳科長", "臺北市政府資訊局", Role.CHIEF, "系統發展科", "科長"),
    ("oversight", "demo-oversight-108", "研考會管考員", None, Role.OVERSIGHT, None, "管考員"),
]


class Command(BaseCommand):
    help = "載入示範資料：兩個機關各一次會議紀錄、列管案件與示範帳號。"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="資料庫已有其他帳號時仍載入（示範帳號的密碼是公開的）")

    @transaction.atomic
    def handle(self, *args, **options):
        # The demo passwords are in the README: in production (DEBUG off) never give them to a database that
        # already has real accounts.
        demo_names = [username for username, *_ in DEMO_USERS]
        User = get_user_model()
        if not settings.DEBUG and not options["force"] and User.objects.exclude(username__in=demo_names).exists():
            raise CommandError(
                "資料庫裡已有其他使用者帳號，看來不是示範用的資料庫；示範帳號的密碼公開在 README，因此不載入。"
                "確定要載入請加上 --force。"
            )
        offices = {}
        for order, demo in enumerate(OFFICES, 1):
            office, _ = Office.objects.get_or_create(
                name=demo.name, defaults={"order": order, "shares_signed": demo.shares_signed}
            )
            offices[demo.name] = office
            for unit_order, name in enumerate(demo.units, 1):
                Unit.objects.update_or_create(office=office, name=name, defaults={"order": unit_order})

        for username, password, full_name, office_name, role, unit_name, title in DEMO_USERS:
            user, created = User.objects.get_or_create(username=username)
            if created:
                user.first_name = full_name
                user.set_password(password)
                user.is_staff = role == Role.RECORDER
                user.save()
            account_mark_demo(user=user)  # its password is public: refused whenever DEBUG is off
            office = offices[office_name] if office_name else None
            unit = Unit.objects.get(office=office, name=unit_name) if unit_name else None
            Membership.objects.update_or_create(
                user=user, office=office, role=role, defaults={"unit": unit, "title": title}
            )
            if role == Role.RECORDER and created:
                # The recorder manages their office's record in the admin too (the admin lists only that office).
                user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["minutes", "tracking"]))

        for demo in OFFICES:
            self._load(demo, offices[demo.name], User)
        self.stdout.write(f"tracked items: {TrackedItem.objects.count()}")

    def _load(self, demo: DemoOffice, office: Office, User) -> None:
        meeting = Meeting.objects.filter(series__office=office, series__kind=demo.kind, number=demo.number).first()
        if meeting is None:
            parsed = parse_minutes((FIXTURES / demo.record).read_text(encoding="utf-8"))
            meeting = record_import(parsed, office=office)
            self.stdout.write(f"imported meeting {meeting.pk}: {meeting.title}")
        else:
            self.stdout.write(f"meeting {meeting.pk} already loaded: {meeting.title}")
        recorder = User.objects.filter(memberships__office=office, memberships__role=Role.RECORDER).first()
        for prefix, unit_names in demo.tracked:
            conclusion = Conclusion.objects.filter(section__meeting=meeting, text__startswith=prefix).first()
            if conclusion is None or TrackedItem.objects.filter(conclusion=conclusion).exists():
                continue
            units = list(Unit.objects.filter(office=office, name__in=unit_names))
            due_date = services.conclusion_track_suggestions(conclusion)["due_date"]
            lifecycle.case_open(conclusion=conclusion, units=units, due_date=due_date, user=recorder)
        if demo.progress is None:
            return
        # One unit has already reported, so the dashboards show both states.
        prefix, unit_name, text = demo.progress
        unit = Unit.objects.get(office=office, name=unit_name)
        chief = User.objects.filter(memberships__unit=unit, memberships__role=Role.CHIEF).first()
        item = TrackedItem.objects.filter(conclusion__section__meeting=meeting, conclusion__text__startswith=prefix).first()
        if item is not None and chief is not None and not item.progress_reports.exists():
            services.progress_report_submit(item=item, unit=unit, text=text, suggestion=Suggestion.CLOSE, user=chief)
