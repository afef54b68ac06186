"""The audit log is for superusers to read, search and export; no one, superusers included, can change it."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

import audit
from audit.models import Event

pytestmark = pytest.mark.django_db
LIST = "admin:audit_event_changelist"


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.gov.tw", "pw-admin")


@pytest.fixture
def events(chief_wenshu, chair):
    return [
        audit.record(audit.Action.LOGIN, user=chief_wenshu),
        audit.record(audit.Action.PDF_DOWNLOAD, user=chair, target="第 108 次處務會議紀錄"),
        audit.record(audit.Action.LOGIN_FAILED, username="=HYPERLINK(\"http://x\")", detail="帳號或密碼不正確"),
    ]


def test_superusers_read_the_log(client, superuser, events):
    client.force_login(superuser)
    html = client.get(reverse(LIST)).content.decode()
    assert "下載紀錄 PDF" in html and "第 108 次處務會議紀錄" in html
    assert client.get(reverse("admin:audit_event_change", args=[events[0].pk])).status_code == 200


def test_the_log_is_searchable(client, superuser, events):
    client.force_login(superuser)
    html = client.get(reverse(LIST), {"q": "wenshu"}).content.decode()
    assert "wenshu" in html and "第 108 次處務會議紀錄" not in html


@pytest.mark.parametrize("make", ["recorder_staff", "member"])
def test_nobody_else_sees_it(client, recorder, make_user, make):
    user = recorder if make == "recorder_staff" else make_user("member")
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get(reverse(LIST)).status_code == 403
    assert client.get(reverse("admin:audit_event_export")).status_code == 403
    assert "稽核紀錄" not in client.get(reverse("admin:index")).content.decode()


def test_even_a_superuser_cannot_add_change_or_delete_a_row(client, superuser, events):
    client.force_login(superuser)
    pk = events[0].pk
    assert client.get(reverse("admin:audit_event_add")).status_code == 403
    assert client.post(reverse("admin:audit_event_change", args=[pk]), {"detail": "改過"}).status_code == 403
    assert client.post(reverse("admin:audit_event_delete", args=[pk]), {"post": "yes"}).status_code == 403
    client.post(reverse(LIST), {"action": "delete_selected", "_selected_action": [pk], "post": "yes"})
    assert Event.objects.filter(pk=pk, detail="").exists()


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_export_is_the_filtered_list_as_csv(client, superuser, events):
    client.force_login(superuser)
    response = client.get(reverse("admin:audit_event_export"), {"action__exact": "pdf_download"})
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert rows[0][:4] == ["時間", "事件", "帳號", "來源位址"]
    assert [(r[1], r[2], r[6]) for r in rows[1:]] == [("下載紀錄 PDF", "chair", "第 108 次處務會議紀錄")]


def test_exported_cells_never_run_as_formulas(client, superuser, events):
    client.force_login(superuser)
    rows = read_csv(client.get(reverse("admin:audit_event_export"), {"action__exact": "login_failed"}))
    assert rows[1][2] == "'=HYPERLINK(\"http://x\")"


def test_exporting_the_log_is_itself_audited(client, superuser, events):
    client.force_login(superuser)
    b"".join(client.get(reverse("admin:audit_event_export"), {"q": "wenshu"}, REMOTE_ADDR="192.0.2.8")
             .streaming_content)
    event = Event.objects.get(action="audit_export")
    assert (event.user, event.address, event.detail) == (superuser, "192.0.2.8", "條件：q=wenshu")


def test_the_list_links_to_the_export_of_what_it_shows(client, superuser, events):
    client.force_login(superuser)
    html = client.get(reverse(LIST), {"action__exact": "login"}).content.decode()
    assert reverse("admin:audit_event_export") + "?action__exact=login" in html


def test_purge_deletes_only_rows_past_the_retention_period(settings, events):
    from django.core.management import call_command

    settings.AUDIT_RETENTION_YEARS = 2
    now = timezone.now()
    Event.objects.filter(pk=events[0].pk).update(at=now - dt.timedelta(days=2 * 366))
    Event.objects.filter(pk=events[1].pk).update(at=now - dt.timedelta(days=2 * 365 - 2))
    out = io.StringIO()
    call_command("purge_audit", "--dry-run", stdout=out)
    assert out.getvalue().startswith("would delete 1 audit rows")
    assert Event.objects.count() == 3
    call_command("purge_audit", stdout=io.StringIO())
    assert not Event.objects.filter(pk=events[0].pk).exists()
    assert Event.objects.filter(pk__in=[events[1].pk, events[2].pk]).count() == 2
    purge = Event.objects.get(action="audit_purge")
    assert "的 1 筆（保存 2 年）" in purge.detail
