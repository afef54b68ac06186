"""python manage.py export_minutes NUMBER -o FILE.pdf."""

import pytest
from django.core.management import ManagementUtility, call_command

from minutes.models import MeetingSeries, SignedRecord

pytestmark = pytest.mark.django_db


def run(*argv):
    ManagementUtility(["manage.py", "export_minutes", *argv]).execute()


def test_export_writes_the_stored_signed_file(signed_seed, tmp_path, capsys):
    out = tmp_path / "108.pdf"
    call_command("export_minutes", "108", "-o", str(out))
    assert out.read_bytes() == bytes(SignedRecord.objects.get(meeting=signed_seed).pdf)
    assert f"exported meeting {signed_seed.pk}: {signed_seed.title}" in capsys.readouterr().out


def test_export_writes_a_draft_too(seed_meeting, tmp_path):
    out = tmp_path / "108.pdf"
    call_command("export_minutes", "108", "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("series", ["臺北市政府秘書處/處務", "臺北市政府秘書處/處務會議", "id"])
def test_export_picks_the_series_by_id_or_organisation_and_kind(seed_meeting, tmp_path, series):
    if series == "id":
        series = str(seed_meeting.series_id)
    MeetingSeries.objects.create(organisation="臺北市政府秘書處", kind="主管")
    out = tmp_path / "108.pdf"
    call_command("export_minutes", "108", "-o", str(out), "--series", series)
    assert out.exists()


def test_unknown_meeting_exits_non_zero_with_a_clear_line(seed_meeting, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run("999", "-o", str(tmp_path / "x.pdf"))
    assert exit_info.value.code != 0
    assert "找不到會議：臺北市政府秘書處處務會議 第 999 次" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_series_exits_non_zero_with_a_clear_line(seed_meeting, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run("108", "-o", str(tmp_path / "x.pdf"), "--series", "不存在的機關/處務")
    assert exit_info.value.code != 0
    assert "找不到會議系列：不存在的機關/處務" in capsys.readouterr().err
