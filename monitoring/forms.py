from django import forms

from .models import Pemeriksaan


class PemeriksaanForm(forms.ModelForm):
    class Meta:
        model = Pemeriksaan
        fields = ["nama", "jenis", "target", "interval_detik", "batas_waktu_detik", "aktif"]

    def clean(self):
        data = super().clean()
        jenis, target = data.get("jenis"), data.get("target", "")
        if jenis == "http" and not target.startswith(("http://", "https://")):
            self.add_error("target", "Untuk HTTP, isi URL lengkap yang diawali http:// atau https://.")
        if jenis in ("tcp", "tls") and ":" not in target:
            self.add_error("target", "Isi dalam bentuk host:port, mis. spse.karokab.go.id:443.")
        return data
