"""A year's signed minutes of a series as one ZIP: asked for on the meeting list, built by the worker (eagerly here),
listed on 我的檔案 and downloaded by its requester only."""

import csv
import hashlib
import io
import zipfile

import pytest
from django.urls import reverse

from audit.actions import Action
from audit.models import Event
from jobs.models import Job
from minutes.models import Office, Role, SignedRecord

pytestmark = pytest.mark.django_db


def ask(client, queued, archive):
    return queued(client.post, reverse("jobs:minutes-zip"), {"archive": archive}, follow=True)


def archive_value(meeting):
    return f"{meeting.series_id}:2022"


def download(client, job):
    response = client.get(job.get_download_url())
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_meeting_list_offers_each_year_of_signed_minutes(client, chief_wenshu, signed_year):
    client.force_login(chief_wenshu)
    page = client.get(reverse("minutes:meeting-list")).content.decode()
    assert "下載一年的簽核紀錄" in page
    assert f'value="{archive_value(signed_year[0])}"' in page
    assert "臺北市政府秘書處處務會議 民國 111 年" in page


def test_a_list_without_signed_minutes_offers_no_zip(client, chief_wenshu, seed_meeting):
    client.force_login(chief_wenshu)
    assert "下載一年的簽核紀錄" not in client.get(reverse("minutes:meeting-list")).content.decode()


def test_the_zip_holds_every_signed_pdf_of_the_year_byte_for_byte_with_an_index_of_hashes(
    client, chief_wenshu, signed_year, queued
):
    client.force_login(chief_wenshu)
    response = ask(client, queued, archive_value(signed_year[0]))
    assert "已受理" in response.content.decode()
    job = Job.objects.get()
    assert job.status == Job.Status.DONE and job.requested_by == chief_wenshu
    archive = zipfile.ZipFile(io.BytesIO(download(client, job)))
    assert sorted(archive.namelist()) == ["第108次-第1版.pdf", "第109次-第1版.pdf", "索引.csv"]
    for meeting in signed_year:
        stored = SignedRecord.objects.get(meeting=meeting)
        assert archive.read(f"第{meeting.number}次-第1版.pdf") == bytes(stored.pdf)
    rows = list(csv.DictReader(io.StringIO(archive.read("索引.csv").decode("utf-8-sig"))))
    assert [row["會次"] for row in rows] == ["108", "109"]
    for row in rows:
        assert row["SHA-256"] == hashlib.sha256(archive.read(row["檔名"])).hexdigest()
    assert job.sha256 == hashlib.sha256(download(client, job)).hexdigest()


def test_an_amended_meeting_is_in_the_zip_as_its_current_version(client, chief_wenshu, recorder, signed_year, queued):
    from minutes import services

    services.meeting_amend(signed_year[0], recorder, reason="誤植", changes="出席人員更正")
    client.force_login(chief_wenshu)
    ask(client, queued, archive_value(signed_year[0]))
    archive = zipfile.ZipFile(io.BytesIO(download(client, Job.objects.get())))
    assert "第108次-第2版.pdf" in archive.namelist() and "第108次-第1版.pdf" not in archive.namelist()
    assert archive.read("第108次-第2版.pdf") == bytes(SignedRecord.objects.get(meeting=signed_year[0], version=2).pdf)


def test_my_files_lists_the_job_with_its_status_and_download_link(client, chief_wenshu, signed_year, queued):
    client.force_login(chief_wenshu)
    ask(client, queued, archive_value(signed_year[0]))
    job = Job.objects.get()
    page = client.get(reverse("jobs:job-list")).content.decode()
    assert "臺北市政府秘書處處務會議 民國 111 年簽核紀錄" in page
    assert "完成" in page and job.get_download_url() in page


def test_a_job_waiting_for_the_worker_is_listed_as_queued(client, chief_wenshu, signed_year):
    client.force_login(chief_wenshu)
    client.post(reverse("jobs:minutes-zip"), {"archive": archive_value(signed_year[0])})  # commit callbacks not run
    page = client.get(reverse("jobs:job-list")).content.decode()
    assert "排隊中" in page and 'http-equiv="refresh"' in page
    assert Job.objects.get().get_download_url() not in page


def test_another_person_cannot_download_or_see_the_file(client, chief_wenshu, chief_zongwu, signed_year, queued):
    client.force_login(chief_wenshu)
    ask(client, queued, archive_value(signed_year[0]))
    job = Job.objects.get()
    client.force_login(chief_zongwu)
    assert client.get(job.get_download_url()).status_code == 404
    assert job.get_download_url() not in client.get(reverse("jobs:job-list")).content.decode()


