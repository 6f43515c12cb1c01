"""Pages of the Sekretariat and the Kepala Unit (Pasal 7, 8, 19, 21, 22, 24(1)c)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required

from . import selectors, services
from .forms import (
    DisposisiForm,
    FormatAgendaForm,
    HonorariumForm,
    KegiatanForm,
    KontenPublikForm,
    KualifikasiForm,
    LampiranForm,
    LaporanRequestForm,
    NarasiForm,
    NaskahForm,
    PegawaiForm,
    PelatihanForm,
    PenugasanLuarForm,
    PeriodeForm,
    RisikoForm,
    SuratKeputusanForm,
)
from .models import (
    Bidang,
    Disposisi,
    Honorarium,
    Kegiatan,
    Kualifikasi,
    LampiranNaskah,
    LaporanKegiatan,
    Naskah,
    Pegawai,
    Pelatihan,
    PenugasanLuar,
    SuratKeputusan,
)

VIEW = "lpse.akses_sekretariat"


def _history(obj, n=20):
    return obj.history.select_related("history_user")[:n] if obj.pk else []


def _add_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form; errors of fields the form lacks go on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _form_page(request, form, *, title, back, obj=None, service=None, success="Tersimpan.", extra=None):
    """Render a form page; on a valid POST call ``service(form)`` and go ``back``.

    A ValidationError from the service is shown on the form (status 400) and
    nothing is saved.
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = service(form)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(back(result) if callable(back) else back)
    if isinstance(back, str):
        cancel = back if back.startswith("/") else reverse(back)
    elif obj is not None and obj.pk and hasattr(obj, "get_absolute_url"):
        cancel = obj.get_absolute_url()
    else:
        cancel = reverse("sekretariat:index")
    context = {
        "form": form,
        "title": title,
        "cancel": cancel,
        "history": _history(obj) if obj is not None else [],
        **(extra or {}),
    }
    return render(request, "sekretariat/form.html", context, status=400 if form.errors else 200)


@staff_permission_required(VIEW)
def index(request):
    """Home page of the Sekretariat (Pasal 8): what needs attention."""
    return render(request, "sekretariat/index.html", {"ringkasan": selectors.panel_summary()})


# --- Pegawai -----------------------------------------------------------------------


@staff_permission_required(VIEW)
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
        request, pk, PelatihanForm, lambda o: services.pelatihan_add(pelatihan=o), "Riwayat pelatihan"
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
    "pelatihan": (Pelatihan, "berkas", VIEW),
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


# --- Naskah dinas (Pasal 8(4)f, g) ------------------------------------------------------


@staff_permission_required(VIEW)
def naskah_list(request):
    """The agenda register with search."""
    g = request.GET
    try:
        tahun = int(g.get("tahun") or 0) or None
    except ValueError:
        tahun = None
    qs = selectors.naskah_search(
        q=g.get("q", "").strip(),
        jenis=g.get("jenis", ""),
        tahun=tahun,
        sifat=g.get("sifat", ""),
        belum_disposisi=g.get("belum") == "1",
        retensi_habis=g.get("retensi") == "habis",
    )
    page = Paginator(qs, 50).get_page(g.get("halaman"))
    query = g.copy()
    query.pop("halaman", None)
    return render(
        request,
        "sekretariat/naskah_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "jenis_choices": Naskah.Jenis.choices,
            "sifat_choices": Naskah.Sifat.choices,
            "f": g,
        },
    )


@staff_permission_required("sekretariat.kelola_naskah")
def naskah_create(request, jenis: str):
    if jenis not in Naskah.Jenis.values:
        raise Http404("Jenis naskah tidak dikenal.")
    initial = {"penerima": "Kepala Unit LPSE"} if jenis != Naskah.Jenis.KELUAR else {"pengirim": "Kepala Unit LPSE"}
    form = NaskahForm(request.POST or None, request.FILES or None, initial=initial)
    form.instance.jenis = jenis

    def save(f):
        files = [f.cleaned_data["lampiran"]] if f.cleaned_data.get("lampiran") else []
        return services.naskah_register(naskah=f.instance, files=files, user=request.user)

    return _form_page(
        request,
        form,
        title=f"Catat {Naskah.Jenis(jenis).label.lower()}",
        back=lambda n: n.get_absolute_url(),
        service=save,
        success="Naskah teragenda.",
    )


@staff_permission_required("sekretariat.kelola_naskah")
def naskah_edit(request, pk: int):
    naskah = get_object_or_404(Naskah, pk=pk)
    form = NaskahForm(request.POST or None, request.FILES or None, instance=naskah)
    form.fields.pop("lampiran")
    return _form_page(
        request,
        form,
        title=f"Ubah naskah {naskah.nomor_agenda}",
        back=lambda n: n.get_absolute_url(),
        obj=naskah,
        service=lambda f: services.naskah_update(naskah=f.instance),
    )


