"""Pages of the RUP and announcement facilitation tracker (Pasal 4(1)a–b, 24(1)a)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required
from lpse.models import Instansi

from .. import rup
from ..models import FasilitasiPengumuman, FasilitasiRup

PERM = "lpse.akses_layanan"
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StatusForm(forms.ModelForm):
    class Meta:
        model = FasilitasiRup
        fields = ["status", "tanggal_umum", "referensi", "catatan"]
        widgets = {"tanggal_umum": DATE_INPUT, "catatan": forms.Textarea(attrs={"rows": 3})}


class SesiForm(forms.Form):
    tanggal = forms.DateField(widget=DATE_INPUT, initial=timezone.localdate)
    uraian = forms.CharField(label="Bantuan yang diberikan", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    tiket = forms.CharField(
        label="Nomor tiket terkait", required=False, help_text="Nomor id tiket, dipisah koma.", max_length=500
    )

    def clean_tiket(self):
        text = self.cleaned_data["tiket"]
        try:
            return [int(t) for t in text.replace(" ", "").split(",") if t]
        except ValueError:
            raise ValidationError("Isi nomor tiket berupa angka, dipisah koma.") from None


class BukaForm(forms.Form):
    instansi = forms.ModelChoiceField(Instansi.objects.filter(aktif=True, jenis=Instansi.Jenis.OPD), label="OPD")
    tahun = forms.IntegerField(min_value=2000, max_value=2100)


class PengumumanForm(forms.ModelForm):
    class Meta:
        model = FasilitasiPengumuman
        fields = ["instansi", "perihal", "status", "tanggal_umum", "referensi"]
        widgets = {"tanggal_umum": DATE_INPUT}


def _tahun(request) -> int:
    try:
        return int(request.GET.get("tahun") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


@staff_permission_required(PERM)
def rup_list(request):
    """Per OPD of a budget year: the RUP's status, announcement, sessions, officer."""
    tahun = _tahun(request)
    rows = rup.rup_tracker(tahun=tahun)
    context = {
        "rows": rows,
        "tahun": tahun,
        "batas": rup.rup_deadline(tahun),
        "buka": BukaForm(initial={"tahun": tahun}),
    }
    return render(request, "layanan/rup_list.html", context)


@require_POST
@staff_permission_required(PERM)
def rup_buka(request):
    form = BukaForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pilih OPD dan tahun anggaran yang sah.")
        return redirect("layanan:rup-list")
    fasilitasi = rup.rup_open(
        instansi=form.cleaned_data["instansi"], tahun=form.cleaned_data["tahun"], user=request.user
    )
    return redirect(fasilitasi)


@staff_permission_required(PERM)
def rup_detail(request, pk: int):
    fasilitasi = get_object_or_404(FasilitasiRup.objects.select_related("instansi", "petugas"), pk=pk)
    form = StatusForm(request.POST or None, instance=fasilitasi)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                rup.rup_update(
                    fasilitasi=fasilitasi,
                    status=form.cleaned_data["status"],
                    tanggal_umum=form.cleaned_data["tanggal_umum"],
                    referensi=form.cleaned_data["referensi"],
                    catatan=form.cleaned_data["catatan"],
                    user=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Status RUP tersimpan.")
                return redirect(fasilitasi)
        status = 400
    return render(request, "layanan/rup_detail.html", _detail_context(fasilitasi, form=form), status=status)


def _detail_context(obj, **extra):
    sesi = obj.sesi.select_related("petugas").prefetch_related("tiket")
    return {
        "obj": obj,
        "sesi": sesi,
        "sesi_form": SesiForm(),
        "batas": getattr(obj, "tahun", None) and rup.rup_deadline(obj.tahun),
        **extra,
    }


@require_POST
@staff_permission_required(PERM)
def sesi_create(request, jenis: str, pk: int):
    """An assistance session for an RUP (``jenis`` "rup") or a ULP announcement ("pengumuman")."""
    model = FasilitasiRup if jenis == "rup" else FasilitasiPengumuman
    obj = get_object_or_404(model, pk=pk)
    form = SesiForm(request.POST)
    if form.is_valid():
        try:
            rup.sesi_add(
                **{jenis: obj},
                tanggal=form.cleaned_data["tanggal"],
                petugas=request.user,
                uraian=form.cleaned_data["uraian"],
                tiket_ids=form.cleaned_data["tiket"],
            )
        except ValidationError as exc:
            form.add_error("tiket", exc)
        else:
            messages.success(request, "Sesi pendampingan tercatat.")
            return redirect("layanan:rup-detail" if jenis == "rup" else "layanan:pengumuman-ulp-detail", pk=obj.pk)
    template = "layanan/rup_detail.html" if jenis == "rup" else "layanan/pengumuman_ulp_detail.html"
    context = _detail_context(obj, sesi_form=form)
    context["form"] = StatusForm(instance=obj) if jenis == "rup" else PengumumanForm(instance=obj)
    return render(request, template, context, status=400)


@staff_permission_required(PERM)
def rup_terlambat(request):
    """For the Kepala Unit: the OPD whose RUP of the year is late (Pasal 4(1)a)."""
    tahun = _tahun(request)
    rows = [r for r in rup.rup_tracker(tahun=tahun) if r.terlambat]
    return render(
        request, "layanan/rup_terlambat.html", {"rows": rows, "tahun": tahun, "batas": rup.rup_deadline(tahun)}
    )


@staff_permission_required(PERM)
def pengumuman_ulp_list(request):
    """Announcements facilitated for ULP (Pasal 4(1)b), logged like the RUP."""
    form = PengumumanForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                item = rup.pengumuman_save(pengumuman=form.instance, user=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Fasilitasi pengumuman tercatat.")
                return redirect("layanan:pengumuman-ulp-detail", pk=item.pk)
        status = 400
    items = FasilitasiPengumuman.objects.select_related("instansi", "petugas")[:100]
    return render(request, "layanan/pengumuman_ulp_list.html", {"items": items, "form": form}, status=status)


@staff_permission_required(PERM)
def pengumuman_ulp_detail(request, pk: int):
    item = get_object_or_404(FasilitasiPengumuman.objects.select_related("instansi", "petugas"), pk=pk)
    form = PengumumanForm(request.POST or None, instance=item)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                rup.pengumuman_save(pengumuman=form.instance, user=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Tersimpan.")
                return redirect("layanan:pengumuman-ulp-detail", pk=item.pk)
        status = 400
    return render(request, "layanan/pengumuman_ulp_detail.html", _detail_context(item, form=form), status=status)
