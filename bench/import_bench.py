"""Spreadsheet import bench (issue 15): 20,000 SPSE users from one XLSX.

Builds an XLSX like SPSE's user export (valid, unique NPWPs), then runs the
import path as the pages and the worker do, in-process, against the database
named by DATABASE_URL: content check, preview (read + check every row, nothing
written), confirm, and the run (read again, check again, bulk writes with
history rows, one transaction). Everything happens inside an outer
transaction that is rolled back, so the database is unchanged; the upload goes
to a temporary MEDIA_ROOT that is removed. Prints JSON:
``{"rows", "file_mb", "preview_seconds", "run_seconds", "total_seconds", "created", "cpu_seconds", "loadavg"}``.

    DATABASE_URL=postgres://…/lpse_bench python -m bench.import_bench --rows 20000
"""

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = [
    "User ID",
    "Nama",
    "Jenis",
    "NPWP/NIK",
    "Email",
    "Instansi",
    "Peran",
    "Status",
    "Tgl Daftar",
    "Tgl Verifikasi",
]


def _npwp(n: int) -> str:
    from stdnum import luhn

    base = f"0{n // 1_000_000 % 10}{n % 1_000_000:06d}"
    return base + luhn.calc_check_digit(base) + "091000"


def build_xlsx(rows: int) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Pengguna")
    ws.append(HEADER)
    for n in range(1, rows + 1):
        ws.append(
            [
                f"benchpenyedia{n}",
                f"CV Bench Sejahtera {n}",
                "Penyedia",
                _npwp(n),
                f"bench{n}@contoh.co.id",
                "",
                "",
                "Aktif" if n % 17 else "Nonaktif",
                "2015-06-01",
                "2015-06-03",
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()

    media = tempfile.mkdtemp(prefix="bench-impor-")
    os.environ["MEDIA_ROOT"] = media
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lpse.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from lpse.imports import get_kind
    from lpse.imports.services import import_confirm, import_preview, import_run
    from lpse.models import User

    content = build_xlsx(args.rows)
    try:
        with transaction.atomic():
            user = User.objects.create(email="bench-impor@contoh.id", nama_lengkap="Bench Impor")
            start, cpu_start = time.perf_counter(), time.process_time()
            record = import_preview(
                kind=get_kind("pengguna-spse"), upload=SimpleUploadedFile("pengguna.xlsx", content), user=user
            )
            preview = time.perf_counter() - start
            if record.jumlah_tolak:
                raise SystemExit(f"{record.jumlah_tolak} baris ditolak: {record.pratinjau['tolak'][:3]}")
            # on_commit never fires inside the outer transaction: the run is called as the worker calls it.
            import_confirm(record=record, user=user)
            start_run = time.perf_counter()
            record = import_run(record_id=record.pk)
            run = time.perf_counter() - start_run
            total = time.perf_counter() - start
            cpu = time.process_time() - cpu_start
            if record.status != "selesai":
                raise SystemExit(f"impor gagal: {record.galat}")
            transaction.set_rollback(True)
    finally:
        shutil.rmtree(media, ignore_errors=True)
    print(
        json.dumps(
            {
                "rows": args.rows,
                "file_mb": round(len(content) / 1_048_576, 2),
                "preview_seconds": round(preview, 2),
                "run_seconds": round(run, 2),
                "total_seconds": round(total, 2),
                "created": record.jumlah_baru,
                # This process's CPU time: on a shared, busy machine wall time says more about the neighbours.
                "cpu_seconds": round(cpu, 2),
                "loadavg": os.getloadavg()[0],
            }
        )
    )


if __name__ == "__main__":
    main()
