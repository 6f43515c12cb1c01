"""Upgrade planning from monitoring data (Perbup Karo 02/2017 Pasal 17(5), issue 15)."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from infrastruktur.models import PermintaanPerubahan
from lpse import roles
from lpse.models import DailyRun
from monitoring.models import RekomendasiUpgrade, Rollup
from monitoring.services import upgrade
from monitoring.services.evaluasi import prakiraan_hari_penuh
from monitoring.tasks import rekomendasi_upgrade
from tests.infrastruktur.factories import AsetFactory, PemeriksaanFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def day(n_ago: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=n_ago), time.min, tzinfo=timezone.get_current_timezone())


def daily(aset, seri: str, values: dict[int, float], maksimum: dict[int, float] | None = None) -> None:
    """Daily roll-ups: {days ago: daily average}."""
    Rollup.objects.bulk_create(
        Rollup(
            aset=aset,
            seri=seri,
            resolusi=Rollup.Resolusi.HARI,
            waktu=day(n),
            rata=v,
            minimum=v,
            maksimum=(maksimum or {}).get(n, v),
            jumlah=288,
        )
        for n, v in values.items()
    )


@pytest.fixture
def kabid(make_user):
    return make_user(roles.KABID_ADMIN_SISTEM)


def test_pasal_17_5_sustained_cpu_breach_over_n_days_yields_one_recommendation():
    aset = AsetFactory(nama="srv-spse-01")
    # 6 of the last 14 days with the daily CPU average over 80 %, the other days quiet.
    daily(aset, "cpu.pct", {n: (92.0 if n in (1, 2, 3, 5, 8, 13) else 35.0) for n in range(1, 15)})
    counts = upgrade.rekomendasi_refresh(today=TODAY)
    rec = RekomendasiUpgrade.objects.get()
    assert counts["baru"] == 1
    assert (rec.aset, rec.sumber, rec.dasar, rec.hari_terlampaui) == (aset, "cpu", "ambang", 6)
    assert rec.batas_waktu is None and rec.segera  # a sustained breach: "segera"
    assert "92%" in rec.alasan and "batas 80%" in rec.alasan and "6 dari 14 hari" in rec.alasan


def test_pasal_17_5_a_short_spike_does_not_yield_a_recommendation():
    aset = AsetFactory()
    # Two hot days, and a day whose peak hit 100 % while its average stayed low.
    daily(aset, "cpu.pct", {1: 97.0, 2: 95.0, 3: 30.0, 4: 28.0, 5: 31.0}, maksimum={3: 100.0})
    daily(aset, "ram.pct", dict.fromkeys(range(1, 15), 60.0), maksimum={4: 99.0})
    assert upgrade.rekomendasi_refresh(today=TODAY) == {"baru": 0, "diperbarui": 0, "usang": 0}
    assert not RekomendasiUpgrade.objects.exists()


def test_pasal_17_5_disk_forecast_gives_the_date():
    aset = AsetFactory()
    values = {n: 90.0 - n * 0.5 for n in range(1, 31)}  # +0.5 % a day, 89.5 % yesterday
    daily(aset, "disk.pct:/data", values)
    upgrade.rekomendasi_refresh(today=TODAY)
    rec = RekomendasiUpgrade.objects.get(seri="disk.pct:/data")
    points = sorted((day(n).timestamp() + 43200, v) for n, v in values.items())
    days = prakiraan_hari_penuh(points)
    assert 20 < days < 22  # 10.5 % left at 0.5 % a day
    assert rec.dasar == "prakiraan" and rec.batas_waktu == TODAY + timedelta(days=int(days))
    assert not rec.segera
    assert "Disk /data diprakirakan penuh dalam 21 hari" in rec.alasan
    # Sustained too (daily average over the asset's 80 % warning for 14 of 14 days): said in the reason.
    assert "14 dari 14 hari" in rec.alasan


def test_pasal_17_5_bandwidth_is_judged_on_the_daily_peak_and_response_time_only_for_the_spse_server(settings):
    settings.MONITORING_UPGRADE_BANDWIDTH_MBPS = 100  # 80 % = 10 MB/s
    spse = AsetFactory(server_spse=True)
    other = AsetFactory(server_spse=False)
    check = PemeriksaanFactory(aset=spse, nama="Halaman SPSE")
    other_check = PemeriksaanFactory(aset=other)
    daily(spse, "net.rx:eth0", dict.fromkeys(range(1, 15), 2000000.0), maksimum=dict.fromkeys(range(1, 8), 11000000.0))
    daily(spse, f"cek.{check.pk}.ms", dict.fromkeys(range(1, 15), 1500.0))
    daily(other, f"cek.{other_check.pk}.ms", dict.fromkeys(range(1, 15), 1500.0))
    upgrade.rekomendasi_refresh(today=TODAY)
    found = set(RekomendasiUpgrade.objects.values_list("aset", "sumber"))
    assert found == {(spse.pk, "bandwidth"), (spse.pk, "respons")}
    assert "88.0 Mbit/s" in RekomendasiUpgrade.objects.get(sumber="bandwidth").alasan


def test_pasal_17_5_daily_task_is_idempotent():
    aset = AsetFactory()
    daily(aset, "ram.pct", dict.fromkeys(range(1, 15), 93.0))
    first = upgrade.rekomendasi_refresh(today=TODAY)
    again = upgrade.rekomendasi_refresh(today=TODAY)
    assert first["baru"] == 1 and again == {"baru": 0, "diperbarui": 0, "usang": 0}
    rec = RekomendasiUpgrade.objects.get()
    assert rec.history.count() == 1
    # The scheduled task runs once a day even when queued twice.
    rekomendasi_upgrade.delay()
    rekomendasi_upgrade.delay()
    assert DailyRun.objects.filter(task__contains="rekomendasi_upgrade").count() == 1
    assert RekomendasiUpgrade.objects.count() == 1


def test_pasal_17_5_a_dismissed_recommendation_stays_quiet_and_a_gone_finding_is_marked(kabid):
    a, b = AsetFactory(), AsetFactory()
    daily(a, "cpu.pct", dict.fromkeys(range(1, 15), 90.0))
    daily(b, "cpu.pct", dict.fromkeys(range(1, 15), 90.0))
    upgrade.rekomendasi_refresh(today=TODAY)
    upgrade.rekomendasi_decide(rekomendasi=RekomendasiUpgrade.objects.get(aset=a), terima=False, user=kabid)
    Rollup.objects.filter(aset=b).update(rata=20)
    upgrade.rekomendasi_refresh(today=TODAY)
    assert RekomendasiUpgrade.objects.filter(aset=a).count() == 1  # dismissed, not recreated
    assert RekomendasiUpgrade.objects.get(aset=b).status == RekomendasiUpgrade.Status.USANG


def test_pasal_17_5_accepted_recommendation_becomes_a_change_request_linked_both_ways(kabid, client):
    aset = AsetFactory(nama="srv-spse-01")
    daily(aset, "cpu.pct", dict.fromkeys(range(1, 15), 90.0))
    upgrade.rekomendasi_refresh(today=TODAY)
    rec = RekomendasiUpgrade.objects.get()
    client.force_login(kabid)
    response = client.post(reverse("monitoring:rekomendasi-aksi", args=[rec.pk, "perubahan"]))
    assert response.status_code == 302 and not PermintaanPerubahan.objects.exists()  # accept first
    client.post(reverse("monitoring:rekomendasi-aksi", args=[rec.pk, "terima"]), {"catatan": "Tambah vCPU"})
    response = client.post(reverse("monitoring:rekomendasi-aksi", args=[rec.pk, "perubahan"]))
    perubahan = PermintaanPerubahan.objects.get()
    assert response["Location"] == reverse("infrastruktur:perubahan-detail", args=[perubahan.pk])
    rec.refresh_from_db()
    assert rec.perubahan == perubahan and list(perubahan.aset.all()) == [aset]
    assert "Pasal 17 ayat 5" in perubahan.alasan and perubahan.diajukan_oleh == kabid
    change_page = client.get(response["Location"]).content.decode()
    assert rec.get_absolute_url() in change_page and "Asal: rekomendasi upgrade" in change_page
    rec_page = client.get(rec.get_absolute_url()).content.decode()
    assert response["Location"] in rec_page
    # The chart behind it: the monitoring data endpoint of the asset with the recommendation's range.
    assert reverse("monitoring:data", args=[aset.pk]) + "?rentang=30h" in rec_page
    assert 'data-grup="cpu"' in rec_page and 'data-label="CPU terpakai (%)"' in rec_page
    again = client.post(reverse("monitoring:rekomendasi-aksi", args=[rec.pk, "perubahan"]))
    assert again.status_code == 302 and PermintaanPerubahan.objects.count() == 1


def test_pasal_17_5_accepted_recommendation_is_offered_to_the_program_kerja(kabid, client, make_user):
    aset = AsetFactory(nama="srv-db-01")
    daily(aset, "ram.pct", dict.fromkeys(range(1, 15), 95.0))
    upgrade.rekomendasi_refresh(today=TODAY)
    rec = RekomendasiUpgrade.objects.get()
    upgrade.rekomendasi_decide(rekomendasi=rec, terima=True, user=kabid)
    client.force_login(kabid)
    bad = client.post(reverse("monitoring:rekomendasi-usulan", args=[rec.pk]), {"tahun": "2027", "biaya": "-5"})
    assert bad.status_code == 400
    response = client.post(
        reverse("monitoring:rekomendasi-usulan", args=[rec.pk]), {"tahun": "2027", "biaya": "45000000"}
    )
    assert response.status_code == 302
    rec.refresh_from_db()
    assert (rec.usulan_tahun, rec.usulan_biaya) == (2027, Decimal("45000000"))
    client.force_login(make_user(roles.SEKRETARIAT))
    page = client.get(reverse("sekretariat:kegiatan-list") + "?tahun=2027").content.decode()
    assert "Peningkatan RAM srv-db-01" in page and "Rekomendasi upgrade (Pasal 17 ayat 5)" in page
    assert rec.get_absolute_url() in page and "Jadikan kegiatan" in page
    form = client.get(reverse("sekretariat:kegiatan-create") + "?nama=Peningkatan+RAM&pagu=45000000&tahun=2027")
    assert 'value="Peningkatan RAM"' in form.content.decode()
    assert (
        "Peningkatan RAM srv-db-01"
        not in client.get(reverse("sekretariat:kegiatan-list") + "?tahun=2028").content.decode()
    )


def test_bidang_page_lists_open_recommendations(kabid, client):
    aset = AsetFactory(nama="srv-spse-02")
    daily(aset, "cpu.pct", dict.fromkeys(range(1, 15), 90.0))
    upgrade.rekomendasi_refresh(today=TODAY)
    client.force_login(kabid)
    page = client.get(reverse("infrastruktur:index")).content.decode()
    assert "Rekomendasi upgrade (Pasal 17 ayat 5)" in page and "srv-spse-02: CPU" in page and "segera" in page


@pytest.mark.parametrize("n", [2, 12])
def test_recommendation_list_queries_do_not_grow(n, kabid, client, django_assert_num_queries):
    for _ in range(n):
        RekomendasiUpgrade.objects.create(
            aset=AsetFactory(), sumber="cpu", seri="cpu.pct", dasar="ambang", alasan="CPU tinggi", nilai=95
        )
    client.force_login(kabid)
    client.get(reverse("monitoring:rekomendasi-list"))  # warm the per-user caches
    # user, count, one page of recommendations joined with asset and change request
    with django_assert_num_queries(3):
        assert client.get(reverse("monitoring:rekomendasi-list")).status_code == 200
