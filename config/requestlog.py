"""Who asked, from where, under which request id: one JSON log line per request and the id on every other line."""

from __future__ import annotations

import ipaddress
import logging
import re
import time
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError

logger = logging.getLogger("request")

REQUEST_ID_HEADER = "X-Request-ID"
# An id from the load balancer is kept as long as it is plain; anything else (too long, spaces, quotes) is
# replaced, so a client cannot write what it likes into the logs or the response header.
_PLAIN_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    address: str | None


_current: ContextVar[RequestContext | None] = ContextVar("request_context", default=None)


def current() -> RequestContext | None:
    """The request being served by this thread, or None (a management command, a test without a request)."""
    return _current.get()


def _valid_address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the one they recorded.

    Each proxy appends the address it saw to X-Forwarded-For, so with n trusted proxies the n-th entry from the
    right was written by the outermost of ours; anything left of it came from the client and may be forged.
    """
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = _valid_address(request.META.get("REMOTE_ADDR", ""))
    if count <= 0:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count:
        return remote
    return _valid_address(hops[-count]) or remote


class RequestIdFilter(logging.Filter):
    """Puts the current request id (or "-") on every log record, so a request's lines can be found together."""

    def filter(self, record):
        context = _current.get()
        record.request_id = context.request_id if context else "-"
        return True


def _request_id(request) -> str:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if _PLAIN_ID.fullmatch(given) else uuid.uuid4().hex


def _user_id(request):
    user = getattr(request, "user", None)  # absent on what WhiteNoise serves before authentication runs
    try:
        return user.pk if user is not None and user.is_authenticated else None
    except DatabaseError:  # the session could not be read (the database is down): the 503 still gets its line
        return None


def request_context(get_response):
    """Outermost middleware: sets the request id and address, echoes the id, logs the request once it is answered."""

    def middleware(request):
        context = RequestContext(request_id=_request_id(request), address=client_address(request))
        token = _current.set(context)
        started = time.perf_counter()
        try:
            response = get_response(request)
            response[REQUEST_ID_HEADER] = context.request_id
            logger.info(
                "%s %s %s", request.method, request.path, response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": _user_id(request),
                    "address": context.address,
                },
            )
            return response
        finally:
            _current.reset(token)

    return middleware
