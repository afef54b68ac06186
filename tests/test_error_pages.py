"""Error pages speak Chinese and lead back into the app, instead of Django's English defaults."""

import pytest
from django.test import Client
from django.urls import reverse
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
