"""Maintenance (Pasal 17(4)), change requests, incident records for LKPP
(Pasal 9(3)c–d), the server room (Pasal 16) and visitor permits (Pasal 16(4))."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from infrastruktur.models import CekRuangServer, Insiden, InstruksiLkpp, IzinKunjungan, PermintaanPerubahan
from infrastruktur.services import operasi
from lpse import roles
from lpse.models import Pengumuman
from tests.infrastruktur.factories import AsetFactory, InsidenFactory, IzinFactory, PerubahanFactory

pytestmark = pytest.mark.django_db


def _dt(d):
    return timezone.localtime(d).strftime("%Y-%m-%dT%H:%M")


def test_maintenance_window_publishes_a_notice_before_it_starts(client_as):
    """Pasal 17(4): maintenance is announced, a configurable time before."""
    client = client_as(roles.ADMIN_SISTEM)
    aset = AsetFactory(nama="Server Aplikasi SPSE")
    start = (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    response = client.post(
        reverse("infrastruktur:pemeliharaan-create"),
        {
            "judul": "Penggantian disk",
            "uraian": "Disk RAID diganti.",
            "mulai": _dt(start),
            "selesai": _dt(start + timedelta(hours=2)),
            "umumkan_jam_sebelum": 48,
            "aset": [aset.pk],
        },
    )
    assert response.status_code == 302
    pengumuman = Pengumuman.objects.get(jenis="pemeliharaan")
    assert pengumuman.mulai == start - timedelta(hours=48)
    assert pengumuman.selesai == start + timedelta(hours=2)
    assert "Server Aplikasi SPSE" in pengumuman.isi
    assert not Pengumuman.objects.active().exists()  # not yet: 72 h before the start
    assert Pengumuman.objects.active(at=start - timedelta(hours=47)).count() == 1


def test_maintenance_end_before_start_is_refused(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    start = timezone.now() + timedelta(days=1)
    response = client.post(
        reverse("infrastruktur:pemeliharaan-create"),
        {
            "judul": "X",
            "uraian": "Y",
            "mulai": _dt(start),
            "selesai": _dt(start - timedelta(hours=1)),
            "umumkan_jam_sebelum": 24,
            "aset": [AsetFactory().pk],
        },
    )
    assert response.status_code == 400
    assert "Waktu selesai harus setelah waktu mulai" in response.content.decode()


def test_change_request_follows_the_status_flow_and_needs_the_kepala_bidang(make_user):
    staf, kabid = make_user(roles.ADMIN_SISTEM), make_user(roles.KABID_ADMIN_SISTEM)
    cr = PerubahanFactory(jenis="darurat")
    cr = operasi.perubahan_transisi(perubahan=cr, ke="evaluasi", user=staf)
    cr = operasi.perubahan_transisi(perubahan=cr, ke="persetujuan", user=staf)
    with pytest.raises(PermissionDenied):
        operasi.perubahan_transisi(perubahan=cr, ke="implementasi", user=staf)
    with pytest.raises(ValidationError):
        operasi.perubahan_transisi(perubahan=cr, ke="selesai", user=kabid)  # no skipping
    cr = operasi.perubahan_transisi(perubahan=cr, ke="implementasi", user=kabid)
    assert cr.disetujui_oleh == kabid and cr.disetujui_pada
    cr = operasi.perubahan_transisi(perubahan=cr, ke="selesai", user=staf, hasil="Berhasil, rollback tidak perlu.")
    assert cr.status == "selesai" and cr.history.count() == 5


def test_database_refuses_implementation_without_approval():
    cr = PerubahanFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PermintaanPerubahan.objects.filter(pk=cr.pk).update(status="implementasi")


def test_change_request_view_shows_an_error_instead_of_skipping(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    cr = PerubahanFactory()
    response = client.post(reverse("infrastruktur:perubahan-transisi", args=[cr.pk]), {"ke": "selesai"}, follow=True)
    assert "tidak dapat berpindah" in response.content.decode()
    cr.refresh_from_db()
    assert cr.status == "tercatat"


def test_incident_records_cause_action_and_lkpp_report(client_as):
    """Pasal 9(3)c: cause, action and whether the problem went to LKPP."""
    client = client_as(roles.ADMIN_SISTEM)
    insiden = InsidenFactory()
    url = insiden.get_absolute_url()
    bad = client.post(url, {"penyebab": "Disk penuh", "tindakan": "Log dibersihkan", "dilaporkan_lkpp": "on"})
    assert bad.status_code == 400 and "tanggal pelaporan ke LKPP" in bad.content.decode()
    ok = client.post(
        url,
        {
            "penyebab": "Disk penuh",
            "tindakan": "Log dibersihkan",
            "dilaporkan_lkpp": "on",
            "tanggal_lapor_lkpp": "2026-11-20",
            "nomor_laporan_lkpp": "LKPP-123",
            "catatan": "Koordinasi dengan LKPP",
        },
    )
    assert ok.status_code == 302
    insiden.refresh_from_db()
    assert insiden.dilaporkan_lkpp and insiden.nomor_laporan_lkpp == "LKPP-123"
    assert insiden.catatan.filter(isi="Koordinasi dengan LKPP").exists()


def test_lkpp_instruction_is_logged_with_its_status(client_as):
    """Pasal 9(3)d: instructions received from LKPP and their follow-up."""
    client = client_as(roles.ADMIN_SISTEM)
    insiden = InsidenFactory()
    response = client.post(
        reverse("infrastruktur:instruksi-create"),
        {
            "diterima": "2026-11-20",
            "nomor": "S-10/LKPP",
            "perihal": "Pembaruan SPSE 4.5",
            "isi": "Segera perbarui.",
            "status": "dikerjakan",
            "insiden": insiden.pk,
        },
    )
    assert response.status_code == 302
    instruksi = InstruksiLkpp.objects.get()
    assert instruksi.status == "dikerjakan" and instruksi.insiden == insiden
    assert "Pembaruan SPSE 4.5" in client.get(reverse("infrastruktur:instruksi-list")).content.decode()


def test_server_room_check_warns_outside_the_limits(client_as):
    """Pasal 16: temperature above 27 °C or humidity outside 40–60 % RH is flagged."""
    client = client_as(roles.ADMIN_SISTEM)
    response = client.post(
        reverse("infrastruktur:ruang-create"),
        {
            "tanggal": timezone.localdate().isoformat(),
            "suhu": 29,
            "kelembapan": 65,
            "ups_baik": "on",
            "genset_baik": "on",
            "ac_baik": "",
            "apar_baik": "on",
            "pintu_terkunci": "on",
            "cctv_baik": "on",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Suhu 29 °C di atas 27 °C" in page and "Kelembapan 65% di luar 40–60%" in page and "AC bermasalah" in page
    assert CekRuangServer.objects.get().oleh == client.user


def test_server_room_limits_are_configurable(settings):
    settings.RUANG_SERVER_SUHU_MAKS = 30
    cek = CekRuangServer(suhu=29, kelembapan=50)
    assert cek.peringatan() == []


def test_missing_server_room_days_are_flagged():
    today = timezone.localdate()
    CekRuangServer.objects.create(tanggal=today, suhu=22, kelembapan=50)
    CekRuangServer.objects.create(tanggal=today - timedelta(days=2), suhu=22, kelembapan=50)
    missing = operasi.cek_ruang_hari_terlewat(today=today)
    assert len(missing) == 5 and today - timedelta(days=1) in missing and today not in missing


def test_one_server_room_check_per_day(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    data = {"tanggal": timezone.localdate().isoformat(), "suhu": 22, "kelembapan": 50}
    assert client.post(reverse("infrastruktur:ruang-create"), data).status_code == 302
    again = client.post(reverse("infrastruktur:ruang-create"), data)
    assert again.status_code == 400 and "telah ada" in again.content.decode()


# --- Visitor permits, Pasal 16(4) ------------------------------------------------------------


def test_no_check_in_without_an_approved_permit(make_user):
    """Pasal 16(4): every visitor to the server room needs permission."""
    staf = make_user(roles.ADMIN_SISTEM)
    izin = IzinFactory()
    with pytest.raises(ValidationError, match="tanpa izin yang disetujui"):
        operasi.izin_masuk(izin=izin, identitas="KTP", badge="T-01", pendamping=staf, user=staf)
    kabid = make_user(roles.KABID_ADMIN_SISTEM)
    operasi.izin_putuskan(izin=izin, setuju=False, user=kabid, alasan="Jadwal bentrok")
    with pytest.raises(ValidationError, match="tanpa izin yang disetujui"):
        operasi.izin_masuk(izin=izin, identitas="KTP", badge="T-01", pendamping=staf, user=staf)
    # and the database holds the rule too
    with pytest.raises(IntegrityError), transaction.atomic():
        IzinKunjungan.objects.filter(pk=izin.pk).update(masuk=timezone.now())


def test_approved_permit_allows_check_in_on_its_day_and_check_out(make_user):
    staf, kabid = make_user(roles.ADMIN_SISTEM), make_user(roles.KABID_ADMIN_SISTEM)
    tomorrow = IzinFactory(tanggal=timezone.localdate() + timedelta(days=1))
    operasi.izin_putuskan(izin=tomorrow, setuju=True, user=kabid)
    with pytest.raises(ValidationError, match="bukan hari ini"):
        operasi.izin_masuk(izin=tomorrow, identitas="KTP", badge="T-01", pendamping=staf, user=staf)
    izin = IzinFactory()
    operasi.izin_putuskan(izin=izin, setuju=True, user=kabid)
    izin = operasi.izin_masuk(izin=izin, identitas="KTP 1206xxxx", badge="T-07", pendamping=staf, user=staf)
    assert izin.masuk and izin.nomor_badge == "T-07" and izin.pendamping == staf
    izin = operasi.izin_keluar(izin=izin)
    assert izin.keluar >= izin.masuk


def test_only_an_authorised_official_decides_a_permit(make_user):
    izin = IzinFactory()
    with pytest.raises(PermissionDenied):
        operasi.izin_putuskan(izin=izin, setuju=True, user=make_user(roles.ADMIN_SISTEM))
    operasi.izin_putuskan(izin=izin, setuju=True, user=make_user(roles.KEPALA_UNIT))
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        operasi.izin_putuskan(izin=izin, setuju=False, user=make_user(roles.KABID_ADMIN_SISTEM), alasan="x")


def test_check_in_view_refuses_a_pending_permit(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    izin = IzinFactory()
    response = client.post(
        reverse("infrastruktur:izin-aksi", args=[izin.pk, "masuk"]),
        {"identitas": "KTP", "badge": "T-1", "pendamping": client.user.pk},
        follow=True,
    )
    assert "tanpa izin yang disetujui" in response.content.decode()
    izin.refresh_from_db()
    assert izin.masuk is None


# --- LKPP, Pasal 17(6) -------------------------------------------------------------------------


def test_lkpp_sees_monitoring_read_only_and_nothing_else(client_as):
    """Pasal 17(6): LKPP gets monitoring access, read-only."""
    client = client_as(roles.LKPP)
    aset = AsetFactory()
    assert client.get(reverse("monitoring:overview")).status_code == 200
    assert client.get(reverse("monitoring:aset", args=[aset.pk])).status_code == 200
    assert client.post(reverse("monitoring:overview")).status_code == 405
    assert client.get(reverse("infrastruktur:index")).status_code == 403
    assert client.get(reverse("infrastruktur:aset-detail", args=[aset.pk])).status_code == 403
    assert client.post(reverse("infrastruktur:aset-edit", args=[aset.pk]), {"nama": "x"}).status_code == 403
    assert not Insiden.objects.exists()


def test_vendor_technician_asks_for_access_and_hears_the_decision(
    client_as, make_user, django_capture_on_commit_callbacks
):
    """Pasal 16(4): the visitor asks, an authorised official decides, the visitor is told."""
    from django.core import mail

    make_user(roles.ADMIN_SISTEM, email="sistem@lpse.test")
    client = client_as(roles.PENYEDIA, email="teknisi@vendor.test")
    url = reverse("infrastruktur:izin-ajukan")
    data = {
        "nama": "Joni Tarigan",
        "instansi": "CV Sinar Karo",
        "keperluan": "Pasang router baru",
        "tanggal": (timezone.localdate() + timedelta(days=2)).isoformat(),
        "perangkat": "Router, laptop",
    }
    past = client.post(url, {**data, "tanggal": (timezone.localdate() - timedelta(days=1)).isoformat()})
    assert past.status_code == 400 and "masa lalu" in past.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    izin = IzinKunjungan.objects.get()
    assert izin.diajukan_oleh == client.user and izin.status == "diajukan"
    assert mail.outbox[-1].to == ["sistem@lpse.test"]
    with django_capture_on_commit_callbacks(execute=True):
        operasi.izin_putuskan(izin=izin, setuju=False, user=make_user(roles.KABID_ADMIN_SISTEM), alasan="Bentrok")
    assert mail.outbox[-1].to == ["teknisi@vendor.test"] and "DITOLAK" in mail.outbox[-1].body


def test_staff_records_a_change_request_for_named_assets(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    server = AsetFactory()
    response = client.post(
        reverse("infrastruktur:perubahan-create"),
        {
            "judul": "Ganti switch inti",
            "jenis": "normal",
            "aset": [server.pk],
            "alasan": "Port rusak",
            "rencana": "Malam hari",
            "rencana_uji": "Ping semua server",
            "rencana_rollback": "Pasang switch lama",
        },
    )
    assert response.status_code == 302
    cr = PermintaanPerubahan.objects.get()
    assert cr.status == "tercatat" and cr.diajukan_oleh == client.user and list(cr.aset.all()) == [server]
