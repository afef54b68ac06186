"""The dashboard, the review page, the item page and the home page keep a fixed number of queries."""

import pytest
from django.urls import reverse

from tests.helpers import case_url
from tracking.models import ProgressReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(make_item, units, chief_wenshu):
    """60 items spread over the units, half with a progress report."""
    names = list(units)
    items = []
    for n in range(60):
        item = make_item(f"{100 + n // 30}{n % 30 + 1:02d}", [names[n % 9], names[(n + 1) % 9]],
                         status=["open", "continued"][n % 2])
        if n % 2:
            ProgressReport.objects.create(item=item, unit=units[names[n % 9]], text="辦理中", suggestion="continue",
                                          author=chief_wenshu)
        items.append(item)
    return items


@pytest.mark.parametrize(
    "url",
    [
        lambda units, meeting: reverse("tracking:unit-dashboard", args=[units["文書組"].pk]),
        lambda units, meeting: reverse("tracking:meeting-review", args=[meeting.pk]),
        lambda units, meeting: case_url("10001"),
        lambda units, meeting: reverse("tracking:statistics"),
        lambda units, meeting: "/",
    ],
    ids=["dashboard", "review", "item", "statistics", "home"],
)
def test_tracking_pages_stay_under_a_fixed_number_of_queries(
    recorder, login, many, units, future_meeting, url, django_assert_max_num_queries
):
    client = login(recorder)
    with django_assert_max_num_queries(12):
        response = client.get(url(units, future_meeting))
    assert response.status_code == 200
