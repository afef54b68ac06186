"""The home page: what the signed-in person needs to see first; and the answer when the database is down."""

import sys

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.http import require_safe

from minutes import permissions
from minutes.models import Meeting, Role
from tracking.views import home_context


@login_required
def home(request):
    context = home_context(request.user)
    context["can_create"] = permissions.is_recorder(request.user)
    chair_of = permissions.office_ids(request.user, Role.CHAIR)
    if chair_of:
        context["to_sign"] = list(
            Meeting.objects.filter(status=Meeting.Status.DRAFT, series__office__in=chair_of)
            .select_related("series").order_by("-starts_at")[:20]
        )
    return render(request, "home.html", context)


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico of their own accord (the admin's pages, a PDF): the app's icon, for everyone.

    Temporary, so that a browser does not keep the address should the static files be renamed.
    """
    return redirect(static("favicon.ico"))


class LogoutView(auth_views.LogoutView):
    """Log out and say so on the login page it leads to."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "您已登出。")  # the cookie storage keeps it across the flushed session
        return response


# Seconds a client (or a balancer's health check) is told to wait before trying again.
DATABASE_DOWN_RETRY_AFTER = 5


def _database_down(error: BaseException | None) -> bool:
    """Whether the database failing is what raised `error`, directly or under another exception."""
    while error is not None:
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        error = error.__cause__ or error.__context__
    return False


def _database_down_response() -> HttpResponse:
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(DATABASE_DOWN_RETRY_AFTER)
    return response


def server_error(request):
    """handler500: a request that failed because the database could not be reached (PostgreSQL restarting, a
    failover, a connection dropped under the request) gets 503 and a Chinese page saying to try again shortly;
    any other failure gets the 500 page. Neither reads the session or the database.

    OperationalError also covers a deadlock or a serialization failure, rare here (row locks are taken in one
    order): a retry is the right advice for those too.
    """
    if _database_down(sys.exc_info()[1]):
        return _database_down_response()
    return defaults.server_error(request)


def bad_request(request, exception):
    """handler400. Django's database sessions turn a failed save into SessionInterrupted (400, "the session was
    deleted"): when the database failing is why, it gets the 503 page like any other request it failed."""
    if _database_down(exception):
        return _database_down_response()
    return defaults.bad_request(request, exception)
