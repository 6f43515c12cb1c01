import datetime as dt
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from lpse import roles
from sekretariat import services
from sekretariat.models import Disposisi, LaporanKegiatan, Naskah, Pegawai, PelatihanPegawai
from tests.sekretariat import fake_bidang
from tests.sekretariat.factories import (
    DisposisiFactory,
    KegiatanFactory,
    NaskahFactory,
    PegawaiFactory,
    PelatihanPegawaiFactory,
    nip_for,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=True):
        yield


def _seed(n: int):
    """n letters of each kind in March 2026 (and some outside it), staff, training, activities."""
    for i in range(n):
        for jenis in ("masuk", "keluar", "telaahan"):
            NaskahFactory(jenis=jenis, tanggal_agenda=dt.date(2026, 3, 1 + i % 28))
        NaskahFactory(tanggal_agenda=dt.date(2026, 4, 2))
        p = PegawaiFactory(nip=nip_for(i), bidang=["registrasi", "layanan", "sekretariat"][i % 3])
        PelatihanPegawaiFactory(pegawai=p, mulai=dt.date(2026, 3, 5), selesai=dt.date(2026, 3, 6), jam_pelajaran=8)
        KegiatanFactory(bidang=["registrasi", "layanan", "sekretariat"][i % 3])
    DisposisiFactory(naskah=Naskah.objects.filter(jenis="masuk").first())


def _build(user, periode="bulanan", tahun=2026, nomor=3):
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        laporan = services.laporan_request(periode=periode, tahun=tahun, nomor=nomor, user=user)
    return LaporanKegiatan.objects.get(pk=laporan.pk)


def test_report_totals_equal_counts_computed_directly(make_user, django_capture_on_commit_callbacks):
    _seed(5)
    laporan = _build(make_user(roles.KEPALA_UNIT))
    assert laporan.status == LaporanKegiatan.Status.SIAP and laporan.progres == 100
    sek = laporan.data["figures"]["sekretariat"]
    march = Naskah.objects.filter(tanggal_agenda__range=(dt.date(2026, 3, 1), dt.date(2026, 3, 31)))
    assert sek["naskah_total"] == march.count() == 15
    assert sek["surat_masuk"] == march.filter(jenis="masuk").count()
    assert sek["surat_keluar"] == march.filter(jenis="keluar").count()
    assert sek["telaahan"] == march.filter(jenis="telaahan").count()
    assert sek["disposisi"] == Disposisi.objects.filter(dibuat__year=2026, dibuat__month=3).count()
    assert sek["pelatihan_pegawai"] == PelatihanPegawai.objects.filter(mulai__month=3).count() == 5
    assert sek["jam_pelatihan"] == 40
    assert sek["pegawai_aktif"] == Pegawai.objects.filter(aktif=True).count()
    pk = laporan.data["program_kerja"]
    assert sum(b["jumlah"] for b in pk["per_bidang"]) == 5
    assert pk["progres"] == 50
    # bidang that have not landed say so
    assert laporan.data["figures"]["registrasi"] is None


