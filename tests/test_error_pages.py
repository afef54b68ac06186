"""Error pages speak Chinese and lead back into the app, instead of Django's English defaults."""

import datetime as dt

import pytest
import time_machine
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gets_a_chinese_page_with_ways_back(client, recorder):
    client.force_login(recorder)
    response = client.get("/meetings/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "找不到頁面" in html and "Not Found" not in html
    assert f'href="{reverse("minutes:meeting-list")}"' in html


def test_a_form_sent_after_its_security_token_expired_gets_a_chinese_explanation(recorder):
    client = Client(enforce_csrf_checks=True)
    client.force_login(recorder)
    response = client.post(reverse("minutes:meeting-create"), {"number": "109"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "表單已逾時，沒有送出" in html and "CSRF verification failed" not in html


def test_a_server_error_page_is_in_chinese(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "系統發生錯誤" in html and "Server Error" not in html


def _database_down(execute, sql, params, many, context):
    raise OperationalError("connection to server at \"127.0.0.1\", port 5432 failed: Connection refused")


def test_a_page_asked_while_the_database_is_down_gets_a_chinese_503_that_says_to_retry(recorder):
    client = Client(raise_request_exception=False)
    client.force_login(recorder)
    with connection.execute_wrapper(_database_down):
        response = client.get(reverse("minutes:meeting-list"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    html = response.content.decode()
    assert "系統暫時無法使用" in html and "資料庫暫時無法連線" in html and "Service Unavailable" not in html
    assert response["X-Request-ID"]  # the request still gets its log line, without reading the session


def test_a_form_sent_while_the_database_is_down_gets_the_503_page(recorder):
    client = Client(raise_request_exception=False)
    client.force_login(recorder)
    with connection.execute_wrapper(_database_down):
        response = client.post(reverse("minutes:meeting-create"), {"number": "109"})
    assert response.status_code == 503
    assert "資料庫暫時無法連線" in response.content.decode()


def test_a_failure_that_is_not_the_database_still_gets_the_500_page(recorder, monkeypatch):
    def broken(user):
        raise RuntimeError("a bug")

    monkeypatch.setattr("config.views.home_context", broken)
    client = Client(raise_request_exception=False)
    client.force_login(recorder)
    response = client.get(reverse("home"))
    assert response.status_code == 500
    assert "系統發生錯誤" in response.content.decode()


def _session_save_fails(execute, sql, params, many, context):
    if sql.startswith('UPDATE "django_session"'):
        raise OperationalError("terminating connection due to administrator command")
    return execute(sql, params, many, context)


def test_a_session_save_cut_off_by_the_database_gets_the_503_page_not_a_400(recorder):
    """Django's database sessions report a failed save as "the session was deleted" (400); a database that went
    away while the page was answered is the 503 page's case."""
    client = Client(raise_request_exception=False)
    client.force_login(recorder)
    # Two minutes on, a page pushes the idle expiry forward: a session save.
    later = timezone.now() + dt.timedelta(minutes=2)
    with time_machine.travel(later, tick=False), connection.execute_wrapper(_session_save_fails):
        response = client.get(reverse("minutes:meeting-list"))
    assert response.status_code == 503
    assert "資料庫暫時無法連線" in response.content.decode()


def test_a_bad_request_that_is_not_the_database_still_gets_the_400_page(recorder):
    client = Client(raise_request_exception=False)
    client.force_login(recorder)
    response = client.get(reverse("minutes:meeting-list"), HTTP_HOST="bad host")
    assert response.status_code == 400
