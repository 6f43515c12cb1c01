"""Account services after approval: requests, forgotten User ID, processing."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from lpse.uploads import validate_upload

from ..models import PermohonanAkun
from .common import DATE_INPUT, FILE_INPUT


class PermohonanAkunForm(forms.ModelForm):
    """A request about one's account after approval."""

    class Meta:
        model = PermohonanAkun
        fields = ["jenis", "uraian", "berlaku_sampai_baru", "bukti"]
        widgets = {
            "uraian": forms.Textarea(attrs={"rows": 3}),
            "berlaku_sampai_baru": DATE_INPUT,
            "bukti": FILE_INPUT,
        }
        help_texts = {
            "uraian": "Tulis data lama dan data baru (mis. email/kontak baru), atau apa yang Anda perlukan.",
            "berlaku_sampai_baru": "Hanya untuk perpanjangan: tanggal berakhir pada SK/izin yang baru.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = [
            c for c in PermohonanAkun.Jenis.choices if c[0] != PermohonanAkun.Jenis.LUPA_USER_ID
        ]
        self.bukti_checked = None

    def clean(self):
        data = super().clean()
        jenis = data.get("jenis")
        tanggal = data.get("berlaku_sampai_baru")
        if jenis == PermohonanAkun.Jenis.PERPANJANGAN and not tanggal:
            self.add_error("berlaku_sampai_baru", "Isi tanggal berakhir yang baru.")
        if tanggal and tanggal <= timezone.localdate():
            self.add_error("berlaku_sampai_baru", "Tanggal berakhir yang baru harus di masa depan.")
        upload = data.get("bukti")
        if upload:
            try:
                self.bukti_checked = (upload, validate_upload(upload))
            except ValidationError as exc:
                self.add_error("bukti", exc)
        elif jenis in PermohonanAkun.BUTUH_BUKTI:
            self.add_error("bukti", "Lampirkan dokumen yang menjadi dasar perubahan/perpanjangan.")
        return data

    def _post_clean(self):
        # The service builds the row (with its pendaftaran); only field values are checked here.
        pass


class LupaUserIdForm(forms.Form):
    email = forms.EmailField(label="Email yang terdaftar")


class ProsesPermohonanForm(forms.Form):
    hasil = forms.ChoiceField(
        label="Hasil", choices=[("selesai", "Selesai"), ("tolak", "Tolak")], widget=forms.RadioSelect
    )
    catatan = forms.CharField(label="Catatan untuk pemohon", widget=forms.Textarea(attrs={"rows": 2}), required=False)
