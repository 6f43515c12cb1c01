"""Naskah dinas layout (issue 12), read back from real PDFs: every kind of
document names its signer with NIP and pangkat from the Sekretariat's
personnel record and its number; identifiers print in their usual form; a
signature block never sits alone on a page; PDF/A-3b with metadata."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from lpse import roles
from lpse.documents import dokumen_issue
from lpse.personnel import format_nik, format_nip, format_npwp
from sekretariat.models import Pegawai

NIP_SAKSI = "199412122020122001"


def _pages(dokumen) -> list[str]:
    with dokumen.pdf.open("rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    return [" ".join(p.extract_text().split()) for p in reader.pages]


@pytest.fixture
def saksi(make_user):
    user = make_user(roles.LAYANAN, nama_lengkap="Sari Br Purba")
    Pegawai.objects.create(
        nama="Sari Br Purba, S.Kom.",
        nip=NIP_SAKSI,
        pangkat="Penata Muda (III/a)",
        jabatan="anggota",
        bidang="layanan",
        user=user,
    )
    return user


def _kesaksian(saksi, upaya_lines: int):
    ba = SimpleNamespace(
        kode_paket="10023456",
        nama_paket="Rehabilitasi Jalan Kabanjahe–Berastagi",
        pokja="Pokja Pemilihan 1",
        penyedia="CV Sinar Karo",
        nama_berkas="penawaran.rhs",
        ukuran_berkas="2,1 MB",
        waktu_kejadian=dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC),
        upaya="\n".join(f"Langkah {i}: membuka ulang berkas dengan Apendo versi terbaru." for i in range(upaya_lines)),
        hasil="Berkas tetap tidak dapat dibuka.",
        ke_lkpp=True,
        wakil_pokja="Budi Ginting",
    )
    return dokumen_issue(
        kode="BA-KSK",
        jenis="Berita Acara Kesaksian",
        perihal="Uji tata letak",
        template="layanan/ba_kesaksian_pdf.html",
        context={"ba": ba, "saksi": [saksi], "tiket": SimpleNamespace(nomor="TKT-001")},
        penandatangan=[(saksi, "Saksi 1")],
    )


def test_signature_block_names_signer_with_nip_and_pangkat_from_personnel_record(db, saksi):
    dokumen = _kesaksian(saksi, 3)
    text = " ".join(_pages(dokumen))
    assert "Sari Br Purba, S.Kom." in text  # the Pegawai record's name, with title
    assert "NIP 19941212 202012 2 001" in text
    assert "Penata Muda (III/a)" in text
    assert dokumen.nomor in text
    assert "Ditandatangani secara elektronik" in text


@pytest.mark.parametrize("upaya_lines", [18, 24, 30, 36])
def test_signature_block_never_sits_alone_on_a_page(db, saksi, upaya_lines):
    """Whatever the length, the page with the signature block also holds the closing text."""
    pages = _pages(_kesaksian(saksi, upaya_lines))
    with_block = [p for p in pages if "NIP 19941212 202012 2 001" in p]
    assert with_block, pages
    for page in with_block:
        assert "Demikian berita acara ini dibuat" in page, page


def test_training_certificate_is_landscape_and_signed_by_kepala_bidang(db, make_user):
    kabid = make_user(roles.KABID_LAYANAN, nama_lengkap="Hendra Surbakti")
    Pegawai.objects.create(
        nama="Hendra Surbakti, S.T.",
        nip="198306062009031002",
        pangkat="Pembina (IV/a)",
        jabatan="kepala_bidang",
        bidang="layanan",
        user=kabid,
    )
    pelatihan = SimpleNamespace(
        topik="Sosialisasi e-Katalog",
        mulai=dt.datetime(2026, 11, 3, 9, tzinfo=dt.UTC),
        ruang="Aula",
        pelatih="Tim LPSE",
    )
    dokumen = dokumen_issue(
        kode="SERT-PLT",
        jenis="Sertifikat Pelatihan",
        perihal="Uji",
        template="layanan/sertifikat_pdf.html",
        context={
            "peserta": SimpleNamespace(nama="Rina Br Sembiring", instansi="CV Lau Kawar"),
            "pelatihan": pelatihan,
            "kepala_bidang": kabid,
        },
        penandatangan=[(kabid, "Kepala Bidang Layanan dan Dukungan")],
    )
    with dokumen.pdf.open("rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Hendra Surbakti, S.T." in text and "NIP 19830606 200903 1 002" in text and dokumen.nomor in text
    assert "Kepala Bidang Layanan dan Dukungan" in text


def test_pdf_is_pdfa_3b_with_number_title_and_signer_in_metadata(db, saksi):
    dokumen = _kesaksian(saksi, 2)
    with dokumen.pdf_dasar.open("rb") as fh:
        data = fh.read()
    reader = PdfReader(io.BytesIO(data))
    meta = reader.metadata
    assert dokumen.nomor in meta.title and "Berita Acara Kesaksian" in meta.title
    assert "Sari Br Purba" in meta.author
    xmp = reader.xmp_metadata
    assert xmp is not None
    raw = xmp.stream.get_data().decode()
    assert "pdfaid:part" in raw and "3" in raw and "pdfaid:conformance" in raw


def test_identifiers_in_their_printed_form():
    assert format_npwp("012345678901000") == "01.234.567.8-901.000"
    assert format_nip("198306062009031002") == "19830606 200903 1 002"
    assert format_nik("1206014501900002") == "120601 450190 0002"
    assert format_npwp("tidak-angka") == "tidak-angka"


def test_media_handover_prints_the_whole_sha256_and_both_signers(db, make_user):
    penyerah = make_user(roles.ADMIN_SISTEM, nama_lengkap="Rizky Perangin-angin")
    kabid = make_user(roles.KABID_ADMIN_SISTEM, nama_lengkap="Benny Karo-Karo")
    sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    medium = SimpleNamespace(label="HDD-01", serial="WX123", kapasitas_gb=1000, get_enkripsi_display=lambda: "LUKS")
    salinan = SimpleNamespace(
        medium=medium,
        disalin_pada=dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC),
        get_status_display=lambda: "Terverifikasi",
        lokasi_simpan="Brankas Kantor Bupati",
        jabatan_penerima="Kepala Subbagian Umum",
        diserahkan_kepada="Rudi Tarigan",
    )
    run = SimpleNamespace(
        sumber=SimpleNamespace(nama="Basis data SPSE"),
        arsip_path=SimpleNamespace(name="spse-20261102.dump.zst.enc"),
        sha256=sha,
    )
    dokumen = dokumen_issue(
        kode="BA-BCK",
        jenis="Berita Acara Serah Terima Media Backup",
        perihal="Uji",
        template="backup/ba_serah_terima.html",
        context={"salinan": salinan, "runs": [run], "penyerah": penyerah, "mengetahui": kabid},
        penandatangan=[(penyerah, "Yang menyerahkan"), (kabid, "Mengetahui")],
    )
    text = " ".join(_pages(dokumen))
    assert sha in text.replace(" ", "")  # wrapped, but every one of the 64 characters is on the page
    assert "Rizky Perangin-angin" in text and "Benny Karo-Karo" in text and dokumen.nomor in text
    assert list(dokumen.tanda_tangan.values_list("peran", flat=True)) == ["Yang menyerahkan", "Mengetahui"]
