"""Request-level guards."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
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


class NulByteGuardMiddleware:
    """Refuse a NUL byte (``%00``) in the path (404) or in a GET parameter (400).

    PostgreSQL text cannot hold NUL, so such a value reaching a query raises
    (a 500) in whichever view filters on it; forms already refuse NUL in the
    fields they validate, this covers tokens in paths and search parameters.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404("NUL dalam alamat")
        if _has_nul(request.GET):
            pesan = "Alamat berisi karakter yang tidak diizinkan (karakter NUL). Periksa kembali isian pencarian Anda."
            return render(request, "400.html", {"pesan": pesan}, status=400)
        # Plain form posts too (cheap to parse, and read by CSRF anyway); multipart bodies are
        # left to the forms, whose fields refuse NUL beside the field (ProhibitNullCharactersValidator).
        if request.content_type == "application/x-www-form-urlencoded" and _has_nul(request.POST):
            pesan = "Isian berisi karakter yang tidak diizinkan (karakter NUL). Periksa kembali isian Anda."
            return render(request, "400.html", {"pesan": pesan}, status=400)
        return self.get_response(request)


def _has_nul(params) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in params.lists())
