"""Writes are POST-only, carry a CSRF token, and are checked on the server against role, unit and meeting."""

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from minutes import services
from minutes.models import (
    AgendaItem,
    Amendment,
    Conclusion,
    Meeting,
    ReportPoint,
    Section,
    SupplementaryReport,
)
from tracking.models import ProgressReport, Review, TrackedItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(seed_meeting, chair, recorder, chief_wenshu):
    """The seed meeting 108 with one tracked conclusion, signed (directly: the PDF is not what these tests
    are about)."""
    from tracking.lifecycle import case_open

    case_open(conclusion=Conclusion.objects.filter(section__meeting=seed_meeting, text__contains="文書組").first(),
              units=[chief_wenshu.memberships.get().unit], user=recorder)
    Meeting.objects.filter(pk=seed_meeting.pk).update(status="signed", signed_at=timezone.now(), signed_by=chair)
    seed_meeting.refresh_from_db()
    return seed_meeting


@pytest.fixture
def draft(signed, recorder, chief_wenshu):
    meeting = services.meeting_create(user=recorder, series=signed.series, number=109,
                                      starts_at=signed.starts_at + dt.timedelta(days=28), chair="陳志銘")
    section = services.section_create(meeting=meeting, user=recorder, version=1, number=1, title="報告事項")
    item = services.item_create(section=section, user=recorder, version=2, title="案由一")
    services.conclusion_create(section=section, item=item, user=recorder, version=3, text="同意備查。")
    services.section_create(meeting=meeting, user=recorder, version=4, number=2, title="討論事項")
    meeting.refresh_from_db()
    return meeting


def state():
    """Everything a write could change, in one comparable value."""
    return (
        list(Meeting.objects.order_by("pk").values_list("pk", "version", "status", "place")),
        list(Section.objects.order_by("pk").values_list("pk", "order", "title")),
        list(AgendaItem.objects.order_by("pk").values_list("pk", "order", "title")),
        list(SupplementaryReport.objects.order_by("pk").values_list("pk", "order", "heading")),
        list(ReportPoint.objects.order_by("pk").values_list("pk", "order", "text")),
        list(Conclusion.objects.order_by("pk").values_list("pk", "order", "text")),
        list(TrackedItem.objects.order_by("pk").values_list("pk", "status")),
        Review.objects.count(), ProgressReport.objects.count(), Amendment.objects.count(),
    )


def write_requests(draft, signed):
    """(who, url, data) for every write of the app, each one valid when sent with a token by the right role."""
    section = draft.sections.order_by("order").first()
    item = AgendaItem.objects.get(section=section)
    conclusion = Conclusion.objects.get(item=item)
    tracked = TrackedItem.objects.get(case_number="10801")
    unit = tracked.responsible_units.get()
    v = draft.version
    return [
        ("recorder", reverse("minutes:meeting-create"), {"series": draft.series_id, "number": 110,
                                                         "date": "111/3/17", "start_time": "10:00"}),
        ("recorder", reverse("minutes:meeting-edit", args=[draft.pk]), {"number": 109, "date": "111/2/17",
                                                                        "start_time": "10:00", "place": "別處",
                                                                        "chair": "陳", "version": v}),
        ("recorder", reverse("minutes:part-edit", args=[draft.pk, "section", section.pk]),
         {"number": 1, "title": "改過", "conclusion_label": "會議結論", "version": v}),
        ("recorder", reverse("minutes:part-delete", args=[draft.pk, "conclusion", conclusion.pk]), {"version": v}),
        ("recorder", reverse("minutes:part-move", args=[draft.pk, "section", section.pk]),
         {"direction": "down", "version": v}),
        ("recorder", reverse("minutes:part-add", args=[draft.pk, "section", "meeting", draft.pk]),
         {"number": 3, "title": "臨時動議", "conclusion_label": "會議結論", "version": v}),
        ("recorder", reverse("tracking:conclusion-track", args=[conclusion.pk]), {"units": [unit.pk]}),
        ("recorder", reverse("tracking:meeting-review-generate", args=[draft.pk]), {}),
        ("recorder", reverse("tracking:meeting-review", args=[draft.pk]), {f"decision_{tracked.pk}": "close"}),
        ("recorder", reverse("minutes:meeting-amend", args=[signed.pk]), {"reason": "錯字", "changes": "改正"}),
        ("chair", reverse("minutes:meeting-sign", args=[draft.pk]), {"version": v}),
        ("recorder", reverse("tracking:unit-progress", args=[unit.pk]),
         {f"item-{tracked.pk}-text": "已辦理", f"item-{tracked.pk}-suggestion": "close"}),
    ]


def test_every_write_without_a_csrf_token_is_refused_and_changes_nothing(users, draft, signed):
    for who, url, data in write_requests(draft, signed):
        client = Client(enforce_csrf_checks=True)
        client.force_login(users[who])
        before = state()
        response = client.post(url, data)
        assert response.status_code == 403, url
        assert state() == before, url


def test_logging_out_needs_a_csrf_token(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["recorder"])
    assert client.post(reverse("logout")).status_code == 403
    assert client.get(reverse("home")).status_code == 200


