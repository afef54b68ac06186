"""generate_city at a tiny scale (on SQLite, and on PostgreSQL with COPY when DATABASE_URL points there): the counts
asked for, statuses that are what the reviews say, records that state their reviews, signed meetings with their
real PDF, the pages of a generated office for its people only, and the refusal of a database with real records."""

import hashlib
import subprocess
from collections import defaultdict
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Max
from django.urls import reverse

from minutes.models import Conclusion, Meeting, MeetingSeries, Membership, Office, Role, SignedRecord, Unit
from tracking import citygen
from tracking.lifecycle import ALLOWED_DECISIONS, DECISION_RESULT
from tracking.models import ProgressReport, Review, Status, TrackedItem
from tracking.selectors import stated_decisions

pytestmark = pytest.mark.django_db


def generate(*args) -> str:
    out = StringIO()
    call_command("generate_city", "--today", "2026-12-01", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def city(db):
    """Three offices of six meetings each, none signed (signing renders PDFs, tested on its own)."""
    return generate("--offices", "3", "--meetings", "6", "--signed", "0", "--seed", "5")


def printed(output: str, label: str) -> int:
    line = next(line for line in output.splitlines() if line.startswith(f"{label}："))
    return int(line.split("：", 1)[1].replace(",", ""))


def test_the_city_has_the_offices_and_meetings_asked_for_and_prints_what_it_wrote(city):
    assert Office.objects.count() == 3
    assert MeetingSeries.objects.count() == 3
    assert Meeting.objects.count() == 18
    assert set(Meeting.objects.values_list("number", flat=True)) == set(range(1, 7))
    assert printed(city, "機關") == 3
    assert printed(city, "會議") == 18
    assert printed(city, "會議結論") == Conclusion.objects.count()
    assert printed(city, "列管案件") == TrackedItem.objects.count()
    assert printed(city, "列管審議") == Review.all_rows.count()
    assert printed(city, "辦理情形") == ProgressReport.objects.count()
    assert printed(city, "帳號") == get_user_model().objects.filter(username__startswith="city-").count()
    # The shape of the default city: about a hundred conclusions and forty cases a meeting.
    per_meeting = Conclusion.objects.count() / 18
    assert 80 <= per_meeting <= 130
    assert 34 <= TrackedItem.objects.count() / 18 <= 48


def test_each_office_has_its_own_units_people_and_case_numbers(city):
    for office in Office.objects.all():
        roles = set(Membership.objects.filter(office=office).values_list("role", flat=True))
        assert {Role.RECORDER, Role.CHAIR, Role.CHIEF, Role.MEMBER} <= roles
        units = Unit.objects.filter(office=office)
        assert units.count() >= 7
        # Every unit has its chief; every case's units are of its own office.
        assert set(Membership.objects.filter(office=office, role=Role.CHIEF).values_list("unit", flat=True)) == set(
            units.values_list("pk", flat=True))
        assert not TrackedItem.objects.filter(series__office=office).exclude(responsible_units__office=office).exists()
    assert Membership.objects.filter(role=Role.OVERSIGHT, office=None, user__username=citygen.OVERSIGHT_USERNAME).exists()
    # Three offices' first case of meeting 1 is 101 three times, three different cases.
    assert TrackedItem.objects.filter(case_number="101").count() == 3


def test_a_realistic_share_of_rows_names_the_keyword(city):
    share = Conclusion.objects.filter(text__contains="採購").count() / Conclusion.objects.count()
    assert 0.01 < share < 0.1


def test_every_case_has_the_status_its_reviews_leave(city):
    reviews = defaultdict(list)
    for review in Review.all_rows.select_related("meeting").order_by("meeting__number"):
        reviews[review.item_id].append(review)
    assert reviews, "the city has reviews"
    for item in TrackedItem.objects.all():
        status, closed_at = Status.OPEN, None
        for review in reviews[item.pk]:
            assert review.superseded_at is None
            assert review.meeting.series_id == item.series_id and review.meeting.number > item.meeting_number
            assert review.status_before == status and review.decision in ALLOWED_DECISIONS[status]
            assert review.status_after == DECISION_RESULT[review.decision]
            status = review.status_after
            closed_at = review.meeting.number if status == Status.CLOSED else None
        assert (item.status, item.closed_meeting_number) == (status, closed_at), item.case_number


def test_every_active_case_is_reviewed_at_every_later_meeting_until_it_closes(city):
    last = dict(Meeting.objects.values("series").annotate(n=Max("number")).values_list("series", "n"))
    for item in TrackedItem.objects.prefetch_related("reviews__meeting"):
        numbers = sorted(r.meeting.number for r in item.reviews.all())
        end = item.closed_meeting_number or max(last[item.series_id], item.meeting_number)
        assert numbers == list(range(item.meeting_number + 1, end + 1)), item.case_number


def test_each_meeting_states_exactly_the_decisions_its_reviews_record(city):
    """The record's text, read by the importer's reader, says what the reviews say (README: one truth)."""
    for meeting in Meeting.objects.all():
        recorded = dict(Review.objects.filter(meeting=meeting).values_list("item__case_number", "decision"))
        assert stated_decisions(meeting) == recorded, meeting.title


def test_progress_is_written_by_the_chief_of_a_responsible_unit_before_its_meeting(city):
    chiefs = {(m.unit_id, m.user_id) for m in Membership.objects.filter(role=Role.CHIEF)}
    for report in ProgressReport.objects.select_related("meeting", "item").prefetch_related("item__responsible_units"):
        assert (report.unit_id, report.author_id) in chiefs
        assert report.unit in report.item.responsible_units.all()
        if report.meeting is not None:
            assert report.created_at < report.meeting.starts_at


def test_the_same_seed_gives_the_same_city(db):
    def fingerprint():
        return (
            list(Conclusion.objects.order_by("section__meeting__series__office__order", "section__meeting__number",
                                             "section__order", "item__order", "order").values_list("text", flat=True)),
            sorted(TrackedItem.objects.values_list("series__office__name", "case_number", "status")),
        )

    generate("--offices", "2", "--meetings", "3", "--signed", "0", "--seed", "9")
    first = fingerprint()
    generate("--offices", "2", "--meetings", "3", "--signed", "0", "--seed", "9", "--clear")
    assert fingerprint() == first
    generate("--offices", "2", "--meetings", "3", "--signed", "0", "--seed", "10", "--clear")
    assert fingerprint() != first


def test_the_first_meetings_are_signed_through_the_service_with_their_real_pdf(db):
    output = generate("--offices", "2", "--meetings", "3", "--signed", "1")
    assert printed(output, "其中已簽核（含 PDF）") == 2
    signed = Meeting.objects.filter(status=Meeting.Status.SIGNED)
    assert sorted(signed.values_list("number", flat=True)) == [1, 1]
    assert not Meeting.objects.filter(status=Meeting.Status.SIGNED, number__gt=1).exists()
    for meeting in signed:
        record = SignedRecord.objects.get(meeting=meeting)
        pdf = bytes(record.pdf)
        assert hashlib.sha256(pdf).hexdigest() == record.sha256
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        assert meeting.series.organisation in text.replace("\u2060", "")
        assert meeting.signed_by.memberships.filter(role=Role.CHAIR, office=meeting.series.office).exists()


def test_the_pages_of_a_generated_office_open_for_its_people_and_not_for_another_office(client, city):
    first, second = Office.objects.order_by("order")[:2]
    people = {m.role: m.user for m in Membership.objects.filter(office=first).exclude(role=Role.CHIEF)}
    chief = Membership.objects.filter(office=first, role=Role.CHIEF).select_related("user", "unit").first()
    meeting = Meeting.objects.filter(series__office=first).order_by("-number").first()
    case = TrackedItem.objects.filter(series__office=first).order_by("-meeting_number").first()
    own = [reverse("home"), reverse("minutes:meeting-list"), reverse("minutes:meeting-list") + "?q=採購",
           meeting.get_absolute_url(), reverse("tracking:item-list"), reverse("tracking:item-list") + "?q=採購",
           case.get_absolute_url(), reverse("tracking:statistics"),
           reverse("tracking:unit-dashboard", args=[chief.unit.pk])]
    for user in [*people.values(), chief.user]:
        client.force_login(user)
        for url in own:
            response = client.get(url)
            assert response.status_code == 200, (user.username, url)
        # Another office's draft meeting, case and unit are not theirs to open.
        other_meeting = Meeting.objects.filter(series__office=second, status=Meeting.Status.DRAFT).first()
        other_case = TrackedItem.objects.filter(series__office=second).first()
        other_unit = Unit.objects.filter(office=second).first()
        for url in (other_meeting.get_absolute_url(), other_case.get_absolute_url(),
                    reverse("tracking:unit-dashboard", args=[other_unit.pk])):
            assert client.get(url).status_code == 404, (user.username, url)
        listed = client.get(reverse("tracking:item-list")).content.decode()
        assert second.name not in listed
    client.force_login(Membership.objects.get(role=Role.OVERSIGHT).user)
    assert client.get(TrackedItem.objects.filter(series__office=second).first().get_absolute_url()).status_code == 200


def test_a_database_with_real_records_is_refused_and_left_as_it_was(seed_meeting):
    with pytest.raises(CommandError, match="資料庫已有實際資料（會議 1 筆.*--force"):
        generate("--offices", "1", "--meetings", "2", "--signed", "0")
    assert Meeting.objects.count() == 1
    assert Office.objects.count() == 1
    assert not Membership.objects.filter(user__username__startswith="city-").exists()


def test_force_adds_the_city_beside_real_records_without_touching_them(seed_meeting):
    Office.objects.filter(pk=seed_meeting.series.office_id).update(name="臺北市政府秘書處")
    generate("--offices", "1", "--meetings", "2", "--signed", "0", "--force")
    assert Meeting.objects.filter(pk=seed_meeting.pk).exists()
    # The generated office never takes the real one's name.
    assert Office.objects.filter(name__endswith="（模擬）").count() == 1
    generate("--offices", "1", "--meetings", "2", "--signed", "0", "--force", "--clear")
    assert Meeting.objects.count() == 3
    assert Meeting.objects.filter(pk=seed_meeting.pk).exists()


def test_a_second_run_needs_clear(city):
    with pytest.raises(CommandError, match="--clear"):
        generate("--offices", "1", "--meetings", "2", "--signed", "0")
    assert Office.objects.count() == 3
