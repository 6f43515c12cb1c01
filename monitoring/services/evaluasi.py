"""The daily SOP's judgement (Pasal 17(1), 17(3)): thresholds with
hysteresis, the disk-full forecast, stale agents, and the incidents that
follow from a critical condition."""

import logging
from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from infrastruktur.models import Aset, CatatanInsiden, Insiden, Pemeliharaan
from infrastruktur.services.operasi import bidang_emails
from lpse.mail import queue_email

from ..models import AsetStatus, Kondisi, Rollup, Sampel

logger = logging.getLogger(__name__)

OK, PERINGATAN, KRITIS, BASI = (
    AsetStatus.Tingkat.OK,
    AsetStatus.Tingkat.PERINGATAN,
    AsetStatus.Tingkat.KRITIS,
    AsetStatus.Tingkat.BASI,
)
RANK = {OK: 0, BASI: 1, PERINGATAN: 2, KRITIS: 3}


def tingkat_hysteresis(
    *,
    nilai: float | None,
    peringatan: float | None,
    kritis: float | None,
    sebelumnya: str,
    histeresis: float,
    makin_kecil_makin_buruk: bool = False,
) -> str:
    """The level of a value, entering each level at its threshold and leaving
    it only below threshold − histeresis, so a value that hovers does not flap.

    For figures where low is bad (RAM available, TLS days left) the
    comparison is mirrored.
    """
    if nilai is None:
        return OK
    sign = -1 if makin_kecil_makin_buruk else 1
    v = sign * nilai
    if kritis is not None:
        c = sign * kritis
        if v >= c or (sebelumnya == KRITIS and v > c - histeresis):
            return KRITIS
    if peringatan is not None:
        w = sign * peringatan
        if v >= w or (sebelumnya in (PERINGATAN, KRITIS) and v > w - histeresis):
            return PERINGATAN
    return OK


def prakiraan_hari_penuh(points: list[tuple[float, float]], *, batas: float = 100.0) -> float | None:
    """Days until a disk reaches ``batas`` % on a least-squares line through
    (unix seconds, percent) points; None when the trend is flat or falling."""
    if len(points) < 2:
        return None
    n = len(points)
    t0 = points[0][0]
    xs = [(t - t0) / 86400 for t, _ in points]
    ys = [y for _, y in points]
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    if slope <= 1e-9:
        return None
    now_fit = my + slope * (xs[-1] - mx)
    return max(0.0, (batas - now_fit) / slope)


# --- Conditions and incidents ---------------------------------------------------------


def silenced(*, aset_id: int, now: datetime) -> bool:
    """True inside a maintenance window of the asset (Pasal 17(4))."""
    return Pemeliharaan.objects.filter(aset__id=aset_id, mulai__lte=now, selesai__gt=now).exists()


def kondisi_set(
    *, aset: Aset, kode: str, tingkat: str, nilai: float | None, pesan: str, now: datetime, cache: dict | None = None
) -> Kondisi:
    """Record the level of one condition; open or recover its incident when it crosses critical."""
    kondisi = (cache or {}).get(kode)
    if kondisi is None:
        kondisi, _ = Kondisi.objects.get_or_create(aset=aset, kode=kode, defaults={"sejak": now, "diperbarui": now})
    sebelumnya = kondisi.tingkat
    fields = ["nilai", "pesan", "diperbarui"]
    if tingkat != sebelumnya:
        kondisi.tingkat, kondisi.sejak = tingkat, now
        fields += ["tingkat", "sejak"]
    kondisi.nilai, kondisi.pesan, kondisi.diperbarui = nilai, pesan[:255], now
    kondisi.save(update_fields=fields)
    if tingkat == KRITIS:
        insiden_buka(aset=aset, kode=kode, judul=f"{aset.nama}: {pesan}", now=now)
    elif sebelumnya == KRITIS:
        insiden_pulih(aset=aset, kode=kode, pesan=pesan, now=now)
    return kondisi


