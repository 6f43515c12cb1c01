"""Views of Bidang Registrasi dan Verifikasi: the public registration pages
and the staff verification pages (Pasal 10 and 13)."""

import csv
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required
from lpse.uploads import CONTENT_TYPES

from . import selectors, services
from .filters import AntrianFilter
from .forms import (
    BatalkanForm,
    BookingForm,
    CekStatusForm,
    ChecklistForm,
    KeputusanForm,
    LupaUserIdForm,
    PendaftaranPejabatForm,
    PendaftaranPenyediaForm,
    PenonaktifanForm,
    PenonaktifanKeputusanForm,
    PermohonanAkunForm,
    ProsesPermohonanForm,
    SlotForm,
    TugaskanForm,
    perbaikan_form_class,
)
from .models import (
    BerkasPendaftaran,
    JenisDokumen,
    Keputusan,
    Pendaftaran,
    Penonaktifan,
    PermohonanAkun,
    SlotVerifikasi,
)
from .roles import AJUKAN_PENONAKTIFAN, TUGASKAN, VERIFIKASI

PER_PAGE = 25
AKSES = "lpse.akses_registrasi"
VERIFIKASI_PERM = VERIFIKASI.replace(".pendaftaran.", ".")
TUGASKAN_PERM = TUGASKAN.replace(".pendaftaran.", ".")


# --- Public: registration --------------------------------------------------------


def _daftar(request, form_class, template: str):
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.pendaftaran_submit(jenis=form.JENIS, data=form.service_data(), files=form.files_checked)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                return redirect("registrasi:terkirim")
        return render(request, template, {"form": form}, status=400)
    return render(request, template, {"form": form})


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def daftar(request):
    """Vendor registration (Pasal 13(1)a); the form says Pasal 13(5) plainly."""
    return _daftar(request, PendaftaranPenyediaForm, "registrasi/daftar_penyedia.html")


def daftar_pejabat(request):
    """Registration of PPK, Pokja ULP/Pejabat Pengadaan, Auditor and PA/KPA (Pasal 13(1)b, 13(7))."""
    return _daftar(request, PendaftaranPejabatForm, "registrasi/daftar_pejabat.html")


def terkirim(request):
    return render(request, "registrasi/terkirim.html")


def konfirmasi(request, token: str):
    """GET shows a button; only the POST confirms, so mail scanners following links change nothing."""
    pendaftaran = get_object_or_404(Pendaftaran, token_konfirmasi=token)
    if pendaftaran.status != Pendaftaran.Status.MENUNGGU_KONFIRMASI:
        return redirect("registrasi:status", token=pendaftaran.token)
    if request.method == "POST":
        pendaftaran = services.pendaftaran_confirm_email(pendaftaran=pendaftaran)
        messages.success(
            request,
            f"Email dikonfirmasi. Nomor pendaftaran Anda {pendaftaran.nomor}. Simpan alamat halaman ini: "
            "ini tautan status pribadi Anda (juga dikirim ke email).",
        )
        return redirect("registrasi:status", token=pendaftaran.token)
    return render(request, "registrasi/konfirmasi.html", {"pendaftaran": pendaftaran})


def cek_status(request):
    form = CekStatusForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "registrasi/cek_status.html", {"form": form}, status=400)
        services.pendaftaran_send_link(email=form.cleaned_data["email"])
        messages.info(
            request,
            "Bila email itu terdaftar pada pendaftaran yang berjalan, tautan status telah dikirim ke alamat tersebut.",
        )
        return redirect("registrasi:cek-status")
    return render(request, "registrasi/cek_status.html", {"form": form})


def _get_pendaftaran_for_token(token: str) -> Pendaftaran:
    """The application whose private status link this is; anything else is 404."""
    try:
        return selectors.pendaftaran_by_token(token)
    except Pendaftaran.DoesNotExist:
        raise Http404("Tautan status tidak dikenal.") from None