@staff_permission_required(VIEW)
def naskah_detail(request, pk: int):
    naskah = get_object_or_404(Naskah.objects.select_related("dibuat_oleh"), pk=pk)
    return _naskah_page(request, naskah, DisposisiForm(naskah=naskah), LampiranForm())


def _naskah_page(request, naskah, disposisi_form, lampiran_form, status=200):
    return render(
        request,
        "sekretariat/naskah_detail.html",
        {
            "naskah": naskah,
            "lampiran": naskah.lampiran.all(),
            "disposisi": naskah.disposisi.select_related("kepada_pegawai", "dari"),
            "disposisi_form": disposisi_form,
            "lampiran_form": lampiran_form,
            "history": _history(naskah),
        },
        status=status,
    )


@require_POST
@staff_permission_required("sekretariat.kelola_naskah")
def lampiran_create(request, pk: int):
    naskah = get_object_or_404(Naskah, pk=pk)
    form = LampiranForm(request.POST, request.FILES)
    if form.is_valid():
        services.lampiran_add(naskah=naskah, berkas=form.cleaned_data["berkas"])
        messages.success(request, "Lampiran ditambahkan.")
        return redirect(naskah)
    return _naskah_page(request, naskah, DisposisiForm(naskah=naskah), form, status=400)


@require_POST
@staff_permission_required("sekretariat.disposisi_naskah")
def disposisi_create(request, pk: int):
    naskah = get_object_or_404(Naskah, pk=pk)
    form = DisposisiForm(request.POST, naskah=naskah)
    if form.is_valid():
        services.disposisi_create(disposisi=form.instance, user=request.user)
        messages.success(request, "Disposisi tersimpan.")
        return redirect(naskah)
    return _naskah_page(request, naskah, form, LampiranForm(), status=400)


def _my_dispositions(user):
    """Dispositions addressed to the user: to their bidang (by role) or to them as Pegawai."""
    from lpse.roles import BIDANG_OF_ROLE

    bidang = {BIDANG_OF_ROLE[r] for r in user.role_names if r in BIDANG_OF_ROLE}
    return Disposisi.objects.filter(Q(kepada_bidang__in=bidang) | Q(kepada_pegawai__user=user))


@require_POST
@staff_permission_required("lpse.akses_staf")
def disposisi_finish(request, pk: int):
    """The Sekretariat closes any disposition; other staff close those addressed to them."""
    qs = Disposisi.objects.select_related("naskah")
    if not request.user.has_perm("sekretariat.kelola_naskah"):
        qs = qs.filter(pk__in=_my_dispositions(request.user).values("pk"))
        if not qs.filter(pk=pk).exists() and Disposisi.objects.filter(pk=pk).exists():
            raise PermissionDenied("Disposisi ini tidak ditujukan kepada Anda.")
    disposisi = get_object_or_404(qs, pk=pk)
    services.disposisi_finish(disposisi=disposisi)
    messages.success(request, "Disposisi ditandai selesai.")
    if request.user.has_perm("lpse.akses_sekretariat"):
        return redirect(disposisi.naskah)
    return redirect("sekretariat:disposisi-saya")


@staff_permission_required("lpse.akses_staf")
def disposisi_saya(request):
    """Dispositions for the user's bidang or for the user, open ones first."""
    rows = (
        _my_dispositions(request.user)
        .select_related("naskah", "kepada_pegawai", "dari")
        .order_by(F("selesai").desc(nulls_first=True), "batas_waktu", "-dibuat")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("halaman"))
    return render(request, "sekretariat/disposisi_saya.html", {"page": page, "today": timezone.localdate()})


@staff_permission_required("sekretariat.kelola_naskah")
def format_agenda(request):
    """The agenda-number format of each kind of naskah."""
    initial = {j: services.agenda_format(j) for j in Naskah.Jenis.values}
    form = FormatAgendaForm(request.POST or None, initial=initial)

    def save(f):
        for jenis in Naskah.Jenis.values:
            services.agenda_format_save(jenis=jenis, fmt=f.cleaned_data[jenis])

    return _form_page(
        request,
        form,
        title="Format nomor agenda",
        back="sekretariat:naskah-list",
        service=save,
        extra={
            "help": "Tempat isian: {seq} atau {seq:04d} (nomor urut per tahun), {kode}, {bulan}, "
            "{bulan_romawi}, {tahun}. Perubahan berlaku untuk naskah berikutnya."
        },
    )


