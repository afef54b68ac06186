"""`make serve`'s configuration, run for real: gunicorn with DEBUG off, WhiteNoise, one JSON line per request."""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    port = _free_port()
    dropped = ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")
    env = {k: v for k, v in os.environ.items() if k not in dropped} | {
        "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "SECURE_COOKIES": "0",
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}", "STATIC_ROOT": str(tmp / "static"),
        "PORT": str(port), "WEB_CONCURRENCY": "1", "GUNICORN_THREADS": "2",
    }
    # No migrate: the pages asked for here (the login page, a 404, static files) read no table.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True,
                   timeout=300)
    log = (tmp / "stderr.log").open("w+")
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py", "config.wsgi"],
                               cwd=ROOT, env=env, stderr=log, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/login/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        yield base, tmp / "stderr.log"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def get(url, **headers):
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10)


def log_lines(path: Path) -> list[dict]:
    time.sleep(0.3)  # the line is written after the response is sent
    return [json.loads(line) for line in path.read_text().splitlines() if line.startswith("{")]


def test_a_request_id_from_the_load_balancer_is_echoed_and_logged(server):
    base, log = server
    response = get(base + "/login/", **{"X-Request-ID": "lb-7f3a9c"})
    assert response.headers["X-Request-ID"] == "lb-7f3a9c"
    line = [e for e in log_lines(log) if e.get("request_id") == "lb-7f3a9c"]
    assert len(line) == 1
    assert line[0]["logger"] == "request" and line[0]["status"] == 200 and line[0]["path"] == "/login/"
    assert line[0]["address"] == "127.0.0.1" and line[0]["duration_ms"] >= 0


def test_a_request_without_a_plain_id_gets_a_fresh_one(server):
    base, _ = server
    generated = get(base + "/login/").headers["X-Request-ID"]
    forged = get(base + "/login/", **{"X-Request-ID": "x" * 300}).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated) and re.fullmatch(r"[0-9a-f]{32}", forged)
    assert generated != forged


def test_every_log_line_is_json_with_a_level_and_a_utc_time(server):
    base, log = server
    get(base + "/login/")
    lines = log_lines(log)
    assert any(e["logger"] == "gunicorn.error" for e in lines)
    assert all(e["time"].endswith(("Z", "+00:00")) and e["level"] for e in lines)


def test_static_files_have_hashed_names_and_are_cached_for_a_year(server):
    base, _ = server
    html = get(base + "/login/").read().decode()
    css = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', html)
    assert css, "the stylesheet's name carries its content hash"
    response = get(base + css.group(1), **{"Accept-Encoding": "gzip"})
    assert "max-age=315360000" in response.headers["Cache-Control"]
    assert "immutable" in response.headers["Cache-Control"]
    assert response.headers["Content-Encoding"] == "gzip"


def test_pages_are_served_with_debug_off(server):
    base, _ = server
    with pytest.raises(urllib.error.HTTPError) as missing:
        get(base + "/no-such-page/")
    assert missing.value.code == 404
    assert "Traceback" not in missing.value.read().decode()
