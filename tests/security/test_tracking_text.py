"""Progress and reasons are plain text like the record: markup gets a message next to the field, nothing saved.

The progress text is copied into the record (the review item's table), whose fields refuse markup; letting it in
here would leave the recorder a review item they cannot save again.
"""

import pytest
from django.urls import reverse

from minutes.models import Conclusion
from tracking.lifecycle import case_open
from tracking.models import ProgressReport

pytestmark = pytest.mark.django_db


def test_progress_with_markup_is_refused_next_to_the_field(client, seed_meeting, recorder, chief_wenshu):
    unit = chief_wenshu.memberships.get().unit
    item = case_open(conclusion=Conclusion.objects.filter(section__meeting=seed_meeting).first(), units=[unit],
                     user=recorder)
    client.force_login(chief_wenshu)
    response = client.post(reverse("tracking:unit-progress", args=[unit.pk]),
                           {f"item-{item.pk}-text": "<script>alert(1)</script>已辦理",
                            f"item-{item.pk}-suggestion": "close"})
    assert response.status_code == 200
    assert "HTML" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_reopen_reason_with_markup_is_refused():
    from tracking.forms import ReviewDecisionForm

    class Meeting:
        series_id, number = 1, 109

    form = ReviewDecisionForm({"reopen_case": "", "reopen_reason": "<b>理由</b>"}, rows=[], meeting=Meeting())
    assert not form.is_valid()
    assert "HTML" in str(form.errors["reopen_reason"])


def test_progress_with_a_less_than_sign_is_fine(client, seed_meeting, recorder, chief_wenshu):
    unit = chief_wenshu.memberships.get().unit
    item = case_open(conclusion=Conclusion.objects.filter(section__meeting=seed_meeting).first(), units=[unit],
                     user=recorder)
    client.force_login(chief_wenshu)
    client.post(reverse("tracking:unit-progress", args=[unit.pk]),
                {f"item-{item.pk}-text": "經費 < 10 萬，已核銷", f"item-{item.pk}-suggestion": "close"})
    assert ProgressReport.objects.get().text == "經費 < 10 萬，已核銷"
