import datetime as dt

import factory

from sekretariat.models import (
    Disposisi,
    Kegiatan,
    Naskah,
    Pegawai,
    PelatihanPegawai,
    PenugasanLuar,
    Risiko,
    SuratKeputusan,
)


def nip_for(n: int, *, lahir="19850312", tmt="201003", jk="1") -> str:
    return f"{lahir}{tmt}{jk}{n % 999 + 1:03d}"


class SuratKeputusanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuratKeputusan

    nomor = factory.Sequence(lambda n: f"800/{n}/BUP/2026")
    tanggal = dt.date(2026, 1, 5)
    berlaku_sampai = dt.date(2026, 12, 31)


class PegawaiFactory(factory.django.DjangoModelFactory):
    """An anggota of the Sekretariat, PNS with a valid NIP."""

    class Meta:
        model = Pegawai

    nama = factory.Sequence(lambda n: f"Pegawai {n}")
    status = Pegawai.Status.PNS
    nip = factory.Sequence(nip_for)
    jabatan = Pegawai.Jabatan.ANGGOTA
    bidang = "sekretariat"
    sk = factory.SubFactory(SuratKeputusanFactory)


class PenugasanLuarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PenugasanLuar

    nama = "Pejabat Lain"
    nip = factory.Sequence(lambda n: nip_for(n, lahir="19790101"))
    peran = PenugasanLuar.Peran.PPK
    nomor_sk = factory.Sequence(lambda n: f"027/{n}/PUPR/2026")
    instansi = "Dinas PUPR"
    tanggal_sk = dt.date(2026, 2, 1)


class NaskahFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Naskah

    jenis = Naskah.Jenis.MASUK
    tahun = 2026
    urut = factory.Sequence(lambda n: n + 1)
    nomor_agenda = factory.LazyAttribute(lambda o: f"{o.urut:04d}/F/{o.jenis}/{o.tahun}")
    tanggal_surat = dt.date(2026, 3, 2)
    tanggal_agenda = dt.date(2026, 3, 3)
    pengirim = "Dinas Kesehatan"
    penerima = "Kepala Unit LPSE"
    perihal = factory.Sequence(lambda n: f"Permohonan {n}")


class DisposisiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Disposisi

    naskah = factory.SubFactory(NaskahFactory)
    kepada_bidang = "registrasi"
    instruksi = "Tindak lanjuti."


class PelatihanPegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PelatihanPegawai

    pegawai = factory.SubFactory(PegawaiFactory)
    nama = "Bimtek SPSE"
    mulai = dt.date(2026, 3, 10)
    selesai = dt.date(2026, 3, 12)
    jam_pelajaran = 24


class KegiatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kegiatan

    tahun = 2026
    bidang = "sekretariat"
    nama = factory.Sequence(lambda n: f"Kegiatan {n}")
    indikator = "Jumlah"
    target = 10
    realisasi_manual = 5
    jadwal_mulai = dt.date(2026, 1, 1)
    jadwal_selesai = dt.date(2026, 12, 31)
    pagu = 1_000_000
    realisasi_anggaran = 250_000


class RisikoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risiko

    aset = "Server SPSE"
    ancaman = "Listrik padam"
    nilai_dampak = 4
    nilai_ancaman = 2
    nilai_kerentanan = 2
    nilai_paparan = 2
    tanggal_tinjau = dt.date(2026, 6, 1)


def pdf_bytes() -> bytes:
    """A small valid one-page PDF."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
