"""bench/pages.py runs one round on a tiny generated city and writes its table between the README's markers."""

import importlib.util
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def bench_module():
    spec = importlib.util.spec_from_file_location("bench_pages", ROOT / "bench" / "pages.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_one_round_writes_a_row_per_page_between_the_markers_and_keeps_the_rest(tmp_path, settings):
    call_command("generate_city", "--offices", "2", "--meetings", "3", "--signed", "0", stdout=StringIO())
    bench = bench_module()
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\nBefore.\n\n{bench.START}\nold table\n{bench.END}\n\nAfter.\n", encoding="utf-8")
    settings.DEBUG = False
    text = bench.run(rounds=1, export_rounds=1, readme=readme, log=lambda line: None, as_server=False)
    content = readme.read_text(encoding="utf-8")
    assert content.startswith("# Title\n\nBefore.\n\n") and content.endswith("\n\nAfter.\n")
    assert "old table" not in content
    assert f"{bench.START}\n{text}\n{bench.END}" in content
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| page")]
    names = [row.split(" | ")[0].lstrip("| ") for row in rows]
    assert names == [
        "meeting list", "meeting list, keyword 採購", "/tracking/ (oversight, whole city)",
        "/tracking/, keyword 採購 (oversight)", "/tracking/ (member, one office)", "unit dashboard",
        "statistics (member, one office)", "statistics (oversight, every office)", "recorder's home",
        "CSV export of one unit", "one meeting page", "one case page",
    ] + [names[-1]]
    assert names[-1].startswith("whole CSV export (")
    # Every page was answered and its queries counted; the machine and the rows are named.
    for row in rows:
        cells = row.strip("|").split("|")
        assert cells[4].strip().isdigit(), row
    assert "Rows: 2 offices, 6 meetings" in text and "cores" in text and "load average" in text
    assert "peak resident memory" in text


def test_a_readme_without_markers_gets_the_table_at_its_end(tmp_path):
    bench = bench_module()
    readme = tmp_path / "README.md"
    readme.write_text("# Title\n", encoding="utf-8")
    bench.write_readme("| a | b |", readme)
    assert readme.read_text(encoding="utf-8") == f"# Title\n\n{bench.START}\n| a | b |\n{bench.END}\n"
    bench.write_readme("| c |", readme)
    assert readme.read_text(encoding="utf-8") == f"# Title\n\n{bench.START}\n| c |\n{bench.END}\n"
