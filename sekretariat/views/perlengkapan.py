"""Perlengkapan and rumah tangga pages (Pasal 8(4)f): the register, movements,
loans, staff requests and the yearly stock-take."""

import csv
import io

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required
from lpse.spreadsheet import CSV_BOM, cell_safe

from .. import selectors, services
from ..models import Barang, MutasiBarang, Pegawai, Peminjaman, PermintaanBarang, StokOpname
from .common import _add_errors, _form_page, _history

KELOLA = "sekretariat.kelola_perlengkapan"
SETUJUI = "sekretariat.setujui_permintaan_barang"
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BarangForm(forms.ModelForm):
    class Meta:
        model = Barang
        fields = ["kode", "nama", "jenis", "satuan", "lokasi", "kondisi", "stok_minimum", "keterangan", "aktif"]


class MutasiForm(forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis mutasi",
        choices=[(MutasiBarang.Jenis.MASUK, "Barang masuk"), (MutasiBarang.Jenis.KELUAR, "Barang keluar")],
    )
    jumlah = forms.IntegerField(min_value=1, error_messages={"min_value": "Jumlah paling sedikit 1."})
    tanggal = forms.DateField(widget=DATE, initial=timezone.localdate)
    keterangan = forms.CharField(max_length=255, required=False, help_text="Mis. nomor kuitansi atau alasan keluar.")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "mutasi_%s")  # shares the page with the loan form
        super().__init__(*args, **kwargs)


class PeminjamanForm(forms.Form):
    pegawai = forms.ModelChoiceField(queryset=Pegawai.objects.filter(aktif=True), label="Pegawai")
    jumlah = forms.IntegerField(min_value=1, initial=1, error_messages={"min_value": "Jumlah paling sedikit 1."})
    keterangan = forms.CharField(max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "pinjam_%s")
        super().__init__(*args, **kwargs)


class PermintaanForm(forms.Form):
    barang = forms.ModelChoiceField(queryset=Barang.objects.filter(aktif=True), label="Barang")
    jumlah = forms.IntegerField(min_value=1, initial=1, error_messages={"min_value": "Jumlah paling sedikit 1."})
    keperluan = forms.CharField(max_length=255)


class PutusanForm(forms.Form):
    keputusan = forms.ChoiceField(choices=[("setujui", "Setujui"), ("tolak", "Tolak")])
    alasan = forms.CharField(max_length=255, required=False, label="Alasan penolakan")

    def clean(self):
        data = super().clean()
        if data.get("keputusan") == "tolak" and not (data.get("alasan") or "").strip():
            self.add_error("alasan", "Tuliskan alasan penolakan.")
        return data


class StokOpnameForm(forms.Form):
    tahun = forms.IntegerField(
        min_value=2017,
        max_value=2100,
        error_messages={"min_value": "Tahun tidak sah.", "max_value": "Tahun tidak sah."},
    )
    tanggal = forms.DateField(widget=DATE, initial=timezone.localdate, label="Tanggal pencacahan")


# --- The register ---------------------------------------------------------------


def _filters(request) -> dict:
    g = request.GET
    aktif = {"": True, "0": False, "semua": None}.get(g.get("aktif", ""), True)
    return {
        "q": g.get("q", "").strip()[:100],
        "jenis": g.get("jenis", "") if g.get("jenis", "") in Barang.Jenis.values else "",
        "kondisi": g.get("kondisi", "") if g.get("kondisi", "") in Barang.Kondisi.values else "",
        "lokasi": g.get("lokasi", "").strip()[:100],
        "stok": g.get("stok", "") if g.get("stok", "") in ("rendah", "habis") else "",
        "aktif": aktif,
    }


@staff_permission_required(KELOLA)
def barang_list(request):
    """Equipment and consumables with their stock in store and held by staff (Pasal 8(4)f)."""
    filters = _filters(request)
    page = Paginator(selectors.barang_list(**filters), 50).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    context = {
        "page": page,
        "f": {**filters, "aktif": request.GET.get("aktif", "")},
        "jenis_choices": Barang.Jenis.choices,
        "kondisi_choices": Barang.Kondisi.choices,
        "query": query.urlencode(),
    }
    template = "sekretariat/_barang_tabel.html" if request.htmx else "sekretariat/barang_list.html"
    return render(request, template, context)


EXPORT_COLUMNS = ["kode", "nama", "jenis", "satuan", "lokasi", "kondisi", "stok", "dipinjam", "stok_minimum", "aktif"]


def _export_rows(rows):
    for b in rows:
        yield [
            cell_safe(v)
            for v in (
                b.kode,
                b.nama,
                b.get_jenis_display(),
                b.satuan,
                b.lokasi,
                b.get_kondisi_display(),
                b.stok,
                b.dipinjam,
                b.stok_minimum,
                "ya" if b.aktif else "tidak",
            )
        ]


