from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from lpse.models import User
from lpse.uploads import PDF, validate_upload

from . import services, sources
from .models import (
    Bidang,
    Disposisi,
    Honorarium,
    Kegiatan,
    KontenPublik,
    Kualifikasi,
    LaporanKegiatan,
    Naskah,
    Pegawai,
    PelatihanPegawai,
    PenugasanLuar,
    Risiko,
    SuratKeputusan,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UploadCheckMixin:
    """Runs lpse.uploads checks on the form's file fields (content, size, PDF sanity)."""

    upload_fields: dict[str, tuple] = {}

    def _check_upload(self, name):
        f = self.cleaned_data.get(name)
        if f and hasattr(f, "content_type"):  # a new upload, not the stored file
            try:
                validate_upload(f, allowed=self.upload_fields[name])
            except ValidationError as exc:
                raise forms.ValidationError(exc.messages) from exc
        return f

    def clean(self):
        data = super().clean()
        for name in self.upload_fields:
            if name in self.cleaned_data and name not in self.errors:
                try:
                    self._check_upload(name)
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        return data


class PegawaiForm(forms.ModelForm):
    class Meta:
        model = Pegawai
        fields = ["nama", "status", "nip", "nik", "jabatan", "bidang", "sk", "user", "jabatan_asal", "email", "aktif"]
        help_texts = {
            "nip": "18 digit: tanggal lahir (8), bulan pengangkatan (6), jenis kelamin 1/2 (1), nomor urut (3).",
            "user": "Akun portal orang ini, bila ada; perannya ikut diperiksa terhadap Pasal 19 ayat 3.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(groups__isnull=False).distinct().order_by("nama_lengkap")
        self.fields["sk"].queryset = SuratKeputusan.objects.order_by("-tanggal")


class SuratKeputusanForm(UploadCheckMixin, forms.ModelForm):
    upload_fields = {"berkas": (PDF,)}

    class Meta:
        model = SuratKeputusan
        fields = ["nomor", "tanggal", "perihal", "berlaku_sampai", "berkas"]
        widgets = {"tanggal": DATE, "berlaku_sampai": DATE}


class PenugasanLuarForm(forms.ModelForm):
    class Meta:
        model = PenugasanLuar
        fields = ["nama", "nip", "nik", "peran", "nomor_sk", "instansi", "tanggal_sk", "berlaku_sampai"]
        widgets = {"tanggal_sk": DATE, "berlaku_sampai": DATE}


class KualifikasiForm(UploadCheckMixin, forms.ModelForm):
    upload_fields = {"berkas": ("pdf", "jpeg", "png")}

    class Meta:
        model = Kualifikasi
        fields = ["jenis", "nama", "penerbit", "nomor", "tanggal", "berlaku_sampai", "berkas"]
        widgets = {"tanggal": DATE, "berlaku_sampai": DATE}


class PelatihanPegawaiForm(UploadCheckMixin, forms.ModelForm):
    upload_fields = {"berkas": ("pdf", "jpeg", "png")}

    class Meta:
        model = PelatihanPegawai
        fields = ["nama", "penyelenggara", "jenis", "mulai", "selesai", "jam_pelajaran", "berkas"]
        widgets = {"mulai": DATE, "selesai": DATE}


class HonorariumForm(forms.ModelForm):
    class Meta:
        model = Honorarium
        fields = ["periode", "jumlah", "dasar", "dibayar"]
        widgets = {"periode": DATE, "dibayar": DATE}
        help_texts = {"periode": "Tanggal mana pun dalam bulan yang dibayar."}

    def __init__(self, *args, pegawai=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.pegawai = pegawai

    def clean_periode(self):
        return self.cleaned_data["periode"].replace(day=1)


class NaskahForm(UploadCheckMixin, forms.ModelForm):
    upload_fields = {"lampiran": ("pdf", "jpeg", "png")}
    lampiran = forms.FileField(required=False, help_text="PDF/JPEG/PNG; lampiran lain dapat ditambah kemudian.")

    class Meta:
        model = Naskah
        fields = [
            "nomor_surat",
            "tanggal_surat",
            "tanggal_agenda",
            "pengirim",
            "penerima",
            "perihal",
            "ringkasan",
            "sifat",
            "kode_klasifikasi",
            "retensi_tahun",
        ]
        widgets = {"tanggal_surat": DATE, "tanggal_agenda": DATE, "ringkasan": forms.Textarea(attrs={"rows": 4})}
        labels = {"ringkasan": "ringkasan/isi"}


class LampiranForm(UploadCheckMixin, forms.Form):
    upload_fields = {"berkas": ("pdf", "jpeg", "png")}
    berkas = forms.FileField(label="Lampiran")


class DisposisiForm(forms.ModelForm):
    class Meta:
        model = Disposisi
        fields = ["kepada_bidang", "kepada_pegawai", "instruksi", "batas_waktu"]
        widgets = {"batas_waktu": DATE, "instruksi": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, naskah=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.naskah = naskah
        self.fields["kepada_pegawai"].queryset = Pegawai.objects.filter(aktif=True)

    def clean(self):
        data = super().clean()
        if not data.get("kepada_bidang") and not data.get("kepada_pegawai"):
            raise forms.ValidationError("Pilih bidang atau pegawai tujuan disposisi.")
        if data.get("batas_waktu") and data["batas_waktu"] < timezone.localdate():
            self.add_error("batas_waktu", "Batas waktu tidak boleh di masa lalu.")
        return data


class FormatAgendaForm(forms.Form):
    masuk = forms.CharField(label="Surat masuk", max_length=100)
    keluar = forms.CharField(label="Surat keluar", max_length=100)
    telaahan = forms.CharField(label="Telaahan staf", max_length=100)

    def clean(self):
        data = super().clean()
        for name in ("masuk", "keluar", "telaahan"):
            if data.get(name):
                try:
                    services.agenda_format_check(data[name])
                except ValidationError as exc:
                    self.add_error(name, exc.messages)
        return data


class KegiatanForm(forms.ModelForm):
    class Meta:
        model = Kegiatan
        fields = [
            "tahun",
            "bidang",
            "nama",
            "indikator",
            "satuan",
            "target",
            "sumber_otomatis",
            "realisasi_manual",
            "jadwal_mulai",
            "jadwal_selesai",
            "pagu",
            "realisasi_anggaran",
        ]
        widgets = {"jadwal_mulai": DATE, "jadwal_selesai": DATE}

    def __init__(self, *args, bidang_allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sumber_otomatis"] = forms.ChoiceField(
            label="Realisasi otomatis dari",
            choices=sources.AUTO_METRIC_CHOICES,
            required=False,
            help_text="Bila portal sudah mencatat realisasinya, pilih sumbernya; kosongkan untuk isian manual.",
        )
        if bidang_allowed is not None:
            self.fields["bidang"].choices = [(b.value, b.label) for b in Bidang if b.value in bidang_allowed]

    def clean(self):
        data = super().clean()
        pagu, realisasi = data.get("pagu"), data.get("realisasi_anggaran")
        if pagu is not None and realisasi is not None and realisasi > pagu:
            self.add_error("realisasi_anggaran", "Realisasi anggaran tidak boleh melebihi pagu.")
        return data


class LaporanRequestForm(forms.Form):
    periode = forms.ChoiceField(choices=LaporanKegiatan.Periode.choices)
    tahun = forms.IntegerField(min_value=2017, max_value=2100)
    nomor = forms.IntegerField(
        label="Bulan (1–12) atau triwulan (1–4)",
        min_value=1,
        max_value=12,
        required=False,
        help_text="Tidak dipakai untuk laporan tahunan.",
    )

    def clean(self):
        data = super().clean()
        periode, nomor = data.get("periode"), data.get("nomor")
        if periode == LaporanKegiatan.Periode.BULANAN and not nomor:
            self.add_error("nomor", "Isi bulan laporan (1–12).")
        if periode == LaporanKegiatan.Periode.TRIWULAN and not (nomor and nomor <= 4):
            self.add_error("nomor", "Isi triwulan laporan (1–4).")
        if periode and data.get("tahun") and (nomor or periode == LaporanKegiatan.Periode.TAHUNAN):
            start, _ = services.period_bounds(periode, data["tahun"], nomor or 1)
            if start > timezone.localdate():
                raise forms.ValidationError("Periode laporan belum dimulai.")
        return data


class NarasiForm(forms.ModelForm):
    class Meta:
        model = LaporanKegiatan
        fields = ["pengantar", "capaian", "kendala", "rencana"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ["pengantar", "capaian", "kendala", "rencana"]}


class RisikoForm(forms.ModelForm):
    class Meta:
        model = Risiko
        fields = [
            "aset",
            "ancaman",
            "nilai_dampak",
            "nilai_ancaman",
            "nilai_kerentanan",
            "nilai_paparan",
            "pemilik",
            "mitigasi",
            "tanggal_tinjau",
        ]
        widgets = {"tanggal_tinjau": DATE, "mitigasi": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pemilik"].queryset = User.objects.filter(groups__name__in=_staff()).distinct()


def _staff():
    from lpse.roles import STAFF_ROLES

    return STAFF_ROLES


class KontenPublikForm(forms.ModelForm):
    class Meta:
        model = KontenPublik
        fields = ["tentang", "kontak", "jam_layanan", "standar_layanan"]
        widgets = {
            f: forms.Textarea(attrs={"rows": 5}) for f in ["tentang", "kontak", "jam_layanan", "standar_layanan"]
        }


class PeriodeForm(forms.Form):
    """Period (and bidang) filter of the statistics and SOP pages."""

    mulai = forms.DateField(widget=DATE, required=False)
    selesai = forms.DateField(widget=DATE, required=False)
    bidang = forms.ChoiceField(choices=[("", "Semua bidang"), *Bidang.choices], required=False)

    MAX_DAYS = 3 * 366

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        data["mulai"] = data.get("mulai") or today.replace(day=1)
        data["selesai"] = data.get("selesai") or today
        if data["selesai"] < data["mulai"]:
            raise forms.ValidationError("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        if (data["selesai"] - data["mulai"]).days > self.MAX_DAYS:
            raise forms.ValidationError("Rentang periode paling lama tiga tahun.")
        return data

    def period(self) -> tuple[date, date]:
        return self.cleaned_data["mulai"], self.cleaned_data["selesai"]
