"""Every main page's server time on a generated city, beside Django admin's changelist and a floor.

Run with `make bench-pages` (or `.venv/bin/python bench/pages.py [--rounds N] [--export-rounds N]`) against the
database of DATABASE_URL, filled by `python manage.py generate_city` (e.g. postgres://…/mt_city). In one process,
with django.test.Client and force_login as the person each page is for, every page, the admin's changelist for
the same filter (as a superuser) and the floor (the one query the page cannot do without, with LIMIT, rendered
by a minimal template) are measured round-robin: one of each per round, so a busy machine slows all three alike.
The first round is a warm-up that counts the queries (and checks each answer is a 200); the next rounds are
timed. Prints the median and p95 in milliseconds and the query count, names the machine, and writes the table
into README.md between <!-- bench-pages:start --> and <!-- bench-pages:end -->.

The whole CSV export is measured fewer times (--export-rounds): its time and the peak resident memory of the
process while it is built and read (sampled every 5 ms), against a floor that streams the same rows into a CSV
writer.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import platform
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- bench-pages:start -->", "<!-- bench-pages:end -->"
ADMIN_USERNAME = "city-bench-admin"  # the generator's prefix: generate_city --clear removes it too


@dataclass
class Target:
    """One way of answering a page: the page itself, the admin's changelist, or the floor."""

    run: Callable[[], int]  # returns the bytes of the answer
    times: list[float] = field(default_factory=list)
    queries: int | None = None
    size: int = 0


@dataclass
class Page:
    name: str
    who: str
    url: str
    page: Target
    admin: Target | None
    floor: Target | None


# --- answers -----------------------------------------------------------------------------------------------------


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def _get(client, url: str) -> Callable[[], int]:
    def run() -> int:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        if response.streaming:
            return sum(len(chunk) for chunk in response.streaming_content)
        return len(response.content)

    return run


def _floor(queryset, template: str, name: str = "rows") -> Callable[[], int]:
    """One query (with LIMIT, already on the queryset) and a minimal template of its rows."""
    from django.template import engines

    compiled = engines["django"].from_string(template)

    def run() -> int:
        return len(compiled.render({name: list(queryset.all())}).encode())

    return run


def _csv_floor(queryset) -> Callable[[], int]:
    """The rows of an export read in chunks into a CSV writer: what any export must at least do."""

    def run() -> int:
        out = io.StringIO()
        writer = csv.writer(out)
        size = 0
        for row in queryset.iterator(chunk_size=2000):
            writer.writerow(row)
            if out.tell() > 1 << 20:
                size += len(out.getvalue().encode())
                out.seek(0)
                out.truncate()
        return size + len(out.getvalue().encode())

    return run


LIST = "<ul>{% for r in rows %}<li>{{ r }}</li>{% endfor %}</ul>"
TABLE = "<table>{% for r in rows %}<tr>{% for c in r %}<td>{{ c }}</td>{% endfor %}</tr>{% endfor %}</table>"


# --- the pages of a generated city ----------------------------------------------------------------------------------


