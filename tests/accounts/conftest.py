"""Fixtures of the account controls: a superuser, logging in through the login page, a frozen clock."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.gov.tw", "pw-admin")


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def login_page(client):
    """POST the login form as a browser at 203.0.113.5 would; returns the response."""

    def post(username, password, **extra):
        return client.post(reverse("login"), {"username": username, "password": password},
                           REMOTE_ADDR="203.0.113.5", **extra)

    return post
