"""What the end-to-end tests share: Debian's Chromium driven by Playwright's sync API, screenshots, logging in."""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright import sync_api as playwright_sync

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the tests themselves are safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

SHOTS = Path(__file__).resolve().parents[1] / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser():
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_page(browser, viewport=DESKTOP, **options):
    """A page in a fresh context (its own cookies, so its own login)."""
    context = browser.new_context(viewport=viewport, locale="zh-TW", **options)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser):
    page = new_page(browser, PHONE, is_mobile=True)
    yield page
    page.context.close()


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def log_in(page, base, username):
    """Log in as one of the users of tests/conftest.py (password pw-<username>) and wait for the home page."""
    page.goto(base + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-" + username)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*(?<!login/)$"))


def log_out(page):
    page.click("form[action$='/logout/'] button")
    page.wait_for_url(re.compile(r".*/login/.*"))
