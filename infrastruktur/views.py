"""Staff pages of the Administrasi Sistem Elektronik (Pasal 9, 16, 17)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required
from lpse.links import backlinks, backlinks_of

from . import hooks
from .forms import (
    AsetForm,
    CekRuangForm,
    InsidenForm,
    InstruksiForm,
    IzinForm,
    IzinMasukForm,
    PemeliharaanForm,
    PerubahanForm,
)
from .models import (
    Aset,
    CekRuangServer,
    Insiden,
    InstruksiLkpp,
    IzinKunjungan,
    Pemeliharaan,
    PermintaanPerubahan,
)
from .services import aset as aset_services
from .services import operasi

AKSES = "lpse.akses_infrastruktur"


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def form_page(request, *, form, title: str, back: str, obj=None, status=None, koordinasi=None):
    history = obj.history.select_related("history_user")[:20] if obj is not None and obj.pk else []
    return render(
        request,
        "infrastruktur/form.html",
        {"form": form, "title": title, "back": back, "history": history, "koordinasi": koordinasi},
        status=status or (400 if form.errors else 200),
    )


@staff_permission_required(AKSES)
def index(request):
    """Home page of the bidang: state at a glance, incidents, today's SOP."""
    today = timezone.localdate()
    context = {
        "insiden": Insiden.objects.exclude(status=Insiden.Status.DITUTUP).select_related("aset")[:10],
        "cek_ruang": CekRuangServer.objects.filter(tanggal=today).first(),
        "terlewat": operasi.cek_ruang_hari_terlewat(today=today),
        "cards": hooks.sections("index"),  # monitoring's asset states and daily report
    }
    return render(request, "infrastruktur/index.html", context)


# --- Assets -----------------------------------------------------------------------------


@staff_permission_required(AKSES)
def aset_list(request):
    qs = Aset.objects.order_by("nama")
    for extend in hooks.items("aset_list"):
        qs = extend(qs)
    jenis = request.GET.get("jenis", "")
    if jenis in Aset.Jenis.values:
        qs = qs.filter(jenis=jenis)
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    return render(
        request,
        "infrastruktur/aset_list.html",
        {
            "page": page,
            "jenis": jenis,
            "jenis_choices": Aset.Jenis.choices,
            "query": f"jenis={jenis}" if jenis else "",
            "cells": hooks.items("aset_list_cell"),
        },
    )


@staff_permission_required(AKSES)
def aset_create(request):
    return _aset_form(request, Aset())


@staff_permission_required(AKSES)
def aset_edit(request, pk: int):
    return _aset_form(request, get_object_or_404(Aset, pk=pk))


def _aset_form(request, aset: Aset):
    form = AsetForm(request.POST or None, instance=aset)
    if request.method == "POST" and form.is_valid():
        aset = aset_services.aset_save(aset=form.instance)
        messages.success(request, f"Aset {aset.nama} tersimpan.")
        return redirect(aset)
    return form_page(
        request,
        form=form,
        title=f"Ubah aset {aset.nama}" if aset.pk else "Aset baru",
        back="infrastruktur:aset-list",
        obj=aset,
    )


@staff_permission_required(AKSES)
def aset_detail(request, pk: int):
    aset = get_object_or_404(Aset, pk=pk)
    context = {
        "aset": aset,
        "insiden": aset.insiden.all()[:10],
        "history": aset.history.select_related("history_user")[:20],
        # monitoring (state, conditions, checks, agent tokens) and backup (the medium) add their sections
        "sections": hooks.sections("aset_detail", aset),
    }
    return render(request, "infrastruktur/aset_detail.html", context)


# --- Incidents and LKPP (Pasal 9(3)c–d, 14(d)) -----------------------------------------------


@staff_permission_required(AKSES)
def insiden_list(request):
    status = request.GET.get("status", "")
    qs = Insiden.objects.select_related("aset")
    if status in Insiden.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 30).get_page(request.GET.get("halaman"))
    return render(
        request,
        "infrastruktur/insiden_list.html",
        {"page": page, "status": status, "status_choices": Insiden.Status.choices, "query": f"status={status}"},
    )


@staff_permission_required(AKSES)
def insiden_detail(request, pk: int):
    insiden = get_object_or_404(Insiden.objects.select_related("aset", "pengumuman"), pk=pk)
    form = InsidenForm(request.POST or None, instance=insiden)
    if request.method == "POST" and form.is_valid():
        operasi.insiden_update(insiden=form.instance, user=request.user, catatan=form.cleaned_data["catatan"])
        messages.success(request, "Catatan insiden tersimpan.")
        return redirect(insiden)
    context = {
        "insiden": insiden,
        "form": form,
        "catatan": insiden.catatan.select_related("oleh"),
        "instruksi": insiden.instruksi.all(),
        "koordinasi": backlinks_of(insiden),  # Pasal 24(2): entries of the LKPP coordination register
        "history": insiden.history.select_related("history_user")[:20],
    }
    return render(request, "infrastruktur/insiden_detail.html", context, status=400 if form.errors else 200)


