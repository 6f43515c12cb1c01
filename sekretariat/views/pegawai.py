"""Personnel pages: pegawai, qualifications, training, honoraria, SK and external assignments (Pasal 6, 19, 21, 22)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from lpse.access import staff_permission_required
from lpse.pagecache import cached_page

from .. import selectors, services
from ..forms import (
    HonorariumForm,
    KualifikasiForm,
    PegawaiForm,
    PelatihanPegawaiForm,
    PenugasanLuarForm,
    SuratKeputusanForm,
)
from ..models import (
    Bidang,
    Honorarium,
    Kualifikasi,
    LampiranNaskah,
    Naskah,
    Pegawai,
    PelatihanPegawai,
    PenugasanLuar,
    SuratKeputusan,
)
from .common import VIEW, _form_page, _history


@staff_permission_required(VIEW)
@cached_page
def pegawai_list(request):
    """Staff of the unit; Pasal 19(3) conflicts are flagged on each row."""
    q, bidang = request.GET.get("q", "").strip(), request.GET.get("bidang", "")
    aktif = {"": True, "0": False, "semua": None}.get(request.GET.get("aktif", ""), True)
    rows = selectors.pegawai_list(q=q, bidang=bidang, aktif=aktif)
    if request.GET.get("sk") == "berakhir":  # SK ending within 60 days (the dashboard's link)
        rows = rows.filter(pk__in=selectors.sk_ending().values("pk"))
    page = Paginator(rows, 50).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request,
        "sekretariat/pegawai_list.html",
        {
            "page": page,
            "q": q,
            "bidang": bidang,
            "aktif": request.GET.get("aktif", ""),
            "bidang_choices": Bidang.choices,
            "query": query.urlencode(),
            "today": timezone.localdate(),
        },
    )


@staff_permission_required("sekretariat.kelola_kepegawaian")
def pegawai_create(request):
    form = PegawaiForm(request.POST or None)
    return _form_page(
        request,
        form,
        title="Pegawai baru",
        back=lambda p: p.get_absolute_url(),
        service=lambda f: services.pegawai_save(pegawai=f.instance),
        success="Pegawai tersimpan.",
    )


@staff_permission_required("sekretariat.kelola_kepegawaian")
def pegawai_edit(request, pk: int):
    pegawai = get_object_or_404(Pegawai, pk=pk)
    form = PegawaiForm(request.POST or None, instance=pegawai)
    return _form_page(
        request,
        form,
        title=f"Ubah data {pegawai}",
        back=lambda p: p.get_absolute_url(),
        obj=pegawai,
        service=lambda f: services.pegawai_save(pegawai=f.instance),
        success="Data pegawai tersimpan.",
    )


@staff_permission_required(VIEW)
def pegawai_detail(request, pk: int):
    pegawai = get_object_or_404(Pegawai.objects.select_related("sk", "user"), pk=pk)
    return render(
        request,
        "sekretariat/pegawai_detail.html",
        {
            "pegawai": pegawai,
            "konflik": selectors.pegawai_conflicts(pegawai=pegawai),
            "kualifikasi": pegawai.kualifikasi.all(),
            "pelatihan": pegawai.pelatihan.all(),
            "honorarium": pegawai.honorarium.all()[:24],
            "history": _history(pegawai),
        },
    )


def _pegawai_child(request, pk, form_class, service, title, **form_kwargs):
    pegawai = get_object_or_404(Pegawai, pk=pk)
    form = form_class(request.POST or None, request.FILES or None, **form_kwargs)
    form.instance.pegawai = pegawai
    return _form_page(
        request,
        form,
        title=f"{title}: {pegawai}",
        back=pegawai.get_absolute_url(),
        service=lambda f: service(f.instance),
    )


@staff_permission_required("sekretariat.kelola_kepegawaian")
def kualifikasi_create(request, pk: int):
    return _pegawai_child(
        request, pk, KualifikasiForm, lambda o: services.kualifikasi_add(kualifikasi=o), "Kualifikasi/sertifikat"
    )


@staff_permission_required("sekretariat.kelola_kepegawaian")
def pelatihan_create(request, pk: int):
    """Pasal 22: training history."""
    return _pegawai_child(
        request, pk, PelatihanPegawaiForm, lambda o: services.pelatihan_pegawai_add(pelatihan=o), "Riwayat pelatihan"
    )


@staff_permission_required("sekretariat.kelola_kepegawaian")
def honorarium_create(request, pk: int):
    """Pasal 21: honorarium per month."""
    pegawai = get_object_or_404(Pegawai, pk=pk)
    form = HonorariumForm(request.POST or None, pegawai=pegawai)
    return _form_page(
        request,
        form,
        title=f"Honorarium: {pegawai}",
        back=pegawai.get_absolute_url(),
        service=lambda f: services.honorarium_save(honorarium=f.instance),
    )


@staff_permission_required("sekretariat.kelola_kepegawaian")
def honorarium_list(request):
    """Honorarium of one month for everyone (Pasal 21), with its total."""
    try:
        bulan = date.fromisoformat(request.GET.get("bulan", "") + "-01")
    except ValueError:
        bulan = timezone.localdate().replace(day=1)
    rows = Honorarium.objects.filter(periode=bulan).select_related("pegawai").order_by("pegawai__nama")
    from django.db.models import Sum

    total = rows.aggregate(total=Sum("jumlah"))["total"] or 0
    return render(request, "sekretariat/honorarium_list.html", {"rows": rows, "bulan": bulan, "total": total})


@staff_permission_required(VIEW)
def bagan(request):
    """The organisation chart of the Lampiran (Pasal 5(2)) from current appointments."""
    return render(request, "sekretariat/bagan.html", {"bagan": selectors.bagan()})


# --- SK and external assignments ------------------------------------------------------


@staff_permission_required(VIEW)
def sk_list(request):
    from django.db.models import Count

    rows = SuratKeputusan.objects.annotate(jumlah_pegawai=Count("pegawai")).order_by("-tanggal", "-id")
    page = Paginator(rows, 50).get_page(request.GET.get("halaman"))
    return render(request, "sekretariat/sk_list.html", {"page": page, "today": timezone.localdate()})


@staff_permission_required("sekretariat.kelola_kepegawaian")
def sk_create(request):
    form = SuratKeputusanForm(request.POST or None, request.FILES or None)
    return _form_page(
        request,
        form,
        title="Keputusan Bupati baru",
        back=lambda sk: sk.get_absolute_url(),
        service=lambda f: services.sk_save(sk=f.instance),
        success="SK tersimpan.",
    )


@staff_permission_required("sekretariat.kelola_kepegawaian")
def sk_edit(request, pk: int):
    sk = get_object_or_404(SuratKeputusan, pk=pk)
    form = SuratKeputusanForm(request.POST or None, request.FILES or None, instance=sk)
    return _form_page(
        request,
        form,
        title=f"Ubah SK {sk}",
        back=lambda s: s.get_absolute_url(),
        obj=sk,
        service=lambda f: services.sk_save(sk=f.instance),
        success="SK tersimpan.",
    )


@staff_permission_required(VIEW)
def sk_detail(request, pk: int):
    sk = get_object_or_404(SuratKeputusan, pk=pk)
    return render(
        request, "sekretariat/sk_detail.html", {"sk": sk, "pegawai": sk.pegawai.all(), "history": _history(sk)}
    )


@staff_permission_required(VIEW)
def penugasan_luar_list(request):
    """SKs naming people PPK/Pokja/Pejabat Pengadaan, checked against staff (Pasal 19(3))."""
    page = Paginator(PenugasanLuar.objects.all(), 50).get_page(request.GET.get("halaman"))
    return render(request, "sekretariat/penugasan_luar_list.html", {"page": page, "today": timezone.localdate()})


@staff_permission_required("sekretariat.kelola_kepegawaian")
def penugasan_luar_create(request):
    form = PenugasanLuarForm(request.POST or None)
    return _form_page(
        request,
        form,
        title="Catat penugasan PPK/Pokja/Pejabat Pengadaan",
        back="sekretariat:penugasan-luar-list",
        service=lambda f: _warn_if_staff(request, services.penugasan_luar_save(penugasan=f.instance)),
    )


def _warn_if_staff(request, penugasan: PenugasanLuar) -> PenugasanLuar:
    """Pasal 19(3): say at once when the person recorded is serving in the unit."""
    match = Q(pk__in=[])
    if penugasan.nip:
        match |= Q(nip=penugasan.nip)
    if penugasan.nik:
        match |= Q(nik=penugasan.nik)
    for pegawai in Pegawai.objects.filter(match, aktif=True):
        messages.warning(
            request,
            f"{pegawai.nama} adalah pegawai aktif Unit LPSE: rangkap jabatan ini dilarang Pasal 19 ayat 3 "
            "dan ditandai di daftar pegawai.",
        )
    return penugasan


# --- Files ---------------------------------------------------------------------------

_FILES = {
    # kind → (model, file field, permission)
    "sk": (SuratKeputusan, "berkas", VIEW),
    "kualifikasi": (Kualifikasi, "berkas", VIEW),
    "pelatihan": (PelatihanPegawai, "berkas", VIEW),
    "lampiran": (LampiranNaskah, "berkas", VIEW),
}


@staff_permission_required(VIEW)
def berkas(request, jenis: str, pk: int):
    """Serve a private file after checking who asks; MEDIA_ROOT has no URL."""
    if jenis not in _FILES:
        raise Http404("Jenis berkas tidak dikenal.")
    model, field, perm = _FILES[jenis]
    if not request.user.has_perm(perm):
        raise PermissionDenied
    obj = get_object_or_404(model, pk=pk)
    if (
        jenis == "lampiran"
        and obj.naskah.sifat == Naskah.Sifat.RAHASIA
        and not request.user.has_perm("sekretariat.disposisi_naskah")
    ):
        raise PermissionDenied("Lampiran naskah rahasia hanya untuk Kepala Unit dan Sekretaris.")
    f = getattr(obj, field)
    if not f:
        raise Http404("Berkas tidak ada.")
    name = getattr(obj, "nama_asli", "") or f.name.rsplit("/", 1)[-1]
    return FileResponse(f.open("rb"), as_attachment=True, filename=name)
