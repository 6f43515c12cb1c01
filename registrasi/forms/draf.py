"""The registration draft (issue 13): documents upload one by one and stay attached."""

from django import forms
from django.conf import settings

from ..models import JenisDokumen, Pendaftaran
from .common import berkas_field_name


class DokumenDrafMixin:
    """Document fields that know the draft's accepted files: a document already in the
    draft is not asked again, and the page shows it as attached with a way to replace
    or remove it."""

    DOKUMEN: tuple = ()

    def _use_attached(self, attached: dict | None) -> None:
        self.attached = dict(attached or {})
        for jenis in self.attached:
            field = self.fields.get(berkas_field_name(jenis))
            if field is not None:
                field.required = False

    def attach(self, attached: dict) -> None:
        """After a failed submit: the files this POST brought are in the draft now."""
        self.attached = dict(attached)

    @property
    def batas_unggah(self) -> str:
        """The server's limit, given to the page's script so it refuses a too-large file before sending
        (a string: the template would print a number with thousands separators)."""
        return str(settings.MAX_UPLOAD_BYTES)

    @property
    def dokumen_rows(self) -> list:
        return [(self[berkas_field_name(j)], self.attached.get(j)) for j in self.DOKUMEN]

    @property
    def isian_fields(self) -> list:
        return [bf for bf in self if not bf.name.startswith("berkas_")]


class UnggahDrafForm(forms.Form):
    """One document sent by the page's script as soon as it is chosen."""

    draf = forms.CharField(required=False, max_length=64)
    jenis = forms.ChoiceField(choices=Pendaftaran.Jenis.choices)
    dokumen = forms.ChoiceField(choices=JenisDokumen.choices)
    berkas = forms.FileField(error_messages={"required": "Pilih berkas yang akan diunggah."})


class HapusDrafForm(forms.Form):
    dokumen = forms.ChoiceField(choices=JenisDokumen.choices)
