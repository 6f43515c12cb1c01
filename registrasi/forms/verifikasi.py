"""Staff verification: slots, the document checklist, the decision, assignment, cancellation."""

from django import forms

from lpse import workcal

from .. import services
from ..models import BerkasPendaftaran, JenisDokumen, Keputusan, Pendaftaran, SlotVerifikasi
from .common import user_id_validator


class SlotForm(forms.ModelForm):
    class Meta:
        model = SlotVerifikasi
        fields = ["mulai", "selesai", "kapasitas"]
        widgets = {
            "mulai": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "selesai": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def clean(self):
        data = super().clean()
        if data.get("mulai") and data.get("selesai") and data["selesai"] <= data["mulai"]:
            self.add_error("selesai", "Waktu selesai harus setelah waktu mulai.")
        if data.get("kapasitas") is not None and data["kapasitas"] < 1:
            self.add_error("kapasitas", "Kapasitas sekurang-kurangnya 1.")
        if (
            data.get("mulai")
            and data.get("selesai")
            and not workcal.within_office_hours(data["mulai"], data["selesai"])
        ):
            self.add_error(
                "mulai",
                "Jadwal verifikasi hanya pada hari kerja (Senin–Jumat, bukan hari libur) dalam jam kantor "
                f"{workcal.office_hours_label()}.",
            )
        return data


class ChecklistForm(forms.Form):
    """Per document: does the copy match the original shown (Pasal 13(2))?"""

    def __init__(self, *args, berkas: list[BerkasPendaftaran], **kwargs):
        super().__init__(*args, **kwargs)
        self.berkas = berkas
        for b in berkas:
            self.fields[f"hasil_{b.pk}"] = forms.ChoiceField(
                label=b.get_jenis_display(),
                choices=BerkasPendaftaran.Hasil.choices,
                widget=forms.RadioSelect,
                initial=b.hasil or None,
                required=False,
            )
            self.fields[f"catatan_{b.pk}"] = forms.CharField(
                label="Catatan", max_length=500, required=False, initial=b.catatan
            )

    def results(self) -> dict[int, tuple[str, str]]:
        out = {}
        for b in self.berkas:
            hasil = self.cleaned_data.get(f"hasil_{b.pk}")
            if hasil:
                out[b.pk] = (hasil, self.cleaned_data.get(f"catatan_{b.pk}", ""))
        return out

    def rows(self):
        return [(b, self[f"hasil_{b.pk}"], self[f"catatan_{b.pk}"]) for b in self.berkas]


class KeputusanForm(forms.Form):
    """Approve or reject (Pasal 10(4))."""

    hasil = forms.ChoiceField(label="Keputusan", choices=Keputusan.Hasil.choices, widget=forms.RadioSelect)
    user_id_spse = forms.CharField(
        label="User ID yang telah diaktifkan di SPSE", max_length=30, required=False, validators=[user_id_validator]
    )
    alasan = forms.MultipleChoiceField(
        label="Alasan penolakan", choices=Keputusan.Alasan.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    perbaikan_dokumen = forms.MultipleChoiceField(
        label="Dokumen yang harus diperbaiki", widget=forms.CheckboxSelectMultiple, required=False
    )
    perbaikan_field = forms.MultipleChoiceField(
        label="Isian yang harus diperbaiki", widget=forms.CheckboxSelectMultiple, required=False
    )
    catatan = forms.CharField(label="Catatan", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, pendaftaran: Pendaftaran, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perbaikan_dokumen"].choices = [
            (j, JenisDokumen(j).label) for j in services.dokumen_boleh(pendaftaran.jenis)
        ]
        self.fields["perbaikan_field"].choices = [
            (f, str(Pendaftaran._meta.get_field(f).verbose_name).capitalize())
            for f in services.perbaikan_fields(pendaftaran.jenis)
        ]
        self.fields["perbaikan_dokumen"].initial = [
            b.jenis for b in pendaftaran.berkas.all() if b.aktif and b.hasil == BerkasPendaftaran.Hasil.TIDAK_SESUAI
        ]

    def clean(self):
        data = super().clean()
        if data.get("hasil") == Keputusan.Hasil.SETUJU and not data.get("user_id_spse"):
            self.add_error("user_id_spse", "Isi User ID yang telah diaktifkan di SPSE.")
        if data.get("hasil") == Keputusan.Hasil.TOLAK:
            if not data.get("alasan"):
                self.add_error("alasan", "Pilih sekurang-kurangnya satu alasan penolakan.")
            if not data.get("perbaikan_dokumen") and not data.get("perbaikan_field"):
                self.add_error("perbaikan_dokumen", "Sebutkan dokumen atau isian yang harus diperbaiki.")
        return data


class TugaskanForm(forms.Form):
    verifikator = forms.ModelChoiceField(label="Verifikator", queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth.models import Permission

        from lpse.models import User

        perm = Permission.objects.filter(codename="verifikasi_pendaftaran", content_type__app_label="registrasi")
        self.fields["verifikator"].queryset = (
            User.objects.filter(is_active=True, groups__permissions__in=perm).distinct().order_by("nama_lengkap")
        )


class BatalkanForm(forms.Form):
    alasan = forms.CharField(label="Alasan pembatalan", max_length=500)
