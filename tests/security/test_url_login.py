"""Every route of the URL conf needs a login: an anonymous GET or POST never gets a page."""

import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from minutes.models import Conclusion, Section
from tracking.models import TrackedItem

pytestmark = pytest.mark.django_db

# Routes an anonymous visitor may reach: the login pages themselves, and the icon the browser asks for there.
PUBLIC = {"login", "admin:login", "favicon"}


def walk(patterns, prefix="", namespace=""):
    """(full route, url name) for every pattern, through includes."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, route, ns)
        elif isinstance(pattern, URLPattern):
            yield route, f"{namespace}{pattern.name}" if pattern.name else None


def sample_url(route: str, values: dict) -> str:
    """A concrete path for a route: each converter or named group replaced by a value that exists."""

    def route_param(match):
        return str(values.get(match.group(2), values.get(match.group(1), "1")))

    def regex_group(match):
        name, body = match.group(1), match.group(2)
        if name in values:
            return str(values[name])
        return body.split("|")[0] if "|" in body and "(" not in body else "x"

    url = re.sub(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)", regex_group, route)
    url = re.sub(r"\(\[\^/\]\+\)", "1", url)  # unnamed groups ([^/]+), as simple_history writes them
    url = re.sub(r"<(?:(\w+):)?(\w+)>", route_param, url)
    return "/" + url.replace("^", "").replace("$", "").replace("\\", "")


@pytest.fixture
def routes(seed_meeting):
    section = Section.objects.filter(meeting=seed_meeting).first()
    item = TrackedItem.objects.first()
    values = {
        "pk": seed_meeting.pk, "kind": "section", "obj_pk": section.pk, "parent_kind": "meeting",
        "parent_pk": seed_meeting.pk, "unit": item.responsible_units.first().name if item.responsible_units.exists()
        else "文書組", "case": item.case_number, "case_number": item.case_number, "fmt": "csv",
        "app_label": "minutes", "object_id": seed_meeting.pk, "url": "minutes/meeting/",
    }
    found = []
    for route, name in walk(get_resolver().url_patterns):
        if name in PUBLIC or route.startswith(settings.STATIC_URL):
            continue
        url = sample_url(route, values)
        if name == "tracking:conclusion-track":
            url = reverse(name, args=[Conclusion.objects.filter(section__meeting=seed_meeting).first().pk])
        found.append((name, url))
    return found


def refused(response) -> bool:
    if response.status_code in (403, 404, 405):
        return True
    if response.status_code in (301, 302):
        location = response["Location"]
        # The admin's logout sends an anonymous visitor to the admin index, which asks for the login.
        return location.startswith((reverse("login"), reverse("admin:login"))) or location == reverse("admin:index")
    return False


def test_the_walk_finds_the_routes_of_every_app(routes):
    names = {name for name, _ in routes}
    assert {"home", "minutes:meeting-edit", "tracking:item-export", "meeting-pdf", "verify", "admin:index"} <= names
    assert len(routes) > 40


def test_an_anonymous_get_of_any_route_is_sent_to_the_login(client, routes):
    let_through = [(name, url, r.status_code) for name, url in routes if not refused(r := client.get(url))]
    assert let_through == []


def test_an_anonymous_post_to_any_route_is_sent_to_the_login(client, routes):
    let_through = [(name, url, r.status_code) for name, url in routes if not refused(r := client.post(url, {}))]
    assert let_through == []


def test_the_pages_of_the_app_send_an_anonymous_visitor_to_the_login_not_to_a_404(client, routes):
    own = [(name, url) for name, url in routes if not (name or "").startswith("admin:") and name != "logout"]
    wrong = [(name, url, r.status_code) for name, url in own
             if (r := client.get(url)).status_code not in (302, 405)]
    assert wrong == []
