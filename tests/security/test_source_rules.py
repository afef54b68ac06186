"""Rules the code keeps, checked on the source: SQL only through the ORM, escaping never switched off, CSRF
exempted in one reviewed place, no key material committed."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["config", "accounts", "audit", "minutes", "tracking"]


def sources(pattern="*.py"):
    for app in APPS:
        for path in (ROOT / app).rglob(pattern):
            if "migrations" not in path.parts:
                yield path


def hits(regex, paths):
    return [f"{p.relative_to(ROOT)}:{n}" for p in paths for n, line in enumerate(p.read_text(encoding="utf-8")
                                                                                  .splitlines(), 1)
            if re.search(regex, line)]


# The generated city (generate_city) writes a million rows with PostgreSQL's COPY and clears them with DELETE: its
# one module that builds SQL, from table and column names of the models only (no user input reaches it).
BULK_WRITER = "tracking/citygen/__init__.py"


def test_sql_is_built_only_through_the_orm():
    found = hits(r"\.raw\(|\.extra\(|RawSQL|cursor\(|connection\.execute", sources())
    assert [h for h in found if h.split(":")[0] != BULK_WRITER] == []


def test_templates_never_switch_escaping_off():
    templates = list((ROOT / "templates").rglob("*.html")) + list(sources("*.html"))
    assert hits(r"\|\s*safe\b|autoescape\s+off|\|\s*safeseq", templates) == []


def test_mark_safe_is_used_only_on_text_escaped_just_before():
    """Reviewed: the charts join parts made by format_html; |unbroken escapes after adding word joiners."""
    assert sorted(h.split(":")[0] for h in hits(r"mark_safe\(", sources())) == [
        "minutes/templatetags/record.py", "tracking/templatetags/charts.py", "tracking/templatetags/charts.py"]


def test_csrf_is_exempted_only_for_the_size_check_of_verify_which_then_enforces_it():
    assert [h.split(":")[0] for h in hits(r"@csrf_exempt", sources())] == ["minutes/documents_views.py"]
    assert "@csrf_protect" in (ROOT / "minutes" / "documents_views.py").read_text(encoding="utf-8")


def test_no_key_material_or_database_is_committed():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert [f for f in files if re.search(r"\.(p12|pfx|pem|key|sqlite3)$|(^|/)\.env$", f)] == []
    keys = subprocess.run(["git", "grep", "-l", "-E", "BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY"], cwd=ROOT,
                          capture_output=True, text=True, check=False).stdout.split()
    assert keys == []


# --- one writer per fact ------------------------------------------------------------------------------------------

def app_sources(app):
    return [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]


def test_minutes_never_imports_tracking():
    """tracking builds on minutes and hands it what it must show through minutes.extensions; never the reverse."""
    assert hits(r"^\s*(from|import)\s+tracking\b|import_module\(.tracking|is_installed\(.tracking", app_sources("minutes")) == []


def test_the_record_templates_do_not_reach_into_tracking():
    templates = list((ROOT / "templates" / "minutes").rglob("*.html"))
    assert hits(r"'tracking:|\"tracking:|load decisions|tracked_item|\.reviews\b", templates) == []


def test_documents_and_services_import_no_circle():
    # services renders the document at signing; documents raises the record's errors from minutes.errors.
    assert hits(r"^\s*from minutes(\.services)? import .*\bservices\b|^\s*from minutes\.services import",
                [ROOT / "minutes" / "documents.py"]) == []


# Model writes: save and delete, the manager's create family, and a queryset's update() (…filter(…).update(…)).
WRITE = r"(?<!form)\.save\(|objects\.create\(|\.delete\(\)|bulk_create\(|update_or_create\(|get_or_create\(|\)\.update\("


def test_every_write_to_the_record_goes_through_minutes_services():
    """Pages, forms, the admin, the importer and commands call minutes.services; documents stores the signed file."""
    writers = {"minutes/services.py", "minutes/documents.py"}
    found = [h for h in hits(WRITE, app_sources("minutes")) if h.split(":")[0] not in writers]
    # The one office of a one-office install is made on first use, by the default of the office-bound fields.
    first_office = [f"minutes/models.py:{n}" for n, line in enumerate(
        (ROOT / "minutes" / "models.py").read_text(encoding="utf-8").splitlines(), 1) if "Office.objects.get_or_create(" in line]
    assert len(first_office) == 1
    assert [h for h in found if h not in first_office] == []
    assert hits(r"\.save\(|\.delete\(\)|objects\.create\(", [ROOT / "minutes" / "documents.py"]) == [
        f"minutes/documents.py:{n}" for n, line in enumerate(
            (ROOT / "minutes" / "documents.py").read_text(encoding="utf-8").splitlines(), 1)
        if "SignedRecord.objects.create(" in line
    ]


def test_every_status_change_and_case_write_goes_through_the_lifecycle():
    """tracking/lifecycle.py alone writes TrackedItem, Review and CaseCounter; the other modules write only their
    own rows (a unit's progress report, a reminder's log) or files."""
    allowed = {
        "tracking/services.py": r"report\.save\(\)",  # ProgressReport, after full_clean
        "tracking/reminders.py": r"ReminderDelivery\.objects\.bulk_create\(",
        "tracking/exports.py": r"(workbook|document)\.save\((stream|out)\)",
        # The model's own save() and its queryset's bulk_create(), which fill the case key and hand on.
        "tracking/models.py": r"super\(\)\.(save|bulk_create)\(|def bulk_create\(",
        "tracking/management/commands/load_demo.py": r"(Office|Unit|User|Membership)\.objects\.|user\.save\(\)",
        # The generated city: its people through the ORM, its cases and reviews in bulk with the statuses of the
        # lifecycle's own table (tests/scale check each case's status against its reviews); signing by the service.
        BULK_WRITER: r"(Office|Unit|User|MeetingSeries|Membership|grants)\.objects\.(bulk_create|filter)\(",
    }
    for hit in hits(WRITE, app_sources("tracking")):
        path, number = hit.split(":")
        if path == "tracking/lifecycle.py":
            continue
        line = (ROOT / path).read_text(encoding="utf-8").splitlines()[int(number) - 1]
        assert path in allowed and re.search(allowed[path], line), hit


def test_the_version_of_a_meeting_moves_in_one_function():
    found = hits(r"version\s*\+=\s*1", [*app_sources("minutes"), *app_sources("tracking")])
    assert len(found) == 1 and found[0].startswith("minutes/services.py")
