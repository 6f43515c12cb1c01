"""Metric samples: agent tokens, validation of agent posts, ingest, the
psutil collector of this host, and the raw → hourly → daily roll-ups
(Pasal 17(1)–(2))."""

import functools
import hashlib
import hmac
import json
import math
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Avg, Count, F, Max, Min, Sum
from django.db.models.functions import TruncDay, TruncHour
from django.utils import timezone

from infrastruktur.models import Aset
from lpse import totals

from ..models import AsetStatus, Rollup, Sampel, TokenAgen

MAX_BYTES = 2**60  # an exabyte: anything larger is a broken agent
MAX_ITEMS = 64
IFACE_RE = re.compile(r"^[\w.:@-]{1,64}$")


class MetrikInvalid(ValueError):
    """A post the endpoint refuses; ``status`` is the HTTP status to answer."""

    def __init__(self, pesan: str, status: int = 400):
        super().__init__(pesan)
        self.pesan = pesan
        self.status = status


# --- Tokens -----------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_create(*, aset: Aset, user=None) -> tuple[TokenAgen, str]:
    """Make an agent token; the clear text is returned once and never stored."""
    prefix = secrets.token_hex(4)
    clear = f"{prefix}.{secrets.token_urlsafe(32)}"
    token = TokenAgen.objects.create(aset=aset, prefix=prefix, hash=_hash(clear), dibuat_oleh=user)
    return token, clear


def token_revoke(*, token: TokenAgen) -> None:
    TokenAgen.objects.filter(pk=token.pk, dicabut=None).update(dicabut=timezone.now())


_DUMMY_HASH = _hash("tidak-ada")


def token_authenticate(header: str) -> TokenAgen:
    """The live token named by an ``Authorization: Bearer …`` header, else 401.

    The hash is compared in constant time, and an unknown prefix still costs
    one comparison, so timing tells nothing about which prefixes exist.
    """
    scheme, _, clear = (header or "").partition(" ")
    clear = clear.strip()
    if scheme.lower() not in ("bearer", "token") or "." not in clear or len(clear) > 200:
        raise MetrikInvalid("Token agen tidak ada atau formatnya salah.", 401)
    prefix = clear.split(".", 1)[0]
    token = TokenAgen.objects.select_related("aset").filter(prefix=prefix[:16]).first()
    expected = token.hash if token else _DUMMY_HASH
    if not hmac.compare_digest(_hash(clear), expected) or token is None:
        raise MetrikInvalid("Token agen tidak dikenal.", 401)
    if token.dicabut is not None:
        raise MetrikInvalid("Token agen sudah dicabut.", 401)
    if token.aset.status == Aset.Status.NONAKTIF:
        raise MetrikInvalid("Aset untuk token ini tidak aktif.", 401)
    return token


# --- Validation ---------------------------------------------------------------


def _num(value, name: str, *, lo: float = 0, hi: float = MAX_BYTES, integer: bool = False):
    # bool is an int in Python; an agent that sends true for a byte count is broken.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MetrikInvalid(f"Nilai {name} harus berupa angka.")
    if integer and not isinstance(value, int):
        raise MetrikInvalid(f"Nilai {name} harus bilangan bulat.")
    if isinstance(value, float) and not math.isfinite(value):
        raise MetrikInvalid(f"Nilai {name} tidak terbatas.")
    if value < lo:
        raise MetrikInvalid(f"Nilai {name} tidak boleh kurang dari {lo:g}.")
    if value > hi:
        raise MetrikInvalid(f"Nilai {name} tidak masuk akal (lebih dari {hi:g}).")
    return value


def _obj(value, name: str) -> dict:
    if not isinstance(value, dict):
        raise MetrikInvalid(f"Bagian {name} harus berupa objek JSON.")
    return value


def _list(value, name: str) -> list:
    if not isinstance(value, list):
        raise MetrikInvalid(f"Bagian {name} harus berupa daftar JSON.")
    if len(value) > MAX_ITEMS:
        raise MetrikInvalid(f"Bagian {name} berisi lebih dari {MAX_ITEMS} butir.")
    return value


@dataclass
class Kiriman:
    """A validated agent post."""

    ts: float
    nilai: dict[str, float]  # series → value, gauges only
    net: dict[str, tuple[int, int]]  # iface → (rx, tx) counters


