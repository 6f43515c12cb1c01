"""Public registration: the application forms, the correction form, status check and booking."""

from datetime import timedelta

from django import forms
from django.db.models import F
from django.utils import timezone

from lpse import workcal
from lpse.models import Instansi

from .. import services
from ..identifiers import clean_nip
from ..models import (
    DOKUMEN_PEJABAT_WAJIB,
    DOKUMEN_PENYEDIA_OPSIONAL,
    DOKUMEN_PENYEDIA_WAJIB,
    Pendaftaran,
    SlotVerifikasi,
)
from .common import (
    DATE_INPUT,
    IdentifierCleaningMixin,
    _add_file_fields,
    _clean_files,
    _loosen_identifier_fields,
    _phone_friendly,
)
from .draf import DokumenDrafMixin


class PendaftaranPenyediaForm(DokumenDrafMixin, IdentifierCleaningMixin, forms.ModelForm):
    """The vendor's online registration (Pasal 13(1)a angka 1) with the documents of 13(1)a angka 2."""

    JENIS = Pendaftaran.Jenis.PENYEDIA
    DOKUMEN = DOKUMEN_PENYEDIA_WAJIB + DOKUMEN_PENYEDIA_OPSIONAL

    class Meta:
        model = Pendaftaran
        fields = [
            "nama_badan_usaha",
            "bentuk_usaha",
            "npwp",
            "nib",
            "alamat",
            "provinsi",
            "kabupaten_kota",
            "kode_pos",
            "telepon",
            "email",
            "pj_nama",
            "pj_nik",
            "pj_jabatan",
            "kontak_nama",
            "kontak_telepon",
            "user_id_diminta",
            "izin_berlaku_sampai",
        ]
        widgets = {"izin_berlaku_sampai": DATE_INPUT}
        labels = {
            "pj_nama": "Nama penanggung jawab (direktur/pemilik)",
            "pj_nik": "NIK penanggung jawab",
            "pj_jabatan": "Jabatan penanggung jawab",
            "kontak_nama": "Nama pemegang User ID SPSE",
            "kontak_telepon": "Telepon pemegang User ID",
        }
        help_texts = {
            "npwp": "15 digit (format lama, mis. 01.312.166.0-091.000) atau 16 digit.",
            "nib": "Nomor Induk Berusaha dari OSS, 13 digit.",
            "pj_nik": "16 digit sesuai KTP.",
        }

    def __init__(self, *args, attached: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.jenis = self.JENIS
        for name in ("nama_badan_usaha", "bentuk_usaha", "npwp", "nib", "kontak_nama"):
            self.fields[name].required = True
        _loosen_identifier_fields(self)
        _phone_friendly(self)
        _add_file_fields(self, self.DOKUMEN, set(DOKUMEN_PENYEDIA_WAJIB))
        self._use_attached(attached)
        self.files_checked: dict = {}

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        # An e-mail already in use is not an error on the page: that would tell anyone who has
        # registered. pendaftaran_submit answers alike and writes to the address's owner instead.
        for field, message in services.find_duplicates(email="", npwp=data.get("npwp", "")).items():
            self.add_error(field, message)
        self.files_checked = _clean_files(self, self.DOKUMEN)
        return data

    def _get_validation_exclusions(self):
        # Likewise for the model's constraint on active e-mails (pendaftaran_email_aktif_unik).
        return super()._get_validation_exclusions() | {"email"}

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class PendaftaranPejabatForm(PendaftaranPenyediaForm):
    """Other SPSE users (Pasal 13(1)b, 13(7)): PPK, Pokja ULP/Pejabat Pengadaan, Auditor, PA/KPA."""

    JENIS = Pendaftaran.Jenis.PEJABAT
    DOKUMEN = DOKUMEN_PEJABAT_WAJIB

    class Meta:
        model = Pendaftaran
        fields = [
            "peran",
            "pj_nama",
            "pj_nik",
            "nip",
            "instansi",
            "pj_jabatan",
            "nomor_sk",
            "masa_berlaku_sampai",
            "alamat",
            "provinsi",
            "kabupaten_kota",
            "telepon",
            "email",
            "user_id_diminta",
        ]
        labels = {"pj_nama": "Nama lengkap", "pj_nik": "NIK", "pj_jabatan": "Jabatan"}
        help_texts = {"nip": "18 digit; isi bila Anda ASN.", "alamat": "Alamat kantor."}
        widgets = {"masa_berlaku_sampai": DATE_INPUT}

    def __init__(self, *args, attached: dict | None = None, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)
        self.instance.jenis = self.JENIS
        for name in ("peran", "instansi", "nomor_sk", "masa_berlaku_sampai"):
            self.fields[name].required = True
        self.fields["instansi"].queryset = Instansi.objects.filter(aktif=True)
        _loosen_identifier_fields(self)
        _phone_friendly(self)
        _add_file_fields(self, self.DOKUMEN, set(DOKUMEN_PEJABAT_WAJIB))
        self._use_attached(attached)
        self.files_checked = {}

    def clean_nip(self):
        value = self.cleaned_data["nip"]
        return clean_nip(value) if value else ""


def perbaikan_form_class(pendaftaran: Pendaftaran) -> type[forms.ModelForm]:
    """A form holding only what the verifier named (Pasal 10(4)); the rest is not retyped."""
    base = PendaftaranPenyediaForm if pendaftaran.jenis == Pendaftaran.Jenis.PENYEDIA else PendaftaranPejabatForm
    field_names = [f for f in base._meta.fields if f in pendaftaran.perbaikan_field]
    dokumen = [d for d in base.DOKUMEN if d in pendaftaran.perbaikan_dokumen]

    class PerbaikanForm(IdentifierCleaningMixin, forms.ModelForm):
        class Meta:
            model = Pendaftaran
            fields = field_names
            labels = base.Meta.labels
            widgets = getattr(base.Meta, "widgets", {})

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for name in field_names:
                if name in ("nama_badan_usaha", "bentuk_usaha", "npwp", "nib", "instansi", "peran"):
                    self.fields[name].required = True
            if "instansi" in self.fields:
                self.fields["instansi"].queryset = Instansi.objects.filter(aktif=True)
            _loosen_identifier_fields(self)
            _add_file_fields(self, dokumen, set(dokumen))
            self.files_checked = {}

        def clean(self):
            data = super().clean()
            if "npwp" in data:
                dup = services.find_duplicates(email="", npwp=data["npwp"], exclude_pk=pendaftaran.pk)
                for field, message in dup.items():
                    self.add_error(field, message)
            self.files_checked = _clean_files(self, dokumen)
            return data

        def service_data(self) -> dict:
            return {name: self.cleaned_data[name] for name in field_names}

    return PerbaikanForm


class CekStatusForm(forms.Form):
    email = forms.EmailField(label="Email yang dipakai saat mendaftar")


class BookingForm(forms.Form):
    slot = forms.ModelChoiceField(
        label="Jadwal verifikasi",
        queryset=SlotVerifikasi.objects.none(),
        error_messages={"invalid_choice": "Jadwal yang dipilih tidak tersedia (sudah penuh, lewat, atau tidak ada)."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.now()
        # Slots a verifier opened on a Saturday, Sunday or holiday by mistake are
        # not offered: verification is done in office (lpse.workcal) days.
        days_off = workcal.days_off_between(timezone.localdate(now), timezone.localdate(now) + timedelta(days=366))
        self.fields["slot"].queryset = (
            SlotVerifikasi.objects.filter(mulai__gt=now, terisi__lt=F("kapasitas"))
            .exclude(mulai__week_day__in=(1, 7))  # Django's week_day: 1 = Sunday, 7 = Saturday
            .exclude(mulai__date__in=days_off)
            .order_by("mulai")
        )