_URUTAN_PASAL = {j: i for i, j in enumerate(JenisDokumen.values)}


def _berkas_aktif(pendaftaran: Pendaftaran) -> list[BerkasPendaftaran]:
    """Active copies in the order Pasal 13(1) lists them (from the prefetched rows)."""
    return sorted((b for b in pendaftaran.berkas.all() if b.aktif), key=lambda b: _URUTAN_PASAL[b.jenis])


def _status_context(pendaftaran: Pendaftaran, **extra) -> dict:
    keputusan = list(pendaftaran.keputusan.all())
    context = {
        "pendaftaran": pendaftaran,
        "berkas": _berkas_aktif(pendaftaran),
        "keputusan_terakhir": keputusan[-1] if keputusan else None,
        "jadwal": getattr(pendaftaran, "jadwal", None),
    }
    if pendaftaran.status == Pendaftaran.Status.DIKEMBALIKAN:
        context.setdefault("perbaikan_form", perbaikan_form_class(pendaftaran)(instance=pendaftaran))
    if pendaftaran.status in (Pendaftaran.Status.DIAJUKAN, Pendaftaran.Status.DIKEMBALIKAN):
        context.setdefault("booking_form", BookingForm())
    context.update(extra)
    return context


def status(request, token: str):
    """The applicant's private status page: status, next steps, forms, booking, fixes."""
    pendaftaran = _get_pendaftaran_for_token(token)
    return render(request, "registrasi/status.html", _status_context(pendaftaran))


@require_POST
def perbaikan(request, token: str):
    """Resubmit after a rejection: only the named documents and fields (Pasal 10(4))."""
    pendaftaran = _get_pendaftaran_for_token(token)
    if pendaftaran.status != Pendaftaran.Status.DIKEMBALIKAN:
        raise PermissionDenied("Pendaftaran ini tidak sedang menunggu perbaikan.")
    snapshot = Pendaftaran.objects.get(pk=pendaftaran.pk)
    form = perbaikan_form_class(pendaftaran)(request.POST, request.FILES, instance=snapshot)
    if form.is_valid():
        try:
            services.pendaftaran_resubmit(pendaftaran=pendaftaran, data=form.service_data(), files=form.files_checked)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Perbaikan telah diajukan kembali untuk diverifikasi.")
            return redirect("registrasi:status", token=token)
    context = _status_context(pendaftaran, perbaikan_form=form)
    return render(request, "registrasi/status.html", context, status=400)


@require_POST
def jadwal(request, token: str):
    """Book a verification slot (Pasal 14a); a full slot refuses."""
    pendaftaran = _get_pendaftaran_for_token(token)
    form = BookingForm(request.POST)
    if form.is_valid():
        try:
            services.jadwal_book(pendaftaran=pendaftaran, slot_id=form.cleaned_data["slot"].pk)
        except ValidationError as exc:
            form.add_error("slot", exc)
        else:
            messages.success(request, "Jadwal verifikasi tersimpan.")
            return redirect("registrasi:status", token=token)
    return render(request, "registrasi/status.html", _status_context(pendaftaran, booking_form=form), status=400)


def formulir(request, token: str, jenis: str):
    """Prefilled Formulir Pendaftaran / Keikutsertaan (Pasal 13(6)) to sign and bring along."""
    if jenis not in services.FORMULIR:
        raise Http404("Formulir tidak dikenal.")
    pendaftaran = _get_pendaftaran_for_token(token)
    dokumen = services.formulir_issue(pendaftaran=pendaftaran, jenis=jenis)
    return FileResponse(
        dokumen.pdf.open("rb"), content_type="application/pdf", filename=f"formulir-{jenis}-{pendaftaran.nomor}.pdf"
    )


# --- Staff: verification ---------------------------------------------------------


