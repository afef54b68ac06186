"""`make loadtest` and `make loadtest-restart`: the production configuration (gunicorn, DEBUG off) on loopback
against a private PostgreSQL cluster holding a generated city, under locust's users; then the figures, and the
rows written counted against the writes that succeeded.

    python loadtest/run.py                        # 50 users for 5 minutes
    python loadtest/run.py --users 10 --run-time 40 --restart-at 15 --offices 2

With --restart-at the private cluster is restarted (`pg_ctl restart -m fast`) that many seconds into the load:
the app must answer again by itself, the requests that failed meanwhile must have failed quickly, and no write
that succeeded may be missing. Exit status 0 only when no write is lost and every failure is explained (none
without a restart; with one, only during the restart and its recovery).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pgcluster import Cluster

PY = os.environ.get("PY", sys.executable)
TOKEN_RE = re.compile(r"LT[0-9a-f]+-\d+")
# After the server is back, requests may still fail this long: a login refused by the restart leaves its user
# signed out until it logs in again (a password hash takes seconds on a busy machine), and requests queued
# behind the restart finish late.
RECOVERY_GRACE = 15.0
# A failed request slower than this waited on the dead database rather than failing at once. Not lower: on a
# busy machine an ordinary page can queue for many seconds behind others before it even asks the database.
HANG_SECONDS = 30.0


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "unknown")
    return {"cpu": model, "cores": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()]}


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"gunicorn did not answer {url} within {seconds} s")
        time.sleep(0.5)


def count_rows(url: str, run_id: str) -> dict[str, dict[str, int]]:
    """Rows in the database carrying this run's tokens: progress reports by their text; review decisions by the
    reason of their correction, which case_correct_decision writes on the row it supersedes (the new row keeps
    the decision's own reason), so each correction leaves one row with its token."""
    import psycopg

    pattern = f"%LT{run_id}-%"
    found: dict[str, dict[str, int]] = {"progress": {}, "review": {}}
    with psycopg.connect(url.replace("postgres://", "postgresql://"), connect_timeout=10) as conn:
        for kind, sql in (
            ("progress", "SELECT text FROM tracking_progressreport WHERE text LIKE %s"),
            ("review", "SELECT superseded_reason FROM tracking_review WHERE superseded_reason LIKE %s"),
        ):
            for (value,) in conn.execute(sql, (pattern,)):
                for mark in TOKEN_RE.findall(value):
                    found[kind][mark] = found[kind].get(mark, 0) + 1
    return found


def city_size(url: str) -> str:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://"), connect_timeout=10) as conn:
        counts = [conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in (
            "minutes_meeting", "minutes_conclusion", "tracking_trackeditem", "tracking_review",
            "tracking_progressreport", "auth_user")]
    return ("{:,} meetings, {:,} conclusions, {:,} tracked cases, {:,} reviews, {:,} progress reports, "
            "{:,} accounts").format(*counts)


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def stats_table(csv_path: Path) -> list[dict]:
    rows = []
    with csv_path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows.append({
                "type": row["Type"], "name": row["Name"], "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]), "rps": float(row["Requests/s"]),
                "p50": row["50%"], "p95": row["95%"], "p99": row["99%"], "max": round(float(row["Max Response Time"])),
            })
    return rows


def writes_check(ledger: list[dict], found: dict[str, dict[str, int]]) -> dict:
    """Every write the app said it saved must be in the database, as many rows as it said; a write it refused
    or failed must not be (a row there would be a write the user was told had failed)."""
    reported_rows = {e["token"]: e["rows"] for e in ledger if e["kind"] == "review-rows"}
    result = {}
    for kind in ("progress", "review"):
        writes = [e for e in ledger if e["kind"] == kind]
        ok = [e for e in writes if e["ok"]]
        rows_expected = sum(reported_rows.get(e["token"], 1) for e in ok)
        in_db = found[kind]
        lost = [e["token"] for e in ok if in_db.get(e["token"], 0) < reported_rows.get(e["token"], 1)]
        failed_but_saved = [e["token"] for e in writes if not e["ok"] and e["token"] in in_db]
        known = {e["token"] for e in writes}
        refused = [e for e in writes if e.get("refusal")]
        result[kind] = {
            "attempted": len(writes), "succeeded": len(ok), "failed": len(writes) - len(ok) - len(refused),
            "refused": len(refused), "refusals": sorted({e["refusal"] for e in refused}),
            "rows_expected": rows_expected, "rows_found": sum(in_db.values()), "lost": lost,
            "failed_but_saved": failed_but_saved, "unknown_rows": sorted(set(in_db) - known),
        }
    return result


def restart_check(failures: list[dict], timeline: dict, window: tuple[float, float] | None, ended: float) -> dict:
    if window is None:
        return {"unexplained_failures": len(failures)}
    start, end = window
    inside = [f for f in failures if start - 1 <= f["t"] <= end + RECOVERY_GRACE]
    outside = [f for f in failures if not (start - 1 <= f["t"] <= end + RECOVERY_GRACE)]
    ok_after = sum(ok for second, (ok, _) in timeline.items() if int(second) > end + RECOVERY_GRACE)
    last_failure = max((f["t"] for f in inside), default=None)
    statuses: dict[str, int] = {}
    for f in inside:
        statuses[str(f["status"])] = statuses.get(str(f["status"]), 0) + 1
    return {
        "restart_seconds": round(end - start, 2),
        "failed_during_restart": len(inside),
        "failure_statuses": statuses,
        # 503s that were the app's own page for a database that is down (not a proxy's or a worker's death)
        "db_down_pages": sum("資料庫暫時無法連線" in f["error"] for f in inside),
        "slowest_failure_ms": max((f["ms"] for f in inside), default=0),
        "answering_again_after_s": round(last_failure - start, 2) if last_failure else 0.0,
        "succeeded_after_recovery": ok_after,
        "unexplained_failures": len(outside),
        "hung": [f for f in inside if f["ms"] > HANG_SECONDS * 1000],
        "measured_after_recovery": ended - (end + RECOVERY_GRACE) > 5,
    }


def print_report(summary: dict) -> None:
    m = summary["machine"]
    print(f"\n== load: {summary['users']} users, {summary['run_time']} s; gunicorn {summary['workers']} workers x "
          f"{summary['threads']} threads")
    print(f"   city: {summary['offices']} offices x {summary['meetings']} meetings: {summary['city']}")
    print(f"   machine: {m['cpu']}, {m['cores']} cores, load average before {summary['load_before']} "
          f"after {m['load_average']}")
    total = next((r for r in summary["stats"] if r["name"] == "Aggregated"), None)
    if total:
        print(f"   throughput {total['rps']:.1f} requests/s, {total['requests']} requests, {total['failures']} failed")
    print(f"   {'request':34} {'n':>6} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>6}  (ms)")
    for r in summary["stats"]:
        print(f"   {r['type'] + ' ' + r['name']:34.34} {r['requests']:6} {r['failures']:5} {r['p50']:>6} "
              f"{r['p95']:>6} {r['p99']:>6} {r['max']:6}")
    for kind, w in summary["writes"].items():
        print(f"   writes {kind}: {w['succeeded']} succeeded of {w['attempted']} ({w['failed']} failed, "
              f"{w['refused']} refused by the page); rows "
              f"expected {w['rows_expected']}, found {w['rows_found']}; lost {len(w['lost'])}, "
              f"failed but saved {len(w['failed_but_saved'])}")
        for refusal in w["refusals"]:
            print(f"     refused: {refusal}")
    print(f"   GETs sent again on a new connection (the server closed a kept-alive one): {summary['retried']}")
    r = summary["restart"]
    if "restart_seconds" in r:
        print(f"   restart: pg_ctl restart -m fast took {r['restart_seconds']} s at {summary['restart_at']} s; "
              f"{r['failed_during_restart']} requests failed meanwhile {r['failure_statuses']}, slowest "
              f"{r['slowest_failure_ms']} ms; last failure {r['answering_again_after_s']} s after the restart began; "
              f"{r['succeeded_after_recovery']} requests answered after recovery")
    print(f"   unexplained failures {r['unexplained_failures']}")
    if summary["failure_kinds"]:
        print("   failures: " + "; ".join(f"{k} x{n}" for k, n in summary["failure_kinds"].items()))
    print("   RESULT: " + ("ok" if summary["ok"] else "FAILED: " + ", ".join(summary["problems"])))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=2.0, help="users started per second")
    parser.add_argument("--run-time", type=int, default=300, help="seconds of load")
    parser.add_argument("--offices", type=int, default=6, help="offices of the generated city")
    parser.add_argument("--meetings", type=int, default=120, help="meetings per office of the generated city")
    parser.add_argument("--restart-at", type=float, default=None, help="restart PostgreSQL this many seconds in")
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOADTEST_PORT", "8116")))
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("LOADTEST_PG_PORT", "5444")))
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "loadtest")
    parser.add_argument("--keep", action="store_true", help="leave the cluster's data directory behind")
    args = parser.parse_args(argv)

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    for name in ("ledger.jsonl", "failures.jsonl", "timeline.json"):
        (out / name).unlink(missing_ok=True)
    run_id = secrets.token_hex(4)
    cluster = Cluster(args.pg_port)
    database_url = cluster.url("mt_load")
    workers = os.environ.get("WEB_CONCURRENCY", "3")
    threads = os.environ.get("GUNICORN_THREADS", "4")
    env = {
        **os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(40),
        "SECURE_COOKIES": "0", "PORT": str(args.port), "HOST": "127.0.0.1", "STATIC_ROOT": str(cluster.dir / "static"),
        "WEB_CONCURRENCY": workers, "GUNICORN_THREADS": threads, "PYTHONUNBUFFERED": "1",
    }
    gunicorn = None
    try:
        print(f"private PostgreSQL on 127.0.0.1:{args.pg_port} in {cluster.dir}", flush=True)
        cluster.start()
        cluster.createdb("mt_load")
        for step in (["manage.py", "migrate", "--noinput", "-v0"], ["manage.py", "collectstatic", "--noinput", "-v0"],
                     ["loadtest/prepare.py", "--offices", str(args.offices), "--meetings", str(args.meetings),
                      "--plan", str(out / "plan.json")]):
            began = time.monotonic()
            subprocess.run([PY, *step], cwd=ROOT, env={**env, "LOG_LEVEL": "WARNING"}, check=True, timeout=1800)
            print(f"{' '.join(step[:2])}: {time.monotonic() - began:.1f} s", flush=True)
        with (cluster.dir / "gunicorn.log").open("w") as log:
            gunicorn = subprocess.Popen([PY, "-m", "gunicorn", "--config", "config/gunicorn.py", "config.wsgi"],
                                        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        host = f"http://127.0.0.1:{args.port}"
        wait_for(host + "/login/", 60)

        city = city_size(database_url)  # before the load writes to it
        print(f"city: {city}", flush=True)
        load_before = [round(x, 2) for x in os.getloadavg()]
        window: list[float] = []
        if args.restart_at is not None:
            def restart():
                time.sleep(args.restart_at)
                window.append(time.time())
                cluster.restart()
                window.append(time.time())
                print(f"-- PostgreSQL restarted in {window[1] - window[0]:.2f} s", flush=True)

            threading.Thread(target=restart, daemon=True).start()
        locust_env = {**env, "LOADTEST_PLAN": str(out / "plan.json"), "LOADTEST_LEDGER": str(out / "ledger.jsonl"),
                      "LOADTEST_FAILURES": str(out / "failures.jsonl"), "LOADTEST_TIMELINE": str(out / "timeline.json"),
                      "LOADTEST_RUN_ID": run_id}
        subprocess.run(
            [PY, "-m", "locust", "-f", "loadtest/locustfile.py", "--headless", "--users", str(args.users),
             "--spawn-rate", str(args.spawn_rate), "--run-time", f"{args.run_time}s", "--host", host,
             "--csv", str(out / "locust"), "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING"],
            check=False, cwd=ROOT, env=locust_env, timeout=args.run_time + 300, stdout=subprocess.DEVNULL,
        )
        ended = time.time()
        ledger = read_jsonl(out / "ledger.jsonl")
        failures = read_jsonl(out / "failures.jsonl")
        timeline = json.loads((out / "timeline.json").read_text()) if (out / "timeline.json").exists() else {}
        writes = writes_check(ledger, count_rows(database_url, run_id))
        restart = restart_check(failures, timeline, tuple(window) if len(window) == 2 else None, ended)
        kinds: dict[str, int] = {}
        for f in failures:
            key = f"{f['name']}: {f['error'][:60]}"
            kinds[key] = kinds.get(key, 0) + 1
        problems = []
        for kind, w in writes.items():
            if w["lost"]:
                problems.append(f"{len(w['lost'])} {kind} writes lost")
            if w["unknown_rows"]:
                problems.append(f"{len(w['unknown_rows'])} {kind} rows of no write")
            if w["succeeded"] == 0:
                problems.append(f"no {kind} write succeeded")
        if restart["unexplained_failures"]:
            problems.append(f"{restart['unexplained_failures']} failed requests")
        if args.restart_at is not None:
            if len(window) != 2:
                problems.append("PostgreSQL was not restarted during the load")
            elif restart["hung"]:
                problems.append(f"{len(restart['hung'])} requests hung during the restart")
            elif not restart["succeeded_after_recovery"] or not restart["measured_after_recovery"]:
                problems.append("the app did not answer after the restart")
        summary = {
            "run_id": run_id, "users": args.users, "run_time": args.run_time, "offices": args.offices,
            "meetings": args.meetings, "city": city,
            "restart_at": args.restart_at, "workers": workers, "threads": threads, "load_before": load_before,
            "machine": machine(), "stats": stats_table(out / "locust_stats.csv"), "writes": writes,
            "restart": restart, "failure_kinds": kinds, "retried": sum(e["kind"] == "retry" for e in ledger), "problems": problems, "ok": not problems,
        }
        (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
        print_report(summary)
        return 0 if summary["ok"] else 1
    finally:
        if gunicorn is not None:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            try:
                gunicorn.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(gunicorn.pid, signal.SIGKILL)
        for log_name in ("gunicorn.log", "server.log"):  # kept beside the figures, the cluster's directory goes
            if (cluster.dir / log_name).exists():
                shutil.copy(cluster.dir / log_name, out / log_name)
        cluster.remove(keep_files=args.keep)
        if args.keep:
            print(f"kept {cluster.dir} (server.log, gunicorn.log)")


if __name__ == "__main__":
    sys.exit(main())