@require_POST
@staff_permission_required(AKSES)
def insiden_aksi(request, pk: int, aksi: str):
    """One-click actions: publish or end the gangguan notice, close the incident."""
    insiden = get_object_or_404(Insiden, pk=pk)
    actions = {
        "umumkan": (operasi.insiden_umumkan, "Pengumuman gangguan diterbitkan di beranda."),
        "akhiri-pengumuman": (operasi.insiden_akhiri_pengumuman, "Pengumuman gangguan diakhiri."),
        "tutup": (operasi.insiden_tutup, "Insiden ditutup."),
    }
    if aksi not in actions:
        raise Http404("Aksi tidak dikenal.")
    func, done = actions[aksi]
    try:
        func(insiden=insiden, user=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, done)
    return redirect(insiden)


@staff_permission_required(AKSES)
def instruksi_list(request):
    page = Paginator(InstruksiLkpp.objects.select_related("insiden"), 30).get_page(request.GET.get("halaman"))
    linked = backlinks(InstruksiLkpp, [x.pk for x in page])  # Pasal 24(2), one query for the page
    for x in page:
        x.koordinasi = linked.get(x.pk, [])
    return render(request, "infrastruktur/instruksi_list.html", {"page": page})


@staff_permission_required(AKSES)
def instruksi_create(request):
    return _instruksi_form(request, InstruksiLkpp())


@staff_permission_required(AKSES)
def instruksi_edit(request, pk: int):
    return _instruksi_form(request, get_object_or_404(InstruksiLkpp, pk=pk))


def _instruksi_form(request, instruksi: InstruksiLkpp):
    form = InstruksiForm(request.POST or None, instance=instruksi)
    if request.method == "POST" and form.is_valid():
        operasi.instruksi_save(instruksi=form.instance, user=request.user)
        messages.success(request, "Instruksi LKPP tersimpan.")
        return redirect("infrastruktur:instruksi-list")
    return form_page(
        request,
        form=form,
        title="Instruksi dari LKPP (Pasal 9 ayat 3 huruf d)",
        back="infrastruktur:instruksi-list",
        obj=instruksi,
        koordinasi=backlinks_of(instruksi) if instruksi.pk else None,
    )


# --- Maintenance and change requests ----------------------------------------------------------


@staff_permission_required(AKSES)
def pemeliharaan_list(request):
    qs = Pemeliharaan.objects.select_related("pengumuman").annotate(n_aset=Count("aset")).order_by("-mulai")
    page = Paginator(qs, 30).get_page(request.GET.get("halaman"))
    return render(request, "infrastruktur/pemeliharaan_list.html", {"page": page, "now": timezone.now()})


@staff_permission_required(AKSES)
def pemeliharaan_create(request):
    return _pemeliharaan_form(request, Pemeliharaan())


@staff_permission_required(AKSES)
def pemeliharaan_edit(request, pk: int):
    return _pemeliharaan_form(request, get_object_or_404(Pemeliharaan, pk=pk))


def _pemeliharaan_form(request, pemeliharaan: Pemeliharaan):
    form = PemeliharaanForm(request.POST or None, instance=pemeliharaan)
    if request.method == "POST" and form.is_valid():
        operasi.pemeliharaan_save(pemeliharaan=form.instance, aset=form.cleaned_data["aset"], user=request.user)
        messages.success(
            request, "Jadwal pemeliharaan tersimpan; pengumuman pemeliharaan dijadwalkan (Pasal 17 ayat 4)."
        )
        return redirect("infrastruktur:pemeliharaan-list")
    return form_page(
        request, form=form, title="Jadwal pemeliharaan", back="infrastruktur:pemeliharaan-list", obj=pemeliharaan
    )


@staff_permission_required(AKSES)
def perubahan_list(request):
    page = Paginator(PermintaanPerubahan.objects.select_related("diajukan_oleh"), 30).get_page(
        request.GET.get("halaman")
    )
    return render(request, "infrastruktur/perubahan_list.html", {"page": page})


@staff_permission_required(AKSES)
def perubahan_create(request):
    form = PerubahanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        perubahan = operasi.perubahan_ajukan(perubahan=form.instance, aset=form.cleaned_data["aset"], user=request.user)
        messages.success(request, "Permintaan perubahan tercatat.")
        return redirect("infrastruktur:perubahan-detail", perubahan.pk)
    return form_page(request, form=form, title="Permintaan perubahan baru", back="infrastruktur:perubahan-list")


@staff_permission_required(AKSES)
def perubahan_detail(request, pk: int):
    perubahan = get_object_or_404(PermintaanPerubahan.objects.select_related("diajukan_oleh", "disetujui_oleh"), pk=pk)
    context = {
        "perubahan": perubahan,
        "aset": perubahan.aset.all(),
        "langkah": [(to, operasi.S(to).label) for (frm, to) in operasi.TRANSISI if frm == perubahan.status],
        "sections": hooks.sections("perubahan_detail", perubahan),  # monitoring: the upgrade recommendation
        "history": perubahan.history.select_related("history_user")[:20],
    }
    return render(request, "infrastruktur/perubahan_detail.html", context)