def _antrian(request):
    """The queue's filterset and rows. Without a chosen status it shows the applications waiting,
    oldest first (the SLA order); ``status=`` (empty) shows every status."""
    params = request.GET.copy()
    params.pop("halaman", None)
    params.pop("format", None)
    params.setdefault("status", Pendaftaran.Status.DIAJUKAN)
    filterset = AntrianFilter(params, queryset=selectors.antrian_queryset(), request=request)
    if not filterset.is_valid():
        return filterset, selectors.antrian_queryset().none(), params
    return filterset, filterset.qs, params


@staff_permission_required(AKSES)
def index(request):
    """The verification queue: filters, search, SLA age, claims and counts per status."""
    filterset, queryset, params = _antrian(request)
    counts = selectors.status_counts()
    paginator = Paginator(queryset, PER_PAGE)
    chosen = (
        {k: v for k, v in filterset.form.cleaned_data.items() if v not in (None, "", False)}
        if filterset.is_valid()
        else None
    )
    if chosen is not None and set(chosen) <= {"status"}:
        # The per-status counts already hold this number: no second COUNT over the register.
        status = chosen.get("status")
        paginator.count = (
            counts[status]
            if status
            else sum(counts[s] for s in counts if s not in ("menunggu_konfirmasi", "lewat_sla"))
        )
    page = paginator.get_page(request.GET.get("halaman"))
    context = {"filter": filterset, "page": page, "query": params.urlencode(), "counts": counts, "now": timezone.now()}
    return render(request, "registrasi/index.html", context)


def _get_pendaftaran_for_staff(pk: int) -> Pendaftaran:
    try:
        return selectors.pendaftaran_detail(pk)
    except Pendaftaran.DoesNotExist:
        raise Http404("Pendaftaran tidak ditemukan.") from None


# The typed data each document vouches for, shown beside it for the check (Pasal 13(2)).
DATA_DOKUMEN = {
    "ktp": ["pj_nama", "pj_nik", "pj_jabatan"],
    "akta_pendirian": ["nama_badan_usaha", "bentuk_usaha"],
    "akta_perubahan": ["nama_badan_usaha", "bentuk_usaha", "alamat"],
    "npwp": ["npwp", "nama_badan_usaha", "alamat"],
    "izin_usaha": ["nib", "nama_badan_usaha", "alamat", "kabupaten_kota", "izin_berlaku_sampai"],
    "surat_tugas": ["pj_nama", "nip", "instansi", "pj_jabatan", "peran", "nomor_sk", "masa_berlaku_sampai"],
}


def _data_for(pendaftaran: Pendaftaran, jenis: str) -> list[tuple[str, object]]:
    rows = []
    for name in DATA_DOKUMEN.get(jenis, []):
        field = Pendaftaran._meta.get_field(name)
        display = getattr(pendaftaran, f"get_{name}_display", None)
        rows.append((str(field.verbose_name), display() if display else getattr(pendaftaran, name)))
    return rows


def _detail_context(request, pendaftaran: Pendaftaran, **extra) -> dict:
    berkas = _berkas_aktif(pendaftaran)
    checklist = extra.pop("checklist", None) or ChecklistForm(berkas=berkas)
    context = {
        "pendaftaran": pendaftaran,
        "berkas_aktif": berkas,
        "berkas_arsip": [b for b in pendaftaran.berkas.all() if not b.aktif],
        "keputusan": list(pendaftaran.keputusan.all()),
        "checklist": checklist,
        "checklist_rows": [(b, h, c, _data_for(pendaftaran, b.jenis)) for b, h, c in checklist.rows()],
        "keputusan_form": KeputusanForm(pendaftaran=pendaftaran),
        "akses": pendaftaran.akses.select_related("pengguna")[:10],
        "history": pendaftaran.history.select_related("history_user")[:20],
        "saya_verifikator": pendaftaran.verifikator_id == request.user.pk,
        "boleh_verifikasi": request.user.has_perm(VERIFIKASI_PERM),
        "batalkan_form": BatalkanForm(),
    }
    if request.user.has_perm(TUGASKAN_PERM):
        context["tugaskan_form"] = TugaskanForm(initial={"verifikator": pendaftaran.verifikator_id})
    context.update(extra)
    return context


