"""Every decision on a tracked case a parsed record states: in its conclusions' sentences, in cases written as
running text, and in the rows of its tables; and the case numbers it only mentions or cannot read.

The importer records the decisions and reports the rest; nothing here touches a database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from minutes.reader import sentences
from minutes.reader.casenumbers import SCHEMES, read_case_number
from minutes.reader.parsed import ParsedItem, ParsedMeeting, ParsedRow, ParsedSection, Text, line_of
from minutes.reader.rules import CASE_FIELD_RE, CASE_FIELDS

# A conclusion that refers to the table's own decisions (同意依上表決定辦理): each row is decided by its cell.
_AS_TABLED_RE = re.compile(r"(?:依|照)\s*(?:上表|下表|表列|附表|表)")
_DECISION_LABELS = CASE_FIELDS["decision"]


@dataclass(frozen=True)
class StatedDecision:
    case_number: str  # as the record wrote it
    key: str  # its normalised number (casenumbers.read_case_number)
    outcome: str  # sentences.CLOSE, CONTINUE, SELF_TRACK or REOPEN
    line: int  # where the record states it
    from_table: bool  # read off a row of a table
    source: str  # "conclusion", "table" or "text" (a case written as running text, or a paragraph)
    scheme: str = ""  # the case-number scheme its number reads in (casenumbers.SCHEMES)


@dataclass(frozen=True)
class NamedCase:
    """A case number the record names without a decision on it, or one that no scheme reads."""

    case_number: str
    key: str
    line: int
    reason: str = ""  # for a number that cannot be placed: what was expected there


@dataclass
class RecordDecisions:
    decisions: list[StatedDecision] = field(default_factory=list)
    mentions: list[NamedCase] = field(default_factory=list)
    unplaced: list[NamedCase] = field(default_factory=list)

    def outcomes(self) -> dict[str, str]:
        """key → outcome, as the import records them."""
        return {decision.key: decision.outcome for decision in self.decisions}


def conclusion_decisions(
    text: str, item_title: str = "", item_body: list[str] = ()
) -> tuple[dict[str, str], list[str]]:
    """What one conclusion decides on tracked items, and the case numbers it names without deciding on them.

    Some offices give each tracked case an item of its own (一、列管案號 10606：…) and decide it in a few
    words (決定：本案解除列管。): such an outcome decides the case the item's title names. A title can name
    several (一、列管案號 8503、8504：…); then the outcome must be one for all of them (均同意解除列管).
    Raises ValueError when the text cannot be read (see sentences.parse_decision_sentence).
    """
    decisions, mentions = sentences.read_decisions(text)
    if not decisions and not mentions and sentences.approves_suggestions(text):
        # 決定：同意依各單位建議辦理。 after the cases and the units' suggestions in the item.
        found = sentences.suggested_outcomes([item_title, *item_body])
        # Without a suggestion to approve, the cases the item names were only mentioned: say so.
        return found, [] if found else sentences.case_numbers_named("\n".join([item_title, *item_body]))
    # The title is read only for a conclusion that states an outcome: a title is not refused for itself.
    if decisions or mentions:
        return decisions, mentions
    if not sentences.states_outcome(text):
        # 決定：洽悉。 under 一、第8803號：…: the case the title names is mentioned, not decided.
        try:
            return decisions, sentences.case_numbers_named(item_title)
        except ValueError:
            return decisions, mentions
    named = sentences.case_numbers_named(item_title)
    if len(named) > 1:
        return dict.fromkeys(named, sentences.outcome_for_all(text, named)), mentions
    if named and (kind := sentences.outcome_of(text)):
        return {named[0]: kind}, mentions
    return decisions, mentions


def read_record_decisions(parsed: ParsedMeeting) -> RecordDecisions:
    """Every decision the record states on a tracked case, the cases it only mentions, and the numbers it
    cannot place. A statement whose outcome cannot be told is a ValueError naming its line; so is a case
    given two different outcomes."""
    found = RecordDecisions()
    for section in parsed.sections:
        for holder in (section, *section.items):
            _read_holder(found, holder)
    decided: dict[str, StatedDecision] = {}
    for decision in found.decisions:
        earlier = decided.setdefault(decision.key, decision)
        if earlier.outcome != decision.outcome:
            raise ValueError(
                f"第 {decision.line} 行：列管案號 {decision.case_number} 在紀錄中被決定為兩種結果"
                f"（第 {earlier.line} 行另有不同的決定），無法判讀"
            )
    found.decisions = list(decided.values())
    seen: set[str] = set()
    found.mentions = [
        mention
        for mention in found.mentions
        if mention.key not in decided and not (mention.key in seen or seen.add(mention.key))
    ]
    return found


def _read_holder(found: RecordDecisions, holder: ParsedSection | ParsedItem) -> None:
    title = holder.title if isinstance(holder, ParsedItem) else ""
    conclusion = holder.conclusion
    points = list(conclusion.points) if conclusion is not None else []
    for point in points:
        line = line_of(point, conclusion.line)
        try:
            outcomes, named = conclusion_decisions(point, title, list(holder.body))
        except ValueError as exc:
            raise ValueError(f"第 {line} 行，會議結論「{point[:40]}」：{exc}") from exc
        written = sentences.numbers_as_written("\n".join([point, title, *holder.body]))
        for key, outcome in outcomes.items():
            found.decisions.append(_stated(written.get(key, key), key, outcome, line, "conclusion"))
        found.mentions.extend(NamedCase(written.get(key, key), key, line) for key in named)
    approves = any(sentences.approves_suggestions(point) for point in points)
    as_tabled = any(_AS_TABLED_RE.search(unicodedata.normalize("NFKC", point)) for point in points)
    rows = {row.line for row in holder.cases}
    for row in holder.cases:
        _read_row(found, row, approves=approves or as_tabled)
    titled = [Text(title, holder.line)] if title else []
    for paragraph in [*titled, *holder.body]:
        if line_of(paragraph) not in rows:
            _read_paragraph(found, paragraph)


def _read_row(found: RecordDecisions, row: ParsedRow, *, approves: bool) -> None:
    """A row of a table, or a case written as running text: its decision, or the unit's suggestion when the
    meeting agrees with it (同意 in the column, or 同意依各單位建議辦理 below the table)."""
    source = "table" if row.cells else "text"
    if not row.key:
        expected = "、".join(scheme.label for scheme in SCHEMES)
        found.unplaced.append(
            NamedCase(row.case_number, "", row.line, f"無法辨識的列管案號「{row.case_number}」（應為{expected}）")
        )
        return
    decision = unicodedata.normalize("NFKC", row.decision).strip()
    outcome = None
    if decision:
        try:
            outcome = sentences.outcome_of(decision)
        except ValueError:
            outcome = None
        if outcome is None and sentences.states_outcome(decision):
            raise ValueError(
                f"第 {row.line} 行：無法判讀列管案號 {row.case_number} 的決定「{row.decision[:30]}」"
                "（應為解除列管、賡續列管、自行列管或恢復列管）"
            )
        if outcome is None and sentences.agrees_with_suggestion(decision):
            outcome = sentences.suggested_kind(row.suggestion)
    elif approves:
        outcome = sentences.suggested_kind(row.suggestion or row.progress)
    if outcome is None:
        found.mentions.append(NamedCase(row.case_number, row.key, row.line))
    else:
        found.decisions.append(_stated(row.case_number, row.key, outcome, row.line, source))


def _read_paragraph(found: RecordDecisions, paragraph: str) -> None:
    """A paragraph of a body that decides a case it names, after a label anywhere in it: 有關列管案號 8802
    之辦理情形…，決定：解除列管。 (a line the converter wrapped joined again)."""
    labels = [m for m in CASE_FIELD_RE.finditer(paragraph) if m.group("label") in _DECISION_LABELS]
    if not labels:
        return
    before = paragraph[: labels[0].start()]
    named = sentences.case_numbers_named(before)
    after = paragraph[labels[0].end() :]
    outcomes, mentioned = sentences.read_decisions(after)
    if not outcomes and named and (kind := sentences.outcome_of(after)):
        outcomes = dict.fromkeys(named, kind)
    written = sentences.numbers_as_written(paragraph)
    line = line_of(paragraph)
    for key, outcome in outcomes.items():
        found.decisions.append(_stated(written.get(key, key), key, outcome, line, "text"))
    found.mentions.extend(NamedCase(written.get(key, key), key, line) for key in mentioned)


def _stated(written: str, key: str, outcome: str, line: int, source: str) -> StatedDecision:
    number = read_case_number(written) or read_case_number(key)
    return StatedDecision(written, key, outcome, line, source == "table", source, number.scheme if number else "")
