"""Demo and volume data of server monitoring.

``seed_volume`` writes what a year of 5-minute samples leaves behind after
the nightly roll-up: hourly and daily roll-ups for the year and raw samples
for the last day, with PostgreSQL COPY so 50 assets take a minute or two.
``seed_demo`` runs after infrastruktur's (which creates the assets).
"""

import io
import math
import random
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from infrastruktur.models import Aset
from lpse import roles

from .models import AsetStatus, Pemeriksaan, Rollup, Sampel
from .services.evaluasi import evaluate_all
from .services.metrik import rollup_and_prune


def _series_value(seri: str, i: int, base: float, rnd: random.Random) -> float:
    """A plausible value for step ``i`` (hours) of a series."""
    day_wave = math.sin(i / 24 * 2 * math.pi)
    if seri.startswith("disk.pct:"):
        return min(99.0, base + i * 0.002 + rnd.uniform(-0.05, 0.05))
    if seri == "ram.pct":
        return max(5.0, min(98.0, base + 10 * day_wave + rnd.uniform(-3, 3)))
    if seri == "ram.avail_pct":
        return max(2.0, min(95.0, 100 - base - 10 * day_wave + rnd.uniform(-3, 3)))
    if seri == "swap.pct":
        return max(0.0, base / 10 + rnd.uniform(0, 2))
    if seri == "cpu.load1":
        return max(0.0, base / 30 + day_wave + rnd.uniform(0, 0.5))
    if seri == "cpu.pct":
        return max(0.0, min(100.0, base / 2 + 15 * day_wave + rnd.uniform(0, 10)))
    if seri.startswith("net."):
        return max(0.0, 200_000 * (1.2 + day_wave) + rnd.uniform(0, 50_000))
    if seri.endswith(".up"):
        return 0.0 if rnd.random() < 0.002 else 1.0
    if seri.endswith(".ms"):
        return 150 + 80 * max(0.0, day_wave) + rnd.uniform(0, 40)
    return base


SERIES = [
    "disk.pct:/",
    "disk.pct:/data",
    "ram.pct",
    "ram.avail_pct",
    "swap.pct",
    "cpu.load1",
    "cpu.pct",
    "net.rx:eth0",
    "net.tx:eth0",
]


def _copy(model, columns: list[str], rows) -> int:
    """Insert rows fast: COPY on PostgreSQL, bulk_create elsewhere."""
    table = model._meta.db_table
    n = 0
    if connection.vendor == "postgresql":
        buf = io.StringIO()
        for row in rows:
            buf.write("\t".join(str(v) for v in row) + "\n")
            n += 1
            if n % 200_000 == 0:
                buf.seek(0)
                with connection.cursor() as cur:
                    cur.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buf)  # noqa: S608 - our names
                buf = io.StringIO()
        buf.seek(0)
        with connection.cursor() as cur:
            cur.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buf)  # noqa: S608 - our names
        return n
    batch = []
    for row in rows:
        batch.append(model(**dict(zip(columns, row, strict=True))))
        n += 1
        if len(batch) >= 5000:
            model.objects.bulk_create(batch)
            batch = []
    model.objects.bulk_create(batch)
    return n


