"""Every page, as each role and in the states that matter, passes axe-core's WCAG 2.1 A and AA rules and logs
no console error.

The pages are rows of PAGES: who looks, what state the page is in, and how to get there. A page added later
is one more row.
"""

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from minutes import services
from minutes.models import Conclusion, Meeting, MeetingSeries, Role, Section, SignedRecord, Unit
from minutes.reader import parse_minutes
from tests.e2e.conftest import log_in, new_page, shot
from tests.records import TABLE_WORD, UNIVERSITY
from tracking import lifecycle
from tracking import services as tracking_services
from tracking.models import TrackedItem

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# A page that fails is always photographed (tests/screenshots/a11y-<role>-<n>.png); every page with E2E_SHOTS=1
# (a quarter of the walk's time goes into full-page screenshots).
SHOTS_WANTED = bool(os.environ.get("E2E_SHOTS"))


@dataclass
class World:
    """What the pages show: 108 signed, 109 a draft reviewing 108's cases, 10901 a case of 文書組."""

    base: str
    signed: Meeting
    draft: Meeting
    case: TrackedItem
    untracked: Conclusion  # a conclusion of 109 not yet under tracking
    unit: Unit
    signed_pdf: bytes
    tabled: Meeting  # another series' draft with a table of tracked cases
    bare_series: MeetingSeries  # a series without cases yet: its scheme can be chosen

    def url(self, name, *args, query=""):
        return self.base + reverse(name, args=args) + (f"?{query}" if query else "")


@dataclass(frozen=True)
class PageState:
    role: str | None  # a username of the fixtures below; None is a visitor who has not logged in
    state: str
    go: Callable[[Page, World], None]
    status: int = 200  # of the page the state ends on


def visit(name, *args: Callable[[World], object], query=""):
    """A step that opens the page of a URL name, its arguments read off the world."""

    def go(page: Page, world: World):
        page.goto(world.url(name, *(arg(world) for arg in args), query=query))

    return go


def send(opening, fields: dict[str, str], button: str, shows: str):
    """A step that opens a page, fills the fields (selector: text), sends the form and waits for the answer."""

    def go(page: Page, world: World):
        opening(page, world)
        for selector, text in fields.items():
            page.fill(selector, text)
        page.click(button)
        page.wait_for_selector(shows)

    return go


def unfold(opening, summary: str):
    """A step that opens a page and unfolds one of its <details>."""

    def go(page: Page, world: World):
        opening(page, world)
        page.click(f"summary:has-text('{summary}')")

    return go


def signed(w):
    return w.signed.pk


def draft(w):
    return w.draft.pk


def case(w):
    return w.case.case_number


def case_series(w):
    return w.case.series_id


def unit(w):
    return w.unit.pk


def reports_section(w):
    return Section.objects.get(meeting=w.draft, title="報告事項").pk


ITEM_FORM = visit("minutes:part-add", draft, lambda w: "item", lambda w: "section", reports_section)
SAVE_PART = "#part-form button:has-text('儲存')"
IMPORT = visit("minutes:meeting-import")


def stale_header_save(page: Page, world: World):
    page.goto(world.url("minutes:meeting-edit", draft(world)))
    meeting = Meeting.objects.get(pk=world.draft.pk)
    services.meeting_update(meeting=meeting, user=meeting.previous.signed_by, version=meeting.version,
                            place="市政大樓 11 樓第一會議室")
    page.fill("#id_attendees", "處長、副處長及各組室主管")
    page.click("button:has-text('儲存會議資訊')")
    page.wait_for_selector(".conflict")


def verify_result(page: Page, world: World):
    page.goto(world.url("verify"))
    page.set_input_files("#id_file", files=[
        {"name": "108.pdf", "mimeType": "application/pdf", "buffer": world.signed_pdf}
    ])
    page.click("button:has-text('驗證')")
    page.wait_for_selector(".verify-result")


