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


def test_sql_is_built_only_through_the_orm():
    assert hits(r"\.raw\(|\.extra\(|RawSQL|cursor\(|connection\.execute", sources()) == []


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
