"""Pieces the registration forms share: identifier cleaning, phone-friendly inputs, document fields."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone

from lpse.uploads import validate_upload

from ..identifiers import clean_nib, clean_nik, clean_nip, clean_npwp
from ..models import JenisDokumen

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


# Phone keyboards and autofill (issue 13): the right keypad for numbers and
# phone numbers, the browser's saved name/e-mail/address offered.
PHONE_FRIENDLY = {
    "telepon": {"inputmode": "tel", "autocomplete": "tel"},
    "kontak_telepon": {"inputmode": "tel", "autocomplete": "tel"},
    "kode_pos": {"inputmode": "numeric", "autocomplete": "postal-code"},
    "email": {"inputmode": "email", "autocomplete": "email"},
    "pj_nama": {"autocomplete": "name"},
    "kontak_nama": {"autocomplete": "name"},
    "nama_badan_usaha": {"autocomplete": "organization"},
    "alamat": {"autocomplete": "address-line1"},  # a one-line input (street-address is for textareas)
    "provinsi": {"autocomplete": "address-level1"},
    "kabupaten_kota": {"autocomplete": "address-level2"},
    "pj_jabatan": {"autocomplete": "organization-title"},
    "npwp": {"autocomplete": "off"},
    "nib": {"autocomplete": "off"},
    "pj_nik": {"autocomplete": "off"},
    "nip": {"autocomplete": "off"},
    "user_id_diminta": {"autocomplete": "username", "autocapitalize": "none"},
}


def _phone_friendly(form: forms.Form) -> None:
    for name, attrs in PHONE_FRIENDLY.items():
        if name in form.fields:
            form.fields[name].widget.attrs.update(attrs)


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
