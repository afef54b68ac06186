"""What other apps add to the record, registered the way apps register with django.contrib.admin.

`minutes` never imports the apps built on it (tracking): they subclass RecordExtension, register an instance
in their AppConfig.ready(), and the record's services, pages and document call the hooks here. Every hook has
a default that adds nothing, so the record works on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    """A link another app adds to a page of the record (a button in the meeting's action bar)."""

    label: str
    url: str
    title: str = ""


@dataclass(frozen=True)
class ConclusionMark:
    """What a page shows after a conclusion: a badge (e.g. its case number and status) or an action."""

    text: str
    url: str = ""
    css: str = ""
    title: str = ""
    action: bool = False  # an action the reader can take (設為列管), not a fact about the conclusion


@dataclass(frozen=True)
class ImportNote:
    """Something an import will do or has noticed, shown on the preview and printed by the command."""

    title: str
    lines: tuple[str, ...] = ()
    warning: bool = False


@dataclass
class DocumentParts:
    """What another app prints in the document of record: a mark after conclusions, blocks after the record."""

    conclusion_marks: dict[int, str] = field(default_factory=dict)  # conclusion id → text printed after it
    blocks: list[tuple[str, dict]] = field(default_factory=list)  # (template, context) after the signatures


class RecordExtension:
    """The hooks of the record. Write hooks run inside the transaction of the write that calls them and may raise
    MeetingError (or a subclass) to refuse it; read hooks return what the pages and the document show."""

    # --- writes -----------------------------------------------------------------------------------------

    def record_changed(self, meeting, *, user) -> None:
        """The content of a draft meeting changed: bring what the app derives from it in step, or refuse."""

    def before_replace(self, meeting):
        """An import is about to rewrite this draft: keep what must survive; returned to imported()."""
        return

    def imported(self, meeting, parsed, *, user, kept=None) -> None:
        """A record was imported (or replaced, with what before_replace kept)."""

    def import_preview(self, parsed) -> list[ImportNote]:
        """What an import of this parsed record would do, for the preview (no writes)."""
        return []

    def renumber_refusal(self, meeting) -> str:
        """Why the meeting's number can no longer change, or '' when it can."""
        return ""

    def case_scheme_refusal(self, series) -> str:
        """Why the series' case-number scheme can no longer change (it has numbered cases), or '' when it can."""
        return ""

    def sign_problems(self, meeting) -> list[str]:
        """Why the meeting cannot be signed as it stands; empty when it can."""
        return []

    def unit_in_signed_record(self, unit) -> bool:
        """Whether a signed record shows this unit through the app's data (so the unit keeps its name)."""
        return False

    # --- reads ------------------------------------------------------------------------------------------

    def conclusion_marks(self, meeting, *, user, can_track: bool) -> dict[int, list[ConclusionMark]]:
        """Marks after the meeting's conclusions, by conclusion id, in a fixed number of queries."""
        return {}

    def record_links(self, meeting, *, user) -> list[Link]:
        return []

    def document_parts(self, meeting) -> DocumentParts:
        return DocumentParts()

    def annotate_meeting_list(self, queryset):
        return queryset

    def meeting_list_columns(self) -> list[tuple[str, str]]:
        """(heading, annotation name) of columns the app adds to the meeting list."""
        return []


_registry: list[RecordExtension] = []


def register(extension: RecordExtension) -> None:
    if any(type(existing) is type(extension) for existing in _registry):
        return  # ready() may run more than once (tests, autoreload)
    _registry.append(extension)


def registered() -> Iterable[RecordExtension]:
    return tuple(_registry)


def record_changed(meeting, *, user) -> None:
    for extension in _registry:
        extension.record_changed(meeting, user=user)


def sign_problems(meeting) -> list[str]:
    return [problem for extension in _registry for problem in extension.sign_problems(meeting)]


def renumber_refusal(meeting) -> str:
    return next((reason for extension in _registry if (reason := extension.renumber_refusal(meeting))), "")


def case_scheme_refusal(series) -> str:
    return next((reason for extension in _registry if (reason := extension.case_scheme_refusal(series))), "")


def unit_in_signed_record(unit) -> bool:
    return any(extension.unit_in_signed_record(unit) for extension in _registry)


def import_preview(parsed) -> list[ImportNote]:
    return [note for extension in _registry for note in extension.import_preview(parsed)]


def conclusion_marks(meeting, *, user, can_track: bool) -> dict[int, list[ConclusionMark]]:
    marks: dict[int, list[ConclusionMark]] = {}
    for extension in _registry:
        for conclusion_id, found in extension.conclusion_marks(meeting, user=user, can_track=can_track).items():
            marks.setdefault(conclusion_id, []).extend(found)
    return marks


def record_links(meeting, *, user) -> list[Link]:
    return [link for extension in _registry for link in extension.record_links(meeting, user=user)]


def document_parts(meeting) -> DocumentParts:
    parts = DocumentParts()
    for extension in _registry:
        found = extension.document_parts(meeting)
        parts.conclusion_marks.update(found.conclusion_marks)
        parts.blocks.extend(found.blocks)
    return parts


def annotate_meeting_list(queryset):
    for extension in _registry:
        queryset = extension.annotate_meeting_list(queryset)
    return queryset


def meeting_list_columns() -> list[tuple[str, str]]:
    return [column for extension in _registry for column in extension.meeting_list_columns()]