def pages(keyword: str = "採購") -> tuple[list[Page], Page]:
    """Every main page as the person it is for, picked from the generated city's first office."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Exists, OuterRef, Q
    from django.urls import reverse

    from minutes import permissions
    from minutes.models import Conclusion, Meeting, Membership, Role
    from tracking import selectors
    from tracking.citygen import OVERSIGHT_USERNAME
    from tracking.models import ProgressReport, Review, Status, TrackedItem

    User = get_user_model()
    office_ids = list(
        Membership.objects.filter(user__username__startswith="city-", office__isnull=False)
        .order_by("office__order").values_list("office_id", flat=True)[:1]
    )
    if not office_ids:
        raise SystemExit("資料庫沒有產生的模擬市府資料：請先執行 python manage.py generate_city。")
    office = office_ids[0]
    roles = {m.role: m for m in Membership.objects.filter(office=office).select_related("user", "unit")
             if m.role != Role.CHIEF}
    member, recorder = roles[Role.MEMBER].user, roles[Role.RECORDER].user
    oversight = User.objects.get(username=OVERSIGHT_USERNAME)
    admin, created = User.objects.get_or_create(
        username=ADMIN_USERNAME, defaults={"is_staff": True, "is_superuser": True, "first_name": "量測"}
    )
    if created:
        admin.set_unusable_password()
        admin.save(update_fields=["password"])
    # The unit with the most cases in the office: the busiest dashboard and the largest export of one unit.
    chief = (
        Membership.objects.filter(office=office, role=Role.CHIEF)
        .annotate(n=Count("unit__tracked_items")).order_by("-n").select_related("user", "unit").first()
    )
    unit = chief.unit
    series = unit.office.series.first()
    meeting = Meeting.objects.filter(series=series).order_by("-number").first()
    case = (
        TrackedItem.objects.filter(series=series).annotate(n=Count("reviews")).order_by("-n", "meeting_number").first()
    )
    clients = {who: _client(user) for who, user in (
        ("member", member), ("recorder", recorder), ("chief", chief.user), ("oversight", oversight), ("admin", admin),
    )}
    a = clients["admin"]
    visible_meetings = Meeting.objects.filter(permissions.meetings_visible(member))
    changelist_items = reverse("admin:tracking_trackeditem_changelist")
    active = [Status.OPEN, Status.CONTINUED]
    for_unit = TrackedItem.objects.for_unit(unit)
    window = selectors.reporting_windows(offices=[office]).get(series.pk)
    since = window.since if window else None
    reported = ProgressReport.objects.filter(item=OuterRef("pk"), created_at__gte=since) if since else None
    unreported = TrackedItem.objects.filter(series__office=office, status__in=active)
    if reported is not None:
        unreported = unreported.filter(~Exists(reported))
    kw = Q(subject__icontains=keyword) | Exists(ProgressReport.objects.filter(item=OuterRef("pk"), text__icontains=keyword)) \
        | Exists(Review.objects.filter(item=OuterRef("pk"), progress__icontains=keyword))
    export_columns = ("case_number", "subject", "status", "due_date", "meeting_number")

    def page(name, who, url, admin_url, floor):
        return Page(name, who, url, Target(_get(clients[who], url)),
                    Target(_get(a, admin_url)) if admin_url else None, Target(floor) if floor else None)

    return [
        page("meeting list", "member", reverse("minutes:meeting-list"),
             reverse("admin:minutes_meeting_changelist") + f"?series__id__exact={series.pk}",
             _floor(visible_meetings.order_by("-starts_at", "-number").values_list("number", "starts_at", "status")[:20],
                    TABLE)),
        page(f"meeting list, keyword {keyword}", "member", reverse("minutes:meeting-list") + f"?q={keyword}",
             reverse("admin:minutes_conclusion_changelist") + f"?q={keyword}&section__meeting__series__id__exact={series.pk}",
             _floor(visible_meetings.filter(Exists(Conclusion.objects.filter(section__meeting=OuterRef("pk"),
                                                                             text__icontains=keyword)))
                    .order_by("-starts_at", "-number").values_list("number", "starts_at", "status")[:20], TABLE)),
        page("/tracking/ (oversight, whole city)", "oversight", reverse("tracking:item-list"), changelist_items,
             _floor(TrackedItem.objects.order_by("meeting_number", "sequence")
                    .values_list("case_number", "subject", "status", "due_date")[:50], TABLE)),
        page(f"/tracking/, keyword {keyword} (oversight)", "oversight", reverse("tracking:item-list") + f"?q={keyword}",
             changelist_items + f"?q={keyword}",
             _floor(TrackedItem.objects.filter(kw).order_by("meeting_number", "sequence")
                    .values_list("case_number", "subject", "status", "due_date")[:50], TABLE)),
        page("/tracking/ (member, one office)", "member", reverse("tracking:item-list"),
             changelist_items + f"?series__id__exact={series.pk}",
             _floor(TrackedItem.objects.filter(series__office=office).order_by("meeting_number", "sequence")
                    .values_list("case_number", "subject", "status", "due_date")[:50], TABLE)),
        page("unit dashboard", "chief", reverse("tracking:unit-dashboard", args=[unit.pk]),
             changelist_items + f"?responsible_units__id__exact={unit.pk}&status__in=open,continued",
             _floor(for_unit.filter(status__in=active).order_by("due_date", "meeting_number", "sequence")
                    .values_list("case_number", "subject", "status", "due_date")[:200], TABLE)),
        page("statistics (member, one office)", "member", reverse("tracking:statistics"),
             changelist_items + f"?series__id__exact={series.pk}",
             _floor(TrackedItem.objects.filter(series__office=office).values_list("status").annotate(n=Count("id"))
                    .order_by("status"), TABLE)),
        page("statistics (oversight, every office)", "oversight", reverse("tracking:statistics"), changelist_items,
             _floor(TrackedItem.objects.values_list("series__office__name", "status").annotate(n=Count("id"))
                    .order_by("series__office__name", "status"), TABLE)),
        page("recorder's home", "recorder", reverse("home"), None,
             _floor(unreported.order_by("meeting_number", "sequence").values_list("case_number", "subject")[:50],
                    TABLE)),
        page("CSV export of one unit", "chief", reverse("tracking:item-export", args=["csv"]) + f"?unit={unit.pk}",
             changelist_items + f"?responsible_units__id__exact={unit.pk}",
             _csv_floor(for_unit.order_by("meeting_number", "sequence").values_list(*export_columns))),
        page("one meeting page", "member", meeting.get_absolute_url(),
             reverse("admin:minutes_meeting_change", args=[meeting.pk]),
             _floor(Conclusion.objects.filter(section__meeting=meeting).order_by("section__order", "item__order", "order")
                    .values_list("text", flat=True)[:1000], LIST)),
        page("one case page", "member", case.get_absolute_url(),
             reverse("admin:tracking_trackeditem_change", args=[case.pk]),
             _floor(Review.objects.filter(item=case).order_by("meeting__number")
                    .values_list("meeting__number", "decision", "progress")[:100], TABLE)),
    ], Page(
        "whole CSV export", "oversight", reverse("tracking:item-export", args=["csv"]),
        Target(_get(clients["oversight"], reverse("tracking:item-export", args=["csv"]))), None,
        Target(_csv_floor(TrackedItem.objects.order_by("meeting_number", "sequence").values_list(*export_columns))),
    )


# --- measuring -----------------------------------------------------------------------------------------------------


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class PeakRSS:
    """The highest resident memory of the process while the block runs, sampled every 5 ms."""

    def __enter__(self):
        self.before = self.peak = _rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, _rss())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())


def _count_queries(target: Target) -> None:
    """Counts every query the answer makes (a wrapper, not Django's query log, which keeps only the last 9,000)."""
    from django.db import connection

    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        target.size = target.run()
    target.queries = count


def _time(target: Target) -> None:
    started = time.perf_counter()
    target.run()
    target.times.append((time.perf_counter() - started) * 1000)


def measure(all_pages: list[Page], rounds: int, log=print) -> None:
    targets = [t for p in all_pages for t in (p.page, p.admin, p.floor) if t is not None]
    for target in targets:
        _count_queries(target)
    for n in range(1, rounds + 1):
        for target in targets:
            _time(target)
        log(f"round {n}/{rounds}: {sum(t.times[-1] for t in targets) / 1000:.1f} s")


def measure_export(export: Page, rounds: int, log=print) -> dict:
    """The whole export takes minutes: its first round also counts its queries (the counter costs nothing beside
    it), and there is no separate warm-up."""
    _count_queries(export.floor)
    peaks = []
    for n in range(1, rounds + 1):
        with PeakRSS() as memory:
            if n == 1:
                started = time.perf_counter()
                _count_queries(export.page)
                export.page.times.append((time.perf_counter() - started) * 1000)
            else:
                _time(export.page)
        peaks.append((memory.peak, memory.peak - memory.before))
        _time(export.floor)
        log(f"whole export {n}/{rounds}: {export.page.times[-1] / 1000:.1f} s, peak RSS {memory.peak / 2**20:,.0f} MiB")
    return {"peak": max(p for p, _ in peaks), "growth": max(g for _, g in peaks), "bytes": export.page.size}


# --- the report ----------------------------------------------------------------------------------------------------


def _ms(values: list[float], q: float) -> str:
    if not values:
        return "—"
    ordered = sorted(values)
    if q == 0.5:
        value = statistics.median(ordered)
    else:
        value = ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def machine() -> dict:
    from django.db import connection

    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        database = f"{connection.vendor} {connection.Database.sqlite_version}"
    return {"cpu": cpu, "cores": os.cpu_count(), "load": os.getloadavg(), "database": database,
            "python": platform.python_version()}


def row_counts() -> dict[str, int]:
    from minutes.models import Conclusion, Meeting, Office
    from tracking.models import ProgressReport, Review, TrackedItem

    return {"offices": Office.objects.count(), "meetings": Meeting.objects.count(),
            "conclusions": Conclusion.objects.count(), "tracked items": TrackedItem.objects.count(),
            "reviews": Review.all_rows.count(), "progress reports": ProgressReport.objects.count()}


def table(all_pages: list[Page], export: Page, export_figures: dict | None, *, rounds: int, export_rounds: int,
          before: dict, after_load: tuple, counts: dict[str, int]) -> str:
    def cell(target: Target | None, q: float) -> str:
        return _ms(target.times, q) if target is not None else "—"

    def queries(target: Target | None) -> str:
        return str(target.queries) if target is not None and target.queries is not None else "—"

    lines = [
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by `make bench-pages` ({rounds} timed rounds after a "
        f"warm-up, interleaved; the whole export {export_rounds}×), in-process (django.test.Client), on "
        f"{before['cpu']} × {before['cores']} cores, load average {before['load'][0]:.2f} at the start and "
        f"{after_load[0]:.2f} at the end, {before['database']}, Python {before['python']}. "
        "Rows: " + ", ".join(f"{n:,} {name}" for name, n in counts.items()) + ".",
        "",
        "| page | as | median ms | p95 ms | queries | admin median ms | admin queries | floor median ms | floor queries |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for p in all_pages:
        lines.append(
            f"| {p.name} | {p.who} | {cell(p.page, 0.5)} | {cell(p.page, 0.95)} | {queries(p.page)} | "
            f"{cell(p.admin, 0.5)} | {queries(p.admin)} | {cell(p.floor, 0.5)} | {queries(p.floor)} |"
        )
    if export_figures is None:
        lines += ["", "The whole CSV export: being measured (this table is rewritten when it is done)."]
        return "\n".join(lines)
    lines.append(
        f"| {export.name} ({export_figures['bytes'] / 2**20:,.1f} MiB) | {export.who} | {cell(export.page, 0.5)} | "
        f"{cell(export.page, 0.95)} | {queries(export.page)} | — | — | {cell(export.floor, 0.5)} | {queries(export.floor)} |"
    )
    lines += [
        "",
        (f"The whole CSV export: peak resident memory of the process {export_figures['peak'] / 2**20:,.0f} MiB "
        f"({export_figures['growth'] / 2**20:+,.0f} MiB over the process before it)."),
    ]
    return "\n".join(lines)


def write_readme(text: str, readme: Path) -> None:
    content = readme.read_text(encoding="utf-8") if readme.exists() else ""
    block = f"{START}\n{text}\n{END}"
    if START in content and END in content:
        head, rest = content.split(START, 1)
        _, tail = rest.split(END, 1)
        content = head + block + tail
    else:
        content = content.rstrip("\n") + "\n\n" + block + "\n"
    readme.write_text(content, encoding="utf-8")


def run(*, rounds: int, export_rounds: int, readme: Path | None, log=print, as_server: bool = True) -> str:
    from django.conf import settings

    if as_server:  # as the server runs: no query log kept in memory, the host django.test.Client names allowed
        settings.DEBUG = False
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    before = machine()
    counts = row_counts()
    all_pages, export = pages()
    measure(all_pages, rounds, log=log)
    if readme is not None:  # the pages' figures are kept even if the whole export then takes too long
        write_readme(table(all_pages, export, None, rounds=rounds, export_rounds=0, before=before,
                           after_load=os.getloadavg(), counts=counts), readme)
    export_figures = measure_export(export, export_rounds, log=log)
    text = table(all_pages, export, export_figures, rounds=rounds, export_rounds=export_rounds, before=before,
                 after_load=os.getloadavg(), counts=counts)
    if readme is not None:
        write_readme(text, readme)
    return text


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="timed rounds after the warm-up (default 20)")
    parser.add_argument("--export-rounds", type=int, default=3, help="rounds of the whole CSV export (default 3)")
    parser.add_argument("--readme", default=str(ROOT / "README.md"), help="where to write the table")
    parser.add_argument("--no-readme", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    text = run(rounds=args.rounds, export_rounds=args.export_rounds,
               readme=None if args.no_readme else Path(args.readme))
    print(text)


if __name__ == "__main__":
    main()
