"""RUP and announcement facilitation (Pasal 4(1)a, 4(1)b, 24(1)a), issue 15."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from layanan import rup
from layanan.models import FasilitasiPengumuman, FasilitasiRup
from lpse import roles
from lpse.models import EmailOutbox, Instansi
from sekretariat import selectors as sekretariat_selectors
from tests.layanan.factories import make_tiket

pytestmark = pytest.mark.django_db


@pytest.fixture
def opd(db):
    Instansi.objects.filter(jenis=Instansi.Jenis.OPD).update(aktif=False)  # only this test's OPD count
    return Instansi.objects.create(nama="Dinas Uji RUP", singkatan="DUR")


@pytest.fixture
def petugas(make_user):
    return make_user(roles.LAYANAN)


def test_pasal_4_1_a_announced_rup_needs_date_and_national_portal_reference(opd, petugas):
    f = rup.rup_open(instansi=opd, tahun=2026, user=petugas)
    with pytest.raises(ValidationError, match="referensi portal nasional"):
        rup.rup_update(
            fasilitasi=f, status="diumumkan", tanggal_umum=dt.date(2026, 3, 2), referensi="", catatan="", user=petugas
        )
    rup.rup_update(
        fasilitasi=f,
        status="diumumkan",
        tanggal_umum=dt.date(2026, 3, 2),
        referensi="SIRUP-2026-0001",
        catatan="",
        user=petugas,
    )
    f.refresh_from_db()
    assert f.status == "diumumkan" and f.referensi == "SIRUP-2026-0001" and f.petugas == petugas


def test_pasal_4_1_a_session_links_tickets_and_starts_assistance(opd, petugas):
    f = rup.rup_open(instansi=opd, tahun=2026, user=petugas)
    tiket = make_tiket()
    sesi = rup.sesi_add(
        rup=f, tanggal=dt.date(2026, 2, 10), petugas=petugas, uraian="Input RUP di SiRUP", tiket_ids=[tiket.pk]
    )
    assert list(sesi.tiket.all()) == [tiket]
    f.refresh_from_db()
    assert f.status == "pendampingan"
    with pytest.raises(ValidationError, match="Tiket tidak ditemukan"):
        rup.sesi_add(rup=f, tanggal=dt.date(2026, 2, 11), petugas=petugas, uraian="x", tiket_ids=[999999])


def test_pasal_4_1_a_kepala_unit_sees_which_opd_are_late(opd, make_user, client):
    on_time = Instansi.objects.create(nama="Dinas Tepat Waktu")
    FasilitasiRup.objects.create(
        instansi=on_time, tahun=2026, status="diumumkan", tanggal_umum=dt.date(2026, 3, 1), referensi="R1"
    )
    client.force_login(make_user(roles.KEPALA_UNIT))
    with time_machine.travel(dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC)):
        page = client.get(reverse("layanan:rup-terlambat") + "?tahun=2026").content.decode()
        before = client.get(reverse("layanan:rup-terlambat") + "?tahun=2027").content.decode()
    assert "Dinas Uji RUP" in page and "Dinas Tepat Waktu" not in page
    assert "Tidak ada OPD yang terlambat" in before


def test_pasal_4_1_a_reminders_go_to_pa_kpa_and_kepala_bidang_before_the_deadline(opd, make_user, settings):
    settings.RUP_BATAS = "03-31"
    settings.RUP_PENGINGAT_HARI = [7]
    pa = make_user(roles.PA_KPA, email="pa@dinasuji.id", instansi=opd)
    kabid = make_user(roles.KABID_LAYANAN, email="kabid@lpse.id")
    assert rup.rup_remind(today=dt.date(2026, 3, 23)) == 0  # 8 days before: not a reminder day
    assert rup.rup_remind(today=dt.date(2026, 3, 24)) == 1
    mail = EmailOutbox.objects.get()
    assert set(mail.penerima) == {pa.email, kabid.email}
    assert "31-03-2026" in mail.isi and "Pasal 4 ayat 1 huruf a" in mail.isi
    assert rup.rup_remind(today=dt.date(2026, 3, 24)) == 0  # once a day
    f = FasilitasiRup.objects.get(instansi=opd, tahun=2026)
    rup.rup_update(
        fasilitasi=f, status="diumumkan", tanggal_umum=dt.date(2026, 3, 25), referensi="R", catatan="", user=kabid
    )
    assert rup.rup_remind(today=dt.date(2026, 3, 31) - dt.timedelta(days=7)) == 0  # announced: no more reminders
    assert Group.objects.get(name=roles.PA_KPA) in pa.groups.all()


def test_reminder_schedule_is_installed_by_migration():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(name="Pengingat pengumuman RUP")
    assert task.task == "layanan.tasks.rup_pengingat" and task.crontab.hour == "7"


def test_pasal_4_1_b_announcement_facilitated_for_ulp_is_logged(opd, petugas, client):
    client.force_login(petugas)
    response = client.post(
        reverse("layanan:pengumuman-ulp-list"),
        {
            "instansi": opd.pk,
            "perihal": "Pengumuman tender jalan desa",
            "status": "diumumkan",
            "tanggal_umum": "2026-05-04",
            "referensi": "TND-77",
        },
    )
    item = FasilitasiPengumuman.objects.get()
    assert response.status_code == 302 and item.petugas == petugas and item.referensi == "TND-77"
    bad = client.post(
        reverse("layanan:pengumuman-ulp-list"),
        {
            "instansi": opd.pk,
            "perihal": "Tanpa referensi",
            "status": "diumumkan",
            "tanggal_umum": "2026-05-04",
            "referensi": "",
        },
    )
    assert bad.status_code == 400 and "referensi portal nasional" in bad.content.decode()


def test_pasal_24_1_a_facilitation_feeds_the_laporan_kegiatan_and_sop_page(opd, petugas):
    f = rup.rup_open(instansi=opd, tahun=2026, user=petugas)
    rup.rup_update(
        fasilitasi=f, status="diumumkan", tanggal_umum=dt.date(2026, 4, 10), referensi="R", catatan="", user=petugas
    )
    FasilitasiPengumuman.objects.create(
        instansi=opd, perihal="P", status="diumumkan", tanggal_umum=dt.date(2026, 4, 11), referensi="X"
    )
    from layanan.selectors import report_figures

    figures = report_figures(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert figures["rup_diumumkan"] == 1 and figures["rup_tepat_waktu"] == 0
    assert figures["rup_opd_terlambat"] == 1  # announced after 31 March
    assert figures["pengumuman_ulp_difasilitasi"] == 1
    sop = sekretariat_selectors.sop_compliance(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    labels = {line["label"]: line["value"] for s in sop for line in s["lines"]}
    assert labels["OPD terlambat mengumumkan RUP"] == 1


def test_tracker_page_lists_every_active_opd(opd, petugas, client):
    client.force_login(petugas)
    page = client.get(reverse("layanan:rup-list") + "?tahun=2026")
    assert page.status_code == 200 and "Dinas Uji RUP" in page.content.decode()
    response = client.post(reverse("layanan:rup-buka"), {"instansi": opd.pk, "tahun": 2026})
    f = FasilitasiRup.objects.get(instansi=opd, tahun=2026)
    assert response.status_code == 302 and response["Location"] == f.get_absolute_url()
    detail = client.post(reverse("layanan:rup-detail", args=[f.pk]), {"status": "diumumkan", "referensi": ""})
    assert detail.status_code == 400
