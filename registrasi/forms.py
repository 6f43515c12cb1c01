from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import F
from django.utils import timezone

from lpse.models import Instansi
from lpse.uploads import validate_upload

from . import services
from .identifiers import clean_nib, clean_nik, clean_nip, clean_npwp
from .models import (
    DOKUMEN_PEJABAT_WAJIB,
    DOKUMEN_PENYEDIA_OPSIONAL,
    DOKUMEN_PENYEDIA_WAJIB,
    BerkasPendaftaran,
    JenisDokumen,
    Keputusan,
    Pendaftaran,
    Penonaktifan,
    PermohonanAkun,
    SlotVerifikasi,
)

user_id_validator = RegexValidator(
    r"^[A-Za-z0-9._-]{4,30}$", "User ID 4–30 karakter: huruf, angka, titik, garis bawah atau tanda hubung."
)
kode_pos_validator = RegexValidator(r"^\d{5}$", "Kode pos harus 5 digit angka.")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FILE_INPUT = forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"})


def berkas_field_name(jenis: str) -> str:
    return f"berkas_{jenis}"


class IdentifierCleaningMixin:
    """clean_<field> for the identifiers; each runs only when the form has that field."""

    def clean_pj_nik(self):
        return clean_nik(self.cleaned_data["pj_nik"])

    def clean_npwp(self):
        return clean_npwp(self.cleaned_data["npwp"])

    def clean_nib(self):
        return clean_nib(self.cleaned_data["nib"])

    def clean_nip(self):
        return clean_nip(self.cleaned_data["nip"])

    def clean_user_id_diminta(self):
        value = self.cleaned_data["user_id_diminta"].strip()
        user_id_validator(value)
        return value

    def clean_kode_pos(self):
        value = self.cleaned_data["kode_pos"].strip()
        if value:
            kode_pos_validator(value)
        return value

    def clean_izin_berlaku_sampai(self):
        value = self.cleaned_data["izin_berlaku_sampai"]
        if value and value <= timezone.localdate():
            raise ValidationError("Surat izin usaha sudah tidak berlaku; lampirkan izin yang masih berlaku.")
        return value

    def clean_masa_berlaku_sampai(self):
        value = self.cleaned_data["masa_berlaku_sampai"]
        if value and value <= timezone.localdate():
            raise ValidationError("Masa berlaku jabatan sudah lewat; lampirkan surat tugas/SK yang masih berlaku.")
        return value

    def validate_unique(self):
        # Duplicates are checked in clean() with a message pointing to the status page;
        # the partial unique constraints hold the rule under concurrency.
        pass


def _loosen_identifier_fields(form: forms.Form) -> None:
    """Accept identifiers as people type them (dots, dashes, spaces); clean_<field> then
    checks them with python-stdnum and says exactly what is wrong."""
    for name in ("npwp", "pj_nik", "nib", "nip"):
        field = form.fields.get(name)
        if field is None:
            continue
        field.max_length = 25
        field.validators = []
        field.widget.attrs["maxlength"] = "25"
        field.widget.attrs["inputmode"] = "numeric"


def _add_file_fields(form: forms.Form, kinds, required: set[str]) -> None:
    for jenis in kinds:
        form.fields[berkas_field_name(jenis)] = forms.FileField(
            label=JenisDokumen(jenis).label,
            required=jenis in required,
            widget=FILE_INPUT,
            help_text=f"PDF, JPEG atau PNG, paling besar {settings.MAX_UPLOAD_BYTES // 1_048_576} MB.",
            error_messages={"required": f"Unggah salinan {JenisDokumen(jenis).label}."},
        )


def _clean_files(form: forms.Form, kinds) -> dict:
    """Check every uploaded file by content (lpse.uploads); errors name the file."""
    files = {}
    for jenis in kinds:
        name = berkas_field_name(jenis)
        upload = form.cleaned_data.get(name)
        if not upload:
            continue
        try:
            kind = validate_upload(upload)
        except ValidationError as exc:
            form.add_error(name, exc)
            continue
        files[jenis] = (upload, kind)
    return files


class PendaftaranPenyediaForm(IdentifierCleaningMixin, forms.ModelForm):
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.jenis = self.JENIS
        for name in ("nama_badan_usaha", "bentuk_usaha", "npwp", "nib", "kontak_nama"):
            self.fields[name].required = True
        _loosen_identifier_fields(self)
        _add_file_fields(self, self.DOKUMEN, set(DOKUMEN_PENYEDIA_WAJIB))
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

    def __init__(self, *args, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)
        self.instance.jenis = self.JENIS
        for name in ("peran", "instansi", "nomor_sk", "masa_berlaku_sampai"):
            self.fields[name].required = True
        self.fields["instansi"].queryset = Instansi.objects.filter(aktif=True)
        _loosen_identifier_fields(self)
        _add_file_fields(self, self.DOKUMEN, set(DOKUMEN_PEJABAT_WAJIB))
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
        self.fields["slot"].queryset = SlotVerifikasi.objects.filter(
            mulai__gt=timezone.now(), terisi__lt=F("kapasitas")
        ).order_by("mulai")


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


class BatalkanForm(forms.Form):
    alasan = forms.CharField(label="Alasan pembatalan", max_length=500)
