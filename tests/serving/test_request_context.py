"""The request id on the response and on every log line of the request; the client's address behind proxies."""

import logging

import pytest
from django.test import RequestFactory
from django.urls import reverse

from config.requestlog import RequestIdFilter, client_address

pytestmark = pytest.mark.django_db


def test_each_request_is_logged_once_with_its_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="request"):
        response = client.get(reverse("login"), HTTP_X_REQUEST_ID="req-42")
    lines = [r for r in caplog.records if r.name == "request"]
    assert response["X-Request-ID"] == "req-42"
    assert [(r.request_id, r.status, r.path) for r in lines] == [("req-42", 200, "/login/")]


def test_other_log_lines_of_the_request_carry_its_id(client, chief_wenshu, caplog):
    caplog.handler.addFilter(RequestIdFilter())  # as the console handler of LOGGING has it
    client.force_login(chief_wenshu)
    with caplog.at_level(logging.INFO):
        client.get(reverse("minutes:meeting-create"), HTTP_X_REQUEST_ID="req-43")  # a chief may not: 403
    forbidden = [r for r in caplog.records if r.name == "django.request"]
    assert forbidden and all(r.request_id == "req-43" for r in forbidden)


def test_a_line_logged_outside_a_request_has_no_id(caplog):
    caplog.handler.addFilter(RequestIdFilter())
    logging.getLogger("minutes").warning("from a management command")
    assert caplog.records[-1].request_id == "-"


def test_the_logged_user_is_the_one_signed_in(client, recorder, caplog):
    client.force_login(recorder)
    with caplog.at_level(logging.INFO, logger="request"):
        client.get(reverse("home"))
    assert [r.user_id for r in caplog.records if r.name == "request"] == [recorder.pk]


@pytest.mark.parametrize(("count", "forwarded", "expected"), [
    (0, "198.51.100.7", "10.0.0.2"),  # no proxy trusted: the header is the client's word, ignored
    (1, "198.51.100.7", "198.51.100.7"),
    (1, "203.0.113.9, 198.51.100.7", "198.51.100.7"),  # the left entry was sent by the client itself
    (2, "203.0.113.9, 198.51.100.7, 10.0.0.1", "198.51.100.7"),
    (2, "198.51.100.7", "10.0.0.2"),  # fewer hops than proxies: not through them, use the peer
    (1, "not-an-address", "10.0.0.2"),
])
def test_the_client_address_is_taken_from_the_trusted_proxies_only(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
