"""Request-level guards."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string


class RequestSizeLimitMiddleware:
    """Answer 413 with an Indonesian page when a body is over MAX_REQUEST_BYTES.

    Checked from Content-Length before anything reads the body, so an
    oversized upload costs nothing and is not half-saved.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            html = render_to_string(
                "413.html", {"batas_mb": settings.MAX_REQUEST_BYTES // (1024 * 1024), "lpse": settings.LPSE}
            )
            response = HttpResponse(html, status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)