# --- Program kerja (Pasal 8(4)a,i; 9(4)a; 10(6)a; 11(4)a; 25) ----------------------------


def _editable_bidang(user) -> set[str]:
    """Bidang whose program kerja this user may edit: all for the Sekretariat, own bidang for a Kepala Bidang."""
    from .roles import PROGRAM_KERJA_BIDANG

    if not user.has_perm("sekretariat.kelola_program_kerja"):
        return set()
    if user.has_perm("lpse.akses_sekretariat"):
        return set(Bidang.values)
    return {PROGRAM_KERJA_BIDANG[r] for r in user.role_names if r in PROGRAM_KERJA_BIDANG}


def _tahun(request) -> int:
    try:
        tahun = int(request.GET.get("tahun") or timezone.localdate().year)
    except ValueError:
        tahun = timezone.localdate().year
    return min(max(tahun, 2017), 2100)


@staff_permission_required("lpse.akses_staf")
def kegiatan_list(request):
    """Program kerja of a year: activities, realisation (automatic where the portal knows it), progress."""
    tahun, bidang = _tahun(request), request.GET.get("bidang", "")
    if bidang not in Bidang.values:
        bidang = ""
    data = selectors.program_kerja(tahun=tahun, bidang=bidang)
    return render(
        request,
        "sekretariat/kegiatan_list.html",
        {
            **data,
            "tahun": tahun,
            "bidang": bidang,
            "bidang_choices": Bidang.choices,
            "editable": _editable_bidang(request.user),
        },
    )


@staff_permission_required("sekretariat.kelola_program_kerja")
def kegiatan_create(request):
    allowed = _editable_bidang(request.user)
    form = KegiatanForm(
        request.POST or None, bidang_allowed=allowed, initial={"tahun": timezone.localdate().year, "satuan": "kegiatan"}
    )
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


# --- Laporan Kegiatan (Pasal 7(2)c) -------------------------------------------------------


def _laporan_context(laporan, narasi_form=None):
    from .charts import report_charts
    from .report import sections

    data = laporan.data or {}
    return {
        "laporan": laporan,
        "sections": sections(data.get("figures", {})) if data else [],
        "program_kerja": data.get("program_kerja"),
        "sop": data.get("sop", []),
        "charts": report_charts(data) if data else [],
        "narasi_form": narasi_form or NarasiForm(instance=laporan),
        "history": _history(laporan),
    }


@staff_permission_required("sekretariat.susun_laporan")
def laporan_list(request):
    page = Paginator(LaporanKegiatan.objects.select_related("dokumen"), 24).get_page(request.GET.get("halaman"))
    today = timezone.localdate()
    form = LaporanRequestForm(initial={"periode": "bulanan", "tahun": today.year, "nomor": today.month})
    return render(request, "sekretariat/laporan_list.html", {"page": page, "form": form})


