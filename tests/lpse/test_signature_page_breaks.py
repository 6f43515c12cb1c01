"""No page of any document kind has a signature block alone on it (issue 12).

Every kind in lpse.document_kinds is rendered from its real template with a
realistic context; the body is lengthened step by step (a few lines of
"catatan" in front of the real body, as a longer berita acara would have) so
that the end of the document crosses a page break somewhere in the sweep.
Read back per page with pypdf: the page that holds the signature block also
holds the last lines of body text before it.
"""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template import engines
from pypdf import PdfReader

from lpse import roles
from lpse.document_kinds import KINDS
from lpse.documents import html_to_pdf, logo_data_uri
from sekretariat.models import Pegawai

WHEN = dt.datetime(2026, 11, 2, 3, 0, tzinfo=dt.UTC)
# Lines of body added in front, in steps smaller than a signature block is tall,
# over more than a page: the break falls everywhere a real document could put it.
LENGTHS = range(0, 52, 4)
CATATAN = "Catatan pemeriksaan nomor {i}: data dan dokumen pendukung dicocokkan dengan aslinya."


def _pendaftaran(**extra):
    return SimpleNamespace(
        nomor="REG-2026-00042",
        jenis="penyedia",
        nama="CV Sinar Karo",
        nama_badan_usaha="CV Sinar Karo",
        get_bentuk_usaha_display="Persekutuan Komanditer (CV)",
        npwp="012345678901000",
        nib="9120301234567",
        pj_nama="Joni Tarigan",
        pj_jabatan="Direktur",
        pj_nik="1206014501900002",
        kontak_nama="Joni Tarigan",
        kontak_telepon="081234567890",
        alamat="Jl. Veteran No. 12, Kelurahan Gung Leto",
        kabupaten_kota="Kabanjahe",
        provinsi="Sumatera Utara",
        kode_pos="22111",
        telepon="0628-20123",
        email="joni@cv-sinar.example",
        user_id_diminta="cvsinarkaro",
        user_id_spse="cvsinarkaro",
        **extra,
    )


def _signer(make_user, role, nama, nip):
    user = make_user(role, nama_lengkap=nama)
    Pegawai.objects.create(nama=nama, nip=nip, pangkat="Penata (III/c)", jabatan="anggota", bidang="layanan", user=user)
    return user


@pytest.fixture
def officials(db, make_user):
    return SimpleNamespace(
        a=_signer(make_user, roles.REGISTRASI, "Dedi Barus, S.Kom.", "199001012015031001"),
        b=_signer(make_user, roles.KABID_ADMIN_SISTEM, "Lina Br Sitepu, S.H.", "198502022010012002"),
    )


NIP_A = "NIP 19900101 201503 1 001"
NIP_B = "NIP 19850202 201001 2 002"


