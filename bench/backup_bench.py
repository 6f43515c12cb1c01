#!/usr/bin/env python3
"""Backup throughput bench (issue 6): our backup and verify against plain ``pg_dump -Fc``.

Fills a PostgreSQL database to ``--size-mb`` (once; reused while it is big
enough), then in the same run times:

* ``pg_dump -Fc`` to a file (the baseline),
* our backup: pg_dump -Z0 → zstd → AES-256-GCM → SHA-256, row counts from the same snapshot,
* our verification: restore into a scratch database, checksums and row counts.

Prints one JSON object. Budget: backup ≤ 1.5 × pg_dump, verify ≤ 2 × pg_dump.

    .venv/bin/python bench/backup_bench.py --size-mb 1024
    .venv/bin/python bench/backup_bench.py --size-mb 20 --database-url postgres://postgres@127.0.0.1:5432/postgres

The filled database is ``lpse_bench_backup`` (``BENCH_BACKUP_DB`` overrides it).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg2
from psycopg2 import sql

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backup import engine  # noqa: E402

BENCH_DB = os.environ.get("BENCH_BACKUP_DB", "lpse_bench_backup")
# A database kept from an earlier, larger run is refilled when it is more than
# this many times the size asked for, so the figures are for the size named.
REFILL_ABOVE = 1.5


def _admin(url: str):
    conn = psycopg2.connect(url)
    conn.autocommit = True
    return conn


def _size(conn) -> int:
    with conn.cursor() as cur:
        cur.execute("SELECT pg_database_size(current_database())")
        return cur.fetchone()[0]


def fill(server: engine.PgTarget, admin_url: str, size_mb: int, fresh: bool) -> int:
    """Create and fill the bench database with procurement-like rows (text that compresses like real data)."""
    admin = _admin(admin_url)
    with admin.cursor() as cur:
        if fresh:
            cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB)))
        cur.execute("SELECT pg_database_size(datname) FROM pg_database WHERE datname = %s", [BENCH_DB])
        row = cur.fetchone()
        if row and row[0] > REFILL_ABOVE * size_mb * 1024 * 1024:
            cur.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(BENCH_DB)))
            row = None
        if not row:
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))
    admin.close()
    conn = server.connect(BENCH_DB)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(
            "CREATE TABLE IF NOT EXISTS penyedia (id bigserial PRIMARY KEY, nama text, npwp text, alamat text, "
            "dibuat timestamptz DEFAULT now())"
        )
        cur.execute(
            "CREATE TABLE IF NOT EXISTS dokumen (id bigserial PRIMARY KEY, penyedia_id bigint, jenis text, "
            "isi text, sha256 text, ukuran int)"
        )
        target = size_mb * 1024 * 1024
        batch = 50_000
        while _size(conn) < target:
            cur.execute(
                "INSERT INTO penyedia (nama, npwp, alamat) SELECT 'CV Karya ' || g || ' ' || md5(g::text), "
                "lpad((random() * 1e15)::bigint::text, 15, '0'), "
                "'Jl. Jamin Ginting No. ' || (g %% 400) || ', Kabanjahe, Kabupaten Karo, Sumatera Utara' "
                "FROM generate_series(1, %s) g",
                [batch],
            )
            cur.execute(
                "INSERT INTO dokumen (penyedia_id, jenis, isi, sha256, ukuran) SELECT (random() * 1e6)::bigint, "
                "(ARRAY['KTP','NPWP','Akta','SIUP','NIB'])[1 + (g %% 5)], "
                "repeat('Dokumen persyaratan pendaftaran penyedia ' || md5(random()::text) || ' ', 6), "
                "encode(sha256(g::text::bytea), 'hex'), (random() * 5e6)::int FROM generate_series(1, %s) g",
                [batch],
            )
        cur.execute("CREATE INDEX IF NOT EXISTS dokumen_penyedia ON dokumen (penyedia_id)")
        cur.execute("VACUUM ANALYZE")
    size = _size(conn)
    conn.close()
    return size


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument("--fresh", action="store_true", help="drop and refill the bench database")
    parser.add_argument("--drop", action="store_true", help="drop the bench database afterwards")
    parser.add_argument("--bin-dir", default="/usr/bin")
    args = parser.parse_args()

    server = engine.PgTarget.from_url(args.database_url)
    fill_s, db_bytes = timed(lambda: fill(server, args.database_url, args.size_mb, args.fresh))
    target = engine.PgTarget(
        host=server.host, port=server.port, dbname=BENCH_DB, user=server.user, password=server.password
    )
    key = secrets.token_bytes(32)
    with tempfile.TemporaryDirectory(prefix="lpse-bench-backup-") as tmp:
        tmp = Path(tmp)
        plain = tmp / "plain.dump"
        dump_s, _ = timed(
            lambda: subprocess.run(
                [engine.pg_tool("pg_dump", args.bin_dir), "-Fc", "-f", str(plain), *target.args()],
                check=True,
                env=target.env(),
            )
        )
        archive = tmp / "bench.lpsebak"
        backup_s, result = timed(
            lambda: engine.backup_postgres(target=target, final_path=archive, key=key, bin_dir=args.bin_dir)
        )
        manifest = {**result, "source": {"slug": "bench"}}
        verify_s, _ = timed(
            lambda: engine.verify_postgres(
                archive_path=archive, manifest=manifest, key=key, server=server, bin_dir=args.bin_dir
            )
        )
        report = {
            "bench": "backup",
            "size_mb_requested": args.size_mb,
            "database_bytes": db_bytes,
            "fill_seconds": round(fill_s, 2),
            "pg_dump_fc_seconds": round(dump_s, 3),
            "pg_dump_fc_bytes": plain.stat().st_size,
            "backup_seconds": round(backup_s, 3),
            "archive_bytes": result["archive"]["size"],
            "compression": result["archive"]["compression"],
            "verify_seconds": round(verify_s, 3),
            "backup_ratio": round(backup_s / dump_s, 3),
            "verify_ratio": round(verify_s / dump_s, 3),
            "budget": {"backup_ratio_max": 1.5, "verify_ratio_max": 2.0},
            "tables": result["tables"],
        }
        report["within_budget"] = report["backup_ratio"] <= 1.5 and report["verify_ratio"] <= 2.0
    if args.drop:
        admin = _admin(args.database_url)
        with admin.cursor() as cur:
            cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB)))
        admin.close()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
