"""Upgrade planning (Perbup Karo 02/2017 Pasal 17(5)): "memantau kinerja piranti
lunak, piranti keras dan jaringan, serta melakukan peningkatan/penggantian/
penambahan jika diperlukan".

Once a day the daily roll-ups (never the raw samples) of the last weeks are
read in one query and turned into recommendations: a resource whose daily
average (bandwidth: daily peak) is over its limit on at least
``MONITORING_UPGRADE_MIN_HARI`` of the last ``MONITORING_UPGRADE_JENDELA_HARI``
days — a sustained breach, not a spike — and a disk whose trend fills it
within ``MONITORING_UPGRADE_HORIZON_HARI`` days. Running it again the same
day changes nothing.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from infrastruktur.models import Aset, PermintaanPerubahan

from ..models import RekomendasiUpgrade, Rollup
from .evaluasi import prakiraan_hari_penuh

Sumber = RekomendasiUpgrade.Sumber
SERIES = re.compile(r"^(cpu\.pct|ram\.pct|disk\.pct:.+|net\.(rx|tx):.+|cek\.[0-9]+\.ms)$")
FORECAST_DAYS = 30  # trend window of the disk forecast for planning (daily points)


@dataclass
class Temuan:
    """One finding of a day's run: what the recommendation will say."""

    aset_id: int
    seri: str
    sumber: str
    dasar: str
    alasan: str
    nilai: float
    hari_terlampaui: int
    batas_waktu: date | None
    rentang: str


def _rule(aset: Aset, seri: str) -> tuple[str, float, bool, str, str] | None:
    """(sumber, limit, judged on the daily peak, what is measured, value format) of a series."""
    if seri == "cpu.pct":
        return Sumber.CPU, settings.MONITORING_UPGRADE_CPU_PCT, False, "Rata-rata harian CPU terpakai", "{:.0f}%"
    if seri == "ram.pct":
        return Sumber.RAM, settings.MONITORING_UPGRADE_RAM_PCT, False, "Rata-rata harian RAM terpakai", "{:.0f}%"
    if seri.startswith("disk.pct:"):
        mount = seri.split(":", 1)[1]
        return Sumber.DISK, aset.disk_peringatan, False, f"Rata-rata harian disk {mount} terpakai", "{:.0f}%"
    if seri.startswith("net."):
        capacity = settings.MONITORING_UPGRADE_BANDWIDTH_MBPS * 1_000_000 / 8  # byte per second
        limit = capacity * settings.MONITORING_UPGRADE_BANDWIDTH_PCT / 100
        arah = "masuk" if seri.startswith("net.rx:") else "keluar"
        return Sumber.BANDWIDTH, limit, True, f"Puncak harian lalu lintas {arah}", "{:.1f} Mbit/s"
    if seri.startswith("cek.") and aset.server_spse:
        return Sumber.RESPONS, float(aset.latensi_peringatan_ms), False, "Rata-rata harian waktu respons", "{:.0f} ms"
    return None


def _shown(sumber: str, value: float) -> float:
    """Bandwidth is stored in byte per second and read in Mbit/s."""
    return value * 8 / 1_000_000 if sumber == Sumber.BANDWIDTH else value