@staff_permission_required(KELOLA)
def barang_ekspor(request):
    """The filtered register as CSV or XLSX (formula-like text neutralised by lpse.spreadsheet)."""
    rows = selectors.barang_list(**_filters(request))
    stamp = timezone.localdate().isoformat()
    if request.GET.get("format") == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Perlengkapan")
        ws.append(EXPORT_COLUMNS)
        for row in _export_rows(rows):
            ws.append(row)
        buf = io.BytesIO()
        wb.save(buf)
        response = HttpResponse(
            buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="perlengkapan-{stamp}.xlsx"'
        return response
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(EXPORT_COLUMNS)
    writer.writerows(_export_rows(rows))
    response = HttpResponse((CSV_BOM + buf.getvalue()).encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="perlengkapan-{stamp}.csv"'
    return response


@staff_permission_required(KELOLA)
def barang_create(request):
    form = BarangForm(request.POST or None)
    return _form_page(
        request,
        form,
        title="Barang baru",
        extra={"help": "Stok awal dicatat sesudahnya sebagai barang masuk; stok tidak pernah diisi langsung."},
        back=lambda b: b.get_absolute_url(),
        service=lambda f: services.barang_save(barang=f.instance),
        success="Barang tersimpan.",
    )


@staff_permission_required(KELOLA)
def barang_edit(request, pk: int):
    barang = get_object_or_404(Barang, pk=pk)
    form = BarangForm(request.POST or None, instance=barang)
    return _form_page(
        request,
        form,
        title=f"Ubah data {barang.nama}",
        back=lambda b: b.get_absolute_url(),
        obj=barang,
        service=lambda f: services.barang_save(barang=f.instance),
        success="Data barang tersimpan.",
    )


def _detail(request, barang, *, mutasi_form=None, pinjam_form=None, status=200):
    mutasi = Paginator(barang.mutasi.select_related("dicatat_oleh"), 50).get_page(request.GET.get("halaman"))
    context = {
        "barang": barang,
        "page": mutasi,
        "pinjaman": selectors.peminjaman_open().filter(barang=barang),
        "mutasi_form": mutasi_form or MutasiForm(),
        "pinjam_form": pinjam_form or PeminjamanForm(),
        "history": _history(barang),
    }
    return render(request, "sekretariat/barang_detail.html", context, status=status)


def _get_barang(pk: int) -> Barang:
    return get_object_or_404(selectors.barang_with_stock(), pk=pk)


@staff_permission_required(KELOLA)
def barang_detail(request, pk: int):
    return _detail(request, _get_barang(pk))


def _act_on_barang(request, barang, form, form_key: str, run, message: str):
    """The shape of the item page's forms (as layanan's ticket page ``_act``): a valid form calls
    its service and returns to the item with a message; otherwise the page again with a 400."""
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect(barang)
    return _detail(request, barang, **{form_key: form}, status=400)


@require_POST
@staff_permission_required(KELOLA)
def barang_mutasi(request, pk: int):
    """Stock in or out; the balance follows (never typed, never below zero)."""
    barang = _get_barang(pk)
    return _act_on_barang(
        request,
        barang,
        MutasiForm(request.POST),
        "mutasi_form",
        lambda data: services.barang_record_movement(barang=barang, user=request.user, **data),
        "Mutasi barang tercatat.",
    )


@require_POST
@staff_permission_required(KELOLA)
def barang_pinjam(request, pk: int):
    """Lend or assign equipment to a Pegawai."""
    barang = _get_barang(pk)
    return _act_on_barang(
        request,
        barang,
        PeminjamanForm(request.POST),
        "pinjam_form",
        lambda data: services.peminjaman_create(barang=barang, user=request.user, **data),
        "Barang diserahkan kepada pegawai.",
    )


@require_POST
@staff_permission_required(KELOLA)
def peminjaman_kembali(request, pk: int):
    pinjam = get_object_or_404(Peminjaman, pk=pk)
    try:
        services.peminjaman_return(peminjaman=pinjam, user=request.user)
    except ValidationError as exc:
        return render(request, "400.html", {"pesan": " ".join(exc.messages)}, status=400)
    messages.success(request, "Barang sudah kembali ke gudang.")
    return redirect(request.POST.get("next") or pinjam.barang.get_absolute_url())


@staff_permission_required(KELOLA)
def peminjaman_list(request):
    """Who holds what: equipment on the name of each Pegawai, not yet returned."""
    q = request.GET.get("q", "").strip()[:100]
    rows = selectors.peminjaman_open().order_by("pegawai__nama", "barang__nama")
    if q:
        rows = rows.filter(pegawai__nama__icontains=q) | rows.filter(barang__nama__icontains=q)
    page = Paginator(rows, 50).get_page(request.GET.get("halaman"))
    return render(request, "sekretariat/peminjaman_list.html", {"page": page, "q": q})


# --- Requests from staff ----------------------------------------------------------


@staff_permission_required("lpse.akses_staf")
def permintaan_list(request):
    """Any LPSE staff member asks for items; the Sekretaris decides (Pasal 8(4)f)."""
    user = request.user
    form = PermintaanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.permintaan_submit(user=user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Permintaan barang terkirim ke Sekretaris.")
            return redirect("sekretariat:permintaan-list")
    rows = PermintaanBarang.objects.select_related("barang", "pemohon", "diputus_oleh")
    semua = user.has_perm(KELOLA) or user.has_perm(SETUJUI)
    if not semua:
        rows = rows.filter(pemohon=user)
    status = request.GET.get("status", "")
    if status in PermintaanBarang.Status.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, 50).get_page(request.GET.get("halaman"))
    context = {
        "form": form,
        "page": page,
        "semua": semua,
        "status": status,
        "status_choices": PermintaanBarang.Status.choices,
        "boleh_putus": user.has_perm(SETUJUI),
    }
    return render(request, "sekretariat/permintaan_list.html", context, status=400 if form.errors else 200)


@require_POST
@staff_permission_required(SETUJUI)
def permintaan_putus(request, pk: int):
    """Approve (stock leaves the store) or reject with a reason; HTMX swaps the row."""
    permintaan = get_object_or_404(PermintaanBarang.objects.select_related("barang", "pemohon"), pk=pk)
    form = PutusanForm(request.POST, prefix=f"p{pk}")
    error = ""
    if form.is_valid():
        try:
            if form.cleaned_data["keputusan"] == "setujui":
                permintaan = services.permintaan_approve(permintaan=permintaan, user=request.user)
            else:
                permintaan = services.permintaan_reject(
                    permintaan=permintaan, user=request.user, alasan=form.cleaned_data["alasan"]
                )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(m for errs in form.errors.values() for m in errs)
    if request.htmx:
        context = {"p": permintaan, "boleh_putus": True, "semua": True, "error": error}
        return render(request, "sekretariat/_permintaan_baris.html", context, status=400 if error else 200)
    if error:
        return render(request, "400.html", {"pesan": error}, status=400)
    messages.success(request, f"Permintaan {permintaan.get_status_display().lower()}.")
    return redirect("sekretariat:permintaan-list")


# --- The yearly stock-take ----------------------------------------------------------


@staff_permission_required(KELOLA)
def stok_opname_list(request):
    form = StokOpnameForm(request.POST or None, initial={"tahun": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            so = services.stok_opname_start(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Inventarisasi dibuka; isi jumlah yang dihitung.")
            return redirect(so)
    rows = StokOpname.objects.select_related("dokumen", "disahkan_oleh")
    return render(
        request,
        "sekretariat/stok_opname_list.html",
        {"form": form, "rows": rows},
        status=400 if form.errors else 200,
    )


def _counts(post, items) -> tuple[dict, list[str]]:
    counts, errors = {}, []
    for item in items:
        raw = post.get(f"dihitung-{item.pk}")
        if raw is None:
            continue
        try:
            value = int(raw)
        except ValueError:
            errors.append(f"{item.barang.nama}: jumlah dihitung harus bilangan bulat.")
            continue
        if value < 0:
            errors.append(f"{item.barang.nama}: jumlah dihitung tidak boleh negatif.")
            continue
        counts[item.pk] = (value, post.get(f"keterangan-{item.pk}", "").strip())
    return counts, errors


@staff_permission_required(KELOLA)
def stok_opname_detail(request, pk: int):
    """Counted against recorded, per item; saving the counts changes no stock until the Sekretaris closes it."""
    so = get_object_or_404(StokOpname.objects.select_related("dokumen"), pk=pk)
    items = list(so.items.select_related("barang"))
    errors: list[str] = []
    if request.method == "POST":
        counts, errors = _counts(request.POST, items)
        if not errors:
            try:
                services.stok_opname_count(stok_opname=so, counts=counts)
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, "Hasil pencacahan tersimpan.")
                return redirect(so)
    context = {"so": so, "items": items, "errors": errors, "boleh_sahkan": request.user.has_perm(SETUJUI)}
    return render(request, "sekretariat/stok_opname_detail.html", context, status=400 if errors else 200)


@require_POST
@staff_permission_required(SETUJUI)
def stok_opname_selesai(request, pk: int):
    """The Sekretaris closes the stock-take: adjustments, then the numbered berita acara."""
    so = get_object_or_404(StokOpname, pk=pk)
    try:
        services.stok_opname_finish(stok_opname=so, user=request.user)
    except ValidationError as exc:
        return render(request, "400.html", {"pesan": " ".join(exc.messages)}, status=400)
    messages.success(request, "Inventarisasi selesai; berita acara sedang diterbitkan.")
    return redirect(so)