def insiden_buka(*, aset: Aset, kode: str, judul: str, now: datetime) -> Insiden | None:
    """Open an incident (one open per asset and condition) and mail the Bidang.

    Silent inside a maintenance window. The partial unique constraint makes
    the rule hold when two workers see the same failure at once.
    """
    existing = Insiden.objects.filter(aset=aset, kode=kode).exclude(status=Insiden.Status.DITUTUP).first()
    if existing is not None:
        if existing.status == Insiden.Status.PULIH:
            existing.status, existing.pulih_pada = Insiden.Status.TERBUKA, None
            existing.save(update_fields=["status", "pulih_pada"])
            CatatanInsiden.objects.create(insiden=existing, waktu=now, isi=f"Kondisi kembali kritis: {judul}")
        return existing
    if silenced(aset_id=aset.pk, now=now):
        return None
    try:
        with transaction.atomic():
            insiden = Insiden(aset=aset, kode=kode, judul=judul[:255], dibuka=now)
            # Pasal 14(d): an unreachable SPSE gets a draft gangguan notice, one click from public.
            insiden.draf_pengumuman = aset.server_spse and kode.startswith("cek.")
            insiden.full_clean(validate_constraints=False)
            insiden.save()
    except IntegrityError:
        return Insiden.objects.filter(aset=aset, kode=kode).exclude(status=Insiden.Status.DITUTUP).first()
    CatatanInsiden.objects.create(insiden=insiden, waktu=now, isi=f"Insiden dibuka otomatis: {judul}")
    queue_email(
        subject=f"[LPSE] Insiden: {judul}"[:200],
        body=(
            f"Insiden baru pada aset {aset.nama}.\n\n{judul}\nDibuka: {timezone.localtime(now):%d-%m-%Y %H.%M} WIB\n\n"
            "Catat penyebab, tindakan dan pelaporan ke LKPP di portal (Pasal 9 ayat 3 huruf c)."
        ),
        recipients=bidang_emails(),
    )
    return insiden


def insiden_pulih(*, aset: Aset, kode: str, pesan: str, now: datetime) -> None:
    insiden = Insiden.objects.filter(aset=aset, kode=kode, status=Insiden.Status.TERBUKA).first()
    if insiden is None:
        return
    insiden.status, insiden.pulih_pada = Insiden.Status.PULIH, now
    insiden.save(update_fields=["status", "pulih_pada"])
    CatatanInsiden.objects.create(insiden=insiden, waktu=now, isi=f"Kondisi pulih: {pesan}")