_JSON_STRUCTURE = re.compile(rb'["\\\[\]{}]')


def json_too_deep(body: bytes, limit: int) -> bool:
    """True when arrays/objects in ``body`` nest deeper than ``limit``, found without parsing.

    json.loads recurses once per level and a 64 KB body of ``[`` is 65,536 levels:
    a RecursionError (a 500) before any validation could run (issue 11, finding 6).
    Only quotes, backslashes and brackets are visited; brackets inside strings do not count.
    """
    depth, in_string, skip = 0, False, -1
    for match in _JSON_STRUCTURE.finditer(body):
        pos = match.start()
        if pos == skip:
            continue
        char = body[pos]
        if in_string:
            if char == 0x5C:  # backslash: the next character is escaped
                skip = pos + 1
            elif char == 0x22:
                in_string = False
        elif char == 0x22:
            in_string = True
        elif char in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return True
        elif char in (0x5D, 0x7D):
            depth -= 1
    return False


def metrik_parse(body: bytes) -> Kiriman:
    """Validate an agent post; raise MetrikInvalid (400) with an Indonesian message."""
    limit = settings.MONITORING_METRIK_MAKS_KEDALAMAN
    if json_too_deep(body, limit):
        raise MetrikInvalid(f"Struktur JSON kiriman terlalu dalam (lebih dari {limit} tingkat).")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise MetrikInvalid("Isi kiriman bukan JSON yang sah.") from None
    except RecursionError:  # a second line of defence; json_too_deep should have caught it
        raise MetrikInvalid("Struktur JSON kiriman terlalu dalam.") from None
    data = _obj(data, "utama")
    if "timestamp" not in data:
        raise MetrikInvalid("Kolom timestamp wajib ada.")
    ts = float(_num(data["timestamp"], "timestamp", lo=1_000_000_000, hi=10_000_000_000))
    nilai: dict[str, float] = {}
    if "cpu" in data:
        cpu = _obj(data["cpu"], "cpu")
        if "load1" in cpu:
            nilai["cpu.load1"] = float(_num(cpu["load1"], "cpu.load1", hi=10_000))
        if "pct" in cpu:
            nilai["cpu.pct"] = float(_num(cpu["pct"], "cpu.pct", hi=100))
    if "ram" in data:
        ram = _obj(data["ram"], "ram")
        total = _num(ram.get("total"), "ram.total", lo=1, integer=True)
        avail = _num(ram.get("available"), "ram.available", hi=total, integer=True)
        nilai["ram.avail_pct"] = round(100 * avail / total, 3)
        nilai["ram.pct"] = round(100 - nilai["ram.avail_pct"], 3)
    if "swap" in data:
        swap = _obj(data["swap"], "swap")
        total = _num(swap.get("total"), "swap.total", integer=True)
        used = _num(swap.get("used"), "swap.used", hi=total, integer=True)
        if total:
            nilai["swap.pct"] = round(100 * used / total, 3)
    for i, disk in enumerate(_list(data.get("disks", []), "disks")):
        disk = _obj(disk, f"disks[{i}]")
        mount = disk.get("mount")
        if not isinstance(mount, str) or not mount.startswith("/") or len(mount) > 100 or "\x00" in mount:
            raise MetrikInvalid(f"disks[{i}].mount harus path yang diawali '/' (maks. 100 karakter).")
        total = _num(disk.get("total"), f"disks[{i}].total", lo=1, integer=True)
        used = _num(disk.get("used"), f"disks[{i}].used", hi=total, integer=True)
        nilai[f"disk.pct:{mount}"] = round(100 * used / total, 3)
        if disk.get("inodes_total"):
            itotal = _num(disk["inodes_total"], f"disks[{i}].inodes_total", integer=True)
            iused = _num(disk.get("inodes_used"), f"disks[{i}].inodes_used", hi=itotal, integer=True)
            nilai[f"inode.pct:{mount}"] = round(100 * iused / itotal, 3)
    net: dict[str, tuple[int, int]] = {}
    for i, nic in enumerate(_list(data.get("net", []), "net")):
        nic = _obj(nic, f"net[{i}]")
        iface = nic.get("iface")
        if not isinstance(iface, str) or not IFACE_RE.match(iface):
            raise MetrikInvalid(f"net[{i}].iface bukan nama antarmuka yang sah.")
        net[iface] = (
            _num(nic.get("rx"), f"net[{i}].rx", hi=2**64, integer=True),
            _num(nic.get("tx"), f"net[{i}].tx", hi=2**64, integer=True),
        )
    if not nilai and not net:
        raise MetrikInvalid("Kiriman tidak berisi metrik apa pun.")
    return Kiriman(ts=ts, nilai=nilai, net=net)


