"""Program kerja pages (Pasal 8(4)a, i; 9(4)a; 10(6)a; 11(4)a; 25)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from lpse import registry
from lpse.access import staff_permission_required
from lpse.pagecache import cached_page

from .. import selectors, services
from ..forms import (
    KegiatanForm,
)
from ..models import (
    Bidang,
    Kegiatan,
)
from .common import _form_page, _tahun


def _editable_bidang(user) -> set[str]:
    """Bidang whose program kerja this user may edit: all for the Sekretariat, own bidang for a Kepala Bidang."""
    from ..roles import PROGRAM_KERJA_BIDANG

    if not user.has_perm("sekretariat.kelola_program_kerja"):
        return set()
    if user.has_perm("lpse.akses_sekretariat"):
        return set(Bidang.values)
    return {PROGRAM_KERJA_BIDANG[r] for r in user.role_names if r in PROGRAM_KERJA_BIDANG}


@staff_permission_required("lpse.akses_staf")
@cached_page
def kegiatan_list(request):
    """Program kerja of a year: activities, realisation (automatic where the portal knows it), progress."""
    tahun, bidang = _tahun(request), request.GET.get("bidang", "")
    if bidang not in Bidang.values:
        bidang = ""
    data = selectors.program_kerja(tahun=tahun, bidang=bidang)
    # Budget lines the bidang propose (e.g. accepted upgrade recommendations, Pasal 17(5)), via lpse.registry.
    usulan = [u for u in registry.budget_proposals(tahun=tahun) if not bidang or u.bidang == bidang]
    return render(
        request,
        "sekretariat/kegiatan_list.html",
        {
            **data,
            "tahun": tahun,
            "bidang": bidang,
            "bidang_choices": Bidang.choices,
            "editable": _editable_bidang(request.user),
            "usulan": usulan,
        },
    )


@staff_permission_required("sekretariat.kelola_program_kerja")
def kegiatan_create(request):
    allowed = _editable_bidang(request.user)
    initial = {"tahun": timezone.localdate().year, "satuan": "kegiatan"}
    # "Jadikan kegiatan" on a proposed budget line fills the form; nothing is saved until the form is sent.
    initial.update({k: request.GET[k][:255] for k in ("nama", "bidang", "pagu", "tahun") if request.GET.get(k)})
    form = KegiatanForm(request.POST or None, bidang_allowed=allowed, initial=initial)
    return _form_page(
        request,
        form,
        title="Kegiatan program kerja baru",
        back="sekretariat:kegiatan-list",
        service=lambda f: services.kegiatan_save(kegiatan=f.instance),
        success="Kegiatan tersimpan.",
    )


@staff_permission_required("sekretariat.kelola_program_kerja")
def kegiatan_edit(request, pk: int):
    kegiatan = get_object_or_404(Kegiatan, pk=pk)
    allowed = _editable_bidang(request.user)
    if kegiatan.bidang not in allowed:
        raise PermissionDenied("Anda hanya dapat mengubah program kerja bidang Anda sendiri.")
    form = KegiatanForm(request.POST or None, instance=kegiatan, bidang_allowed=allowed)
    return _form_page(
        request,
        form,
        title=f"Ubah kegiatan: {kegiatan}",
        back="sekretariat:kegiatan-list",
        obj=kegiatan,
        service=lambda f: services.kegiatan_save(kegiatan=f.instance),
        success="Kegiatan tersimpan.",
    )
