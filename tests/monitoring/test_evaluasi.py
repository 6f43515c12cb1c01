"""The daily SOP's judgement (Pasal 17(1)): thresholds, hysteresis,
disk-full forecast, stale agents, incidents and maintenance silencing."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from infrastruktur.models import Insiden
from infrastruktur.services.operasi import pemeliharaan_save
from monitoring.models import AsetStatus, Kondisi, Rollup, Sampel
from monitoring.services.evaluasi import (
    evaluate_all,
    evaluate_aset,
    evaluate_forecast,
    prakiraan_hari_penuh,
    tingkat_hysteresis,
)
from monitoring.services.metrik import token_create
from tests.infrastruktur.factories import AsetFactory, PemeliharaanFactory

OK, W, C = "ok", "peringatan", "kritis"


def disk(value, prev=OK):
    return tingkat_hysteresis(nilai=value, peringatan=80, kritis=90, sebelumnya=prev, histeresis=5)


@pytest.mark.parametrize(
    ("value", "prev", "expected"),
    [
        (50, OK, OK),
        (79.9, OK, OK),
        (80, OK, W),  # disk warning 80 %
        (89.9, OK, W),
        (90, OK, C),  # critical 90 %
        (99, W, C),
        (88, C, C),  # hysteresis: critical holds until below 85
        (85.1, C, C),
        (85, C, W),
        (78, W, W),  # warning holds until below 75
        (75.1, W, W),
        (75, W, OK),
        (60, C, OK),
        (None, C, OK),
    ],
)
def test_disk_thresholds_with_hysteresis(value, prev, expected):
    assert disk(value, prev) == expected


def test_a_value_hovering_at_the_threshold_does_not_flap():
    level, levels = OK, []
    for v in [79, 80.5, 79.5, 80.2, 79.1, 78.0, 80.1, 76]:
        level = disk(v, level)
        levels.append(level)
    assert levels == [OK, W, W, W, W, W, W, W]


@pytest.mark.parametrize(
    ("days", "prev", "expected"),
    [(30, OK, OK), (20, OK, W), (19, OK, W), (3, OK, C), (3.5, C, C), (4.1, C, W), (20.5, W, W), (21.5, W, OK)],
)
def test_tls_days_lower_is_worse_with_hysteresis(days, prev, expected):
    level = tingkat_hysteresis(
        nilai=days, peringatan=20, kritis=3, sebelumnya=prev, histeresis=1, makin_kecil_makin_buruk=True
    )
    assert level == expected


def _series(start_pct, per_day, days=14, step_hours=1):
    t0 = 1_790_000_000
    n = int(days * 24 / step_hours)
    return [(t0 + i * step_hours * 3600, start_pct + per_day * i * step_hours / 24) for i in range(n + 1)]


def test_forecast_of_a_steady_growth():
    # 50 % → 64 % in 14 days: 1 %/day, 36 days to go
    assert prakiraan_hari_penuh(_series(50, 1.0)) == pytest.approx(36, abs=0.01)


def test_forecast_with_noise_stays_close():
    import random

    rnd = random.Random(5)
    pts = [(t, v + rnd.uniform(-0.5, 0.5)) for t, v in _series(60, 2.0)]
    # 60 → 88 % in 14 days at 2 %/day: 6 days left
    assert prakiraan_hari_penuh(pts) == pytest.approx(6.0, abs=0.3)


@pytest.mark.parametrize("series", [_series(60, 0), _series(60, -1.0), [], [(1_790_000_000, 50)]])
def test_forecast_is_none_when_not_growing_or_unknown(series):
    assert prakiraan_hari_penuh(series) is None


def test_forecast_of_an_already_full_disk_is_zero():
    assert prakiraan_hari_penuh(_series(95, 1.0)) == 0


@pytest.mark.django_db
def test_disk_forecast_from_rollups_sets_warning_and_critical():
    """Disk full within 7 days warning, within 2 days critical (default thresholds)."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    fast, slow = AsetFactory(), AsetFactory()
    rows = []
    for aset, per_day, start in [(fast, 5.0, 25), (slow, 1.0, 80)]:
        for h in range(14 * 24):
            t = now - timedelta(hours=14 * 24 - h)
            v = start + per_day * h / 24
            rows.append(
                Rollup(aset=aset, seri="disk.pct:/", resolusi="jam", waktu=t, rata=v, minimum=v, maksimum=v, jumlah=12)
            )
    Rollup.objects.bulk_create(rows)
    # fast: 25 → 95 % over 14 days at 5 %/day: full in ~1 day → critical
    days = evaluate_forecast(aset=fast, now=now)["/"]
    assert days == pytest.approx(1.0, abs=0.1)
    assert Kondisi.objects.get(aset=fast, kode="penuh:/").tingkat == C
    assert Insiden.objects.filter(aset=fast, kode="penuh:/").exists()
    # slow: 80 → 94 % at 1 %/day: ~6 days → warning
    assert evaluate_forecast(aset=slow, now=now)["/"] == pytest.approx(6.0, abs=0.1)
    assert Kondisi.objects.get(aset=slow, kode="penuh:/").tingkat == W


