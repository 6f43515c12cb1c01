from datetime import timedelta

from django import forms
from django.utils import timezone

from lpse import roles
from lpse.forms import DATETIME_INPUT
from lpse.models import User

from .models import (
    Aset,
    CekRuangServer,
    Insiden,
    InstruksiLkpp,
    IzinKunjungan,
    Pemeliharaan,
    PermintaanPerubahan,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AsetForm(forms.ModelForm):
    class Meta:
        model = Aset
        fields = [
            "nama",
            "jenis",
            "peran",
            "alamat",
            "ruang",
            "rak",
            "cpu",
            "ram",
            "disk",
            "pemilik",
            "tanggal_perolehan",
            "garansi_sampai",
            "status",
            "kerahasiaan",
            "integritas",
            "ketersediaan",
            "server_spse",
            "host_lokal",
            "disk_peringatan",
            "disk_kritis",
            "ram_tersedia_min",
            "ram_menit",
            "penuh_peringatan_hari",
            "penuh_kritis_hari",
            "tls_peringatan_hari",
            "tls_kritis_hari",
            "latensi_peringatan_ms",
            "histeresis",
        ]
        widgets = {"tanggal_perolehan": DATE_INPUT, "garansi_sampai": DATE_INPUT}

    def clean(self):
        data = super().clean()
        warn, crit = data.get("disk_peringatan"), data.get("disk_kritis")
        if warn is not None and crit is not None and crit <= warn:
            self.add_error("disk_kritis", "Ambang kritis disk harus di atas ambang peringatan.")
        warn, crit = data.get("tls_peringatan_hari"), data.get("tls_kritis_hari")
        if warn is not None and crit is not None and crit >= warn:
            self.add_error("tls_kritis_hari", "Ambang kritis TLS harus lebih kecil dari ambang peringatan.")
        if data.get("host_lokal"):
            others = Aset.objects.filter(host_lokal=True).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("host_lokal", f"Sudah ada aset server portal ini: {others.first()}.")
        return data


class InsidenForm(forms.ModelForm):
    catatan = forms.CharField(label="Tambah catatan", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    class Meta:
        model = Insiden
        fields = ["penyebab", "tindakan", "dilaporkan_lkpp", "tanggal_lapor_lkpp", "nomor_laporan_lkpp"]
        widgets = {
            "penyebab": forms.Textarea(attrs={"rows": 3}),
            "tindakan": forms.Textarea(attrs={"rows": 3}),
            "tanggal_lapor_lkpp": DATE_INPUT,
        }

    def clean(self):
        data = super().clean()
        if data.get("dilaporkan_lkpp") and not data.get("tanggal_lapor_lkpp"):
            self.add_error("tanggal_lapor_lkpp", "Isi tanggal pelaporan ke LKPP (Pasal 9 ayat 3 huruf c).")
        return data


class InstruksiForm(forms.ModelForm):
    class Meta:
        model = InstruksiLkpp
        fields = ["diterima", "nomor", "perihal", "isi", "status", "tindak_lanjut", "insiden"]
        widgets = {"diterima": DATE_INPUT, "isi": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Recent incidents only: the drop-down stays short however long the log grows.
        since = timezone.now() - timedelta(days=365)
        self.fields["insiden"].queryset = Insiden.objects.select_related("aset").filter(dibuka__gte=since)


class PemeliharaanForm(forms.ModelForm):
    class Meta:
        model = Pemeliharaan
        fields = ["judul", "uraian", "mulai", "selesai", "umumkan_jam_sebelum", "aset"]
        widgets = {"mulai": DATETIME_INPUT, "selesai": DATETIME_INPUT, "aset": forms.CheckboxSelectMultiple}

    def clean(self):
        data = super().clean()
        if data.get("mulai") and data.get("selesai") and data["selesai"] <= data["mulai"]:
            self.add_error("selesai", "Waktu selesai harus setelah waktu mulai.")
        return data


class PerubahanForm(forms.ModelForm):
    class Meta:
        model = PermintaanPerubahan
        fields = ["judul", "jenis", "aset", "alasan", "rencana", "rencana_uji", "rencana_rollback"]
        widgets = {"aset": forms.CheckboxSelectMultiple}


class CekRuangForm(forms.ModelForm):
    class Meta:
        model = CekRuangServer
        fields = [
            "tanggal",
            "suhu",
            "kelembapan",
            "ups_baik",
            "genset_baik",
            "ac_baik",
            "apar_baik",
            "pintu_terkunci",
            "cctv_baik",
            "catatan",
        ]
        widgets = {"tanggal": DATE_INPUT, "catatan": forms.Textarea(attrs={"rows": 2})}


class IzinForm(forms.ModelForm):
    class Meta:
        model = IzinKunjungan
        fields = ["nama", "instansi", "keperluan", "tanggal", "perangkat"]
        widgets = {"tanggal": DATE_INPUT, "keperluan": forms.Textarea(attrs={"rows": 2})}


class IzinMasukForm(forms.Form):
    identitas = forms.CharField(label="Dokumen identitas yang ditahan", max_length=100)
    badge = forms.CharField(label="Nomor badge", max_length=30)
    pendamping = forms.ModelChoiceField(label="Pendamping", queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pendamping"].queryset = User.objects.filter(
            is_active=True, groups__name__in=[roles.ADMIN_SISTEM, roles.KABID_ADMIN_SISTEM]
        ).distinct()
