"""The corpus of records from other offices and text routes, and what a correct import of each must hold.

Each record is `NAME.txt` in the corpus folder, exactly as its converter wrote it, beside `NAME.toml`: what a
correct reading says (title, meeting number, date, sections with their items' numbering and conclusions,
proposals, the header's wording, every tracked case with its decision). `check_record` compares a parse with
it and names each difference; the importing and the PDF are the caller's (the command and the tests).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from minutes.reader import ParsedMeeting, read_record_decisions
from minutes.reader.casenumbers import read_case_number
from minutes.reader.rules import compact_text

CORPUS_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "corpus"


@dataclass
class CorpusRecord:
    name: str
    text: str
    expected: dict

    @property
    def kind(self) -> str:
        return self.expected.get("about", "")


def corpus_records(folder: Path = CORPUS_DIR) -> list[CorpusRecord]:
    return [
        CorpusRecord(
            name=path.stem,
            text=path.read_bytes().decode("utf-8"),
            expected=tomllib.loads(path.with_suffix(".toml").read_text("utf-8")),
        )
        for path in sorted(folder.glob("*.txt"))
    ]


@dataclass
class Check:
    structure: list[str] = field(default_factory=list)  # what differs, one line each; [] when right
    cases_right: int = 0
    cases: int = 0
    case_problems: list[str] = field(default_factory=list)

    @property
    def structure_right(self) -> bool:
        return not self.structure


def _conclusion(holder) -> str:
    conclusion = holder.conclusion
    if conclusion is None:
        return ""
    return f"{conclusion.label}：{''.join(conclusion.points)}"


def _structure(parsed: ParsedMeeting) -> dict:
    """The parse in the shape of an expectation file."""
    return {
        "title": parsed.wording.title,
        "organisation": parsed.organisation,
        "kind": parsed.kind,
        "number": parsed.number,
        "starts_at": parsed.starts_at,
        "adjourned_at": parsed.adjourned_at,
        "sections": [
            {
                "numbering": section.wording.numbering,
                "title": section.title,
                "items": [item.wording.numbering for item in section.items],
                "conclusions": [
                    text for text in [_conclusion(section), *(_conclusion(item) for item in section.items)] if text
                ],
            }
            for section in parsed.sections
        ],
        # A proposal: an item read into its parts (提案單位, 案由, 說明…) that reviews no tracked case.
        "proposals": sum(1 for section in parsed.sections for item in section.items if item.parts and not item.cases),
        "wording": {
            "labels": dict(parsed.wording.labels),
            "time": parsed.wording.time,
            "adjournment": getattr(parsed.wording, "adjournment", ""),
        },
    }


def _same(value):
    """Text compared as it reads: NFKC, without spaces or line breaks (an OCR's 臨時動議 : 無 。 is 臨時動議:無。)."""
    if isinstance(value, str):
        return compact_text(value)
    if isinstance(value, list):
        return [_same(item) for item in value]
    return value


def _key(number: str) -> str:
    case = read_case_number(number)
    return case.key if case is not None else number


def check_record(parsed: ParsedMeeting, expected: dict) -> Check:
    """What differs between a parse and what the record says; the cases counted k of n."""
    check = Check()
    found = _structure(parsed)
    for key in ("title", "organisation", "kind", "number", "starts_at", "adjourned_at", "proposals"):
        if key in expected:
            want = expected[key]
            if isinstance(want, dt.time) and isinstance(found[key], dt.time):
                want = want.replace(second=0)
            if _same(found[key]) != _same(want):
                check.structure.append(f"{key}: {found[key]!r} ≠ {want!r}")
    wanted_sections = expected.get("sections", [])
    if len(found["sections"]) != len(wanted_sections):
        check.structure.append(
            f"sections: {[s['numbering'] + s['title'] for s in found['sections']]} ≠ "
            f"{[s['numbering'] + s['title'] for s in wanted_sections]}"
        )
    for index, (got, want) in enumerate(zip(found["sections"], wanted_sections)):
        for key in ("numbering", "title", "items"):
            if key in want and _same(got[key]) != _same(want[key]):
                check.structure.append(f"section {index + 1} {key}: {got[key]!r} ≠ {want[key]!r}")
        if "conclusions" in want:
            wanted = want["conclusions"]
            if len(got["conclusions"]) != len(wanted) or any(
                not text.startswith(start) for text, start in zip(got["conclusions"], wanted)
            ):
                check.structure.append(f"section {index + 1} conclusions: {got['conclusions']!r} ≠ {wanted!r}")
    for key, want in expected.get("wording", {}).items():
        got = found["wording"][key]
        if key == "labels":
            got = {name: label for name, label in got.items() if name in want}
        if got != want:
            check.structure.append(f"wording.{key}: {got!r} ≠ {want!r}")

    decisions = read_record_decisions(parsed)
    stated = {decision.key: decision.outcome for decision in decisions.decisions}
    written = {decision.key: decision.case_number for decision in decisions.decisions}
    wanted_cases = {_key(number): outcome for number, outcome in expected.get("cases", {}).items()}
    check.cases = len(wanted_cases)
    for number, outcome in wanted_cases.items():
        if stated.get(number) == outcome:
            check.cases_right += 1
        else:
            check.case_problems.append(f"{number}: {stated.get(number, '（未讀到）')} ≠ {outcome}")
    for number in sorted(set(stated) - set(wanted_cases)):
        check.case_problems.append(f"{written[number]}: 多讀了 {stated[number]}")
    unread = [f"{case.case_number}（第 {case.line} 行）" for case in decisions.unplaced]
    if unread:
        check.case_problems.append("無法辨識的案號：" + "、".join(unread))
    return check
