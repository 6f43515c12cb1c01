"""The registration draft (issue 13): per-document upload, removal and the private resume link.

The draft's files are never served: the pages show a document's name and size only.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from lpse.throttle import limit_message, throttle

from .. import selectors, services
from ..forms import HapusDrafForm, PendaftaranPejabatForm, PendaftaranPenyediaForm, UnggahDrafForm
from ..models import DrafPendaftaran, Pendaftaran

DRAF_TIDAK_DIKENAL = (
    "Draf pendaftaran ini tidak dikenal atau sudah kedaluwarsa. Muat ulang halaman pendaftaran dan unggah ulang "
    "dokumennya."
)
_FORMS = {
    Pendaftaran.Jenis.PENYEDIA: (PendaftaranPenyediaForm, "registrasi/daftar_penyedia.html"),
    Pendaftaran.Jenis.PEJABAT: (PendaftaranPejabatForm, "registrasi/daftar_pejabat.html"),
}


def _galat(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"galat": message}, status=status)


def _first_error(form) -> str:
    return next(iter(form.errors.values()))[0]


def _draf_info(draf: DrafPendaftaran) -> dict:
    return {
        "draf": draf.token,
        "tautan": reverse("registrasi:draf", args=[draf.token]),
        "hapus": reverse("registrasi:draf-hapus", args=[draf.token]),
        "berlaku_sampai": date_format(timezone.localtime(draf.berlaku_sampai), "j F Y H.i"),
    }


@require_POST
@throttle("unggah-draf", block=False)
def unggah(request):
    """One document chosen on the registration form, sent by static/js/draf.js with its progress."""
    if getattr(request, "limited", False):
        return _galat(limit_message("unggah-draf"), status=429)
    form = UnggahDrafForm(request.POST, request.FILES)
    if not form.is_valid():
        return _galat(_first_error(form))
    data = form.cleaned_data
    draf = None
    if data["draf"]:
        draf = selectors.draf_for_token(data["draf"], jenis=data["jenis"])
        if draf is None:
            return _galat(DRAF_TIDAK_DIKENAL, status=404)
    try:
        berkas = services.draf_upload(draf=draf, jenis=data["jenis"], dokumen=data["dokumen"], upload=data["berkas"])
    except ValidationError as exc:
        too_big = any(e.code == "terlalu_besar" for e in exc.error_list)
        return _galat(" ".join(exc.messages), status=413 if too_big else 400)
    return JsonResponse(
        {
            **_draf_info(berkas.draf),
            "dokumen": berkas.jenis,
            "nama": berkas.nama_asli,
            "ukuran": filesizeformat(berkas.ukuran),
        },
        status=201,
    )


@require_POST
@throttle("unggah-draf", block=False)
def hapus(request, token: str):
    """Take one document out of the draft; the script asks for JSON, a plain form goes back to the draft."""
    wants_json = "application/json" in request.headers.get("Accept", "")
    if getattr(request, "limited", False):
        return _galat(limit_message("unggah-draf"), status=429)
    draf = selectors.draf_for_token(token)
    if draf is None:
        if wants_json:
            return _galat(DRAF_TIDAK_DIKENAL, status=404)
        raise Http404(DRAF_TIDAK_DIKENAL)
    form = HapusDrafForm(request.POST)
    if not form.is_valid():
        return _galat(_first_error(form))
    services.draf_remove_file(draf=draf, dokumen=form.cleaned_data["dokumen"])
    if wants_json:
        return JsonResponse(_draf_info(draf))
    return redirect("registrasi:draf", token=draf.token)


@cache_control(private=True, no_store=True)  # a private link: no shared cache keeps the page
def lanjut(request, token: str):
    """Resume a draft from its private link: the form again, its documents attached."""
    draf = selectors.draf_for_token(token)
    if draf is None:
        raise Http404(DRAF_TIDAK_DIKENAL)
    form_class, template = _FORMS[draf.jenis]
    form = form_class(attached=selectors.draf_berkas(draf))
    return render(request, template, {"form": form, "draf": draf})