def _samples(aset, seri, values, now, every=5):
    Sampel.objects.bulk_create(
        [
            Sampel(aset=aset, seri=seri, waktu=now - timedelta(minutes=every * (len(values) - 1 - i)), nilai=v)
            for i, v in enumerate(values)
        ]
    )


@pytest.mark.django_db
def test_disk_critical_opens_one_incident_and_recovery_marks_it():
    aset = AsetFactory()
    now = timezone.now()
    _samples(aset, "disk.pct:/", [91], now)
    evaluate_aset(aset=aset, now=now)
    evaluate_aset(aset=aset, now=now + timedelta(minutes=1))
    assert Insiden.objects.filter(aset=aset, kode="disk:/").count() == 1
    assert AsetStatus.objects.get(aset=aset).tingkat == C
    later = now + timedelta(minutes=5)
    _samples(aset, "disk.pct:/", [70], later)
    evaluate_aset(aset=aset, now=later)
    insiden = Insiden.objects.get(aset=aset)
    assert insiden.status == "pulih" and insiden.pulih_pada == later
    assert AsetStatus.objects.get(aset=aset).tingkat == OK


@pytest.mark.django_db
def test_database_allows_only_one_open_incident_per_asset_and_condition():
    aset = AsetFactory()
    Insiden.objects.create(aset=aset, kode="ram", judul="RAM habis")
    with pytest.raises(IntegrityError), transaction.atomic():
        Insiden.objects.create(aset=aset, kode="ram", judul="RAM habis lagi")
    Insiden.objects.filter(aset=aset).update(status="ditutup")
    Insiden.objects.create(aset=aset, kode="ram", judul="RAM habis minggu depan")  # a closed one does not block


@pytest.mark.django_db
def test_ram_available_under_10_percent_for_10_minutes_is_critical():
    aset = AsetFactory()
    now = timezone.now()
    _samples(aset, "ram.avail_pct", [30, 8, 7], now)  # low only for the last 5 minutes
    evaluate_aset(aset=aset, now=now)
    assert Kondisi.objects.get(aset=aset, kode="ram").tingkat == OK
    later = now + timedelta(minutes=5)
    _samples(aset, "ram.avail_pct", [6], later)  # 8, 7, 6 over ten minutes
    evaluate_aset(aset=aset, now=later)
    assert Kondisi.objects.get(aset=aset, kode="ram").tingkat == C
    # hysteresis: 12 % is above 10 but not above 15, so still critical
    again = later + timedelta(minutes=5)
    _samples(aset, "ram.avail_pct", [12], again)
    evaluate_aset(aset=aset, now=again)
    assert Kondisi.objects.get(aset=aset, kode="ram").tingkat == C


@pytest.mark.django_db
def test_per_asset_thresholds_are_used():
    strict = AsetFactory(disk_peringatan=60, disk_kritis=70)
    now = timezone.now()
    _samples(strict, "disk.pct:/", [65], now)
    evaluate_aset(aset=strict, now=now)
    assert Kondisi.objects.get(aset=strict, kode="disk:/").tingkat == W


@pytest.mark.django_db
def test_agent_silent_for_15_minutes_is_stale():
    aset = AsetFactory()
    token_create(aset=aset)
    now = timezone.now()
    _samples(aset, "disk.pct:/", [50], now - timedelta(minutes=20))
    AsetStatus.objects.create(aset=aset, terakhir_data=now - timedelta(minutes=20))
    evaluate_aset(aset=aset, now=now)
    assert AsetStatus.objects.get(aset=aset).tingkat == "basi"
    assert Kondisi.objects.get(aset=aset, kode="basi").tingkat == "basi"
    AsetStatus.objects.filter(aset=aset).update(terakhir_data=now)
    evaluate_aset(aset=aset, now=now + timedelta(minutes=1))
    assert AsetStatus.objects.get(aset=aset).tingkat == OK


@pytest.mark.django_db
def test_maintenance_window_silences_incidents_of_its_assets(make_user):
    """Pasal 17(4): alerts of the assets in a maintenance window are silenced."""
    aset, other = AsetFactory(), AsetFactory()
    now = timezone.now()
    window = PemeliharaanFactory(mulai=now - timedelta(minutes=30), selesai=now + timedelta(hours=1))
    pemeliharaan_save(pemeliharaan=window, aset=[aset], user=make_user(None))
    for a in (aset, other):
        _samples(a, "disk.pct:/", [95], now)
    evaluate_all(now=now)
    assert Kondisi.objects.get(aset=aset, kode="disk:/").tingkat == C  # still shown as critical
    assert not Insiden.objects.filter(aset=aset).exists()  # but no incident, no mail
    assert Insiden.objects.filter(aset=other).count() == 1
    after = now + timedelta(hours=2)
    _samples(aset, "disk.pct:/", [95], after)
    evaluate_all(now=after)
    assert Insiden.objects.filter(aset=aset).count() == 1
