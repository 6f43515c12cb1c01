"""Tunables of the bidang, overridable through ``settings.INFRA`` (a dict).

Schedules themselves (every 5 minutes, 07:00 WIB …) live in
django-celery-beat and are edited there.
"""

from django.conf import settings

DEFAULTS = {
    # Pasal 16(3): server-room climate limits.
    "SUHU_MAKS": 27.0,
    "RH_MIN": 40.0,
    "RH_MAKS": 60.0,
    # An agent silent this long is "stale" (basi).
    "BASI_MENIT": 15,
    # A recovered incident closes after this quiet time.
    "MASA_TENANG_MENIT": 30,
    # Failed connection checks in a row that open an incident (Pasal 17(3)).
    "GAGAL_BERTURUT": 3,
    # Agent posts: body limit and the accepted clock skew / age of a sample.
    "METRIK_MAKS_BYTE": 64 * 1024,
    "METRIK_JENDELA_DETIK": 300,
    # Retention: raw 30 days, hourly roll-ups 2 years, daily forever.
    "SIMPAN_MENTAH_HARI": 30,
    "SIMPAN_JAM_HARI": 730,
    # Trend window of the disk-full forecast.
    "PRAKIRAAN_HARI": 14,
    # Extra CA bundle for TLS/HTTPS checks of internal services (None: system CAs).
    "TLS_CAFILE": None,
}


def get(name: str):
    return {**DEFAULTS, **getattr(settings, "INFRA", {})}[name]
