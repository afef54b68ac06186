"""The load test's city: `generate_city` at a size that fits the machine, then what the load needs of it — the
passwords of the accounts that log in, decisions to correct on each office's draft meeting, and a plan (JSON)
telling the locustfile who logs in where. Run against an empty database:

    DATABASE_URL=postgres://… python loadtest/prepare.py --offices 6 --meetings 120 --plan var/loadtest/plan.json

Each office's last unit is the one whose cases the recorder's corrections move: its chief is not among the
load's users, so a case closed by a correction never turns a chief's progress report into a refusal, and the
count of rows written stays exact.
"""

from __future__ import annotations

import argparse
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
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from minutes.models import Meeting, Membership, Office, Role
from tracking import citygen, selectors
from tracking import services as tracking_services
from tracking.models import Decision, Review, TrackedItem

# The password of every load-test account (generate_city makes them without one). The database is the private
# cluster's, created and removed by loadtest/run.py; nothing here is for a real database.
PASSWORD = "Load-Test-pw-2026!"
CASES_PER_OFFICE = 60


def prepare_office(office: Office, password_hash: str) -> dict:
    User = get_user_model()
    memberships = Membership.objects.filter(office=office).select_related("user", "unit")
    recorder = next(m.user for m in memberships if m.role == Role.RECORDER)
    members = [m.user for m in memberships if m.role == Role.MEMBER]
    chiefs = sorted((m for m in memberships if m.role == Role.CHIEF), key=lambda m: m.unit.order)
    reserved, chiefs = chiefs[-1].unit, chiefs[:-1]
    User.objects.filter(pk__in=[recorder.pk, *(u.pk for u in members), *(m.user_id for m in chiefs)]).update(
        password=password_hash
    )
    meetings = Meeting.objects.filter(series__office=office)
    signed = meetings.filter(status=Meeting.Status.SIGNED).order_by("-number").first()
    draft = meetings.filter(status=Meeting.Status.DRAFT).order_by("-number").first()
    # The recorder corrects decisions on the reserved unit's cases at the draft meeting: record them first
    # where the generated meeting decided none of them.
    rows = [row for row in selectors.review_rows(draft)
            if row.item.responsible_units.filter(pk=reserved.pk).exists()]
    undecided = [row.item for row in rows if row.review is None][:12]
    if undecided:
        tracking_services.review_record_decisions(
            meeting=draft, user=recorder,
            decisions=[tracking_services.DecisionInput(item=item, decision=Decision.CONTINUE) for item in undecided],
        )
    correctable = list(Review.objects.filter(meeting=draft, item__responsible_units=reserved)
                       .values_list("item_id", flat=True))
    cases = list(TrackedItem.objects.filter(series__office=office).select_related("series")
                 .order_by("?")[:CASES_PER_OFFICE])
    return {
        "office": office.name,
        "office_id": office.pk,
        "signed_meeting": signed.get_absolute_url(),
        "signed_pdf": reverse("meeting-pdf", args=[signed.pk]),
        "draft_meeting": draft.get_absolute_url(),
        "review": reverse("tracking:meeting-review", args=[draft.pk]),
        "correctable": [f"correct_{pk}" for pk in correctable],
        "cases": [item.get_absolute_url() for item in cases],
        "recorder": recorder.username,
        "chiefs": [
            {"username": m.user.username, "dashboard": reverse("tracking:unit-dashboard", args=[m.unit.pk]),
             "progress": reverse("tracking:unit-progress", args=[m.unit.pk])}
            for m in chiefs
        ],
        "members": [member.username for member in members],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offices", type=int, default=6)
    parser.add_argument("--meetings", type=int, default=120, help="meetings per office (generate_city --meetings)")
    parser.add_argument("--plan", type=Path, required=True)
    args = parser.parse_args()
    call_command("generate_city", offices=args.offices, meetings=args.meetings, signed=3, seed=11)
    password_hash = make_password(PASSWORD)
    with transaction.atomic():
        generated = Membership.objects.filter(user__username__startswith=citygen.USERNAME_PREFIX, office__isnull=False)
        offices = [prepare_office(office, password_hash)
                   for office in Office.objects.filter(pk__in=generated.values("office")).order_by("order")]
        get_user_model().objects.filter(username=citygen.OVERSIGHT_USERNAME).update(password=password_hash)
    plan = {"password": PASSWORD, "offices": offices, "oversight": citygen.OVERSIGHT_USERNAME}
    args.plan.parent.mkdir(parents=True, exist_ok=True)
    args.plan.write_text(json.dumps(plan, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"plan for {len(offices)} offices, {sum(len(o['chiefs']) for o in offices)} chiefs -> {args.plan}")


if __name__ == "__main__":
    main()