def progress_with_error(page: Page, world: World):
    page.goto(world.url("tracking:unit-progress", unit(world)))
    page.fill(f"#id_item-{world.case.pk}-text", "已完成社交工程演練，檢討報告簽陳中。")
    page.select_option(f"#id_item-{world.case.pk}-suggestion", "")  # a text without its suggestion
    page.click("button:has-text('送出辦理情形')")
    page.wait_for_selector(".errorlist")


PAGES = [
    PageState(None, "login", visit("login")),
    PageState(None, "login with an error", send(visit("login"), {"#id_username": "recorder",
                                                                  "#id_password": "not-the-password"},
                                                 "button[type=submit]", "p.error")),

    PageState("recorder", "home", visit("home")),
    PageState("recorder", "meeting list", visit("minutes:meeting-list")),
    PageState("recorder", "meeting list, filtered", visit("minutes:meeting-list", query="q=列管&status=signed")),
    PageState("recorder", "meeting, draft", visit("minutes:meeting-detail", draft)),
    PageState("recorder", "meeting, signed, amendment form open",
              unfold(visit("minutes:meeting-detail", signed), "登錄更正")),
    PageState("recorder", "meeting with a table of tracked cases", visit("minutes:meeting-detail", lambda w: w.tabled.pk)),
    PageState("recorder", "series settings, scheme in use", visit("minutes:series-settings", lambda w: w.draft.series_id)),
    PageState("recorder", "series settings, scheme to choose",
              visit("minutes:series-settings", lambda w: w.bare_series.pk)),
    PageState("recorder", "new meeting", visit("minutes:meeting-create")),
    PageState("recorder", "editing page", visit("minutes:meeting-edit", draft)),
    PageState("recorder", "editing page, inline form open", ITEM_FORM),
    PageState("recorder", "editing page, inline form with an error",
              send(ITEM_FORM, {"#id_title": "<b>資訊安全宣導事項。</b>"}, SAVE_PART, "#id_title_error")),
    PageState("recorder", "editing page, a text over its limit, counted and refused",
              send(ITEM_FORM, {"#id_title": "資" * 2400}, SAVE_PART, "#id_title_error")),
    PageState("recorder", "editing page, stale save refused", stale_header_save, status=409),
    PageState("recorder", "import", IMPORT),
    PageState("recorder", "import with a preview",
              send(IMPORT, {"#id_text": UNIVERSITY}, "button[value=preview]", "pre.outline")),
    PageState("recorder", "import with an error",
              send(IMPORT, {"#id_text": "這是一段不是會議紀錄的文字。\n請參考附件。"}, "button[value=preview]",
                   ".source-lines"), status=400),
    PageState("recorder", "tracking list", visit("tracking:item-list")),
    PageState("recorder", "tracking list, filtered",
              visit("tracking:item-list", query="status=continued&meeting_from=99&meeting_to=108&due=within&days=30")),
    PageState("recorder", "case", visit("tracking:item-detail", case_series, case)),
    PageState("recorder", "case, correcting", visit("tracking:item-edit", case_series, case)),
    PageState("recorder", "putting a conclusion under tracking",
              visit("tracking:conclusion-track", lambda w: w.untracked.pk)),
    PageState("recorder", "review", visit("tracking:meeting-review", draft)),
    PageState("recorder", "review, reopening a case", unfold(visit("tracking:meeting-review", draft), "恢復列管")),
    PageState("recorder", "unit dashboard", visit("tracking:unit-dashboard", unit)),
    PageState("recorder", "statistics", visit("tracking:statistics")),
    PageState("recorder", "cross-office statistics", visit("tracking:office-statistics")),
    PageState("recorder", "my files", visit("jobs:job-list")),
    PageState("recorder", "verify", visit("verify")),
    PageState("recorder", "verify with a result", verify_result),
    PageState("recorder", "admin", visit("admin:index")),
    PageState("recorder", "admin, a meeting", visit("admin:minutes_meeting_change", draft)),
    PageState("recorder", "not found", lambda page, w: page.goto(w.base + "/meetings/999999/"), status=404),

    PageState("chair", "home", visit("home")),
    PageState("chair", "meeting, draft", visit("minutes:meeting-detail", draft)),
    PageState("chair", "signing", visit("minutes:meeting-sign", draft)),
    PageState("chair", "meeting, signed", visit("minutes:meeting-detail", signed)),
    PageState("chair", "forbidden", visit("minutes:meeting-edit", draft), status=403),

    PageState("wenshu", "home (the unit's dashboard)", visit("home")),
    PageState("wenshu", "progress form", visit("tracking:unit-progress", unit)),
    PageState("wenshu", "progress form with an error", progress_with_error),
    PageState("wenshu", "case", visit("tracking:item-detail", case_series, case)),
    PageState("wenshu", "meeting, signed", visit("minutes:meeting-detail", signed)),
    PageState("wenshu", "forbidden", visit("minutes:meeting-edit", draft), status=403),

    PageState("member", "home", visit("home")),
    PageState("member", "meeting list", visit("minutes:meeting-list")),
    PageState("member", "meeting, signed", visit("minutes:meeting-detail", signed)),
    PageState("member", "tracking list", visit("tracking:item-list")),
    PageState("member", "statistics", visit("tracking:statistics")),
    PageState("member", "cross-office statistics, a period", visit("tracking:office-statistics",
                                                                    query="opened_from=111-01-01&opened_to=111-12-31")),
    PageState("member", "forbidden", visit("minutes:meeting-create"), status=403),
    PageState("member", "not found", lambda page, w: page.goto(w.base + "/tracking/99999/"), status=404),
]


