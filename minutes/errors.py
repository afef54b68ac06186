"""The refusals of the record: raised by services, documents and extensions, shown to the user as they are."""

from __future__ import annotations


class MeetingError(Exception):
    """A rule of the record was broken; the message is for the user (in Chinese)."""


class MeetingExistsError(MeetingError):
    """An import names a meeting that is already recorded; pages link to it, the command names --replace."""

    def __init__(self, meeting):
        self.meeting = meeting
        super().__init__(f"{meeting.title} 已存在；若要以新文字取代，請加上 --replace。")


class SignedRecordError(MeetingError):
    """A write would change what a signed record shows."""