def test_report_draws_on_every_bidang_when_their_selectors_exist(
    make_user, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    fake_bidang.install(monkeypatch, calls)
    laporan = _build(make_user(roles.KEPALA_UNIT), periode="triwulan", nomor=1)
    figures = laporan.data["figures"]
    # breakdowns keep the bidang's order (jsonb would sort dict keys)
    assert figures["layanan"]["tiket_per_kanal"] == [list(i) for i in fake_bidang.LAYANAN["tiket_per_kanal"].items()]
    assert figures["infrastruktur"]["backup_terverifikasi"] == 28
    assert ("registrasi", dt.date(2026, 1, 1), dt.date(2026, 3, 31)) in calls
    sop = {s["kode"]: s["status"] for s in laporan.data["sop"]}
    assert sop["a"] == "kurang"  # one registration past its target
    assert sop["d"] == "patuh"


@pytest.mark.parametrize("n", [2, 20])
def test_report_query_count_does_not_grow_with_data(n, make_user, django_assert_max_num_queries):
    _seed(n)
    laporan = LaporanKegiatan.objects.create(
        periode="tahunan", tahun=2026, nomor_periode=1, mulai=dt.date(2026, 1, 1), selesai=dt.date(2026, 12, 31)
    )
    # claim, load, 7 progress updates, sekretariat figures (8 direct: one the LKPP coordination
    # register of Pasal 24(2), three the perlengkapan of Pasal 8(4)f; letters and dispositions from
    # lpse.totals, stored on this first read: range, lock, two daily queries, replace, watermark,
    # savepoints), program kerja (1), final update, reload
    with django_assert_max_num_queries(34):
        services.laporan_build(laporan_id=laporan.pk)


def test_report_is_built_only_once_by_two_workers(make_user):
    laporan = LaporanKegiatan.objects.create(
        periode="bulanan", tahun=2026, nomor_periode=3, mulai=dt.date(2026, 3, 1), selesai=dt.date(2026, 3, 31)
    )
    assert services.laporan_build(laporan_id=laporan.pk) is not None
    assert services.laporan_build(laporan_id=laporan.pk) is None


def test_issued_pdf_is_numbered_and_reads_back(make_user, django_capture_on_commit_callbacks):
    _seed(3)
    kepala = make_user(roles.KEPALA_UNIT, nama_lengkap="Drs. Kepala Uji")
    laporan = _build(kepala)
    laporan.capaian = "Seluruh permohonan akun dilayani tepat waktu."
    services.laporan_narrative_save(laporan=laporan)
    with django_capture_on_commit_callbacks(execute=True):
        services.laporan_request_issue(laporan=laporan, user=kepala)
    laporan.refresh_from_db()
    assert laporan.status == LaporanKegiatan.Status.TERBIT
    assert laporan.dokumen.nomor == "001/LK-LPSE/XI/2026"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(laporan.dokumen.pdf.read())).pages)
    assert "LAPORAN KEGIATAN UNIT LPSE" in text
    assert "001/LK-LPSE/XI/2026" in text
    assert "Bulan Maret 2026" in text
    assert "Surat masuk" in text and "Belum ada data dari bidang ini." in text
    assert "Seluruh permohonan akun dilayani tepat waktu." in text
    assert "Drs. Kepala Uji" in text
    assert "Grafik: Naskah dinas teragenda" in text
    # final: no more edits, no rebuild
    with pytest.raises(ValidationError):
        services.laporan_narrative_save(laporan=laporan)
    with pytest.raises(ValidationError):
        services.laporan_request(periode="bulanan", tahun=2026, nomor=3, user=kepala)


