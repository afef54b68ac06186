"""The load test's city: offices with a signed meeting and the next one in draft, their tracked cases, the people
of each office, and a plan (JSON) telling the locustfile who logs in where. Run against an empty database:

    DATABASE_URL=postgres://… python loadtest/prepare.py --offices 6 --plan var/loadtest/plan.json

Every write goes through the app's services (import, case_open, meeting_sign, review_record_decisions), so the
data is what the pages make. Each office's last unit is the one whose cases the recorder's review decisions
move: its chief is not among the load's users, so a case closed by a correction never turns a chief's progress
report into a refusal, and the counts of rows written stay exact.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from minutes.models import Conclusion, Membership, Office, Role, Unit
from minutes.reader import parse_minutes
from minutes.services import meeting_create_from_previous, meeting_sign, record_import
from tracking import lifecycle
from tracking import services as tracking_services
from tracking.models import Decision, TrackedItem

SEED = ROOT / "minutes" / "fixtures" / "minutes-108.txt"
OFFICE_NAMES = [
    "臺北市政府工務局", "臺北市政府交通局", "臺北市政府環境保護局", "臺北市政府社會局", "臺北市政府文化局",
    "臺北市政府產業發展局", "臺北市政府衛生局", "臺北市政府教育局", "臺北市政府民政局", "臺北市政府財政局",
]
UNIT_NAMES = ["綜合企劃科", "第一科", "第二科", "第三科", "資訊室", "秘書室"]
# The password of every load-test account: made by code, so not asked to change at first login. The database
# is the private cluster's, created and removed by loadtest/run.py.
PASSWORD = "Load-Test-pw-2026!"


def _user(username: str, full_name: str, office: Office | None, role: str, unit: Unit | None = None):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, first_name=full_name)
    Membership.objects.create(user=user, office=office, role=role, unit=unit)
    return user


def prepare_office(index: int, name: str, seed_text: str) -> dict:
    office = Office.objects.create(name=name, order=index + 1)
    units = [Unit.objects.create(office=office, name=unit, order=order) for order, unit in enumerate(UNIT_NAMES, 1)]
    prefix = f"o{index + 1}"
    recorder = _user(f"{prefix}-recorder", "紀錄", office, Role.RECORDER)
    chair = _user(f"{prefix}-chair", "主席", office, Role.CHAIR)
    chiefs = [_user(f"{prefix}-chief{n}", f"{unit.name}主管", office, Role.CHIEF, unit)
              for n, unit in enumerate(units[:-1], 1)]
    members = [_user(f"{prefix}-member{n}", f"同仁{n}", office, Role.MEMBER) for n in (1, 2)]

    with transaction.atomic():
        signed = record_import(parse_minutes(seed_text), office=office, user=recorder)
        # Every conclusion of the meeting under tracking, one unit each in turn; the reviewed unit (the last)
        # gets every fourth, the chiefs' units the rest.
        conclusions = list(Conclusion.objects.filter(section__meeting=signed).order_by("section__order", "order", "id"))
        for n, conclusion in enumerate(conclusions):
            unit = units[-1] if n % 4 == 3 else units[n % (len(units) - 1)]
            lifecycle.case_open(conclusion=conclusion, units=[unit], user=recorder,
                                due_date=timezone.localdate() + dt.timedelta(days=30 + n))
    meeting_sign(signed, chair)
    with transaction.atomic():
        draft = meeting_create_from_previous(
            user=recorder, previous=signed, starts_at=signed.starts_at + dt.timedelta(days=28)
        )
        reviewed = list(TrackedItem.objects.filter(series=signed.series, responsible_units=units[-1]))
        # The first decisions are recorded here; under load the recorder corrects them (each a new row).
        tracking_services.review_record_decisions(
            meeting=draft, user=recorder,
            decisions=[tracking_services.DecisionInput(item=item, decision=Decision.CONTINUE) for item in reviewed],
        )
    items = list(TrackedItem.objects.filter(series=signed.series).order_by("case_number"))
    return {
        "office": name,
        "signed_meeting": reverse("minutes:meeting-detail", args=[signed.pk]),
        "signed_pdf": reverse("meeting-pdf", args=[signed.pk]),
        "draft_meeting": reverse("minutes:meeting-detail", args=[draft.pk]),
        "review": reverse("tracking:meeting-review", args=[draft.pk]),
        "cases": [item.get_absolute_url() for item in items],
        "recorder": recorder.username,
        "chiefs": [
            {"username": chief.username, "dashboard": reverse("tracking:unit-dashboard", args=[unit.pk]),
             "progress": reverse("tracking:unit-progress", args=[unit.pk])}
            for chief, unit in zip(chiefs, units, strict=False)
        ],
        "members": [member.username for member in members],
        "reviewed_cases": len(reviewed),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offices", type=int, default=6)
    parser.add_argument("--plan", type=Path, required=True)
    args = parser.parse_args()
    if get_user_model().objects.exists():
        sys.exit("prepare.py fills an empty database only (this one has accounts).")
    seed_text = SEED.read_text(encoding="utf-8")
    offices = [prepare_office(i, OFFICE_NAMES[i % len(OFFICE_NAMES)] + ("" if i < len(OFFICE_NAMES) else f"{i}"),
                              seed_text) for i in range(args.offices)]
    _user("oversight", "研考會管考員", None, Role.OVERSIGHT)
    plan = {"password": PASSWORD, "offices": offices, "oversight": "oversight"}
    args.plan.parent.mkdir(parents=True, exist_ok=True)
    args.plan.write_text(json.dumps(plan, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"prepared {len(offices)} offices, {TrackedItem.objects.count()} tracked cases -> {args.plan}")


if __name__ == "__main__":
    main()