@staff_permission_required(AKSES)
def detail(request, pk: int):
    """Full data beside each document, checklist and decision; every opening is audited."""
    pendaftaran = _get_pendaftaran_for_staff(pk)
    services.akses_record(pendaftaran=pendaftaran, user=request.user, ip=request.META.get("REMOTE_ADDR"))
    return render(request, "registrasi/detail.html", _detail_context(request, pendaftaran))


@require_POST
@staff_permission_required(AKSES)
@permission_required(VERIFIKASI_PERM, raise_exception=True)
def klaim(request, pk: int):
    pendaftaran = get_object_or_404(Pendaftaran, pk=pk)
    if services.pendaftaran_claim(pendaftaran=pendaftaran, verifier=request.user):
        messages.success(request, f"Pendaftaran {pendaftaran} Anda klaim.")
    else:
        messages.warning(request, "Pendaftaran ini sudah diklaim verifikator lain.")
    return redirect("registrasi:detail", pk=pk)


@require_POST
@staff_permission_required(AKSES)
@permission_required(TUGASKAN_PERM, raise_exception=True)
def tugaskan(request, pk: int):
    pendaftaran = get_object_or_404(Pendaftaran, pk=pk)
    form = TugaskanForm(request.POST)
    if form.is_valid():
        services.pendaftaran_assign(pendaftaran=pendaftaran, verifier=form.cleaned_data["verifikator"], by=request.user)
        messages.success(request, f"Ditugaskan kepada {form.cleaned_data['verifikator']}.")
        return redirect("registrasi:detail", pk=pk)
    pendaftaran = _get_pendaftaran_for_staff(pk)
    return render(
        request, "registrasi/detail.html", _detail_context(request, pendaftaran, tugaskan_form=form), status=400
    )


@require_POST
@staff_permission_required(AKSES)
@permission_required(VERIFIKASI_PERM, raise_exception=True)
def periksa(request, pk: int):
    """Save the per-document checklist (Pasal 13(2))."""
    pendaftaran = _get_pendaftaran_for_staff(pk)
    form = ChecklistForm(request.POST, berkas=_berkas_aktif(pendaftaran))
    if form.is_valid():
        try:
            services.berkas_check(pendaftaran=pendaftaran, verifier=request.user, results=form.results())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Hasil pemeriksaan dokumen tersimpan.")
            return redirect("registrasi:detail", pk=pk)
    return render(request, "registrasi/detail.html", _detail_context(request, pendaftaran, checklist=form), status=400)


@require_POST
@staff_permission_required(AKSES)
@permission_required(VERIFIKASI_PERM, raise_exception=True)
def putuskan(request, pk: int):
    """Approve or reject (Pasal 10(4)); the applicant is told by email (Pasal 10(6)f)."""
    pendaftaran = _get_pendaftaran_for_staff(pk)
    form = KeputusanForm(request.POST, pendaftaran=pendaftaran)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["hasil"] == Keputusan.Hasil.SETUJU:
                services.pendaftaran_approve(
                    pendaftaran=pendaftaran,
                    verifier=request.user,
                    user_id_spse=data["user_id_spse"],
                    catatan=data["catatan"],
                )
            else:
                services.pendaftaran_reject(
                    pendaftaran=pendaftaran,
                    verifier=request.user,
                    alasan=data["alasan"],
                    catatan=data["catatan"],
                    perbaikan_dokumen=data["perbaikan_dokumen"],
                    perbaikan_field=data["perbaikan_field"],
                )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Keputusan tersimpan dan pemohon diberi tahu melalui email.")
            return redirect("registrasi:detail", pk=pk)
    context = _detail_context(request, pendaftaran, keputusan_form=form)
    return render(request, "registrasi/detail.html", context, status=400)