@pytest.fixture
def world(live_server, seed_meeting, recorder, chair, chief_wenshu, make_user) -> World:
    make_user("member", Role.MEMBER)
    services.meeting_sign(seed_meeting, chair)
    services.meeting_amend(seed_meeting, chair, reason="結論文字誤植", changes="參、二、會議結論「一月底」更正為「二月底」。")
    draft_meeting = services.meeting_create_from_previous(
        user=recorder, previous=seed_meeting, starts_at=seed_meeting.starts_at + dt.timedelta(days=28)
    )
    reports = Section.objects.get(meeting=draft_meeting, title="報告事項")
    item = services.item_create(section=reports, user=recorder, version=draft_meeting.version, title="資訊安全宣導事項。")
    draft_meeting.refresh_from_db()
    services.conclusions_create(section=reports, item=item, user=recorder, version=draft_meeting.version,
                                texts=["同意備查。", "請文書組於三月底前完成社交工程演練檢討。"])
    wenshu = Unit.objects.get(name="文書組")
    tracked = lifecycle.case_open(
        conclusion=item.conclusions.get(text__startswith="請文書組"), units=[wenshu],
        due_date=dt.date(2022, 3, 31), user=recorder,
    )
    lifecycle.case_update(item=TrackedItem.objects.get(case_number="9903"), subject="市府大樓節能改善。",
                          units=[wenshu], user=recorder)
    tracking_services.progress_report_submit(item=tracked, unit=wenshu, text="演練已排定於三月十日。",
                                             suggestion="continue", user=chief_wenshu, meeting=draft_meeting)
    return World(
        base=live_server.url, signed=seed_meeting, draft=Meeting.objects.get(pk=draft_meeting.pk), case=tracked,
        untracked=item.conclusions.get(text="同意備查。"), unit=wenshu,
        signed_pdf=SignedRecord.objects.get(meeting=seed_meeting, version=1).pdf,
        tabled=services.record_import(parse_minutes(TABLE_WORD.replace("臺北市大安區公所", "臺北市政府秘書處").replace(
            "區務", "主管"))),
        bare_series=services.series_get_or_create(office=seed_meeting.series.office, organisation="臺北市政府秘書處",
                                                  kind="會報"),
    )


