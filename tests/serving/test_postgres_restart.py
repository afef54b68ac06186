"""PostgreSQL restarted under load (`pg_ctl restart -m fast` of a private cluster, never the shared server): the
app answers again without a restart of its own, the requests caught by the restart get the 503 page at once
rather than hanging, and every write the app said it saved is in the database.

It runs loadtest/run.py as `make loadtest-restart` does, smaller: a city of one office of 30 meetings, 10 users
(two of them recorders, thinking 0.5–2 s so that every kind of write happens) for 45 s, the restart 20 s in, once
every user has logged in.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def restart_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("loadtest")
    result = subprocess.run(
        [sys.executable, "loadtest/run.py", "--users", "10", "--spawn-rate", "10", "--run-time", "45",
         "--restart-at", "20", "--offices", "1", "--meetings", "30", "--port", "8106", "--pg-port", "5445", "--out", str(out)],
        check=False, cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "LOADTEST_RECORDERS": "2", "LOADTEST_WAIT": "0.5,2"},
    )
    assert (out / "summary.json").exists(), result.stdout[-3000:] + result.stderr[-3000:]
    return result, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_postgresql_was_restarted_in_the_middle_of_the_load(restart_run):
    _, summary = restart_run
    assert 0 < summary["restart"]["restart_seconds"] < 30


def test_requests_caught_by_the_restart_got_the_503_page_quickly_not_a_hang(restart_run):
    _, summary = restart_run
    restart = summary["restart"]
    assert set(restart["failure_statuses"]) <= {"503", "200"}  # 200: the login page, for a user the restart
    # signed out (its login was refused), until it logs in again
    # Every failure was the 503 page. There may be none: on a quiet machine the restart can fall between requests,
    # and CONN_HEALTH_CHECKS replaces the dead connections before they are used.
    assert restart["db_down_pages"] == restart["failure_statuses"].get("503", 0)
    assert restart["hung"] == []  # none waited 30 s or more on the dead database
    # every failure had been answered a few seconds after the server was back
    assert restart["answering_again_after_s"] <= restart["restart_seconds"] + 15


def test_the_app_answers_again_by_itself_and_nothing_fails_after_the_recovery(restart_run):
    _, summary = restart_run
    restart = summary["restart"]
    assert restart["succeeded_after_recovery"] > 0
    assert restart["unexplained_failures"] == 0


def test_no_write_the_app_said_it_saved_is_lost(restart_run):
    result, summary = restart_run
    for kind in ("progress", "review"):
        writes = summary["writes"][kind]
        assert writes["succeeded"] > 0, kind
        assert writes["lost"] == [], kind
        assert writes["rows_found"] >= writes["rows_expected"], kind
        assert writes["unknown_rows"] == [], kind
    assert result.returncode == 0, result.stdout[-3000:]
