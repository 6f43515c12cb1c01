"""Connection checks of the SPSE and other services (Pasal 17(3)):
HTTP(S) status and latency, TCP port, DNS resolution, TLS days left.

The network part runs outside any transaction and in a small thread pool,
so one dead service does not delay the others.
"""

import socket
import ssl
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ..models import Pemeriksaan, Sampel


@dataclass
class Hasil:
    ok: bool
    pesan: str
    ms: float | None = None
    tls_hari: float | None = None
    extra: dict = field(default_factory=dict)


def _ssl_context() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=settings.MONITORING_TLS_CAFILE)


def _host_port(target: str, default_port: int) -> tuple[str, int]:
    if "://" in target:
        parts = urlsplit(target)
        return parts.hostname or "", parts.port or default_port
    host, _, port = target.rpartition(":")
    if not host:
        return target, default_port
    return host.strip("[]"), int(port)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a 3xx is an answer, not a failure
        return None


def check_http(target: str, timeout: float) -> Hasil:
    if not target.startswith(("http://", "https://")):
        return Hasil(False, "URL harus diawali http:// atau https://")
    opener = urllib.request.build_opener(_NoRedirect(), urllib.request.HTTPSHandler(context=_ssl_context()))
    start = time.perf_counter()
    try:
        with opener.open(urllib.request.Request(target, method="GET"), timeout=timeout) as resp:  # noqa: S310
            resp.read(1024)
            status = resp.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return Hasil(False, f"Tidak terjangkau: {getattr(exc, 'reason', exc)}"[:250])
    ms = (time.perf_counter() - start) * 1000
    return Hasil(status < 400, f"HTTP {status}, {ms:.0f} ms", ms=ms)


def check_tcp(target: str, timeout: float) -> Hasil:
    try:
        host, port = _host_port(target, 0)
    except ValueError:
        return Hasil(False, "Target TCP harus berbentuk host:port")
    start = time.perf_counter()
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as exc:
        return Hasil(False, f"Port {port} tertutup: {exc}"[:250])
    ms = (time.perf_counter() - start) * 1000
    return Hasil(True, f"Port {port} terbuka, {ms:.0f} ms", ms=ms)


def check_dns(target: str, timeout: float) -> Hasil:
    start = time.perf_counter()
    try:
        infos = socket.getaddrinfo(target, None)
    except (OSError, UnicodeError) as exc:
        return Hasil(False, f"Nama {target} tidak dapat di-resolve: {exc}"[:250])
    ms = (time.perf_counter() - start) * 1000
    addrs = sorted({i[4][0] for i in infos})
    return Hasil(True, f"{target} → {', '.join(addrs[:3])}", ms=ms)


def check_tls(target: str, timeout: float) -> Hasil:
    try:
        host, port = _host_port(target, 443)
    except ValueError:
        return Hasil(False, "Target TLS harus berbentuk host:port")
    try:
        with (
            socket.create_connection((host, port), timeout=timeout) as sock,
            _ssl_context().wrap_socket(sock, server_hostname=host) as tls,
        ):
            cert = tls.getpeercert()
    except (OSError, ssl.SSLError) as exc:
        return Hasil(False, f"Sertifikat TLS tidak dapat diperiksa: {exc}"[:250])
    expires = datetime.fromtimestamp(ssl.cert_time_to_seconds(cert["notAfter"]), tz=UTC)
    days = (expires - timezone.now()).total_seconds() / 86400
    return Hasil(
        days > 0, f"Sertifikat berlaku sampai {timezone.localtime(expires):%d-%m-%Y} ({days:.0f} hari)", tls_hari=days
    )


RUNNERS = {"http": check_http, "tcp": check_tcp, "dns": check_dns, "tls": check_tls}


def run_one(check: Pemeriksaan) -> Hasil:
    try:
        return RUNNERS[check.jenis](check.target, check.batas_waktu_detik)
    except Exception as exc:  # a bug in one check must not stop the others
        return Hasil(False, f"Galat pemeriksaan: {exc}"[:250])


def pemeriksaan_record(*, check: Pemeriksaan, hasil: Hasil, now: datetime | None = None) -> Pemeriksaan:
    """Store the outcome as samples (``cek.<id>.up/ms/tls``) and update the run of failures."""
    now = now or timezone.now()
    samples = [Sampel(aset_id=check.aset_id, seri=f"cek.{check.pk}.up", waktu=now, nilai=1.0 if hasil.ok else 0.0)]
    if hasil.ms is not None:
        samples.append(Sampel(aset_id=check.aset_id, seri=f"cek.{check.pk}.ms", waktu=now, nilai=round(hasil.ms, 2)))
    if hasil.tls_hari is not None:
        samples.append(
            Sampel(aset_id=check.aset_id, seri=f"cek.{check.pk}.tls", waktu=now, nilai=round(hasil.tls_hari, 2))
        )
    Sampel.objects.bulk_create(samples)
    Pemeriksaan.objects.filter(pk=check.pk).update(
        gagal_berturut=0 if hasil.ok else F("gagal_berturut") + 1,
        terakhir_dicek=now,
        terakhir_ok=hasil.ok,
        terakhir_pesan=hasil.pesan[:255],
    )
    check.refresh_from_db(fields=["gagal_berturut", "terakhir_dicek", "terakhir_ok", "terakhir_pesan"])
    return check


def due_checks(now: datetime) -> list[Pemeriksaan]:
    checks = Pemeriksaan.objects.filter(aktif=True).select_related("aset").exclude(aset__status="nonaktif")
    return [
        c
        for c in checks.filter(Q(terakhir_dicek=None) | Q(terakhir_dicek__lte=now))
        if c.terakhir_dicek is None or (now - c.terakhir_dicek).total_seconds() >= c.interval_detik - 5
    ]


def pemeriksaan_run_due(*, now: datetime | None = None) -> int:
    """Run every check whose interval has passed and evaluate its conditions."""
    from .evaluasi import evaluate_check

    now = now or timezone.now()
    checks = due_checks(now)
    if not checks:
        return 0
    with ThreadPoolExecutor(max_workers=min(8, len(checks))) as pool:
        results = list(pool.map(run_one, checks))
    for check, hasil in zip(checks, results, strict=True):
        pemeriksaan_record(check=check, hasil=hasil, now=now)
        evaluate_check(check=check, hasil=hasil, now=now)
    return len(checks)


def pemeriksaan_save(*, check: Pemeriksaan) -> Pemeriksaan:
    """Save a connection check; a changed target starts its run of failures afresh."""
    with transaction.atomic():
        if check.pk and Pemeriksaan.objects.filter(pk=check.pk).exclude(target=check.target).exists():
            check.gagal_berturut = 0
        check.full_clean()
        check.save()
    return check