@require_POST
@staff_permission_required("sekretariat.susun_laporan")
def laporan_create(request):
    """Queue the report of a period; the worker collects the data (it reads a lot)."""
    form = LaporanRequestForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            laporan = services.laporan_request(
                periode=d["periode"], tahun=d["tahun"], nomor=d["nomor"] or 1, user=request.user
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect(laporan)
    page = Paginator(LaporanKegiatan.objects.select_related("dokumen"), 24).get_page(1)
    return render(request, "sekretariat/laporan_list.html", {"page": page, "form": form}, status=400)


@staff_permission_required("sekretariat.susun_laporan")
def laporan_detail(request, pk: int):
    laporan = get_object_or_404(LaporanKegiatan.objects.select_related("dokumen"), pk=pk)
    return render(request, "sekretariat/laporan_detail.html", _laporan_context(laporan))


@staff_permission_required("sekretariat.susun_laporan")
def laporan_status(request, pk: int):
    """HTMX polling target: the progress bar; a finished job reloads the page."""
    laporan = get_object_or_404(LaporanKegiatan.objects.only("status", "progres", "langkah", "galat"), pk=pk)
    response = render(request, "sekretariat/_laporan_progress.html", {"laporan": laporan})
    if not laporan.sedang_diproses and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@require_POST
@staff_permission_required("sekretariat.susun_laporan")
def laporan_narasi(request, pk: int):
    """The narrative sections the Kepala Unit writes."""
    laporan = get_object_or_404(LaporanKegiatan.objects.select_related("dokumen"), pk=pk)
    form = NarasiForm(request.POST, instance=laporan)
    if form.is_valid():
        try:
            services.laporan_narrative_save(laporan=form.instance)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Narasi laporan tersimpan.")
            return redirect(laporan)
    laporan.refresh_from_db()
    return render(request, "sekretariat/laporan_detail.html", _laporan_context(laporan, form), status=400)


@require_POST
@staff_permission_required("sekretariat.terbitkan_laporan")
def laporan_terbitkan(request, pk: int):
    """Issue the numbered PDF for the Bupati (lpse.documents); the report is then final."""
    laporan = get_object_or_404(LaporanKegiatan, pk=pk)
    try:
        services.laporan_request_issue(laporan=laporan, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(laporan)
    messages.info(request, "PDF laporan sedang dibuat.")
    return redirect(laporan)


@staff_permission_required("sekretariat.susun_laporan")
def laporan_unduh(request, pk: int):
    laporan = get_object_or_404(LaporanKegiatan.objects.select_related("dokumen"), pk=pk)
    if not laporan.dokumen_id or not laporan.dokumen.pdf:
        raise Http404("PDF laporan ini belum diterbitkan.")
    return FileResponse(
        laporan.dokumen.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{laporan.dokumen.nomor.replace('/', '-')}.pdf",
    )


# --- E-reporting (Pasal 24(1)c) ---------------------------------------------------------


def _statistik_data(request):
    from .charts import report_charts
    from .report import sections
    from .sources import all_figures

    form = PeriodeForm.from_query(request.GET)
    if not form.is_valid():
        return form, None
    start, end = form.period()
    bidang = form.cleaned_data.get("bidang", "")
    figures = all_figures(start=start, end=end)
    if bidang:
        figures = {k: (v if k == bidang else None) for k, v in figures.items()}
    return form, {
        "start": start,
        "end": end,
        "bidang": bidang,
        "figures": figures,
        "sections": sections(figures, only=bidang),
        "charts": report_charts({"figures": figures}),
    }


@staff_permission_required("lpse.akses_staf")
def statistik(request):
    """Statistics for staff by period and bidang, with charts and export (Pasal 24(1)c)."""
    form, data = _statistik_data(request)
    query = request.GET.urlencode()
    return render(
        request,
        "sekretariat/statistik.html",
        {"form": form, "query": query, **(data or {})},
        status=200 if data is not None else 400,
    )


@staff_permission_required("lpse.akses_staf")
def statistik_ekspor(request):
    """The same figures as CSV or XLSX (one row per indicator)."""
    import csv
    import io

    from django.http import HttpResponse, HttpResponseBadRequest

    from .report import flat_rows

    form, data = _statistik_data(request)
    fmt = request.GET.get("format", "csv")
    if data is None or fmt not in ("csv", "xlsx"):
        return HttpResponseBadRequest("Filter periode atau format ekspor tidak sah (pilih csv atau xlsx).")
    rows = flat_rows(data["figures"], only=data["bidang"])
    header = ("Bidang", "Indikator", "Nilai")
    name = f"statistik-lpse-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["Periode", f"{data['start']:%d-%m-%Y} s.d. {data['end']:%d-%m-%Y}", ""])
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(buf.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "Statistik"
        ws.append(["Periode", f"{data['start']:%d-%m-%Y} s.d. {data['end']:%d-%m-%Y}"])
        ws.append(header)
        for row in rows:
            ws.append(list(row))
        out = io.BytesIO()
        wb.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def statistik_publik(request):
    """Public: aggregate figures of the service only, no personal data (UU 14/2008, Pasal 24(1)c)."""
    from django.core.cache import cache

    from .report import PUBLIC_KEYS, sections
    from .sources import all_figures

    tahun = _tahun(request)
    today = timezone.localdate()
    if tahun > today.year:
        tahun = today.year
    key = f"sekretariat:statistik-publik:{tahun}"
    figures = cache.get(key)
    if figures is None:
        end = min(date(tahun, 12, 31), today)
        raw = all_figures(start=date(tahun, 1, 1), end=end)
        figures = {k: raw.get(k) for k in PUBLIC_KEYS}
        cache.set(key, figures, 600)
    return render(
        request,
        "sekretariat/statistik_publik.html",
        {
            "tahun": tahun,
            "sections": sections(figures, keys=PUBLIC_KEYS),
            "tahun_pilihan": range(today.year, 2016, -1),
        },
    )


# --- SOP compliance, risks, kehumasan (Pasal 8(3)d, 8(4)d, 12) -------------------------------


@staff_permission_required("sekretariat.pantau_sop")
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
    from .models import Risiko

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
    from .models import Risiko

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
    konten = services.konten_publik()
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
    return render(request, "sekretariat/profil_publik.html", {"konten": services.konten_publik()})