def _kind(kode, o):
    """(template, context, text in the signature block, last body text before it) of one kind."""
    if kode in ("FPD", "FKS"):
        jenis = {"FPD": "pendaftaran", "FKS": "keikutsertaan"}[kode]
        return (
            f"registrasi/pdf/formulir_{jenis}.html",
            {
                "pendaftaran": _pendaftaran(),
                "judul": "Formulir",
                "catatan_materai": "Meterai Rp10.000",
                "berkas_wajib": ["Akta pendirian", "NPWP", "NIB", "KTP penanggung jawab", "Surat kuasa"],
            },
            "Pemohon," if kode == "FPD" else "Yang menyatakan,",
            "data di atas benar" if kode == "FPD" else "klarifikasi data kualifikasi",
        )
    if kode == "TTA":
        permohonan = SimpleNamespace(
            get_jenis_display="Perpanjangan masa berlaku User ID",
            uraian="SK penunjukan PPK diperpanjang sampai akhir tahun anggaran.",
            berlaku_sampai_baru=None,
            bukti_nama="sk-ppk-2026.pdf",
            dibuat=WHEN,
        )
        return (
            "registrasi/pdf/tanda_terima.html",
            {"permohonan": permohonan, "pendaftaran": _pendaftaran()},
            "Bidang Registrasi dan Verifikasi",
            "Hasil permohonan diberitahukan",
        )
    if kode == "BAV":
        keputusan = SimpleNamespace(
            dibuat=WHEN,
            putaran=2,
            hasil="setuju",
            get_hasil_display="Disetujui",
            user_id_spse="cvsinarkaro",
            alasan=None,
            catatan="Dokumen asli diperlihatkan di ruang verifikasi.",
            verifikator=o.a,
        )
        berkas = [
            SimpleNamespace(get_jenis_display=j, putaran=1, get_hasil_display="Sesuai", catatan="")
            for j in ("Akta pendirian", "NPWP", "NIB", "KTP penanggung jawab")
        ]
        return (
            "registrasi/pdf/berita_acara.html",
            {"keputusan": keputusan, "pendaftaran": _pendaftaran(), "berkas": berkas},
            NIP_A,
            "Keputusan (Pasal 10 ayat 4)",
        )
    if kode == "BA-KSK":
        ba = SimpleNamespace(
            kode_paket="10023456",
            nama_paket="Rehabilitasi Jalan Kabanjahe–Berastagi",
            pokja="Pokja Pemilihan 1",
            penyedia="CV Sinar Karo",
            nama_berkas="penawaran.rhs",
            ukuran_berkas="2,1 MB",
            waktu_kejadian=WHEN,
            upaya="Membuka ulang berkas dengan Apendo versi terbaru.",
            hasil="Berkas tetap tidak dapat dibuka.",
            ke_lkpp=True,
            wakil_pokja="Budi Ginting",
        )
        return (
            "layanan/ba_kesaksian_pdf.html",
            {"ba": ba, "saksi": [o.a, o.b], "tiket": SimpleNamespace(nomor="TKT-001")},
            NIP_A,
            "Demikian berita acara ini dibuat",
        )
    if kode == "SERT-PLT":
        pelatihan = SimpleNamespace(topik="Sosialisasi e-Katalog", mulai=WHEN, ruang="Aula", pelatih="Tim LPSE")
        return (
            "layanan/sertifikat_pdf.html",
            {
                "peserta": SimpleNamespace(nama="Rina Br Sembiring", instansi="CV Lau Kawar"),
                "pelatihan": pelatihan,
                "kepala_bidang": o.a,
            },
            NIP_A,
            "sebagai peserta",
        )
    if kode == "MON":
        aset = [
            {
                "nama": f"Server {n}",
                "tingkat_label": "normal",
                "disk": [{"mount": "/", "sekarang": 41.5, "puncak": 43.0, "hari_penuh": None}],
                "ram": {"sekarang": 52.0, "puncak": 61.0},
                "cek": [],
            }
            for n in ("SPSE", "Portal")
        ]
        return (
            "monitoring/dokumen_laporan_harian.html",
            {"data": {"aset": aset, "basi": [], "insiden_terbuka": 0}, "tanggal": WHEN.date(), "laporan": None},
            "(dibuat otomatis oleh portal)",
            "Insiden terbuka:",
        )
    if kode == "BA-BCK":
        medium = SimpleNamespace(
            label="HDD-01", serial="WX12A3456", kapasitas_gb=2000, get_enkripsi_display="LUKS (AES-256)"
        )
        salinan = SimpleNamespace(
            medium=medium,
            disalin_pada=WHEN,
            get_status_display="Terverifikasi",
            lokasi_simpan="Lemari arsip Sekretariat",
            jabatan_penerima="Sekretaris",
            diserahkan_kepada="Maria Br Ginting",
        )
        runs = [
            SimpleNamespace(
                sumber=SimpleNamespace(nama="Basis data SPSE"),
                arsip_path=SimpleNamespace(name=f"spse-2026110{i}.tar.zst.enc"),
                sha256="9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            )
            for i in range(3)
        ]
        return (
            "backup/ba_serah_terima.html",
            {"salinan": salinan, "runs": runs, "penyerah": o.a, "mengetahui": o.b},
            NIP_B,
            "diserahkan dalam keadaan baik",
        )
    if kode == "LK":
        laporan = SimpleNamespace(
            judul_periode="Triwulan III 2026",
            mulai=WHEN,
            selesai=WHEN,
            tahun=2026,
            pengantar="Laporan ini merangkum kegiatan unit.",
            capaian="Seluruh paket diumumkan tepat waktu.",
            kendala="Koneksi internet terputus dua kali.",
            rencana="Menambah jalur internet cadangan.",
        )
        return (
            "sekretariat/laporan_pdf.html",
            {"laporan": laporan, "sections": [], "program_kerja": None, "sop": [], "charts": [], "penandatangan": o.a},
            NIP_A,
            "Demikian laporan ini disampaikan",
        )
    if kode == "BA-INV":  # the Sekretariat's yearly stock-take (Pasal 8(4)f)
        barang = SimpleNamespace(kode="ATK-001", nama="Kertas HVS A4 70 gram", satuan="rim")
        items = [
            SimpleNamespace(barang=barang, tercatat=10, dihitung=8, selisih=-2, keterangan="dua rim basah")
            for _ in range(6)
        ]
        return (
            "sekretariat/stok_opname_pdf.html",
            {
                "so": SimpleNamespace(tahun=2026, tanggal=WHEN.date()),
                "items": items,
                "selisih": items,
                "signers": [(o.a, "Petugas inventarisasi"), (o.b, "Sekretaris Unit LPSE")],
            },
            NIP_B,
            "Demikian berita acara ini dibuat",
        )
    if kode == "CONTOH":
        return ("lpse/dokumen_contoh.html", {"penandatangan": o.a}, NIP_A, "Demikian surat keterangan ini dibuat")
    raise AssertionError(f"Jenis dokumen {kode} belum diuji tata letak tanda tangannya: tambahkan di sini.")


def _pages(template: str, context: dict, *, kode: str, signer, lines: int) -> list[str]:
    filler = "".join(f"<p>{CATATAN.format(i=i + 1)}</p>" for i in range(lines))
    page = engines["django"].from_string(
        f'{{% extends "{template}" %}}{{% block body %}}{filler}{{{{ block.super }}}}{{% endblock %}}'
    )
    ttd = SimpleNamespace(penandatangan=signer, ditandatangani=None)
    dokumen = SimpleNamespace(
        jenis=f"Dokumen {kode}",
        nomor=f"001/{kode}-LPSE/XI/2026",
        perihal="Uji tata letak",
        tanggal=WHEN,
        tanda_tangan=SimpleNamespace(all=lambda: [ttd]),
    )
    html = page.render(
        {
            "lpse": settings.LPSE,
            "logo": logo_data_uri(),
            "dokumen": dokumen,
            "verify_url": "https://lpse.example/dokumen/verifikasi/x/",
            "qr": "",
            **context,
        }
    )
    reader = PdfReader(io.BytesIO(html_to_pdf(html)))
    return [" ".join(p.extract_text().split()) for p in reader.pages]


@pytest.mark.parametrize("kode", sorted(KINDS))
def test_no_page_holds_a_signature_block_alone(kode, officials):
    template, context, block, closing = _kind(kode, officials)
    crossed = False
    for lines in LENGTHS:
        pages = _pages(template, context, kode=kode, signer=officials.a, lines=lines)
        with_block = [n for n, text in enumerate(pages) if block in text]
        assert with_block, (lines, pages)
        for n in with_block:
            assert closing in pages[n], (
                f"{kode}, {lines} baris tambahan: blok tanda tangan sendirian di halaman {n + 1}"
            )
        crossed |= len(pages) > 1
    assert crossed, f"{kode}: tidak ada panjang yang melewati batas halaman; perpanjang LENGTHS"