def insiden_tutup_tenang(*, now: datetime | None = None) -> int:
    """Close recovered incidents after the quiet time (``MASA_TENANG_MENIT``)."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.MONITORING_MASA_TENANG_MENIT)
    closed = 0
    for insiden in Insiden.objects.filter(status=Insiden.Status.PULIH, pulih_pada__lte=cutoff):
        insiden.status, insiden.ditutup = Insiden.Status.DITUTUP, now
        insiden.save(update_fields=["status", "ditutup"])
        CatatanInsiden.objects.create(insiden=insiden, waktu=now, isi="Ditutup otomatis setelah masa tenang.")
        closed += 1
    return closed


def status_refresh(*, aset: Aset, now: datetime) -> str:
    """The asset's overall level: the worst of its conditions.

    An asset that has never sent a sample and has no condition (no agent, no check results)
    is "tidak ada data", not "Normal": nothing says it is well (issue 13).
    """
    levels = list(Kondisi.objects.filter(aset=aset).values_list("tingkat", flat=True))
    if levels:
        worst = max(levels, key=RANK.__getitem__)
    else:
        ever = AsetStatus.objects.filter(aset=aset, terakhir_data__isnull=False).exists()
        worst = OK if ever else BASI
    AsetStatus.objects.update_or_create(aset=aset, defaults={"tingkat": worst, "dievaluasi": now})
    return worst


# --- Evaluations ----------------------------------------------------------------------


def evaluate_check(*, check, hasil, now: datetime) -> None:
    """Conditions of one connection check: down, latency, TLS days left."""
    aset = check.aset
    if hasil.ok:
        tingkat = OK
    elif check.gagal_berturut >= settings.MONITORING_GAGAL_BERTURUT:
        tingkat = KRITIS
    else:
        tingkat = PERINGATAN
    kondisi_set(
        aset=aset,
        kode=f"cek.{check.pk}",
        tingkat=tingkat,
        nilai=check.gagal_berturut,
        pesan=f"{check.nama}: {hasil.pesan}",
        now=now,
    )
    if hasil.ms is not None and check.jenis == "http":
        prev = Kondisi.objects.filter(aset=aset, kode=f"latensi.{check.pk}").values_list("tingkat", flat=True).first()
        t = tingkat_hysteresis(
            nilai=hasil.ms,
            peringatan=aset.latensi_peringatan_ms,
            kritis=None,
            sebelumnya=prev or OK,
            histeresis=aset.latensi_peringatan_ms * 0.1,
        )
        kondisi_set(
            aset=aset,
            kode=f"latensi.{check.pk}",
            tingkat=t,
            nilai=hasil.ms,
            pesan=f"{check.nama}: latensi {hasil.ms:.0f} ms",
            now=now,
        )
    if hasil.tls_hari is not None:
        prev = Kondisi.objects.filter(aset=aset, kode=f"tls.{check.pk}").values_list("tingkat", flat=True).first()
        t = tingkat_hysteresis(
            nilai=hasil.tls_hari,
            peringatan=aset.tls_peringatan_hari,
            kritis=aset.tls_kritis_hari,
            sebelumnya=prev or OK,
            histeresis=1,
            makin_kecil_makin_buruk=True,
        )
        kondisi_set(
            aset=aset,
            kode=f"tls.{check.pk}",
            tingkat=t,
            nilai=hasil.tls_hari,
            pesan=f"{check.nama}: sertifikat TLS {hasil.tls_hari:.0f} hari lagi",
            now=now,
        )
    status_refresh(aset=aset, now=now)


def _expects_data(aset: Aset) -> bool:
    return aset.host_lokal or aset.token.filter(dicabut=None).exists()


def evaluate_aset(*, aset: Aset, now: datetime) -> str:
    """Disk, inode and RAM thresholds from the latest samples, and staleness."""
    basi_menit = settings.MONITORING_BASI_MENIT
    window = max(aset.ram_menit, basi_menit)
    rows = list(
        Sampel.objects.filter(aset=aset, waktu__gte=now - timedelta(minutes=window), waktu__lte=now)
        .filter(seri__regex=r"^(disk|inode)\.pct:|^ram\.avail_pct$")
        .order_by("waktu")
        .values_list("seri", "waktu", "nilai")
    )
    kondisi = {k.kode: k for k in Kondisi.objects.filter(aset=aset)}
    latest: dict[str, float] = {}
    ram: list[tuple[datetime, float]] = []
    for seri, waktu, nilai in rows:
        if seri == "ram.avail_pct":
            if waktu >= now - timedelta(minutes=aset.ram_menit):
                ram.append((waktu, nilai))
        elif waktu >= now - timedelta(minutes=basi_menit):
            latest[seri] = nilai
    for seri, nilai in latest.items():
        kind, mount = seri.split(".pct:", 1)
        kode = f"{kind}:{mount}"
        prev = kondisi[kode].tingkat if kode in kondisi else OK
        t = tingkat_hysteresis(
            nilai=nilai,
            peringatan=aset.disk_peringatan,
            kritis=aset.disk_kritis,
            sebelumnya=prev,
            histeresis=aset.histeresis,
        )
        label = "Disk" if kind == "disk" else "Inode"
        kondisi_set(
            aset=aset,
            kode=kode,
            tingkat=t,
            nilai=nilai,
            pesan=f"{label} {mount} terpakai {nilai:.1f}%",
            now=now,
            cache=kondisi,
        )
    if len(ram) >= 2:
        # "RAM available under 10 % for 10 minutes": every sample in the window is under.
        nilai = max(v for _, v in ram)
        prev = kondisi["ram"].tingkat if "ram" in kondisi else OK
        t = tingkat_hysteresis(
            nilai=nilai,
            peringatan=None,
            kritis=aset.ram_tersedia_min,
            sebelumnya=prev,
            histeresis=aset.histeresis,
            makin_kecil_makin_buruk=True,
        )
        kondisi_set(
            aset=aset,
            kode="ram",
            tingkat=t,
            nilai=nilai,
            pesan=f"RAM tersedia {nilai:.1f}% (terendah {aset.ram_menit} menit terakhir)",
            now=now,
            cache=kondisi,
        )
    if _expects_data(aset):
        last = AsetStatus.objects.filter(aset=aset).values_list("terakhir_data", flat=True).first()
        stale = last is None or last < now - timedelta(minutes=basi_menit)
        if stale or "basi" in kondisi:
            pesan = "Tidak ada data dari agen" + (f" sejak {timezone.localtime(last):%d-%m-%Y %H.%M}" if last else "")
            kondisi_set(
                aset=aset,
                kode="basi",
                tingkat=BASI if stale else OK,
                nilai=None,
                pesan=pesan if stale else "Agen mengirim data lagi",
                now=now,
                cache=kondisi,
            )
    return status_refresh(aset=aset, now=now)


def evaluate_forecast(*, aset: Aset, now: datetime) -> dict[str, float | None]:
    """Days until each disk is full (14-day linear trend) and its condition."""
    since = now - timedelta(days=settings.MONITORING_PRAKIRAAN_HARI)
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    hourly = Rollup.objects.filter(
        aset=aset, resolusi=Rollup.Resolusi.JAM, seri__startswith="disk.pct:", waktu__gte=since
    ).order_by("waktu")
    last_hour = None
    for seri, waktu, rata in hourly.values_list("seri", "waktu", "rata"):
        points[seri].append((waktu.timestamp() + 1800, rata))
        last_hour = waktu
    raw = Sampel.objects.filter(
        aset=aset, seri__startswith="disk.pct:", waktu__gte=last_hour + timedelta(hours=1) if last_hour else since
    ).order_by("waktu")
    for seri, waktu, nilai in raw.values_list("seri", "waktu", "nilai"):
        points[seri].append((waktu.timestamp(), nilai))
    kondisi = {k.kode: k for k in Kondisi.objects.filter(aset=aset, kode__startswith="penuh:")}
    result = {}
    for seri, pts in sorted(points.items()):
        mount = seri.split(":", 1)[1]
        days = prakiraan_hari_penuh(pts)
        result[mount] = days
        kode = f"penuh:{mount}"
        prev = kondisi[kode].tingkat if kode in kondisi else OK
        t = tingkat_hysteresis(
            nilai=days,
            peringatan=aset.penuh_peringatan_hari,
            kritis=aset.penuh_kritis_hari,
            sebelumnya=prev,
            histeresis=1,
            makin_kecil_makin_buruk=True,
        )
        if days is not None or kode in kondisi:
            pesan = f"Disk {mount} penuh dalam {days:.1f} hari" if days is not None else f"Disk {mount} tidak bertambah"
            kondisi_set(aset=aset, kode=kode, tingkat=t, nilai=days, pesan=pesan, now=now, cache=kondisi)
    return result


def evaluate_all(*, now: datetime | None = None) -> int:
    """Every minute: evaluate every active asset, close quiet incidents."""
    now = now or timezone.now()
    asets = Aset.objects.exclude(status=Aset.Status.NONAKTIF).exclude(jenis=Aset.Jenis.MEDIA_BACKUP)
    n = 0
    for aset in asets:
        evaluate_aset(aset=aset, now=now)
        n += 1
    insiden_tutup_tenang(now=now)
    return n


def last_values(*, aset_ids, now: datetime) -> dict[int, dict[str, float]]:
    """Latest value of every series per asset over the last ``BASI_MENIT`` minutes."""
    out: dict[int, dict[str, float]] = defaultdict(dict)
    rows = Sampel.objects.filter(
        aset_id__in=aset_ids, waktu__gte=now - timedelta(minutes=settings.MONITORING_BASI_MENIT), waktu__lte=now
    ).order_by("waktu")
    for aset_id, seri, nilai in rows.values_list("aset_id", "seri", "nilai"):
        out[aset_id][seri] = nilai
    return out