def test_an_office_that_does_not_share_its_minutes_refuses_another_offices_request(
    client, make_user, signed_year, queued
):
    other = Office.objects.create(name="臺北市政府資訊局")
    outsider = make_user("it-member", Role.MEMBER, office=other)
    client.force_login(outsider)
    page = ask(client, queued, archive_value(signed_year[0])).content.decode()
    assert "沒有這個會議系列與年度的已簽核紀錄" in page
    assert not Job.objects.exists()


def test_a_shared_office_lets_the_whole_city_ask(client, make_user, signed_year, queued):
    Office.objects.filter(pk=signed_year[0].series.office_id).update(shares_signed=True)
    outsider = make_user("it-member", Role.MEMBER, office=Office.objects.create(name="臺北市政府資訊局"))
    client.force_login(outsider)
    ask(client, queued, archive_value(signed_year[0]))
    assert Job.objects.get().status == Job.Status.DONE


def test_a_person_may_have_five_files_pending_at_most(client, chief_wenshu, signed_year):
    client.force_login(chief_wenshu)
    for _ in range(5):
        client.post(reverse("jobs:minutes-zip"), {"archive": archive_value(signed_year[0])})
    page = client.post(reverse("jobs:minutes-zip"), {"archive": archive_value(signed_year[0])}, follow=True)
    assert "已有 5 個檔案正在排隊或處理中" in page.content.decode()
    assert Job.objects.count() == 5


def test_asking_for_a_zip_is_a_post(client, chief_wenshu):
    client.force_login(chief_wenshu)
    assert client.get(reverse("jobs:minutes-zip")).status_code == 405


def test_the_request_and_each_download_are_audited(client, chief_wenshu, signed_year, queued):
    client.force_login(chief_wenshu)
    ask(client, queued, archive_value(signed_year[0]))
    job = Job.objects.get()
    download(client, job)
    assert list(Event.objects.exclude(action=Action.LOGIN).order_by("id").values_list("action", "username")) == [
        (Action.FILE_REQUEST, "wenshu"), (Action.FILE_DOWNLOAD, "wenshu"),
    ]
    assert job.sha256 in Event.objects.get(action=Action.FILE_DOWNLOAD).detail


def test_a_rerun_of_a_finished_job_changes_nothing(client, chief_wenshu, signed_year, queued):
    from jobs.services import job_run

    client.force_login(chief_wenshu)
    ask(client, queued, archive_value(signed_year[0]))
    job = Job.objects.get()
    assert job_run(job.pk) is None
    assert Job.objects.get().path == job.path and Job.objects.get().attempts == 1


def test_a_job_left_running_by_a_dead_worker_starts_over_and_finishes(chief_wenshu, signed_year, files_dir):
    from jobs.services import job_run

    job = Job.objects.create(kind=Job.Kind.MINUTES_ZIP, requested_by=chief_wenshu, title="t",
                             params={"series": signed_year[0].series_id, "year": 2022},
                             status=Job.Status.RUNNING, attempts=1)
    files_dir.mkdir(parents=True)
    (files_dir / f"job-{job.pk}-1.part").write_bytes(b"half a zip")
    job_run(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 2
    assert zipfile.ZipFile(files_dir / job.path).testzip() is None
    assert sorted(p.name for p in files_dir.iterdir()) == [job.path]  # the half file is gone


def test_my_files_takes_the_same_few_queries_however_many_files(
    client, chief_wenshu, signed_year, queued, django_assert_max_num_queries
):
    client.force_login(chief_wenshu)
    for _ in range(4):
        ask(client, queued, archive_value(signed_year[0]))
    with django_assert_max_num_queries(6):
        assert client.get(reverse("jobs:job-list")).status_code == 200


def test_superusers_see_every_file_and_why_it_failed_in_the_admin(client, chief_wenshu, staff, django_user_model):
    Job.objects.create(kind=Job.Kind.EXPORT, requested_by=chief_wenshu, title="列管案件匯出", status=Job.Status.FAILED,
                       error="磁碟空間不足，檔案沒有產生")
    assert staff.get(reverse("admin:jobs_job_changelist")).status_code == 403  # a recorder's admin has no files
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    page = client.get(reverse("admin:jobs_job_changelist")).content.decode()
    assert "磁碟空間不足" in page and "wenshu" in page


def test_a_broker_that_cannot_be_reached_fails_the_job_with_a_reason(
    client, chief_wenshu, signed_year, queued, monkeypatch, caplog
):
    from kombu.exceptions import OperationalError

    from jobs import tasks

    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.build_file, "delay", unreachable)
    client.force_login(chief_wenshu)
    assert ask(client, queued, archive_value(signed_year[0])).status_code == 200
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and job.error == "背景工作服務暫時無法使用，請稍後再申請。"
    assert any("could not queue job" in r.getMessage() for r in caplog.records)
