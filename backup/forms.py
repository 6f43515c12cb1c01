from django import forms
from django.core.exceptions import ValidationError

from infrastruktur.models import Aset

from .models import BackupPolicy, BackupSource, MediaBackup, MediaCopy


class BackupSourceForm(forms.ModelForm):
    """A source of backups. The password itself is never asked for: only where the server finds it."""

    class Meta:
        model = BackupSource
        fields = [
            "nama",
            "slug",
            "jenis",
            "aktif",
            "host",
            "port",
            "nama_db",
            "pengguna",
            "password_env",
            "password_file",
            "path",
            "include",
            "exclude",
        ]
        widgets = {"include": forms.Textarea(attrs={"rows": 3}), "exclude": forms.Textarea(attrs={"rows": 3})}


class BackupPolicyForm(forms.ModelForm):
    class Meta:
        model = BackupPolicy
        fields = ["harian", "mingguan", "bulanan", "hari_offsite"]


class MediaBackupForm(forms.ModelForm):
    """A portable medium; registering it also registers (or takes over) its asset."""

    aset = forms.ModelChoiceField(
        queryset=Aset.objects.none(),
        required=False,
        label="Aset yang sudah ada di daftar aset",
        empty_label="— buat aset baru dengan nama label ini —",
        help_text="Pilih bila media ini sudah tercatat di daftar aset (jenis media backup portabel).",
    )

    class Meta:
        model = MediaBackup
        fields = ["label", "serial", "kapasitas_gb", "enkripsi", "aktif", "catatan"]
        widgets = {"catatan": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("aset", None)
        else:
            self.fields["aset"].queryset = Aset.objects.filter(jenis=Aset.Jenis.MEDIA_BACKUP, media_backup=None)

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and cleaned.get("label"):
            from .services import medium_aset_check

            try:
                medium_aset_check(label=cleaned["label"], aset=cleaned.get("aset"))
            except ValidationError as exc:
                self.add_error(None, exc)
        return cleaned


class HandoverForm(forms.ModelForm):
    """Hand-over of a medium (Pasal 18(2)): the storage place must be apart from the server room."""

    class Meta:
        model = MediaCopy
        fields = ["diserahkan_kepada", "jabatan_penerima", "lokasi_simpan", "terpisah_dari_ruang_server"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = True
        self.fields["terpisah_dari_ruang_server"].error_messages["required"] = (
            "Media backup wajib disimpan di tempat yang aman terpisah dari ruang server "
            "(Perbup Karo 02/2017 Pasal 18 ayat 2)."
        )
        self.fields["lokasi_simpan"].help_text = "Mis. brankas Sekretariat, Kantor Bupati lantai 2."
