"""Management commands refuse bad input with a clear line and a non-zero exit, and save nothing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from minutes.models import Meeting

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def refused(*args) -> str:
    with pytest.raises(CommandError) as error:
        call_command(*args, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return str(error.value)


def test_importing_a_missing_file_says_so(tmp_path):
    assert "無法讀取" in refused("import_minutes", str(tmp_path / "missing.txt"))


def test_importing_a_binary_file_is_refused_without_a_traceback(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes(bytes(range(256)) * 4)
    refused("import_minutes", str(path))
    assert not Meeting.objects.exists()


def test_importing_a_file_with_nul_characters_is_refused(tmp_path, seed_text):
    path = tmp_path / "minutes.txt"
    path.write_bytes(seed_text.replace("同意備查", "同意\x00備查", 1).encode("utf-8"))
    assert "NUL" in refused("import_minutes", str(path))
    assert not Meeting.objects.exists()


def test_importing_a_record_with_markup_is_refused_with_its_line(tmp_path, seed_text):
    path = tmp_path / "minutes.txt"
    path.write_text(seed_text.replace("同意備查", "同意備查<script>alert(1)</script>", 1), encoding="utf-8")
    message = refused("import_minutes", str(path))
    assert "HTML" in message and f"{path}:" in message
    assert not Meeting.objects.exists()


def test_exporting_a_meeting_that_does_not_exist_says_so(tmp_path, seed_meeting):
    assert "找不到會議" in refused("export_minutes", "999", "-o", str(tmp_path / "x.pdf"))


def test_exporting_with_an_unknown_series_says_so(tmp_path, seed_meeting):
    assert "找不到會議系列" in refused("export_minutes", "108", "--series", "不存在/處務", "-o", str(tmp_path / "x.pdf"))


def test_exporting_into_a_missing_folder_says_so(tmp_path, seed_meeting):
    assert "無法寫入" in refused("export_minutes", "108", "-o", str(tmp_path / "no" / "such" / "x.pdf"))


def test_reminders_with_a_bad_date_say_so():
    assert "YYYY-MM-DD" in refused("send_reminders", "--date", "111/1/20")


def test_in_production_the_demo_is_not_loaded_into_a_database_with_real_accounts(make_user, settings):
    settings.DEBUG = False
    make_user("someone-real")
    message = refused("load_demo")
    assert "示範帳號" in message
    assert not Meeting.objects.exists()


def test_in_production_the_demo_loads_next_to_real_accounts_only_when_asked_explicitly(make_user, settings):
    settings.DEBUG = False
    make_user("someone-real")
    call_command("load_demo", "--force", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert Meeting.objects.filter(number=108).exists()


def test_on_a_developers_machine_the_demo_loads_next_to_their_own_accounts(make_user, settings):
    settings.DEBUG = True
    make_user("developer")
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert Meeting.objects.filter(number=108).exists()


def test_a_refused_command_exits_non_zero_with_one_clear_line(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    result = subprocess.run([sys.executable, "manage.py", "import_minutes", str(tmp_path / "missing.txt")],
                            check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("CommandError: 無法讀取")
    assert "Traceback" not in result.stderr