# --- Ingest -----------------------------------------------------------------------


def _net_rates(aset_id: int, ts: float, net: dict[str, tuple[int, int]]) -> dict[str, float]:
    """Bytes per second since the previous post; counters live in the cache
    so a post costs no extra query. A counter that went down (reboot) gives
    no rate for that interval."""
    key = f"infra:net:{aset_id}"
    prev = cache.get(key) or {}
    cache.set(key, {"ts": ts, "net": {k: list(v) for k, v in net.items()}}, 3600)
    rates: dict[str, float] = {}
    dt = ts - prev.get("ts", ts)
    if dt <= 0 or dt > 3600:
        return rates
    for iface, (rx, tx) in net.items():
        old = prev.get("net", {}).get(iface)
        if old and rx >= old[0] and tx >= old[1]:
            rates[f"net.rx:{iface}"] = round((rx - old[0]) / dt, 3)
            rates[f"net.tx:{iface}"] = round((tx - old[1]) / dt, 3)
    return rates


def metrik_ingest(*, aset: Aset, kiriman: Kiriman) -> int:
    """Store one validated post as raw samples and mark the asset as alive."""
    waktu = datetime.fromtimestamp(kiriman.ts, tz=UTC)
    values = {**kiriman.nilai, **_net_rates(aset.pk, kiriman.ts, kiriman.net)}
    Sampel.objects.bulk_create([Sampel(aset=aset, seri=s, waktu=waktu, nilai=v) for s, v in values.items()])
    if not AsetStatus.objects.filter(aset=aset).update(terakhir_data=waktu):
        AsetStatus.objects.get_or_create(aset=aset, defaults={"terakhir_data": waktu})
    return len(values)


def metrik_receive(*, authorization: str, body: bytes) -> int:
    """The ingest endpoint's work: token, body, timestamp window, replay, store."""
    token = token_authenticate(authorization)
    kiriman = metrik_parse(body)
    now = timezone.now().timestamp()
    window = settings.MONITORING_METRIK_JENDELA_DETIK
    if kiriman.ts < now - window:
        raise MetrikInvalid(f"Timestamp terlalu lama (lebih dari {window} detik yang lalu).")
    if kiriman.ts > now + window:
        raise MetrikInvalid("Timestamp berada di masa depan; periksa jam server (NTP).")
    if connection.vendor == "postgresql":
        return _receive_postgres(token=token, kiriman=kiriman)
    with transaction.atomic():
        # The conditional update is the replay guard: only a newer timestamp wins.
        won = TokenAgen.objects.filter(pk=token.pk, terakhir_ts__lt=kiriman.ts).update(
            terakhir_ts=kiriman.ts, terakhir_dipakai=timezone.now()
        )
        if not won:
            raise MetrikInvalid(REPLAY, 409)
        return metrik_ingest(aset=token.aset, kiriman=kiriman)


REPLAY = "Timestamp sudah pernah diterima (kiriman ulang ditolak)."


