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


# SQLSTATEs of a database that cannot take the write: its disk is full (53100), it is a read-only standby (25006).
_DISK_FULL_SQLSTATES = {"53100"}
_READ_ONLY_SQLSTATES = {"25006"}


def storage_error_message(error: BaseException) -> str | None:
    """What to tell the user when a write failed for want of disk, or on storage that cannot be written: a file the
    app writes (OSError) or the database's own (psycopg's SQLSTATE, SQLite's message). None for any other error."""
    import errno

    if isinstance(error, OSError):
        code = error.errno
        if code in (errno.ENOSPC, errno.EDQUOT):
            return "磁碟空間不足"
        if code in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "無法寫入（儲存空間唯讀或沒有權限）"
        return None
    cause = error.__cause__ or error
    state = getattr(cause, "sqlstate", None)
    text = str(cause).lower()
    if state in _DISK_FULL_SQLSTATES or "database or disk is full" in text or "no space left" in text:
        return "磁碟空間不足"
    if state in _READ_ONLY_SQLSTATES or "readonly database" in text or "read-only" in text:
        return "無法寫入（資料庫唯讀）"
    return None
