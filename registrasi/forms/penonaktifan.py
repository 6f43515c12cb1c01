"""Deactivation requests (Pasal 10(5)) and their decision."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from lpse.uploads import validate_upload

from ..models import Pendaftaran, Penonaktifan
from .common import DATE_INPUT, FILE_INPUT


class PenonaktifanForm(forms.ModelForm):
    """A deactivation request (Pasal 10(5)): the vendor by User ID, the letter/SK as evidence."""

    user_id_spse = forms.CharField(label="User ID SPSE penyedia", max_length=30)

    class Meta:
        model = Penonaktifan
        fields = ["nomor_surat", "tanggal_surat", "lama_sanksi", "alasan", "bukti"]
        widgets = {"tanggal_surat": DATE_INPUT, "alasan": forms.Textarea(attrs={"rows": 3}), "bukti": FILE_INPUT}

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff
        self.fields["bukti"].required = not staff
        if staff:
            self.fields["jenis"] = forms.ChoiceField(label="Jenis", choices=Penonaktifan.Jenis.choices)
            self.fields["sumber"] = forms.ChoiceField(label="Dasar", choices=Penonaktifan.Sumber.choices)
        self.order_fields(["jenis", "sumber", "user_id_spse"])
        self.pendaftaran = None
        self.bukti_checked = None

    def clean_user_id_spse(self):
        value = self.cleaned_data["user_id_spse"].strip()
        self.pendaftaran = Pendaftaran.objects.filter(
            status=Pendaftaran.Status.DISETUJUI, user_id_spse__iexact=value
        ).first()
        if self.pendaftaran is None:
            raise ValidationError("User ID ini tidak terdaftar sebagai penyedia yang disetujui di LPSE ini.")
        return value

    def clean_tanggal_surat(self):
        value = self.cleaned_data["tanggal_surat"]
        if value and value > timezone.localdate():
            raise ValidationError("Tanggal surat tidak boleh di masa depan.")
        return value

    def clean(self):
        data = super().clean()
        upload = data.get("bukti")
        if upload:
            try:
                self.bukti_checked = (upload, validate_upload(upload))
            except ValidationError as exc:
                self.add_error("bukti", exc)
        return data

    def validate_unique(self):
        pass  # the service checks the open-request constraint with its own message

    def service_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("nomor_surat", "tanggal_surat", "lama_sanksi", "alasan")}


class PenonaktifanKeputusanForm(forms.Form):
    hasil = forms.ChoiceField(
        label="Keputusan", choices=[("setuju", "Setujui"), ("tolak", "Tolak")], widget=forms.RadioSelect
    )
    catatan = forms.CharField(label="Catatan", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    nomor_usulan_lkpp = forms.CharField(label="Nomor surat usulan ke LKPP", max_length=100, required=False)
    tindakan_lkpp = forms.CharField(label="Tindakan LKPP", max_length=255, required=False)
    berlaku_mulai = forms.DateField(label="Berlaku mulai", required=False, widget=DATE_INPUT)
    berlaku_sampai = forms.DateField(label="Berlaku sampai (daftar hitam berjangka)", required=False, widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        if data.get("berlaku_sampai") and (
            not data.get("berlaku_mulai") or data["berlaku_sampai"] <= data["berlaku_mulai"]
        ):
            self.add_error("berlaku_sampai", "Tanggal berakhir harus setelah tanggal mulai berlaku.")
        return data