@functools.cache
def _ingest_sql() -> str:
    """One statement that does what the atomic block of ``metrik_receive`` does:
    the replay guard (a conditional update of the token), the samples, and the
    asset's last-data time. A single statement is atomic on its own, so a post
    costs one round trip instead of five (BEGIN, three writes, COMMIT) —
    the ingest budget of issue 5 (300 posts/s on 2 cores) is spent mostly on
    round trips. Names come from the models' metadata."""

    def q(name: str) -> str:
        return connection.ops.quote_name(name)

    def col(model, field: str) -> str:
        return q(model._meta.get_field(field).column)

    token, sampel, status = (q(m._meta.db_table) for m in (TokenAgen, Sampel, AsetStatus))
    # Identifiers from the models' metadata, quoted; every value is a parameter.
    return f"""
        WITH t AS (
            UPDATE {token} SET {col(TokenAgen, "terakhir_ts")} = %(ts)s, {col(TokenAgen, "terakhir_dipakai")} = %(now)s
            WHERE {col(TokenAgen, "id")} = %(token)s AND {col(TokenAgen, "terakhir_ts")} < %(ts)s
            RETURNING {col(TokenAgen, "aset")} AS aset_id
        ), s AS (
            INSERT INTO {sampel} ({col(Sampel, "aset")}, {col(Sampel, "seri")}, {col(Sampel, "waktu")},
                                  {col(Sampel, "nilai")})
            SELECT t.aset_id, x.seri, %(waktu)s, x.nilai
            FROM t, unnest(%(seri)s::varchar[], %(nilai)s::double precision[]) AS x (seri, nilai)
        ), st AS (
            INSERT INTO {status} ({col(AsetStatus, "aset")}, {col(AsetStatus, "tingkat")},
                                  {col(AsetStatus, "terakhir_data")})
            SELECT t.aset_id, %(tingkat)s, %(waktu)s FROM t
            ON CONFLICT ({col(AsetStatus, "aset")})
            DO UPDATE SET {col(AsetStatus, "terakhir_data")} = EXCLUDED.{col(AsetStatus, "terakhir_data")}
        )
        SELECT count(*) FROM t
    """  # noqa: S608


def _receive_postgres(*, token: TokenAgen, kiriman: Kiriman) -> int:
    values = {**kiriman.nilai, **_net_rates(token.aset_id, kiriman.ts, kiriman.net)}
    params = {
        "ts": kiriman.ts,
        "now": timezone.now(),
        "token": token.pk,
        "waktu": datetime.fromtimestamp(kiriman.ts, tz=UTC),
        "seri": list(values),
        "nilai": [float(v) for v in values.values()],
        "tingkat": AsetStatus.Tingkat.BASI,
    }
    with connection.cursor() as cur:
        cur.execute(_ingest_sql(), params)
        (won,) = cur.fetchone()
    if not won:
        raise MetrikInvalid(REPLAY, 409)
    return len(values)


# --- This host (psutil) -----------------------------------------------------------

SKIP_FSTYPES = {"squashfs", "tmpfs", "devtmpfs", "overlay", "proc", "sysfs", "nsfs", "iso9660"}


def local_payload() -> dict:
    """This host's figures in the agent's format, read with psutil."""
    import os

    import psutil

    mem = psutil.virtual_memory()
    swap = psutil.swap_memory()
    disks = []
    for part in psutil.disk_partitions(all=False):
        if part.fstype in SKIP_FSTYPES or len(disks) >= MAX_ITEMS:
            continue
        try:
            usage = psutil.disk_usage(part.mountpoint)
            st = os.statvfs(part.mountpoint)
        except OSError:
            continue
        if not usage.total:
            continue
        disks.append(
            {
                "mount": part.mountpoint[:100],
                "total": usage.total,
                "used": usage.used,
                "inodes_total": st.f_files,
                "inodes_used": st.f_files - st.f_ffree,
            }
        )
    net = [
        {"iface": name, "rx": c.bytes_recv, "tx": c.bytes_sent}
        for name, c in list(psutil.net_io_counters(pernic=True).items())[:MAX_ITEMS]
        if IFACE_RE.match(name)
    ]
    return {
        "timestamp": timezone.now().timestamp(),
        "cpu": {"load1": os.getloadavg()[0], "pct": psutil.cpu_percent(interval=0.5)},
        "ram": {"total": mem.total, "available": mem.available},
        "swap": {"total": swap.total, "used": swap.used},
        "disks": disks,
        "net": net,
    }


def local_aset() -> Aset:
    """The asset standing for this portal's own server, made on first use."""
    aset = Aset.objects.filter(host_lokal=True).first()
    if aset is None:
        aset, _ = Aset.objects.get_or_create(
            nama="Server Portal LPSE (server ini)",
            defaults={"jenis": Aset.Jenis.SERVER, "peran": "Portal LPSE", "host_lokal": True},
        )
    return aset


def metrik_collect_local() -> int:
    """Collect this host's metrics (Celery beat, every 5 minutes by default)."""
    aset = local_aset()
    kiriman = metrik_parse(json.dumps(local_payload()).encode())
    return metrik_ingest(aset=aset, kiriman=kiriman)


