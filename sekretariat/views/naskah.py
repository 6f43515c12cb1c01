"""Naskah dinas pages: letters, attachments, dispositions and the agenda format (Pasal 8(4)f, g)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required
from lpse.pagecache import cached_page
from lpse.paginator import CappedPaginator

from .. import selectors, services
from ..forms import (
    DisposisiForm,
    FormatAgendaForm,
    LampiranForm,
    NaskahForm,
)
from ..models import (
    Disposisi,
    Naskah,
)
from .common import VIEW, _form_page, _history


@staff_permission_required(VIEW)
@cached_page
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
    # A common word matches thousands of letters: count at most a thousand (lpse/paginator.py).
    page = CappedPaginator(qs, 50).get_page(g.get("halaman"))
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
    initial = {j: selectors.agenda_format(j) for j in Naskah.Jenis.values}
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
