import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from lpse import roles
from lpse.uploads import validate_upload

from .models import (
    MAX_PESAN,
    ArtikelFaq,
    BalasanTemplat,
    BeritaAcaraKesaksian,
    Eskalasi,
    Kanal,
    SlaTarget,
    Status,
    Tiket,
    Tingkat,
)
from .services import MAX_LAMPIRAN

TIKET_FIELDS = [
    "jenis",
    "kategori",
    "jenis_pelapor",
    "urgensi",
    "dampak",
    "subjek",
    "deskripsi",
    "kode_paket",
]
GUEST_FIELDS = ["nama", "email", "telepon", "instansi"]

# A logged-in requester's role suggests who they report as (they may change it).
PELAPOR_DARI_PERAN = {
    roles.POKJA: "pokja",
    roles.PENYEDIA: "penyedia",
    roles.PPK: "ppk",
    roles.AUDITOR: "auditor",
}


class PlainBootstrap:
    """Bootstrap classes on the widgets, for small forms rendered with
    ``layanan/_field.html`` instead of crispy (the ticket page shows eight
    forms; crispy's nested templates were most of its render time)."""

    id_prefix = "f"

    def __init__(self, *args, **kwargs):
        # The ticket page holds several forms with fields of the same name: ids must stay unique.
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select form-select-sm" if isinstance(widget, forms.Select) else "form-control form-control-sm"
            widget.attrs["class"] = css


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class LampiranField(forms.FileField):
    """Several files; each checked by content (lpse.uploads), errors name the file."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", f"PDF, JPEG atau PNG, paling banyak {MAX_LAMPIRAN} berkas, masing-masing maks. 5 MB."
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_LAMPIRAN:
            raise ValidationError(f"Paling banyak {MAX_LAMPIRAN} lampiran sekaligus.")
        errors = []
        for f in files:
            try:
                validate_upload(f)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return files


_PESAN_HELP = f"Paling banyak {MAX_PESAN:,} karakter.".replace(",", ".")
_LAMPIRAN_ULANG = "Bila ada galat, pilih ulang lampiran Anda: isian lain tetap tersimpan di formulir."


class TiketForm(forms.ModelForm):
    """The public form; guests give their contact details, logged-in users do not."""

    lampiran = LampiranField(label="Lampiran")
    kunci_kirim = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    class Meta:
        model = Tiket
        fields = GUEST_FIELDS + TIKET_FIELDS
        widgets = {
            "deskripsi": forms.Textarea(attrs={"rows": 6}),
            "subjek": forms.TextInput(
                attrs={
                    "data-hx-get": "",  # set in __init__
                    "data-hx-trigger": "input changed delay:300ms",
                    "data-hx-target": "#saran-faq",
                    "autocomplete": "off",
                }
            ),
        }
        help_texts = {
            "deskripsi": _PESAN_HELP,
            "kode_paket": "Isi bila menyangkut paket/tender tertentu.",
            "urgensi": "Seberapa cepat harus ditangani (mis. batas waktu tender hari ini: tinggi).",
            "dampak": "Seberapa luas akibatnya (mis. seluruh penyedia tidak dapat mengunggah: tinggi).",
        }

    def __init__(self, *args, user=None, saran_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subjek"].widget.attrs["data-hx-get"] = saran_url
        self.fields["subjek"].error_messages["required"] = "Subjek wajib diisi."
        self.fields["deskripsi"].error_messages["required"] = "Uraian wajib diisi."
        self.fields["lampiran"].help_text += " " + _LAMPIRAN_ULANG
        if not self.is_bound:
            self.initial["kunci_kirim"] = secrets.token_urlsafe(24)
        if user is not None and user.is_authenticated:
            for name in GUEST_FIELDS:
                del self.fields[name]
            kind = next((k for role, k in PELAPOR_DARI_PERAN.items() if role in user.role_names), None)
            if kind:
                self.fields["jenis_pelapor"].initial = kind
        else:
            self.fields["email"].required = True
            self.fields["telepon"].required = True

    def clean_subjek(self):
        value = self.cleaned_data["subjek"].strip()
        if not value:
            raise ValidationError("Subjek wajib diisi.")
        return value

    def clean_deskripsi(self):
        value = self.cleaned_data["deskripsi"].strip()
        if not value:
            raise ValidationError("Uraian wajib diisi.")
        return value

    def tiket_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "lampiran"}


class StaffTiketForm(TiketForm):
    """Staff log a request that came by phone, visit, email or letter (Pasal 11 ayat 3 huruf a)."""

    kanal = forms.ChoiceField(choices=[c for c in Kanal.choices if c[0] != Kanal.WEB], label="Kanal")

    def __init__(self, *args, **kwargs):
        kwargs["user"] = None
        super().__init__(*args, **kwargs)
        self.fields["email"].required = False
        self.fields["telepon"].required = False
        self.order_fields(["kanal"])

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("telepon"):
            raise ValidationError("Isi email atau telepon pelapor agar dapat dihubungi.")
        return data

    def tiket_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("lampiran", "kanal")}


class PesanForm(forms.Form):
    isi = forms.CharField(
        label="Pesan",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_PESAN,
        help_text=_PESAN_HELP,
        error_messages={"required": "Pesan tidak boleh kosong."},
    )
    lampiran = LampiranField(label="Lampiran")

    def clean_isi(self):
        value = self.cleaned_data["isi"].strip()
        if not value:
            raise ValidationError("Pesan tidak boleh kosong.")
        return value


class BalasForm(PesanForm):
    """The reply form of the staff ticket page, rendered by ``layanan/_balas_form.html`` rather than
    crispy (issue 14: crispy's nested templates were a seventh of the page's time)."""

    JENIS = [("publik", "Balasan publik (dikirim ke pelapor)"), ("internal", "Catatan internal (hanya staf)")]
    jenis = forms.ChoiceField(choices=JENIS, initial="publik", widget=forms.RadioSelect, label="Jenis")
    status = forms.ChoiceField(
        label="Ubah status menjadi",
        required=False,
        choices=[("", "(tetap)"), (Status.DITANGANI, "Ditangani"), (Status.MENUNGGU, "Menunggu pengguna")]
        + [(Status.SELESAI, "Selesai")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select"
            else:
                widget.attrs["class"] = "form-control"


class StatusForm(PlainBootstrap, forms.Form):
    id_prefix = "st"

    status = forms.ChoiceField(choices=Status.choices, label="Status baru")
    keterangan = forms.CharField(max_length=500, required=False, label="Keterangan")


class TugasForm(PlainBootstrap, forms.Form):
    id_prefix = "tg"

    petugas = forms.ModelChoiceField(queryset=None, required=False, label="Petugas", empty_label="(belum ada)")

    def __init__(self, *args, petugas_qs, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["petugas"].queryset = petugas_qs
        if choices is not None:  # shown from a cached list; a posted value is checked against the queryset
            self.fields["petugas"].choices = [("", self.fields["petugas"].empty_label), *choices]


class PrioritasForm(PlainBootstrap, forms.Form):
    id_prefix = "pr"

    urgensi = forms.ChoiceField(choices=Tingkat.choices)
    dampak = forms.ChoiceField(choices=Tingkat.choices)


class GabungForm(PlainBootstrap, forms.Form):
    id_prefix = "gb"

    ke = forms.CharField(label="Gabungkan ke tiket nomor", max_length=20, help_text="Mis. TK-000123 atau 123.")

    def clean_ke(self):
        raw = self.cleaned_data["ke"].strip().upper().removeprefix("TK-").lstrip("0")
        if not raw.isdigit():
            raise ValidationError("Nomor tiket tidak dikenali.")
        tiket = Tiket.objects.filter(pk=int(raw)).first()
        if tiket is None:
            raise ValidationError("Tiket tujuan tidak ditemukan.")
        return tiket


class EskalasiForm(PlainBootstrap, forms.ModelForm):
    id_prefix = "es"

    class Meta:
        model = Eskalasi
        fields = ["level", "nomor_referensi", "dikirim", "uraian"]
        widgets = {
            "dikirim": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "uraian": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dikirim"].initial = timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class JawabanEskalasiForm(PlainBootstrap, forms.Form):
    id_prefix = "jw"

    nomor_referensi = forms.CharField(max_length=80, required=False, label="Nomor referensi LKPP")
    dijawab = forms.DateTimeField(label="Dijawab LKPP", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    jawaban = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_PESAN, label="Jawaban LKPP")


class NilaiForm(forms.Form):
    nilai = forms.TypedChoiceField(
        coerce=int,
        choices=[(i, f"{i}") for i in range(5, 0, -1)],
        widget=forms.RadioSelect,
        label="Nilai layanan (5 = sangat puas)",
    )
    komentar = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False)


class FaqLinkForm(PlainBootstrap, forms.Form):
    id_prefix = "fq"

    artikel = forms.ModelChoiceField(
        queryset=ArtikelFaq.objects.filter(terbit=True).only("id", "judul"),
        required=False,
        label="Artikel FAQ yang menyelesaikan",
    )


class SlaTargetForm(forms.ModelForm):
    class Meta:
        model = SlaTarget
        fields = ["respons_menit", "selesai_menit"]


class ArtikelForm(forms.ModelForm):
    class Meta:
        model = ArtikelFaq
        fields = ["kategori", "judul", "isi", "terbit"]
        widgets = {"isi": forms.Textarea(attrs={"rows": 12})}


class BeritaAcaraForm(forms.ModelForm):
    saksi = forms.ModelMultipleChoiceField(queryset=None, label="Saksi dari LPSE", widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = BeritaAcaraKesaksian
        fields = [
            "kode_paket",
            "nama_paket",
            "pokja",
            "wakil_pokja",
            "penyedia",
            "nama_berkas",
            "ukuran_berkas",
            "waktu_kejadian",
            "upaya",
            "hasil",
            "ke_lkpp",
        ]
        widgets = {
            "waktu_kejadian": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "upaya": forms.Textarea(attrs={"rows": 3}),
            "hasil": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"upaya": "Mis. unduh ulang, periksa checksum, buka di komputer lain."}

    def __init__(self, *args, saksi_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["saksi"].queryset = saksi_qs

    def ba_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "saksi"}


class TemplatForm(forms.ModelForm):
    class Meta:
        model = BalasanTemplat
        fields = ["kategori", "judul", "isi", "aktif"]
        widgets = {"isi": forms.Textarea(attrs={"rows": 4})}


class PemesananForm(forms.Form):
    ruang = forms.ModelChoiceField(queryset=None, label="Ruang")
    mulai = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), label="Mulai")
    selesai = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), label="Selesai")
    peserta = forms.IntegerField(min_value=1, max_value=500, initial=1, label="Jumlah peserta")
    keperluan = forms.CharField(max_length=200, label="Keperluan", help_text="Mis. pembukaan penawaran paket …")
    kode_paket = forms.CharField(max_length=40, required=False, label="Kode paket")

    def __init__(self, *args, **kwargs):
        from .models import Ruang

        super().__init__(*args, **kwargs)
        self.fields["ruang"].queryset = Ruang.objects.filter(aktif=True)


class KeputusanForm(forms.Form):
    keputusan = forms.ChoiceField(choices=[("setuju", "Setuju"), ("tidak_setuju", "Tidak setuju")])
    catatan = forms.CharField(max_length=300, required=False)


class TamuForm(forms.ModelForm):
    class Meta:
        from .models import BukuTamu

        model = BukuTamu
        fields = ["nama", "instansi", "telepon", "keperluan", "komputer"]


class PelatihanForm(forms.ModelForm):
    class Meta:
        from .models import Pelatihan

        model = Pelatihan
        fields = ["topik", "sasaran", "uraian", "mulai", "selesai", "ruang", "pelatih", "kapasitas", "terbit"]
        widgets = {
            "mulai": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "selesai": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "uraian": forms.Textarea(attrs={"rows": 3}),
        }


class DaftarForm(forms.Form):
    nama = forms.CharField(max_length=150)
    email = forms.EmailField()
    telepon = forms.CharField(max_length=20, required=False)
    instansi = forms.CharField(max_length=200, required=False, label="Instansi/perusahaan")


class EvaluasiForm(forms.Form):
    SKALA = [(i, str(i)) for i in range(1, 6)]
    nilai_materi = forms.TypedChoiceField(coerce=int, choices=SKALA, widget=forms.RadioSelect, label="Materi")
    nilai_pelatih = forms.TypedChoiceField(coerce=int, choices=SKALA, widget=forms.RadioSelect, label="Pelatih")
    nilai_fasilitas = forms.TypedChoiceField(coerce=int, choices=SKALA, widget=forms.RadioSelect, label="Fasilitas")
    saran = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_PESAN, required=False)
