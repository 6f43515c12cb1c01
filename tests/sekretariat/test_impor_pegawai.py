"""Import of Pegawai with their SK (issue 15; Pasal 5, 6, 19(1))."""

import pytest
from django.urls import reverse

from lpse import roles
from lpse.imports import get_kind
from lpse.imports.services import import_preview
from sekretariat.models import Pegawai, SuratKeputusan
from tests.imports_util import read_xlsx, run_import, upload, xlsx_bytes

from .factories import PegawaiFactory, nip_for

pytestmark = pytest.mark.django_db
HEADER = [
    "nama",
    "status",
    "nip",
    "nik",
    "jabatan",
    "bidang",
    "nomor_sk",
    "tanggal_sk",
    "sk_berakhir",
    "email",
    "aktif",
]


@pytest.fixture
def sekretariat(make_user):
    return make_user(roles.SEKRETARIAT)


def row(n: int, **over) -> list:
    values = {
        "nama": f"Pegawai Impor {n}",
        "status": "PNS",
        "nip": nip_for(n, lahir="19880101"),
        "nik": "",
        "jabatan": "Anggota",
        "bidang": "Bidang Layanan dan Dukungan",
        "nomor_sk": "188.45/77/BUP/2025",
        "tanggal_sk": "2025-01-15",
        "sk_berakhir": "2027-01-14",
        "email": f"impor{n}@karokab.go.id",
        "aktif": "ya",
    }
    values.update(over)
    return list(values.values())


def test_pegawai_and_their_sk_are_imported(sekretariat):
    rows = [row(1), row(2, bidang="Sekretariat"), row(3, status="Non-PNS", nip="", nik="3171011708450003")]
    record = run_import(key="pegawai", content=xlsx_bytes(HEADER, rows), user=sekretariat)
    assert record.status == "selesai" and record.jumlah_baru == 3
    sk = SuratKeputusan.objects.get(nomor="188.45/77/BUP/2025")
    assert str(sk.berlaku_sampai) == "2027-01-14"
    assert set(sk.pegawai.values_list("nama", flat=True)) == {f"Pegawai Impor {n}" for n in (1, 2, 3)}
    assert Pegawai.objects.get(nik="3171011708450003").status == "non_pns"


def test_bad_rows_are_rejected_with_reasons(sekretariat):
    PegawaiFactory(jabatan="kepala_unit", bidang="", nama="Kepala Yang Ada")
    rows = [
        row(10, nip="19881301" + "201003" + "1001"),  # month 13 in the birth date
        row(11, nip=""),  # PNS without NIP
        row(12, status="Non-PNS", nip="", nik="9999993108450001"),  # unknown region
        row(13, jabatan="Kepala Unit", bidang=""),  # Pasal 6(1): one Kepala Unit
        row(14, jabatan="Kepala Bidang", bidang="Sekretariat"),  # Pasal 6(2)
        row(15, tanggal_sk=""),  # SK number without date
        row(16),
        row(17, nip=nip_for(16, lahir="19880101")),  # the same NIP twice
    ]
    record = import_preview(kind=get_kind("pegawai"), upload=upload(xlsx_bytes(HEADER, rows)), user=sekretariat)
    reasons = {r["baris"]: " ".join(r["alasan"]) for r in record.pratinjau["tolak"]}
    assert record.jumlah_baru == 1 and record.jumlah_tolak == 7
    assert "bukan tanggal lahir" in reasons[2]
    assert "Isi NIP (PNS) atau NIK" in reasons[3]
    assert "NIK tidak sah" in reasons[4]
    assert "Kepala Yang Ada" in reasons[5] and "Pasal 6 ayat 1" in reasons[5]
    assert "Sekretariat dipimpin oleh Sekretaris" in reasons[6]
    assert "tanggal_sk wajib diisi" in reasons[7]
    assert "Duplikat dalam berkas" in reasons[9]
    assert not Pegawai.objects.filter(nama__startswith="Pegawai Impor").exists()


def test_reimport_changes_nothing_and_export_reimports_unchanged(sekretariat, client):
    content = xlsx_bytes(HEADER, [row(20), row(21)])
    run_import(key="pegawai", content=content, user=sekretariat)
    again = run_import(key="pegawai", content=content, user=sekretariat)
    assert (again.jumlah_baru, again.jumlah_ubah, again.jumlah_sama) == (0, 0, 2)
    client.force_login(sekretariat)
    assert "Ekspor XLSX" in client.get(reverse("sekretariat:pegawai-list")).content.decode()
    exported = client.get(reverse("sekretariat:impor-pegawai-ekspor") + "?format=xlsx").content
    assert read_xlsx(exported)[0] == get_kind("pegawai").column_names
    third = run_import(key="pegawai", content=exported, user=sekretariat)
    assert third.jumlah_baru == third.jumlah_ubah == 0 and third.jumlah_sama == Pegawai.objects.count()


def test_a_changed_sk_updates_the_pegawai_matched_on_nip(sekretariat):
    run_import(key="pegawai", content=xlsx_bytes(HEADER, [row(30)]), user=sekretariat)
    record = run_import(
        key="pegawai",
        content=xlsx_bytes(HEADER, [row(30, nomor_sk="188.45/99/BUP/2026", tanggal_sk="2026-02-01", sk_berakhir="")]),
        user=sekretariat,
    )
    assert record.jumlah_ubah == 1
    assert Pegawai.objects.get(nip=nip_for(30, lahir="19880101")).sk.nomor == "188.45/99/BUP/2026"
