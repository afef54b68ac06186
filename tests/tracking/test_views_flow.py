"""The life of one item through the pages: tracked at 108, reported by its chief, closed at 109."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from minutes.models import Conclusion, Meeting
from tracking.models import Status, TrackedItem

pytestmark = pytest.mark.django_db


def test_an_item_goes_from_tracked_to_closed_through_the_pages(
    seed_meeting, units, recorder, chief_wenshu, chief_zongwu, client, conclusion_of
):
    # The recorder tracks a conclusion of meeting 108.
    client.force_login(recorder)
    conclusion = conclusion_of("請文書組於一月底前")
    client.post(
        reverse("tracking:conclusion-track", args=[conclusion.pk]),
        {"units": [units["文書組"].pk], "due_date": "2022-01-31"},
    )
    item = TrackedItem.objects.get(conclusion=conclusion)
    assert item.case_number == "10801"
    meeting_109 = Meeting.objects.create(
        series=seed_meeting.series, number=109, starts_at=timezone.now() + dt.timedelta(days=2), previous=seed_meeting
    )

    # Another unit's chief cannot report on it; its own chief does.
    client.force_login(chief_zongwu)
    progress = reverse("tracking:unit-progress", args=[units["文書組"].pk])
    assert client.post(progress, {f"item-{item.pk}-text": "x", f"item-{item.pk}-suggestion": "close"}).status_code == 403
    client.force_login(chief_wenshu)
    home = client.get("/")
    assert [row.needs_report for row in home.context["dashboard"].rows if row.item == item] == [True]
    client.post(progress, {f"item-{item.pk}-text": "已移轉至 TAIPEION", f"item-{item.pk}-suggestion": "close"})

    # The recorder generates the review item of 109 and records the meeting's decision.
    client.force_login(recorder)
    missing = client.get("/").context["missing"]
    assert "文書組" in [u.name for u in missing.reported_units]
    client.post(reverse("tracking:meeting-review-generate", args=[meeting_109.pk]))
    review = client.get(reverse("tracking:meeting-review", args=[meeting_109.pk]))
    field = f"decision_{item.pk}"
    assert review.context["form"][field].initial == "close"
    client.post(reverse("tracking:meeting-review", args=[meeting_109.pk]), {field: "close"})

    item.refresh_from_db()
    assert (item.status, item.closed_meeting_number) == (Status.CLOSED, 109)
    assert Conclusion.objects.filter(
        item__section__meeting=meeting_109, text__contains="列管案號 10801 同意解除列管"
    ).exists()
    page = client.get(item.get_absolute_url())
    assert [e.kind for e in page.context["timeline"]] == ["opened", "progress", "decision"]
    assert item.reviews.get().progress == "已移轉至 TAIPEION"
    assert "解除列管" in page.content.decode()