# --- Roll-ups and retention -----------------------------------------------------------


def rollup_hours(*, since: datetime, until: datetime) -> int:
    """Aggregate raw samples of whole hours in [since, until) into hourly rows (upsert)."""
    rows = (
        Sampel.objects.filter(waktu__gte=since, waktu__lt=until)
        .annotate(jam=TruncHour("waktu"))
        .values("aset_id", "seri", "jam")
        .annotate(rata=Avg("nilai"), minimum=Min("nilai"), maksimum=Max("nilai"), jumlah=Count("id"))
    )
    objs = [
        Rollup(
            aset_id=r["aset_id"],
            seri=r["seri"],
            resolusi=Rollup.Resolusi.JAM,
            waktu=r["jam"],
            rata=r["rata"],
            minimum=r["minimum"],
            maksimum=r["maksimum"],
            jumlah=r["jumlah"],
        )
        for r in rows.iterator(chunk_size=5000)
    ]
    _upsert(objs)
    return len(objs)


def rollup_days(*, since: datetime, until: datetime) -> int:
    """Aggregate hourly rows into WIB days (weighted by sample count)."""
    rows = (
        Rollup.objects.filter(resolusi=Rollup.Resolusi.JAM, waktu__gte=since, waktu__lt=until)
        .annotate(hari=TruncDay("waktu"))
        .values("aset_id", "seri", "hari")
        .annotate(
            total=Sum(F("rata") * F("jumlah")), minimum=Min("minimum"), maksimum=Max("maksimum"), jumlah=Sum("jumlah")
        )
    )
    objs = [
        Rollup(
            aset_id=r["aset_id"],
            seri=r["seri"],
            resolusi=Rollup.Resolusi.HARI,
            waktu=r["hari"],
            rata=r["total"] / r["jumlah"],
            minimum=r["minimum"],
            maksimum=r["maksimum"],
            jumlah=r["jumlah"],
        )
        for r in rows.iterator(chunk_size=5000)
    ]
    _upsert(objs)
    # Bulk upserts send no signals: the days' running totals (uptime, lpse.totals) are marked here.
    totals.mark_dirty("monitoring", {timezone.localdate(o.waktu) for o in objs})
    return len(objs)


def _upsert(objs: list[Rollup]) -> None:
    Rollup.objects.bulk_create(
        objs,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["aset", "resolusi", "seri", "waktu"],
        update_fields=["rata", "minimum", "maksimum", "jumlah"],
    )


def _day_start(when: datetime) -> datetime:
    local = timezone.localtime(when)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def rollup_and_prune(*, now: datetime | None = None, prune: bool = True) -> dict:
    """The nightly task: roll up what is not rolled up yet, then prune
    (hourly, with ``prune=False``, so the 7- and 30-day charts stay fresh).

    Idempotent: roll-ups are upserts, so running it twice changes nothing.
    """
    now = now or timezone.now()
    hour = now.replace(minute=0, second=0, microsecond=0)
    last_hour = Rollup.objects.filter(resolusi=Rollup.Resolusi.JAM).aggregate(m=Max("waktu"))["m"]
    oldest_raw = Sampel.objects.aggregate(m=Min("waktu"))["m"]
    start = last_hour or oldest_raw or hour
    if oldest_raw and last_hour:
        start = max(last_hour, oldest_raw)  # the last hour may have had more samples since
    hours = rollup_hours(since=start, until=hour)
    days = rollup_days(since=_day_start(start), until=hour)
    if not prune:
        return {"jam": hours, "hari": days, "hapus_mentah": 0, "hapus_jam": 0}
    raw_cut = now - timedelta(days=settings.MONITORING_SIMPAN_MENTAH_HARI)
    hour_cut = now - timedelta(days=settings.MONITORING_SIMPAN_JAM_HARI)
    # No signals or children on these tables, so Django issues one DELETE each.
    pruned_raw = Sampel.objects.filter(waktu__lt=raw_cut).delete()[0]
    pruned_hours = Rollup.objects.filter(resolusi=Rollup.Resolusi.JAM, waktu__lt=hour_cut).delete()[0]
    return {"jam": hours, "hari": days, "hapus_mentah": pruned_raw, "hapus_jam": pruned_hours}