def temuan_upgrade(*, today: date) -> dict[tuple[int, str], Temuan]:
    """The day's findings per (asset, series), from the daily roll-ups (one query)."""
    window, need = settings.MONITORING_UPGRADE_JENDELA_HARI, settings.MONITORING_UPGRADE_MIN_HARI
    horizon = settings.MONITORING_UPGRADE_HORIZON_HARI
    tz = timezone.get_current_timezone()
    end = datetime.combine(today, time.min, tzinfo=tz)
    since = end - timedelta(days=max(window, FORECAST_DAYS))
    window_start = end - timedelta(days=window)
    asets = {
        a.pk: a
        for a in Aset.objects.exclude(status=Aset.Status.NONAKTIF)
        .exclude(jenis=Aset.Jenis.MEDIA_BACKUP)
        .only("pk", "nama", "server_spse", "disk_peringatan", "latensi_peringatan_ms")
    }
    rows = (
        Rollup.objects.filter(
            aset_id__in=asets,
            resolusi=Rollup.Resolusi.HARI,
            waktu__gte=since,
            waktu__lt=end,
            seri__regex=SERIES.pattern,
        )
        .order_by("aset_id", "seri", "waktu")
        .values_list("aset_id", "seri", "waktu", "rata", "maksimum")
    )
    series: dict[tuple[int, str], list] = {}
    for aset_id, seri, waktu, rata, maksimum in rows:
        series.setdefault((aset_id, seri), []).append((waktu, rata, maksimum))
    out: dict[tuple[int, str], Temuan] = {}
    for (aset_id, seri), points in series.items():
        aset = asets[aset_id]
        rule = _rule(aset, seri)
        if rule is None:
            continue
        sumber, limit, peak, measured, fmt = rule
        recent = [(mx if peak else avg) for w, avg, mx in points if w >= window_start]
        over = [v for v in recent if v >= limit]
        finding = None
        if len(over) >= need:
            worst = max(over)
            finding = Temuan(
                aset_id=aset_id,
                seri=seri,
                sumber=sumber,
                dasar=RekomendasiUpgrade.Dasar.AMBANG,
                alasan=(
                    f"{measured} mencapai {fmt.format(_shown(sumber, worst))}, di atas batas "
                    f"{fmt.format(_shown(sumber, limit))}, pada {len(over)} dari {window} hari terakhir"
                )[:255],
                nilai=round(_shown(sumber, worst), 2),
                hari_terlampaui=len(over),
                batas_waktu=None,
                rentang="30h",
            )
        if sumber == Sumber.DISK:
            days = prakiraan_hari_penuh([(w.timestamp() + 43200, avg) for w, avg, _ in points])
            if days is not None and days <= horizon:
                when = today + timedelta(days=int(days))
                alasan = (
                    f"Disk {seri.split(':', 1)[1]} diprakirakan penuh dalam {days:.0f} hari (tren {len(points)} hari)"
                )
                if finding is not None:
                    alasan += f"; {finding.alasan}"
                finding = Temuan(
                    aset_id=aset_id,
                    seri=seri,
                    sumber=sumber,
                    dasar=RekomendasiUpgrade.Dasar.PRAKIRAAN,
                    alasan=alasan[:255],
                    nilai=round(days, 1),
                    hari_terlampaui=finding.hari_terlampaui if finding else 0,
                    batas_waktu=when,
                    rentang="30h",
                )
        if finding is not None:
            out[(aset_id, seri)] = finding
    return out


FIELDS = ("sumber", "dasar", "alasan", "nilai", "hari_terlampaui", "batas_waktu", "rentang")


def rekomendasi_refresh(*, today: date | None = None) -> dict[str, int]:
    """Turn the day's findings into recommendations (Pasal 17(5)).

    An open recommendation of the same asset and series is updated in
    place, one dismissed within ``MONITORING_UPGRADE_TUNDA_HARI`` days keeps
    the finding quiet, and a new one whose finding is gone becomes "tidak
    berlaku lagi". Idempotent: the same day's second run changes nothing.
    """
    today = today or timezone.localdate()
    findings = temuan_upgrade(today=today)
    counts = {"baru": 0, "diperbarui": 0, "usang": 0}
    quiet_since = today - timedelta(days=settings.MONITORING_UPGRADE_TUNDA_HARI)
    with transaction.atomic():
        open_recs = {
            (r.aset_id, r.seri): r
            for r in RekomendasiUpgrade.objects.select_for_update().filter(status__in=RekomendasiUpgrade.OPEN)
        }
        quiet = set(
            RekomendasiUpgrade.objects.filter(
                status=RekomendasiUpgrade.Status.DITOLAK, diputuskan_pada__date__gte=quiet_since
            ).values_list("aset_id", "seri")
        )
        for key, f in findings.items():
            rec = open_recs.get(key)
            if rec is None:
                if key in quiet:
                    continue
                rec = RekomendasiUpgrade(aset_id=f.aset_id, seri=f.seri, dibuat=today, dihitung=today)
                for name in FIELDS:
                    setattr(rec, name, getattr(f, name))
                rec._change_reason = "dihitung dari data monitoring"
                rec.full_clean(validate_constraints=False)
                rec.save()
                counts["baru"] += 1
                continue
            changed = [name for name in FIELDS if getattr(rec, name) != getattr(f, name)]
            if changed:
                for name in changed:
                    setattr(rec, name, getattr(f, name))
                rec.dihitung = today
                rec.save(update_fields=[*changed, "dihitung"])
                counts["diperbarui"] += 1
            elif rec.dihitung != today:
                # Only the date of the check moves: no history row for a day that said the same.
                RekomendasiUpgrade.objects.filter(pk=rec.pk).update(dihitung=today)
        for key, rec in open_recs.items():
            if key not in findings and rec.status == RekomendasiUpgrade.Status.BARU:
                rec.status, rec.dihitung = RekomendasiUpgrade.Status.USANG, today
                rec.save(update_fields=["status", "dihitung"])
                counts["usang"] += 1
    return counts


