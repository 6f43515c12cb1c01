"""Imports of FAQ articles (Pasal 11(3)c) and past trainings with their
participants (Pasal 11(3)e), issue 15."""

import pytest
from django.urls import reverse

from layanan.models import ArtikelFaq, KategoriFaq, Pelatihan, PesertaPelatihan
from lpse import roles
from lpse.imports import get_kind
from lpse.imports.services import import_preview
from tests.imports_util import read_xlsx, run_import, upload, xlsx_bytes

pytestmark = pytest.mark.django_db
FAQ = ["judul", "kategori", "isi", "terbit"]
LATIH = [
    "topik",
    "sasaran",
    "tanggal",
    "jam_mulai",
    "jam_selesai",
    "pelatih",
    "nama",
    "email",
    "instansi",
    "telepon",
    "hadir",
]


@pytest.fixture
def petugas(make_user):
    return make_user(roles.LAYANAN)


def test_faq_articles_are_imported_with_new_categories(petugas):
    rows = [
        ["Cara mengganti kata sandi SPSE?", "Akun Impor", "Buka menu Ganti Password.", "ya"],
        ["Lupa User ID?", "Akun Impor", "Gunakan layanan lupa User ID.", "tidak"],
    ]
    record = run_import(key="faq", content=xlsx_bytes(FAQ, rows), user=petugas)
    assert record.status == "selesai" and record.jumlah_baru == 2
    assert KategoriFaq.objects.filter(nama="Akun Impor").count() == 1
    artikel = ArtikelFaq.objects.get(judul="Lupa User ID?")
    assert not artikel.terbit and artikel.kategori.nama == "Akun Impor" and artikel.dibuat_oleh == petugas


def test_faq_bad_rows_reimport_and_export(petugas, client):
    bad = [
        ["Tanpa jawaban", "Umum Impor", "", ""],
        ["", "Umum Impor", "x", ""],
        ["Dua kali", "A", "x", ""],
        ["Dua kali", "A", "y", ""],
    ]
    record = import_preview(kind=get_kind("faq"), upload=upload(xlsx_bytes(FAQ, bad)), user=petugas)
    reasons = {r["baris"]: " ".join(r["alasan"]) for r in record.pratinjau["tolak"]}
    assert "isi (jawaban) wajib diisi" in reasons[2] and "judul" in reasons[3] and "Duplikat" in reasons[5]
    content = xlsx_bytes(FAQ, [["Apa itu SPSE?", "Umum Impor", "Sistem Pengadaan Secara Elektronik.", "ya"]])
    run_import(key="faq", content=content, user=petugas)
    again = run_import(key="faq", content=content, user=petugas)
    assert (again.jumlah_baru, again.jumlah_ubah, again.jumlah_sama) == (0, 0, 1)
    client.force_login(petugas)
    assert "Ekspor XLSX" in client.get(reverse("layanan:faq-kelola")).content.decode()
    exported = client.get(reverse("layanan:impor-faq-ekspor") + "?format=xlsx").content
    assert read_xlsx(exported)[0] == FAQ
    assert run_import(key="faq", content=exported, user=petugas).jumlah_sama == ArtikelFaq.objects.count()


def test_past_trainings_are_imported_with_their_participants(petugas):
    rows = [
        [
            "Sosialisasi SPSE Impor",
            "Penyedia",
            "2024-05-21",
            "09:00",
            "15:00",
            "Tim LPSE",
            "Rina",
            "rina@contoh.id",
            "CV A",
            "",
            "ya",
        ],
        [
            "Sosialisasi SPSE Impor",
            "Penyedia",
            "21/05/2024",
            "09:00",
            "15:00",
            "Tim LPSE",
            "Budi",
            "budi@contoh.id",
            "CV B",
            "",
            "tidak",
        ],
        [
            "Pelatihan PPK Impor",
            "PPK",
            "2024-06-02",
            "",
            "",
            "Narasumber LKPP",
            "Sari",
            "rina@contoh.id",
            "Dinkes",
            "",
            "",
        ],
    ]
    record = run_import(key="pelatihan", content=xlsx_bytes(LATIH, rows), user=petugas)
    assert record.status == "selesai" and record.jumlah_baru == 3
    sosialisasi = Pelatihan.objects.get(topik="Sosialisasi SPSE Impor")
    assert sosialisasi.peserta.count() == 2 and sosialisasi.terbit  # counted in the Laporan Kegiatan
    assert not PesertaPelatihan.objects.get(email="budi@contoh.id").hadir
    again = run_import(key="pelatihan", content=xlsx_bytes(LATIH, rows), user=petugas)
    assert (again.jumlah_baru, again.jumlah_sama) == (0, 3)
    assert Pelatihan.objects.filter(topik__endswith="Impor").count() == 2


def test_training_bad_rows_are_rejected(petugas):
    rows = [
        ["Latihan", "Penyedia", "2999-01-01", "", "", "Tim", "Rina", "rina@contoh.id", "", "", ""],
        ["Latihan", "Penyedia", "2024-01-01", "15:00", "09:00", "Tim", "Rina", "rina@contoh.id", "", "", ""],
        ["Latihan", "Penyedia", "2024-01-02", "", "", "Tim", "Rina", "bukan-email", "", "", ""],
        ["Latihan", "Penyedia", "2024-01-03", "", "", "Tim", "Rina", "r@contoh.id", "", "", ""],
        ["Latihan", "Penyedia", "03-01-2024", "", "", "Tim", "Rina Lagi", "r@contoh.id", "", "", ""],
    ]
    record = import_preview(kind=get_kind("pelatihan"), upload=upload(xlsx_bytes(LATIH, rows)), user=petugas)
    reasons = {r["baris"]: " ".join(r["alasan"]) for r in record.pratinjau["tolak"]}
    assert "masa depan" in reasons[2]
    assert "Jam selesai harus setelah jam mulai" in reasons[3]
    assert "bukan alamat email" in reasons[4]
    assert "Duplikat" in reasons[6]  # the same person on the same training, dates written two ways
    assert not Pelatihan.objects.filter(topik="Latihan").exists()
