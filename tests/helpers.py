"""Helpers the tests share: URLs of a case, which name its series as every link does."""

from django.urls import reverse


def case_url(case_number: str, *, edit: bool = False, series=None) -> str:
    """The page (or edit page) of the case with this number (in its series, when more than one has it)."""
    from tracking.models import TrackedItem

    items = TrackedItem.objects.filter(case_number=case_number)
    if series is not None:
        items = items.filter(series=series)
    item = items.get()
    return reverse("tracking:item-edit" if edit else "tracking:item-detail", args=[item.series_id, item.url_number])