def _history(aset_ids: list[int], checks: dict[int, int], *, days: int, seed: int = 17) -> tuple[int, int]:
    """Hourly and daily roll-ups for ``days`` days and raw 5-minute samples for the last day,
    as the nightly task would have left them."""
    rnd = random.Random(seed)  # noqa: S311 - demo figures, not secrets
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    start = now - timedelta(days=days)
    hours = days * 24
    stamps = [(start + timedelta(hours=i)) for i in range(hours)]
    hour_text = [t.isoformat() for t in stamps]
    # The WIB day each hour belongs to, as the day's start: what TruncDay gives the nightly task.
    day_of = [timezone.localtime(t).replace(hour=0, minute=0, second=0, microsecond=0).isoformat() for t in stamps]
    base = {a: rnd.uniform(30, 70) for a in aset_ids}
    series_of = {a: SERIES + ([f"cek.{checks[a]}.up", f"cek.{checks[a]}.ms"] if a in checks else []) for a in aset_ids}
    daily: list[tuple] = []

    def hourly():
        for a in aset_ids:
            for seri in series_of[a]:
                flat = seri.endswith(".up")
                day, total, lo_d, hi_d, n = None, 0.0, math.inf, -math.inf, 0
                for i in range(hours):
                    v = _series_value(seri, i, base[a], rnd)
                    lo, hi = (v, v) if flat else (v * 0.95, v * 1.05)
                    if day_of[i] != day:
                        if day is not None:
                            daily.append((a, seri, "hari", day, total / n, lo_d, hi_d, n * 12))
                        day, total, lo_d, hi_d, n = day_of[i], 0.0, math.inf, -math.inf, 0
                    total, lo_d, hi_d, n = total + v, min(lo_d, lo), max(hi_d, hi), n + 1
                    yield a, seri, "jam", hour_text[i], v, lo, hi, 12
                daily.append((a, seri, "hari", day, total / n, lo_d, hi_d, n * 12))

    raw_end = timezone.now()

    def raw():
        for a in aset_ids:
            for seri in series_of[a]:
                for i in range(288):
                    v = _series_value(seri, hours - 24 + i / 12, base[a], rnd)
                    yield a, seri, (raw_end - timedelta(minutes=5 * (287 - i))).isoformat(), v

    columns = ["aset_id", "seri", "resolusi", "waktu", "rata", "minimum", "maksimum", "jumlah"]
    n_hours = _copy(Rollup, columns, hourly())
    _copy(Rollup, columns, daily)
    n_raw = _copy(Sampel, ["aset_id", "seri", "waktu", "nilai"], raw())
    return n_hours, n_raw


def seed_volume(*, stdout, small: bool = False) -> None:
    """50 assets with a year of roll-ups (small: 5 assets, 7 days)."""
    n_aset, days = (5, 7) if small else (50, 365)
    have = Aset.objects.filter(nama__startswith="[volume]").count()
    if have >= n_aset:
        stdout.write(f"Monitoring: {n_aset} aset volume sudah ada.")
        return
    with transaction.atomic():
        created = Aset.objects.bulk_create(
            [
                Aset(
                    nama=f"[volume] Server {i:03d}",
                    jenis=Aset.Jenis.SERVER,
                    peran="Server volume",
                    alamat=f"10.50.{i // 250}.{i % 250 + 1}",
                    ruang="Ruang Server",
                    kerahasiaan=2,
                    integritas=2,
                    ketersediaan=3,
                )
                for i in range(have, n_aset)
            ]
        )
        ids = [a.pk for a in created]
        checks = {}
        for a in created[:10]:
            check = Pemeriksaan.objects.create(
                aset=a, nama=f"HTTP {a.nama}", jenis="http", target=f"http://{a.alamat}/", aktif=False
            )
            checks[a.pk] = check.pk
        now = timezone.now()
        AsetStatus.objects.bulk_create(
            [
                AsetStatus(
                    aset_id=pk,
                    tingkat=random.choice(["ok", "ok", "ok", "peringatan", "kritis"]),  # noqa: S311
                    terakhir_data=now,
                    dievaluasi=now,
                )
                for pk in ids
            ]
        )
        n_hours, n_raw = _history(ids, checks, days=days)
        _bench_tokens(created, fresh=have == 0)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f"ANALYZE {Rollup._meta.db_table}; ANALYZE {Sampel._meta.db_table}")  # noqa: S608 - our names
    stdout.write(f"Monitoring: {len(ids)} aset, {n_hours} roll-up per jam, {n_raw} sampel mentah.")


def seed_demo() -> None:
    """Connection checks of the demo servers, three days of metrics, their evaluation."""
    spse = Aset.objects.filter(nama="Server Aplikasi SPSE").first()
    portal = Aset.objects.filter(host_lokal=True).first()
    if spse is None or portal is None or Pemeriksaan.objects.filter(aset=spse).exists():
        return
    # External targets stay inactive in a demo install: no traffic to the real SPSE from a laptop.
    Pemeriksaan.objects.create(
        aset=spse, nama="Beranda SPSE", jenis="http", target=settings.LPSE["URL_SPSE"], aktif=False
    )
    Pemeriksaan.objects.create(
        aset=spse, nama="Sertifikat SPSE", jenis="tls", target="spse.inaproc.id:443", aktif=False
    )
    Pemeriksaan.objects.create(
        aset=portal, nama="Portal /healthz", jenis="http", target=settings.SITE_URL.rstrip("/") + "/healthz"
    )
    servers = list(Aset.objects.filter(jenis="server").values_list("pk", flat=True))
    checks = dict(Pemeriksaan.objects.filter(aset_id__in=servers, jenis="http").values_list("aset_id", "pk"))
    _history(servers, checks, days=3, seed=3)
    now = timezone.now()
    rollup_and_prune(now=now)  # the last hours from the raw samples, as the hourly task would
    for pk in servers:
        AsetStatus.objects.update_or_create(aset_id=pk, defaults={"terakhir_data": now})
    evaluate_all(now=now)
    _demo_upgrade(spse)