def rekomendasi_decide(*, rekomendasi: RekomendasiUpgrade, terima: bool, user, catatan: str = "") -> RekomendasiUpgrade:
    """Accept or dismiss a new recommendation (a dismissed one stays quiet for a while)."""
    with transaction.atomic():
        rec = RekomendasiUpgrade.objects.select_for_update().get(pk=rekomendasi.pk)
        if rec.status != RekomendasiUpgrade.Status.BARU:
            raise ValidationError("Rekomendasi ini sudah diputuskan.")
        rec.status = RekomendasiUpgrade.Status.DITERIMA if terima else RekomendasiUpgrade.Status.DITOLAK
        rec.diputuskan_oleh, rec.diputuskan_pada = user, timezone.now()
        rec.catatan = catatan.strip()
        rec._history_user = user
        rec.full_clean(validate_constraints=False)
        rec.save(update_fields=["status", "diputuskan_oleh", "diputuskan_pada", "catatan"])
    return rec


def _deadline(rec: RekomendasiUpgrade) -> str:
    return "segera" if rec.segera else f"paling lambat {rec.batas_waktu:%d-%m-%Y}"


def rekomendasi_to_perubahan(*, rekomendasi: RekomendasiUpgrade, user) -> PermintaanPerubahan:
    """Open a change request (infrastruktur) from an accepted recommendation; linked both ways."""
    with transaction.atomic():
        rec = RekomendasiUpgrade.objects.select_for_update().select_related("aset").get(pk=rekomendasi.pk)
        if rec.status != RekomendasiUpgrade.Status.DITERIMA:
            raise ValidationError("Terima rekomendasi ini dulu sebelum menjadikannya permintaan perubahan.")
        if rec.perubahan_id:
            raise ValidationError("Rekomendasi ini sudah menjadi permintaan perubahan.")
        perubahan = PermintaanPerubahan(
            judul=f"Peningkatan {rec.get_sumber_display()} {rec.aset.nama}"[:200],
            alasan=(f"Rekomendasi upgrade dari monitoring (Pasal 17 ayat 5), {_deadline(rec)}: {rec.alasan}."),
            rencana="Diisi: spesifikasi penambahan/penggantian, pengadaan, jadwal pemasangan.",
            rencana_uji="Diisi: pengujian setelah pemasangan dan pemantauan grafik yang sama selama 14 hari.",
            rencana_rollback="Diisi: kembali ke konfigurasi semula bila pengujian gagal.",
            diajukan_oleh=user,
        )
        perubahan._history_user = user
        perubahan.full_clean()
        perubahan.save()
        perubahan.aset.add(rec.aset)
        rec.perubahan = perubahan
        rec.save(update_fields=["perubahan"])
    return perubahan


def rekomendasi_propose_budget(
    *, rekomendasi: RekomendasiUpgrade, tahun: int, biaya: Decimal, user
) -> RekomendasiUpgrade:
    """Offer an accepted recommendation as a budget line of the program kerja (Pasal 25);
    the Sekretariat sees it through lpse.registry and decides."""
    with transaction.atomic():
        rec = RekomendasiUpgrade.objects.select_for_update().get(pk=rekomendasi.pk)
        if rec.status != RekomendasiUpgrade.Status.DITERIMA:
            raise ValidationError("Hanya rekomendasi yang diterima yang dapat diusulkan ke program kerja.")
        rec.usulan_tahun, rec.usulan_biaya = tahun, biaya
        rec._history_user = user
        rec.full_clean(validate_constraints=False)
        rec.save(update_fields=["usulan_tahun", "usulan_biaya"])
    return rec
