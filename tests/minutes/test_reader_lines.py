"""Every piece of parsed text knows the line it stands on, so a message about it names that line; and the
reader is plain Python: nothing in its package imports Django."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from minutes.reader import parse_minutes
from minutes.reader.parsed import line_of
from tests.records import FIRE

READER = Path(__file__).resolve().parents[2] / "minutes" / "reader"


def line_in(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def test_body_paragraphs_points_and_attachments_know_their_lines():
    parsed = parse_minutes(FIRE)
    speech = parsed.sections[1]
    assert [line_of(p) for p in speech.body] == [line_in(FIRE, "本季火災"), line_in(FIRE, "請各單位持續落實")]
    item = parsed.sections[2].items[0]
    assert [line_of(point) for point in item.reports[1].points] == [
        line_in(FIRE, "(一) 本年度晉升"), line_in(FIRE, "(二) 請各單位轉知")
    ]
    assert [line_of(point) for point in item.conclusion.points] == [
        line_in(FIRE, "(一) 洽悉"), line_in(FIRE, "(二) 請災害搶救科")
    ]
    assert [line_of(entry) for entry in parsed.attachments] == [line_in(FIRE, "附件："), line_in(FIRE, "一、簽到表"),
                                                                line_in(FIRE, "二、113 年第 1 季")]
    assert line_of(parsed.place) == line_in(FIRE, "地點：")


@pytest.mark.django_db
def test_markup_in_a_body_line_is_refused_with_that_line_not_the_items(client, recorder):
    client.force_login(recorder)
    text = FIRE.replace("說明：本季出勤", "說明：<b>本季</b>出勤")
    response = client.post(reverse("minutes:meeting-import"), {"text": text, "action": "preview"})
    assert response.status_code == 400
    assert response.context["error"].line == line_in(FIRE, "說明：本季出勤")


def test_no_module_of_the_reader_imports_django():
    for path in READER.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(name.split(".")[0] == "django" for name in names), f"{path.name} imports {names}"


def test_the_reader_parses_in_a_python_without_django_settings():
    code = "import sys; from minutes.reader import parse_minutes; parse_minutes(sys.stdin.read()); " \
           "assert 'django' not in sys.modules"
    result = subprocess.run([sys.executable, "-c", code], input=FIRE, text=True, capture_output=True, check=False,
                            cwd=READER.parents[1], env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