def _demo_upgrade(spse: Aset) -> None:
    """A month of daily roll-ups in which the SPSE server's data disk fills and its CPU runs hot
    on a third of the days, so upgrade planning (Pasal 17(5)) has something to recommend."""
    from datetime import datetime, time

    from .services.upgrade import rekomendasi_refresh

    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    rows = []
    for n in range(4, 31):  # the last three days come from the raw samples above
        waktu = datetime.combine(today - timedelta(days=n), time.min, tzinfo=tz)
        disk = 88.0 - n * 0.4
        cpu = 86.0 if n % 3 == 0 else 45.0
        for seri, v in (("disk.pct:/data", disk), ("cpu.pct", cpu)):
            rows.append(
                Rollup(
                    aset=spse,
                    seri=seri,
                    resolusi=Rollup.Resolusi.HARI,
                    waktu=waktu,
                    rata=v,
                    minimum=v,
                    maksimum=v,
                    jumlah=288,
                )
            )
    Rollup.objects.bulk_create(rows, ignore_conflicts=True)
    rekomendasi_refresh(today=today)


def _bench_token_file():
    return settings.VAR_DIR / "bench" / "infrastruktur-agen.tokens"


def _bench_tokens(asets, *, fresh: bool) -> None:
    """One agent token per volume asset, for the ingest benchmark. Random (never a
    known token in an install); the clear text goes to a file only the bench reads."""
    from .services.metrik import token_create

    path = _bench_token_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w" if fresh else "a") as f:
        path.chmod(0o600)
        for aset in asets:
            _, clear = token_create(aset=aset)
            f.write(clear + "\n")


def bench_ingest_payload(*, timestamp: float) -> bytes:
    """A realistic agent post (see monitoring/agent/lpse_agent.py) for the ingest benchmark."""
    import json

    gb = 1024**3
    return json.dumps(
        {
            "timestamp": timestamp,
            "cpu": {"load1": 0.7, "pct": 21.5},
            "ram": {"total": 32 * gb, "available": 12 * gb},
            "swap": {"total": 4 * gb, "used": gb // 8},
            "disks": [
                {"mount": "/", "total": 200 * gb, "used": 90 * gb, "inodes_total": 12_000_000, "inodes_used": 400_000},
                {"mount": "/data", "total": 2000 * gb, "used": 1100 * gb},
            ],
            "net": [{"iface": "eth0", "rx": int(timestamp * 1000), "tx": int(timestamp * 300)}],
        }
    ).encode()


# The ingest endpoint's budget (300 posts/s, p95 < 50 ms): POST ``payload(timestamp=...)``
# with ``Authorization: Bearer <token>``; timestamps must increase per token (replay guard),
# so give each simulated agent its own token.
BENCH_INGEST = {
    "name": "monitoring: kiriman agen",
    "path": "/api/infrastruktur/metrik/",
    "tokens": lambda: _bench_token_file().read_text().split(),
    "payload": bench_ingest_payload,
    "expect": 201,
}


def _volume_aset_path(suffix: str) -> str:
    aset = Aset.objects.filter(nama__startswith="[volume]").order_by("nama").first()
    return f"/staf/infrastruktur/monitoring/aset/{aset.pk}/{suffix}"


# Issue 14: the same budget as every page (bench/pages.py).
BENCH_PAGES = [
    {
        "name": "monitoring: ikhtisar",
        "path": "/staf/infrastruktur/monitoring/",
        "role": roles.KABID_ADMIN_SISTEM,
    },
    {
        "name": "monitoring: grafik 1 tahun (halaman)",
        "path": lambda: _volume_aset_path("?rentang=1t"),
        "role": roles.LKPP,
    },
    {
        "name": "monitoring: grafik 1 tahun (data)",
        "path": lambda: _volume_aset_path("data/?rentang=1t"),
        "role": roles.LKPP,
    },
]