def test_every_write_with_a_token_goes_through_for_the_right_role(users, draft, signed):
    """The other tests would pass for a URL that refuses everyone: this one shows each write is real."""
    unchanged = []
    for who, url, data in write_requests(draft, signed):
        client = Client()
        client.force_login(users[who])
        with transaction.atomic():  # each write rolled back, so the next starts from the same state
            before = state()
            client.post(url, data)
            if state() == before:
                unchanged.append(url)
            transaction.set_rollback(True)
    assert unchanged == []


def test_a_get_of_any_write_url_changes_nothing(users, draft, signed):
    for who, url, data in write_requests(draft, signed):
        client = Client()
        client.force_login(users[who])
        before = state()
        client.get(url, data)
        assert state() == before, url


# Who besides the owner of a write may make it: the chair amends too, the unit's own chief writes its progress.
ALSO_ALLOWED = {"amend": {"chair"}, "progress": {"wenshu"}}


@pytest.mark.parametrize("who", ["chair", "wenshu", "zongwu", "member"])
def test_a_forged_write_by_a_role_that_may_not_make_it_is_403_and_changes_nothing(users, draft, signed, who):
    refused = []
    for owner, url, data in write_requests(draft, signed):
        if owner == who or any(key in url and who in roles for key, roles in ALSO_ALLOWED.items()):
            continue
        client = Client()
        client.force_login(users[who])
        before = state()
        response = client.post(url, data)
        if response.status_code != 403 or state() != before:
            refused.append((url, response.status_code))
    assert refused == []


# --- a part reached through another meeting's URL -----------------------------------------------------------


def test_a_part_of_a_signed_meeting_cannot_be_edited_through_a_drafts_url(client, recorder, draft, signed):
    conclusion = Conclusion.objects.filter(section__meeting=signed).first()
    client.force_login(recorder)
    before = state()
    url = reverse("minutes:part-edit", args=[draft.pk, "conclusion", conclusion.pk])
    response = client.post(url, {"text": "偷改", "version": draft.version})
    assert response.status_code == 404
    assert state() == before


@pytest.mark.parametrize("action", ["part-delete", "part-move"])
def test_a_part_of_a_signed_meeting_cannot_be_deleted_or_moved_through_a_drafts_url(
    client, recorder, draft, signed, action
):
    section = Section.objects.filter(meeting=signed).first()
    client.force_login(recorder)
    before = state()
    response = client.post(reverse(f"minutes:{action}", args=[draft.pk, "section", section.pk]),
                           {"version": draft.version, "direction": "down"})
    assert response.status_code == 404
    assert state() == before


@pytest.mark.parametrize("kind, parent_kind, model", [
    ("item", "section", Section), ("conclusion", "item", AgendaItem), ("conclusion", "section", Section),
    ("report", "item", AgendaItem), ("point", "report", SupplementaryReport),
])
def test_nothing_can_be_added_under_a_part_of_a_signed_meeting_through_a_drafts_url(
    client, recorder, draft, signed, kind, parent_kind, model
):
    lookup = {Section: "meeting", AgendaItem: "section__meeting", SupplementaryReport: "item__section__meeting"}
    parent = model.objects.filter(**{lookup[model]: signed}).first()
    client.force_login(recorder)
    before = state()
    response = client.post(reverse("minutes:part-add", args=[draft.pk, kind, parent_kind, parent.pk]),
                           {"title": "偷加", "text": "偷加", "heading": "偷加", "reporter_title": "組長",
                            "conclusion_label": "會議結論", "version": draft.version})
    assert response.status_code == 404
    assert state() == before


def test_a_part_of_one_draft_cannot_be_edited_through_another_drafts_url(client, recorder, draft, signed):
    other = services.meeting_create(user=recorder, series=signed.series, number=110,
                                    starts_at=draft.starts_at + dt.timedelta(days=28))
    section = draft.sections.order_by("order").first()
    client.force_login(recorder)
    before = state()
    response = client.post(reverse("minutes:part-edit", args=[other.pk, "section", section.pk]),
                           {"number": 1, "title": "偷改", "conclusion_label": "會議結論", "version": other.version})
    assert response.status_code == 404
    assert state() == before


# --- the signed freeze on the tracking side -----------------------------------------------------------------


def test_decisions_cannot_be_recorded_into_a_signed_meeting(client, recorder, signed, draft):
    Meeting.objects.filter(pk=draft.pk).update(status="signed", signed_at=timezone.now(), signed_by=signed.signed_by)
    tracked = TrackedItem.objects.get(case_number="10801")
    client.force_login(recorder)
    before = state()
    client.post(reverse("tracking:meeting-review", args=[draft.pk]), {f"decision_{tracked.pk}": "close"})
    client.post(reverse("tracking:meeting-review-generate", args=[draft.pk]))
    assert state() == before


def test_an_amendment_cannot_be_forged_onto_a_draft(client, recorder, draft):
    client.force_login(recorder)
    client.post(reverse("minutes:meeting-amend", args=[draft.pk]), {"reason": "錯字", "changes": "改正"})
    assert not Amendment.objects.filter(meeting=draft).exists()