# axe-core only asks for a review ("incomplete") when no id of an aria-describedby exists: a description the
# screen reader silently drops. Checked here for every reference by id.
MISSING_IDREFS = """() => {
  const found = [];
  for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls', 'for']) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) {
          found.push({target: `${el.tagName.toLowerCase()}#${el.id} [${attr}]`, summary: `no element has id ${id}`});
        }
      }
    }
  }
  return found;
}"""


def axe_violations(page: Page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Through the DevTools protocol, which the page's Content-Security-Policy does not govern.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    missing = page.evaluate(MISSING_IDREFS)
    return ([{"id": "idref", "impact": "serious", "help": "References by id must name an element of the page",
              "nodes": missing}] if missing else []) + page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))})))",
        WCAG_21_AA,
    )


def report(role, state, url, violations, errors) -> str:
    lines = [f"{role or 'anonymous'} / {state}  {url}"]
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}\n      {summary}")
    lines += [f"  {error}" for error in errors]
    return "\n".join(lines)


def walk(browser, world: World, role: str | None, states: list[PageState], log) -> list[str]:
    """Each state's page as the role sees it: what axe-core finds and the errors logged, one report per page."""
    page = new_page(browser)
    errors: list[str] = []
    statuses: list[int] = []
    page.on("console", lambda msg: msg.type == "error"
            and errors.append(f"console: {msg.text} ({msg.location['url']})"))
    page.on("pageerror", lambda exc: errors.append(f"script error: {exc}"))
    page.on("response", lambda r: r.request.is_navigation_request() and r.frame == page.main_frame
            and statuses.append(r.status))
    if role:
        log_in(page, world.base, role)
    failures = []
    answered = set()  # (path, status) of the pages walked, an error page included when that is the state
    first_record = len(log.records)
    for n, state in enumerate(states, 1):
        errors.clear()
        state.go(page, world)
        page.wait_for_load_state("load")
        status = statuses[-1]
        answered.add((urlsplit(page.url).path, status))
        # Chromium logs the status of a 4xx page itself as an error; that status is the state asked for.
        own = f"status of {state.status} " if state.status >= 400 else None
        logged = [e for e in errors if not (own and own in e and e.endswith(f"({page.url})"))]
        violations = axe_violations(page)
        if status != state.status:
            logged.append(f"status: the page answered {status}, not {state.status}")
        if violations or logged:
            failures.append(report(role, state.state, page.url, violations, logged))
        if violations or logged or SHOTS_WANTED:
            shot(page, f"a11y-{role or 'anonymous'}-{n:02d}")
    page.context.close()
    # What the browser fetches by itself (the icon it asks for at /favicon.ico) shows in no console: the
    # server's log says what it refused.
    refused = sorted({f"{r.request.path} answered {r.status_code}" for r in log.records[first_record:]
                      if r.name == "django.request" and (r.request.path, r.status_code) not in answered})
    if refused:
        failures.append(f"{role or 'anonymous'}: requests beside the pages walked: " + "; ".join(refused))
    return failures


def test_every_page_as_each_role_passes_axe_wcag_21_aa_and_logs_no_error(browser, world, caplog):
    assert AXE.exists(), f"{AXE} is missing: `make install` installs it with npm ci"
    failures = []
    for role in dict.fromkeys(state.role for state in PAGES):
        failures += walk(browser, world, role, [state for state in PAGES if state.role == role], caplog)
    assert not failures, "\n\n" + "\n\n".join(failures)


def test_the_first_tab_stop_skips_the_header_to_the_content_and_shows_itself(live_server, page, seed_meeting,
                                                                              recorder):
    log_in(page, live_server.url, "recorder")
    page.goto(live_server.url + reverse("minutes:meeting-edit", args=[seed_meeting.pk]))
    skip = page.locator("a.skip-link")
    assert skip.bounding_box()["y"] + skip.bounding_box()["height"] <= 0  # out of sight until focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要內容"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0
    shot(page, "a11y-skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    assert page.evaluate("document.activeElement.textContent") == "← 檢視紀錄"
