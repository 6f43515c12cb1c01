"""SOP compliance, risks and kehumasan pages (Pasal 8(3)d, 8(4)d, 12)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from lpse.access import staff_permission_required
from lpse.pagecache import cached_page

from .. import selectors, services
from ..forms import (
    KontenPublikForm,
    PeriodeForm,
    RisikoForm,
)
from .common import VIEW, _form_page


@staff_permission_required("sekretariat.pantau_sop")
@cached_page
def sop(request):
    """For each SOP of Pasal 12(2): the portal's evidence for the period and where it falls short."""
    form = PeriodeForm.from_query(request.GET)
    if not form.is_valid():
        return render(request, "sekretariat/sop.html", {"form": form}, status=400)
    start, end = form.period()
    return render(
        request,
        "sekretariat/sop.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "sop": selectors.sop_compliance(start=start, end=end),
        },
    )


@staff_permission_required(VIEW)
def risiko_list(request):
    """The risk register; score = impact × threat × vulnerability × exposure."""
    from ..models import Risiko

    rows = Risiko.objects.select_related("pemilik").order_by("-skor", "tanggal_tinjau")
    page = Paginator(rows, 50).get_page(request.GET.get("halaman"))
    return render(request, "sekretariat/risiko_list.html", {"page": page, "today": timezone.localdate()})


@staff_permission_required("sekretariat.kelola_risiko")
def risiko_create(request):
    form = RisikoForm(request.POST or None)
    return _form_page(
        request,
        form,
        title="Risiko baru",
        back="sekretariat:risiko-list",
        service=lambda f: services.risiko_save(risiko=f.instance),
        success="Risiko tersimpan.",
        extra={"help": RISK_HELP},
    )


@staff_permission_required("sekretariat.kelola_risiko")
def risiko_edit(request, pk: int):
    from ..models import Risiko

    risiko = get_object_or_404(Risiko, pk=pk)
    form = RisikoForm(request.POST or None, instance=risiko)
    return _form_page(
        request,
        form,
        title=f"Ubah risiko: {risiko}",
        back="sekretariat:risiko-list",
        obj=risiko,
        service=lambda f: services.risiko_save(risiko=f.instance),
        success="Risiko tersimpan.",
        extra={"help": RISK_HELP},
    )


RISK_HELP = (
    "Skor = dampak × ancaman × kerentanan × paparan (maksimum 192). Skor ≤ 24 rendah (diterima), ≤ 64 sedang "
    "(dimitigasi), > 64 tinggi (dimitigasi lebih dahulu). Pemilik risiko diingatkan lewat email pada tanggal tinjauan."
)


@staff_permission_required("sekretariat.kelola_humas")
def humas(request):
    """Kehumasan (Pasal 8(4)d): the public page content; announcements go through the platform's Pengumuman."""
    konten = selectors.konten_publik()
    form = KontenPublikForm(request.POST or None, instance=konten)
    return _form_page(
        request,
        form,
        title="Kehumasan: konten halaman publik",
        back="sekretariat:humas",
        obj=konten,
        service=lambda f: services.konten_publik_save(konten=f.instance),
        success="Konten halaman publik tersimpan.",
        extra={
            "help": "Isi ini tampil di halaman publik “Tentang LPSE”. Pengumuman diterbitkan lewat menu Pengumuman.",
            "links": [
                ("Lihat halaman publik", reverse("sekretariat:profil-publik")),
                ("Kelola pengumuman", reverse("lpse:pengumuman-kelola")),
            ],
        },
    )


def profil_publik(request):
    """Public: about the LPSE, contact, opening hours and service standards (Pasal 8(4)d)."""
    return render(request, "sekretariat/profil_publik.html", {"konten": selectors.konten_publik()})
