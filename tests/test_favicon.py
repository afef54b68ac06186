"""The icon browsers ask for at /favicon.ico on their own, on the login page and the admin's pages too."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_anyone_to_the_apps_icon(client):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (302, static("favicon.ico"))
    with open(finders.find("favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file


def test_the_pages_link_the_icon_so_the_browser_need_not_guess(client):
    html = client.get("/login/").content.decode()
    assert f'<link rel="icon" href="{static("favicon.ico")}"' in html