def test_pasal_7_2_c_kepala_unit_flow_through_the_pages(client_as, django_capture_on_commit_callbacks):
    client = client_as(roles.KEPALA_UNIT)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("sekretariat:laporan-create"), {"periode": "bulanan", "tahun": 2026, "nomor": 10}
        )
    laporan = LaporanKegiatan.objects.get()
    assert response.status_code == 302 and response["Location"] == laporan.get_absolute_url()
    status = client.get(reverse("sekretariat:laporan-status", args=[laporan.pk]), HTTP_HX_REQUEST="true")
    assert status["HX-Refresh"] == "true" and "100%" in status.content.decode()
    page = client.get(laporan.get_absolute_url()).content.decode()
    assert "grafik-data" in page and "Belum ada data dari bidang ini." in page
    assert 'name="tahun" value="2026"' in page  # the year is never written with a thousands separator
    response = client.post(reverse("sekretariat:laporan-narasi", args=[laporan.pk]), {"pengantar": "Pengantar."})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sekretariat:laporan-terbitkan", args=[laporan.pk]))
    pdf = client.get(reverse("sekretariat:laporan-unduh", args=[laporan.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_period_not_started_is_refused_with_400(client_as):
    response = client_as(roles.KEPALA_UNIT).post(
        reverse("sekretariat:laporan-create"), {"periode": "bulanan", "tahun": 2027, "nomor": 5}
    )
    assert response.status_code == 400
    assert "belum dimulai" in response.content.decode()
    assert not LaporanKegiatan.objects.exists()


def test_pasal_7_2_c_sekretaris_prepares_but_only_the_kepala_unit_issues(client_as):
    laporan = LaporanKegiatan.objects.create(
        periode="bulanan",
        tahun=2026,
        nomor_periode=3,
        status="siap",
        mulai=dt.date(2026, 3, 1),
        selesai=dt.date(2026, 3, 31),
    )
    response = client_as(roles.SEKRETARIS).post(reverse("sekretariat:laporan-terbitkan", args=[laporan.pk]))
    assert response.status_code == 403


def test_period_bounds():
    assert services.period_bounds("bulanan", 2024, 2) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert services.period_bounds("triwulan", 2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert services.period_bounds("tahunan", 2026, 1) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    # Month ends: a common-year February, a 30-day month, December (the year boundary).
    assert services.period_bounds("bulanan", 2026, 2) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert services.period_bounds("bulanan", 2026, 4) == (dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert services.period_bounds("bulanan", 2026, 12) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert services.period_bounds("triwulan", 2026, 1) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert services.period_bounds("triwulan", 2026, 2) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))


@pytest.mark.parametrize(("periode", "nomor"), [("bulanan", 0), ("bulanan", 13), ("triwulan", 0), ("triwulan", 5)])
def test_period_bounds_refuses_a_month_or_quarter_that_does_not_exist(periode, nomor):
    with pytest.raises(ValidationError):
        services.period_bounds(periode, 2026, nomor)


def test_a_report_job_that_died_can_be_restarted_but_a_live_one_is_not_doubled(make_user):
    from django.utils import timezone

    user = make_user(roles.KEPALA_UNIT)
    laporan = LaporanKegiatan.objects.create(
        periode="bulanan",
        tahun=2026,
        nomor_periode=3,
        status="berjalan",
        mulai=dt.date(2026, 3, 1),
        selesai=dt.date(2026, 3, 31),
        diperbarui=timezone.now() - dt.timedelta(minutes=2),
    )
    assert services.laporan_request(periode="bulanan", tahun=2026, nomor=3, user=user).status == "berjalan"
    LaporanKegiatan.objects.filter(pk=laporan.pk).update(diperbarui=timezone.now() - dt.timedelta(hours=1))
    assert services.laporan_request(periode="bulanan", tahun=2026, nomor=3, user=user).status == "menunggu"


def test_a_quarter_not_yet_ended_is_published_only_after_a_warning(client_as):
    """Issue 13: the fourth quarter could be published in November without a word."""
    start, end = services.period_bounds("triwulan", 2026, 4)
    laporan = LaporanKegiatan.objects.create(
        periode="triwulan", tahun=2026, nomor_periode=4, status="siap", mulai=start, selesai=end, pengantar="Uji."
    )
    with time_machine.travel(dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC), tick=False):
        client = client_as(roles.KEPALA_UNIT)  # signed in at the travelled time (sessions expire when idle)
        page = client.get(laporan.get_absolute_url()).content.decode()
        assert "Periode laporan belum berakhir" in page and 'name="periode_berjalan"' in page
        response = client.post(reverse("sekretariat:laporan-terbitkan", args=[laporan.pk]), follow=True)
        assert "belum berakhir (sampai 31 Desember 2026)" in response.content.decode()
        laporan.refresh_from_db()
        assert laporan.status == LaporanKegiatan.Status.SIAP
        client.post(reverse("sekretariat:laporan-terbitkan", args=[laporan.pk]), {"periode_berjalan": "ya"})
        laporan.refresh_from_db()
        assert laporan.status == LaporanKegiatan.Status.MENERBITKAN
    with time_machine.travel(dt.datetime(2027, 1, 2, 3, 0, tzinfo=dt.UTC), tick=False):
        client.force_login(client.user)
        ended = LaporanKegiatan.objects.create(
            periode="triwulan",
            tahun=2026,
            nomor_periode=3,
            status="siap",
            mulai=dt.date(2026, 7, 1),
            selesai=dt.date(2026, 9, 30),
            pengantar="Uji.",
        )
        assert "Periode laporan belum berakhir" not in client.get(ended.get_absolute_url()).content.decode()
        assert services.laporan_request_issue(laporan=ended, user=client.user).status == "menerbitkan"


def test_pasal_7_2_c_report_without_narrative_is_not_issued(make_user):
    """Issue 12: the Laporan Kegiatan to the Bupati carries the Kepala Unit's narrative."""
    kepala = make_user(roles.KEPALA_UNIT)
    laporan = LaporanKegiatan.objects.create(
        periode="bulanan",
        tahun=2026,
        nomor_periode=4,
        status="siap",
        mulai=dt.date(2026, 4, 1),
        selesai=dt.date(2026, 4, 30),
    )
    with pytest.raises(ValidationError, match="tanpa narasi Kepala Unit"):
        services.laporan_request_issue(laporan=laporan, user=kepala)
    laporan.refresh_from_db()
    assert laporan.status == LaporanKegiatan.Status.SIAP
