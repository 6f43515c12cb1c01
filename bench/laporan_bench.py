#!/usr/bin/env python3
"""Yearly Laporan Kegiatan bench (issue 7): build time and query count on ``seed_volume`` data.

Builds the yearly report through ``sekretariat.services.laporan_build`` — the service the Celery
task ``sekretariat.tasks.laporan_generate`` calls — inside a transaction that is rolled back, so
the database is left as it was. Prints one JSON object:
{"seconds": …, "queries": …, "registrations": …, "tickets": …, "tahun": …}.
Budget: under 20 s for 100,000 registrations and 500,000 tickets, and a query count that is the
same on ``seed_volume --small`` data as on the full volume.

    DJANGO_SETTINGS_MODULE=lpse.settings DATABASE_URL=postgres://…/lpse_volume \\
        .venv/bin/python bench/laporan_bench.py [--tahun 2026]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class _Rollback(Exception):
    """Raised to undo the bench's report row and progress updates."""


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lpse.settings")
    import django

    django.setup()

    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from layanan.models import Tiket
    from registrasi.models import Pendaftaran
    from sekretariat import services
    from sekretariat.models import LaporanKegiatan

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tahun", type=int, default=timezone.localdate().year, help="tahun laporan (default: tahun ini)"
    )
    args = parser.parse_args()

    result: dict = {}
    try:
        with transaction.atomic():
            # A report of that year already on file (perhaps issued) is left alone: the bench builds a copy.
            LaporanKegiatan.objects.filter(periode="tahunan", tahun=args.tahun, nomor_periode=1).delete()
            start, end = services.period_bounds("tahunan", args.tahun, 1)
            laporan = LaporanKegiatan.objects.create(
                periode="tahunan", tahun=args.tahun, nomor_periode=1, mulai=start, selesai=end
            )
            with CaptureQueriesContext(connection) as ctx:
                began = time.perf_counter()
                built = services.laporan_build(laporan_id=laporan.pk)
                seconds = time.perf_counter() - began
            if built is None or built.status != LaporanKegiatan.Status.SIAP:
                raise SystemExit(f"Laporan tidak tersusun: {getattr(built, 'galat', 'tidak diklaim')}")
            result = {
                "seconds": round(seconds, 3),
                "queries": len(ctx),
                "registrations": Pendaftaran.objects.count(),
                "tickets": Tiket.objects.count(),
                "tahun": args.tahun,
            }
            raise _Rollback
    except _Rollback:
        pass
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
