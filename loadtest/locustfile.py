"""A day at the city government, for locust: members and chiefs reading and searching, chiefs writing their
units' progress, recorders correcting review decisions on a draft meeting, signed PDFs downloaded.

Every account logs in through the login form, and every POST carries the CSRF token read from its form. Each
write carries a token of its own (in the progress text, in the correction's reason) and is written to the
ledger (LOADTEST_LEDGER, JSON lines) with whether the app said it succeeded, so loadtest/run.py can count the
rows in the database against the writes that succeeded. The plan (LOADTEST_PLAN) comes from prepare.py.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import random
import re
import threading
import time
import uuid

from locust import HttpUser, between, events, task
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

with open(os.environ["LOADTEST_PLAN"], encoding="utf-8") as plan_file:
    PLAN = json.load(plan_file)
LEDGER_PATH = os.environ.get("LOADTEST_LEDGER", "var/loadtest/ledger.jsonl")
RUN_ID = os.environ.get("LOADTEST_RUN_ID") or uuid.uuid4().hex[:8]
WAIT = [float(x) for x in os.environ.get("LOADTEST_WAIT", "1,4").split(",")]
KEYWORDS = ["文書", "系統", "資訊", "會議", "計畫", "採購", "列管", "市民", "預算"]

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PROGRESS_RE = re.compile(r'name="(item-\d+)-text"')
CORRECT_RE = re.compile(r'<select name="(correct_\d+)"[^>]*>(.*?)</select>', re.DOTALL)
SELECTED_RE = re.compile(r'<option value="([^"]*)"[^>]*selected')
CORRECTED_RE = re.compile(r"已更正 (\d+) 件")
REFUSAL_RE = re.compile(r'class="(?:message error|errorlist[^"]*)">(.*?)</(?:li|ul|div)>', re.DOTALL)
TAG_RE = re.compile(r"<[^>]+>")

_ledger_lock = threading.Lock()
_ledger = open(LEDGER_PATH, "a", encoding="utf-8")  # noqa: SIM115 (open for the whole run, flushed per line)
_sequence = itertools.count(1)


def ledger_write(**entry) -> None:
    with _ledger_lock:
        _ledger.write(json.dumps({"run": RUN_ID, "t": time.time(), **entry}, ensure_ascii=False) + "\n")
        _ledger.flush()


def token() -> str:
    return f"LT{RUN_ID}-{next(_sequence)}"


def why(response) -> str:
    """A failed answer in a few words: its status, and for a 503 whether it is the app's page for a database
    that is down."""
    if response.status_code == 503 and "資料庫暫時無法連線" in response.text:
        return "HTTP 503 (資料庫暫時無法連線)"
    return f"HTTP {response.status_code}"


def csrf_of(page: str) -> str | None:
    match = CSRF_RE.search(page)
    return match.group(1) if match else None


class CityUser(HttpUser):
    """A person of one of the generated offices, logged in through the form."""

    abstract = True
    wait_time = between(*WAIT)
    accounts: itertools.cycle  # set per subclass

    def on_start(self):
        self.office, self.username, self.extra = next(self.accounts)
        # As a browser does, a GET sent on a kept-alive connection that the server closed at that moment (a
        # gunicorn worker replaced after GUNICORN_MAX_REQUESTS) is sent once more on a new connection; never a
        # POST. Each such retry is counted in the ledger; an answer with a status (a 503) is never retried.
        retry = Retry(total=1, connect=1, read=1, status=0, other=0, allowed_methods={"GET", "HEAD"},
                      raise_on_status=False, respect_retry_after_header=False)
        self.client.mount("http://", HTTPAdapter(max_retries=retry))
        self.login()

    def login(self) -> bool:
        page = self.client.get("/login/", name="login page")
        csrf = csrf_of(page.text)
        with self.client.post(
            "/login/", data={"csrfmiddlewaretoken": csrf or "", "username": self.username,
                             "password": PLAN["password"]},
            headers={"Referer": self.host + "/login/"}, name="login", allow_redirects=False, catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login refused: {why(response)}")
                return False
            response.success()
        return True

    def page(self, url: str, name: str, expect: str | None = None):
        """A GET that must answer 200 (after the app's redirects) and, when given, show `expect`."""
        with self.client.get(url, name=name, catch_response=True) as response:
            retries = getattr(getattr(response, "raw", None), "retries", None)
            if retries is not None and retries.history:
                ledger_write(kind="retry", name=name, error=str(retries.history[-1].error)[:200])
            if response.status_code != 200:
                response.failure(why(response))
            elif "/login/" in response.url and not url.startswith("/login/"):
                response.failure("sent to the login page")
                self.login()
            elif expect and expect not in response.text:
                response.failure(f"page lacks {expect!r}")
            else:
                response.success()
            return response

    def write(self, url: str, data: dict, name: str, *, kind: str, mark: str, referer: str, rows: int = 1):
        """A POST of a form: saved is the redirect the view answers a saved form with. The form again (200) is a
        refusal the page explains (two recorders correcting the same meeting at once: the later one's choices
        are stale), which the app is right to give and the user reads; anything else is a failure. The ledger
        gets the outcome either way."""
        started = time.time()
        with self.client.post(url, data=data, name=name, allow_redirects=False, catch_response=True,
                              headers={"Referer": self.host + referer}) as response:
            ok = response.status_code == 302 and "/login/" not in response.headers.get("Location", "")
            refusal = None
            if ok:
                response.success()
            elif response.status_code == 200:
                said = " ".join(TAG_RE.sub("", m) for m in REFUSAL_RE.findall(response.text))
                refusal = html.unescape(said).strip()[:200] or "?"
                response.success()
            else:
                response.failure(f"not saved: {why(response)}")
            ledger_write(kind=kind, token=mark, ok=ok, status=response.status_code, rows=rows if ok else 0,
                         refusal=refusal, seconds=round(time.time() - started, 3), user=self.username)
            return response if ok else None

    # --- reading, common to everyone -------------------------------------------------------------------------

    @task(3)
    def home(self):
        self.page("/", "home")

    @task(2)
    def meeting_list(self):
        self.page("/meetings/", "meeting list", expect="會議")

    @task(1)
    def meeting_search(self):
        self.page(f"/meetings/?q={random.choice(KEYWORDS)}", "meeting list: keyword")

    @task(2)
    def tracking_list(self):
        self.page("/tracking/", "tracking list", expect="列管")

    @task(2)
    def tracking_filter(self):
        query = random.choice([
            "status=open&status=continued", "status=closed", "due=overdue", f"q={random.choice(KEYWORDS)}",
            "sort=due", "status=continued&q=組",
        ])
        self.page(f"/tracking/?{query}", "tracking list: filter")

    @task(3)
    def case_page(self):
        self.page(random.choice(self.office["cases"]), "case page", expect="列管案號")


def _office_accounts(role: str):
    rows = []
    for office in PLAN["offices"]:
        if role == "member":
            rows += [(office, name, None) for name in office["members"]]
        elif role == "chief":
            rows += [(office, chief["username"], chief) for chief in office["chiefs"]]
        elif role == "recorder":
            rows.append((office, office["recorder"], None))
        elif role == "oversight":
            rows.append((office, PLAN["oversight"], None))
    random.Random(RUN_ID).shuffle(rows)
    return itertools.cycle(rows)


class Member(CityUser):
    """Reads the office's meetings and cases, searches, downloads the signed minutes."""

    weight = 5
    accounts = _office_accounts("member")

    @task(3)
    def meeting_page(self):
        self.page(self.office["signed_meeting"], "meeting page", expect="會議紀錄")

    @task(2)
    def signed_pdf(self):
        with self.client.get(self.office["signed_pdf"], name="signed PDF", catch_response=True) as response:
            if response.status_code == 200 and response.content[:5] == b"%PDF-":
                response.success()
            else:
                response.failure(f"no PDF: {why(response)}")

    @task(1)
    def statistics(self):
        self.page("/tracking/statistics/", "statistics")


class Oversight(CityUser):
    """研考: every office's tracking and the statistics across offices."""

    fixed_count = 1
    accounts = _office_accounts("oversight")

    @task(3)
    def city_tracking(self):
        office = random.choice(PLAN["offices"])["office_id"]
        self.page(f"/tracking/?status=open&status=continued&office={office}", "tracking list: oversight filter")

    @task(2)
    def city_statistics(self):
        self.page("/tracking/statistics/", "statistics")


class Chief(CityUser):
    """A division chief: the unit's dashboard, then progress on one of its cases."""

    weight = 4
    accounts = _office_accounts("chief")

    @task(3)
    def dashboard(self):
        self.page(self.extra["dashboard"], "unit dashboard", expect="列管")

    @task(4)
    def report_progress(self):
        form = self.page(self.extra["progress"], "progress form")
        if form.status_code != 200:
            return
        prefixes = PROGRESS_RE.findall(form.text)
        csrf = csrf_of(form.text)
        if not prefixes or not csrf:
            return
        prefix, mark = random.choice(prefixes), token()
        self.write(self.extra["progress"], {
            "csrfmiddlewaretoken": csrf, f"{prefix}-text": f"已依會議結論辦理，持續追蹤中（{mark}）。",
            f"{prefix}-suggestion": random.choice(["continue", "continue", "close"]),
        }, "progress report (write)", kind="progress", mark=mark, referer=self.extra["progress"])


class Recorder(CityUser):
    """The office's recorder on its draft meeting: the record, the review page, decisions corrected."""

    # A fixed number, started first: one per office up to five, so that even a short run writes decisions and two
    # recorders seldom correct the same meeting at once.
    fixed_count = int(os.environ.get("LOADTEST_RECORDERS") or min(len(PLAN["offices"]), 5))
    accounts = _office_accounts("recorder")

    @task(2)
    def draft_page(self):
        self.page(self.office["draft_meeting"], "meeting page (draft)", expect="會議紀錄")

    @task(6)
    def correct_decision(self):
        form = self.page(self.office["review"], "review page")
        if form.status_code != 200:
            return
        selects = {name: SELECTED_RE.findall(options) for name, options in CORRECT_RE.findall(form.text)}
        csrf = csrf_of(form.text)
        if not selects or not csrf:
            return
        data = {"csrfmiddlewaretoken": csrf, "action": "correct"}
        data.update({name: (chosen[0] if chosen else "continue") for name, chosen in selects.items()})
        # Only the reserved unit's cases (prepare.py): no chief among the users reports on them.
        fields = sorted(set(selects) & set(self.office["correctable"]))
        if not fields:
            return
        field = random.choice(fields)
        data[field] = "close" if data[field] == "continue" else "continue"
        mark = token()
        data["correction_reason"] = f"主席裁示更正（{mark}）"
        saved = self.write(self.office["review"], data, "review decision (write)", kind="review", mark=mark,
                           referer=self.office["review"])
        if saved is not None:
            # The page it leads to says how many decisions the save corrected (one, unless another recorder
            # changed the same meeting between this page and the save).
            after = self.page(self.office["review"], "review page")
            counted = CORRECTED_RE.search(html.unescape(after.text)) if after.status_code == 200 else None
            if counted:
                ledger_write(kind="review-rows", token=mark, rows=int(counted.group(1)))


_timeline: dict[int, list[int]] = {}


@events.quitting.add_listener
def _write_timeline(environment, **kwargs):
    with open(os.environ.get("LOADTEST_TIMELINE", "var/loadtest/timeline.json"), "w", encoding="utf-8") as out:
        json.dump(_timeline, out)


_failures = open(  # noqa: SIM115 (open for the whole run, flushed per line)
    os.environ.get("LOADTEST_FAILURES", "var/loadtest/failures.jsonl"), "a", encoding="utf-8"
)


@events.request.add_listener
def _record_failure(request_type, name, response_time, response_length, response=None, exception=None, **kwargs):
    """Each failed request with its time, so a fault's failures can be placed against the moment of the fault;
    and per second, how many requests were answered well and how many failed."""
    second = _timeline.setdefault(int(time.time()), [0, 0])
    second[exception is not None] += 1
    if exception is None:
        return
    status = getattr(response, "status_code", None)
    with _ledger_lock:
        _failures.write(json.dumps({"t": time.time(), "name": name, "status": status, "ms": round(response_time),
                                    "error": str(exception)[:200]}, ensure_ascii=False) + "\n")
        _failures.flush()
