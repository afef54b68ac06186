"""A PostgreSQL that accepts the connection but never answers (a server hung, a half-open failover address) fails
the request after DB_CONNECT_TIMEOUT seconds instead of holding a gunicorn thread until gunicorn kills it."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CONNECT = """
from django.db import connection
try:
    connection.ensure_connection()
except Exception as error:
    print(type(error).__name__)
"""


def test_a_database_that_never_answers_fails_the_connection_after_the_connect_timeout():
    with socket.socket() as silent:
        # Listening but never accepting: the kernel completes the TCP handshake, then nothing is ever said.
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"} | {
            "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "0", "SECRET_KEY": "x" * 50,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/mt_silent", "DB_CONNECT_TIMEOUT": "2",
        }
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()\n" + CONNECT],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
        )
        elapsed = time.monotonic() - started
    assert result.stdout.strip() == "OperationalError", result.stderr[-2000:]
    assert elapsed < 20  # the timeout (2 s, per address tried), plus starting Django on a busy machine
