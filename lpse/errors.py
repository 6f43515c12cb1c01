"""Indonesian error pages; handler500 renders without context processors
because the database may be the thing that failed."""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import get_template


def bad_request(request, exception=None):
    """400, or 503 when the session could not be saved because the database is away.

    Django turns a failed session update into SessionInterrupted (a 400); while
    PostgreSQL restarts, a page that needs nothing else from it fails only there.
    """
    cause = exception
    while cause is not None:
        if isinstance(cause, (OperationalError, InterfaceError)):
            return _database_unavailable()
        cause = cause.__cause__ or cause.__context__
    return render(request, "400.html", status=400)


def _database_unavailable() -> HttpResponse:
    response = HttpResponse(get_template("503.html").render({"lpse": settings.LPSE}), status=503)
    response["Retry-After"] = "30"
    return response


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """500, or 503 when the database is away (restart, failover): a wait, not a fault.

    Django calls this inside its ``except`` block, so the exception is at hand;
    with ``CONN_HEALTH_CHECKS`` the next request after the database returns
    opens a fresh connection and succeeds.
    """
    exc = sys.exc_info()[1]
    if isinstance(exc, (OperationalError, InterfaceError)):
        return _database_unavailable()
    return HttpResponseServerError(get_template("500.html").render({"lpse": settings.LPSE}))


def too_many_requests(request, exception=None):
    """django-ratelimit's RATELIMIT_VIEW: the visitor used up a form's budget (lpse.throttle)."""
    from .throttle import rate_text

    group = getattr(request, "throttle_group", None)
    batas = rate_text(group) if group in settings.THROTTLE_RATES else None
    return render(request, "429.html", {"batas": batas}, status=429)
