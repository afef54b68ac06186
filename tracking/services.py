"""Writes of the tracking pages that go beyond one item's lifecycle, and the reads they share."""

from __future__ import annotations

from django.utils import timezone

from minutes.models import Conclusion, Unit
from tracking import duedates


def conclusion_track_suggestions(conclusion: Conclusion) -> dict:
    """What the track form starts with: the units the text names and the due date its wording gives."""
    units = list(Unit.objects.filter(active=True))
    names = duedates.suggest_unit_names(conclusion.text, [u.name for u in units])
    by_name = {u.name: u for u in units}
    meeting_date = timezone.localtime(conclusion.section.meeting.starts_at).date()
    return {
        "units": [by_name[name].pk for name in names],
        "due_date": duedates.suggest_due_date(conclusion.text, meeting_date),
    }