@require_POST
@staff_permission_required(AKSES)
@permission_required(VERIFIKASI_PERM, raise_exception=True)
def batalkan(request, pk: int):
    """Cancel an application that will not go on; it stays in the archive (Pasal 10(6)e)."""
    pendaftaran = _get_pendaftaran_for_staff(pk)
    form = BatalkanForm(request.POST)
    if form.is_valid():
        try:
            services.pendaftaran_cancel(pendaftaran=pendaftaran, by=request.user, alasan=form.cleaned_data["alasan"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Pendaftaran dibatalkan.")
            return redirect("registrasi:detail", pk=pk)
    context = _detail_context(request, pendaftaran, batalkan_form=form)
    return render(request, "registrasi/detail.html", context, status=400)


@staff_permission_required(AKSES)
def berkas(request, pk: int):
    """An uploaded copy, served only to the bidang's staff (private media has no URL)."""
    item = get_object_or_404(BerkasPendaftaran.objects.select_related("pendaftaran"), pk=pk)
    try:
        handle = item.berkas.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from None
    ext = PurePath(item.berkas.name).suffix
    name = f"{item.pendaftaran.nomor or item.pendaftaran.pk}-{item.jenis}{ext}"
    response = FileResponse(
        handle, content_type=CONTENT_TYPES.get(item.tipe, "application/octet-stream"), filename=name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@staff_permission_required(AKSES)
def berita_acara(request, pk: int):
    """The Berita Acara Verifikasi of a decision; issued again if rendering failed earlier."""
    keputusan = get_object_or_404(Keputusan.objects.select_related("pendaftaran", "berita_acara"), pk=pk)
    dokumen = services.keputusan_issue_berita_acara(keputusan=keputusan, user=request.user)
    if dokumen is None or not dokumen.pdf:
        raise Http404("Berita acara belum dapat dibuat; coba lagi nanti.")
    return FileResponse(
        dokumen.pdf.open("rb"), content_type="application/pdf", filename=f"{dokumen.nomor.replace('/', '-')}.pdf"
    )


EKSPOR_KOLOM = [
    ("Nomor", "nomor"),
    ("Jenis", "get_jenis_display"),
    ("Status", "get_status_display"),
    ("Nama", "nama"),
    ("Bentuk usaha", "get_bentuk_usaha_display"),
    # Lists show NPWP masked; the full number is on the audited detail page only.
    ("NPWP", "npwp_tersamar"),
    ("NIB", "nib"),
    ("Penanggung jawab", "pj_nama"),
    ("Email", "email"),
    ("Diajukan", "diajukan"),
    ("Putaran", "putaran"),
    ("User ID SPSE", "user_id_spse"),
]


def _ekspor_rows(queryset):
    yield [label for label, _ in EKSPOR_KOLOM]
    for obj in queryset.iterator(chunk_size=2000):
        row = []
        for _, attr in EKSPOR_KOLOM:
            value = getattr(obj, attr)
            value = value() if callable(value) else value
            if hasattr(value, "tzinfo"):
                value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""
            row.append("" if value is None else value)
        yield row


class _Echo:
    def write(self, value):
        return value


@staff_permission_required(AKSES)
def ekspor(request):
    """The register (Pasal 10(6)e) as CSV or XLSX, with the queue's filters applied."""
    _filterset, queryset, _params = _antrian(request)
    queryset = queryset.defer(None).select_related(None)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if request.GET.get("format") == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Pendaftaran")
        for row in _ekspor_rows(queryset):
            ws.append(row)
        response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="register-pendaftaran-{stamp}.xlsx"'
        wb.save(response)
        return response
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse((writer.writerow(r) for r in _ekspor_rows(queryset)), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="register-pendaftaran-{stamp}.csv"'
    return response


@staff_permission_required(AKSES)
def slot_list(request):
    """Verification room slots (Pasal 14a): staff open them, applicants book them."""
    can_edit = request.user.has_perm(VERIFIKASI_PERM)
    form = SlotForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            services.slot_create(**form.cleaned_data)
            messages.success(request, "Slot verifikasi dibuka.")
            return redirect("registrasi:slot-list")
    slots = SlotVerifikasi.objects.filter(selesai__gte=timezone.now()).order_by("mulai")[:100]
    status_code = 400 if request.method == "POST" else 200
    return render(
        request, "registrasi/slot_list.html", {"form": form, "slots": slots, "can_edit": can_edit}, status=status_code
    )


# --- Deactivation (Pasal 10(5)) ----------------------------------------------------

AJUKAN_PERM = AJUKAN_PENONAKTIFAN.replace(".penonaktifan.", ".")


@login_required
@permission_required(AJUKAN_PERM, raise_exception=True)
def penonaktifan_ajukan(request):
    """PA/KPA, PPK or ULP ask to deactivate a blacklisted vendor's User ID (Pasal 10(5))."""
    form = PenonaktifanForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.penonaktifan_submit(
                    pendaftaran=form.pendaftaran,
                    user=request.user,
                    jenis=Penonaktifan.Jenis.NONAKTIF,
                    sumber=Penonaktifan.Sumber.PERMINTAAN,
                    data=form.service_data(),
                    bukti=form.bukti_checked,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, "Permintaan penonaktifan terkirim ke Bidang Registrasi dan Verifikasi.")
                return redirect("registrasi:penonaktifan-ajukan")
        return render(request, "registrasi/penonaktifan_ajukan.html", _ajukan_context(request, form), status=400)
    return render(request, "registrasi/penonaktifan_ajukan.html", _ajukan_context(request, form))


def _ajukan_context(request, form) -> dict:
    mine = Penonaktifan.objects.filter(diajukan_oleh=request.user).select_related("pendaftaran")[:20]
    return {"form": form, "milik_saya": mine}


@staff_permission_required(AKSES)
def penonaktifan_list(request):
    """Requests to decide first, then the decided ones (Pasal 10(5))."""
    items = Penonaktifan.objects.select_related("pendaftaran", "diajukan_oleh").order_by("status", "-dibuat")
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("halaman"))
    return render(request, "registrasi/penonaktifan_list.html", {"page": page})


@staff_permission_required(AKSES)
@permission_required(VERIFIKASI_PERM, raise_exception=True)
def penonaktifan_baru(request):
    """Staff open a deactivation for a violation of the SPSE terms, or a reactivation."""
    form = PenonaktifanForm(request.POST or None, request.FILES or None, staff=True)
    if request.method == "POST":
        if form.is_valid():
            try:
                item = services.penonaktifan_submit(
                    pendaftaran=form.pendaftaran,
                    user=request.user,
                    jenis=form.cleaned_data["jenis"],
                    sumber=form.cleaned_data["sumber"],
                    data=form.service_data(),
                    bukti=form.bukti_checked,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                return redirect("registrasi:penonaktifan-detail", pk=item.pk)
        return render(request, "registrasi/penonaktifan_baru.html", {"form": form}, status=400)
    return render(request, "registrasi/penonaktifan_baru.html", {"form": form})


def _penonaktifan_context(item, **extra) -> dict:
    riwayat = item.pendaftaran.penonaktifan.select_related("diputuskan_oleh").all()
    return {
        "item": item,
        "riwayat": riwayat,
        "form": PenonaktifanKeputusanForm(),
        "history": item.history.select_related("history_user")[:20],
        **extra,
    }


@staff_permission_required(AKSES)
def penonaktifan_detail(request, pk: int):
    item = get_object_or_404(Penonaktifan.objects.select_related("pendaftaran", "diajukan_oleh"), pk=pk)
    return render(request, "registrasi/penonaktifan_detail.html", _penonaktifan_context(item))


@require_POST
@staff_permission_required(AKSES)
@permission_required(VERIFIKASI_PERM, raise_exception=True)
def penonaktifan_putuskan(request, pk: int):
    item = get_object_or_404(Penonaktifan.objects.select_related("pendaftaran", "diajukan_oleh"), pk=pk)
    form = PenonaktifanKeputusanForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.penonaktifan_decide(
                penonaktifan=item,
                staff=request.user,
                setuju=data["hasil"] == "setuju",
                catatan=data["catatan"],
                nomor_usulan_lkpp=data["nomor_usulan_lkpp"],
                tindakan_lkpp=data["tindakan_lkpp"],
                berlaku_mulai=data["berlaku_mulai"],
                berlaku_sampai=data["berlaku_sampai"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Keputusan tersimpan.")
            return redirect("registrasi:penonaktifan-detail", pk=pk)
    return render(request, "registrasi/penonaktifan_detail.html", _penonaktifan_context(item, form=form), status=400)


@staff_permission_required(AKSES)
def penonaktifan_bukti(request, pk: int):
    item = get_object_or_404(Penonaktifan, pk=pk)
    if not item.bukti:
        raise Http404("Tidak ada berkas bukti.")
    try:
        handle = item.bukti.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from None
    response = FileResponse(handle, filename=f"bukti-penonaktifan-{item.pk}{PurePath(item.bukti.name).suffix}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


# --- Account services -----------------------------------------------------------------


@login_required
def layanan_akun(request):
    """The logged-in user's approved registrations and their requests (contact, User ID, password, data, renewal)."""
    pendaftaran = (
        Pendaftaran.objects.filter(akun=request.user, status=Pendaftaran.Status.DISETUJUI)
        .select_related("instansi")
        .prefetch_related("penonaktifan")
        .order_by("-diajukan")
        .first()
    )
    form = PermohonanAkunForm(request.POST or None, request.FILES or None)
    status_code = 200
    if request.method == "POST":
        if pendaftaran is None:
            raise PermissionDenied("Anda belum memiliki pendaftaran yang disetujui.")
        if form.is_valid():
            data = form.cleaned_data
            try:
                item = services.permohonan_akun_submit(
                    pendaftaran=pendaftaran,
                    pemohon=request.user,
                    jenis=data["jenis"],
                    uraian=data["uraian"],
                    berlaku_sampai_baru=data["berlaku_sampai_baru"],
                    bukti=form.bukti_checked,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, f"Permohonan tercatat. Unduh tanda terima nomor {item.tanda_terima or '-'}.")
                return redirect("registrasi:layanan-akun")
        status_code = 400
    permohonan = (
        PermohonanAkun.objects.filter(pendaftaran=pendaftaran).select_related("tanda_terima")[:20]
        if pendaftaran
        else []
    )
    context = {"pendaftaran": pendaftaran, "form": form, "permohonan": permohonan}
    return render(request, "registrasi/layanan_akun.html", context, status=status_code)


@login_required
def layanan_akun_tanda_terima(request, pk: int):
    """The requester's own tanda terima; anyone else gets 404."""
    item = get_object_or_404(
        PermohonanAkun.objects.select_related("pendaftaran", "tanda_terima"), pk=pk, pendaftaran__akun=request.user
    )
    dokumen = services.permohonan_akun_tanda_terima(permohonan=item)
    if dokumen is None or not dokumen.pdf:
        raise Http404("Tanda terima belum dapat dibuat; coba lagi nanti.")
    return FileResponse(
        dokumen.pdf.open("rb"), content_type="application/pdf", filename=f"{dokumen.nomor.replace('/', '-')}.pdf"
    )


def lupa_user_id(request):
    form = LupaUserIdForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "registrasi/lupa_user_id.html", {"form": form}, status=400)
        services.lupa_user_id_kirim(email=form.cleaned_data["email"])
        messages.info(
            request, "Bila email itu terdaftar pada akun yang disetujui, User ID telah dikirim ke alamat itu."
        )
        return redirect("registrasi:lupa-user-id")
    return render(request, "registrasi/lupa_user_id.html", {"form": form})


@staff_permission_required(AKSES)
def layanan_akun_list(request):
    items = PermohonanAkun.objects.select_related("pendaftaran", "pemohon").order_by("status", "-dibuat")
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("halaman"))
    return render(request, "registrasi/layanan_akun_list.html", {"page": page})


def _permohonan_context(item, **extra) -> dict:
    return {
        "item": item,
        "form": ProsesPermohonanForm(),
        "history": item.history.select_related("history_user")[:20],
        **extra,
    }


@staff_permission_required(AKSES)
def layanan_akun_detail(request, pk: int):
    item = get_object_or_404(PermohonanAkun.objects.select_related("pendaftaran", "pemohon", "tanda_terima"), pk=pk)
    return render(request, "registrasi/layanan_akun_detail.html", _permohonan_context(item))


@require_POST
@staff_permission_required(AKSES)
@permission_required(VERIFIKASI_PERM, raise_exception=True)
def layanan_akun_proses(request, pk: int):
    item = get_object_or_404(PermohonanAkun.objects.select_related("pendaftaran", "pemohon", "tanda_terima"), pk=pk)
    form = ProsesPermohonanForm(request.POST)
    if form.is_valid():
        try:
            services.permohonan_akun_proses(
                permohonan=item,
                staff=request.user,
                selesai=form.cleaned_data["hasil"] == "selesai",
                catatan=form.cleaned_data["catatan"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Permohonan diproses dan pemohon diberi tahu.")
            return redirect("registrasi:layanan-akun-detail", pk=pk)
    return render(request, "registrasi/layanan_akun_detail.html", _permohonan_context(item, form=form), status=400)


@staff_permission_required(AKSES)
def layanan_akun_bukti(request, pk: int):
    item = get_object_or_404(PermohonanAkun, pk=pk)
    if not item.bukti:
        raise Http404("Tidak ada dokumen pendukung.")
    try:
        handle = item.bukti.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from None
    response = FileResponse(handle, filename=f"permohonan-{item.pk}{PurePath(item.bukti.name).suffix}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@staff_permission_required(AKSES)
def kedaluwarsa(request):
    """Appointments and licences ending within 30 days (or ended), for staff to follow up."""
    items = selectors.akan_kedaluwarsa(today=timezone.localdate())
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("halaman"))
    return render(request, "registrasi/kedaluwarsa.html", {"page": page, "today": timezone.localdate()})


@staff_permission_required("registrasi.view_penggunaspse")
def pengguna_spse_list(request):
    """SPSE users made before the portal (imported, already verified), with import and export."""
    from lpse.imports import get_kind
    from lpse.imports.views import links

    q = request.GET.get("q", "").strip()
    page = Paginator(selectors.pengguna_spse_search(q=q), 50).get_page(request.GET.get("halaman"))
    kind = get_kind("pengguna-spse")
    context = {
        "page": page,
        "q": q,
        "impor": links(kind) if request.user.has_perm(kind.permission) else None,
        "boleh_undang": request.user.has_perm("registrasi.change_penggunaspse"),
    }
    return render(request, "registrasi/pengguna_spse_list.html", context)


@require_POST
@staff_permission_required("registrasi.change_penggunaspse")
def pengguna_spse_undang(request, pk: int):
    """Invite an imported SPSE user to set a portal password (a mail with a one-time link)."""
    from .models import PenggunaSpse

    pengguna = get_object_or_404(PenggunaSpse, pk=pk)
    try:
        services.pengguna_spse_invite(pengguna=pengguna, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("registrasi:pengguna-spse-list")
    messages.success(request, f"Undangan mengatur kata sandi dikirim ke {pengguna.email}.")
    return redirect("registrasi:pengguna-spse-list")
