"""A backup restores the document of record: after pg_dump and pg_restore into a fresh database, every signed
PDF still matches its SHA-256, and verifying the file a user downloaded still finds its meeting."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from minutes import documents
from minutes.services import meeting_sign

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# Run against the restored database by a fresh process, as a restored app server would.
CHECK = """
import hashlib, json, os
from minutes import documents
from minutes.models import SignedRecord
rows = [[r.meeting_id, hashlib.sha256(bytes(r.pdf)).hexdigest() == r.sha256] for r in SignedRecord.objects.all()]
found = documents.signed_record_verify([open(os.environ["DOWNLOADED_PDF"], "rb").read()])
print(json.dumps({"rows": rows, "found": found.record.meeting_id if found.matches else None}))
"""


def database_url(name: str) -> str:
    db = connection.settings_dict
    user = quote(db["USER"] or "postgres")
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def run(*args, **env):
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={**os.environ, **env})


@pytest.fixture
def restored_name():
    name = f"{connection.settings_dict['NAME']}_restored"
    maintenance = database_url("postgres")
    run("dropdb", "--if-exists", "--force", "--maintenance-db", maintenance, name)
    yield name
    run("dropdb", "--if-exists", "--force", "--maintenance-db", maintenance, name)


def test_a_dump_restored_into_a_fresh_database_keeps_every_signed_pdf_verifiable(
    seed_meeting, chair, tmp_path, restored_name
):
    assert connection.vendor == "postgresql"
    signed = meeting_sign(seed_meeting, chair)
    downloaded = tmp_path / "downloaded.pdf"
    downloaded.write_bytes(documents.meeting_pdf_bytes(signed))

    # The commands of the README's "Backups" section.
    dump = tmp_path / "meeting_tracker.dump"
    run("pg_dump", "--format=custom", "--no-owner", f"--file={dump}", database_url(connection.settings_dict["NAME"]))
    run("createdb", "--maintenance-db", database_url("postgres"), restored_name)
    run("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={database_url(restored_name)}", str(dump))

    checked = run(sys.executable, "manage.py", "shell", "-c", CHECK, DOWNLOADED_PDF=str(downloaded),
                  DATABASE_URL=database_url(restored_name), DJANGO_SETTINGS_MODULE="config.settings")
    result = json.loads(checked.stdout.strip().splitlines()[-1])
    assert result["rows"] == [[seed_meeting.pk, True]]
    assert result["found"] == seed_meeting.pk