@require_POST
@staff_permission_required(AKSES)
def perubahan_transisi(request, pk: int):
    perubahan = get_object_or_404(PermintaanPerubahan, pk=pk)
    try:
        operasi.perubahan_transisi(
            perubahan=perubahan, ke=request.POST.get("ke", ""), user=request.user, hasil=request.POST.get("hasil", "")
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Status permintaan perubahan diperbarui.")
    return redirect("infrastruktur:perubahan-detail", pk)


# --- Server room (Pasal 16) -----------------------------------------------------------------------


@staff_permission_required(AKSES)
def ruang_list(request):
    today = timezone.localdate()
    page = Paginator(CekRuangServer.objects.select_related("oleh"), 31).get_page(request.GET.get("halaman"))
    return render(
        request,
        "infrastruktur/ruang_list.html",
        {"page": page, "terlewat": operasi.cek_ruang_hari_terlewat(today=today), "today": today},
    )


@staff_permission_required(AKSES)
def ruang_create(request):
    form = CekRuangForm(request.POST or None, initial={"tanggal": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        cek = operasi.cek_ruang_save(cek=form.instance, user=request.user)
        for warning in cek.peringatan():
            messages.warning(request, warning)
        messages.success(request, f"Cek ruang server {cek.tanggal:%d-%m-%Y} tersimpan.")
        return redirect("infrastruktur:ruang-list")
    return form_page(request, form=form, title="Cek harian ruang server (Pasal 16)", back="infrastruktur:ruang-list")


@staff_permission_required(AKSES)
def izin_list(request):
    page = Paginator(IzinKunjungan.objects.all(), 30).get_page(request.GET.get("halaman"))
    return render(request, "infrastruktur/izin_list.html", {"page": page})


@staff_permission_required(AKSES)
def izin_create(request):
    form = IzinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            izin = operasi.izin_ajukan(izin=form.instance, user=request.user)
        except ValidationError as exc:
            form.add_error("tanggal", _errors(exc))
            return form_page(
                request, form=form, title="Permohonan izin masuk ruang server", back="infrastruktur:izin-list"
            )
        messages.success(request, "Permohonan izin kunjungan tercatat; menunggu keputusan pejabat berwenang.")
        return redirect("infrastruktur:izin-detail", izin.pk)
    return form_page(
        request, form=form, title="Permohonan izin masuk ruang server (Pasal 16 ayat 4)", back="infrastruktur:izin-list"
    )


@login_required
def izin_ajukan(request):
    """Any account holder (a vendor's technician, an OPD's staff) asks to enter the server room (Pasal 16(4))."""
    form = IzinForm(request.POST or None, initial={"nama": request.user.nama_lengkap})
    if request.method == "POST" and form.is_valid():
        try:
            operasi.izin_ajukan(izin=form.instance, user=request.user)
        except ValidationError as exc:
            form.add_error("tanggal", _errors(exc))
        else:
            messages.success(request, "Permohonan terkirim. Keputusan dikirim ke email Anda.")
            return redirect("lpse:profil")
    return render(request, "infrastruktur/izin_ajukan.html", {"form": form}, status=400 if form.errors else 200)


@staff_permission_required(AKSES)
def izin_detail(request, pk: int):
    izin = get_object_or_404(IzinKunjungan.objects.select_related("diputuskan_oleh", "pendamping"), pk=pk)
    context = {
        "izin": izin,
        "masuk_form": IzinMasukForm(),
        "boleh_putuskan": request.user.has_perm("infrastruktur.setujui_izin"),
        "hari_ini": timezone.localdate(),
        "history": izin.history.select_related("history_user")[:20],
    }
    return render(request, "infrastruktur/izin_detail.html", context)


@require_POST
@staff_permission_required(AKSES)
def izin_aksi(request, pk: int, aksi: str):
    izin = get_object_or_404(IzinKunjungan, pk=pk)
    try:
        if aksi in ("setujui", "tolak"):
            operasi.izin_putuskan(
                izin=izin, setuju=aksi == "setujui", user=request.user, alasan=request.POST.get("alasan", "")
            )
        elif aksi == "masuk":
            form = IzinMasukForm(request.POST)
            if not form.is_valid():
                raise ValidationError("Identitas yang ditahan, nomor badge dan pendamping wajib diisi.")
            operasi.izin_masuk(
                izin=izin,
                identitas=form.cleaned_data["identitas"],
                badge=form.cleaned_data["badge"],
                pendamping=form.cleaned_data["pendamping"],
                user=request.user,
            )
        elif aksi == "keluar":
            operasi.izin_keluar(izin=izin)
        else:
            raise Http404("Aksi tidak dikenal.")
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Izin kunjungan diperbarui.")
    return redirect("infrastruktur:izin-detail", pk)
