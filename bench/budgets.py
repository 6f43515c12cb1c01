"""Budgets beyond the GET pages: registration submit (issue 3), ingest (issue 5), backup (issue 6),
yearly report (issue 7).

Each ``*_section`` turns the JSON a measuring step left in VAR_DIR into a
section of docs/benchmarks.md: ``{"title", "budget", "passed", "summary",
"reasons", "lines"}`` where ``passed`` is True, False, or None when the
measurement was not made (switched off, or its script is not there yet).
"""

from bench import ingest

# Issue 6: our backup at most 1.5x plain pg_dump -Fc, verification at most 2x.
BACKUP_RATIO_MAX = 1.5
VERIFY_RATIO_MAX = 2.0
# Issue 7: the yearly report of 100,000 registrations and 500,000 tickets in under 20 s.
LAPORAN_SECONDS_MAX = 20.0
LAPORAN_REGISTRATIONS = 100_000
LAPORAN_TICKETS = 500_000
# Issue 3: a registration with five 2 MB files completes in under 1.5 s median.
SUBMIT_MEDIAN_MAX = 1.5
# Issue 15: 20,000 SPSE users from one XLSX, preview and import, in under 60 s.
IMPORT_SECONDS_MAX = 60.0
IMPORT_ROWS = 20_000
SIGN_RATIO_MAX = 3.0  # issue 12: issue + sign a one-page berita acara ≤ 3× a bare WeasyPrint render
VERIFY_PAGE_MAX = 0.3  # issue 12: the verification page validates in under 300 ms


def _mb(n: float) -> str:
    return f"{n / 1024 / 1024:,.0f} MB".replace(",", ".")


def _status(passed, reasons) -> str:
    if passed is None:
        return "TIDAK DIUKUR" + (f": {'; '.join(reasons)}" if reasons else "")
    return "PASS" if passed else "FAIL: " + "; ".join(reasons)


def not_measured(title: str, budget: str, why: str) -> dict:
    return {"title": title, "budget": budget, "passed": None, "summary": "—", "reasons": [why], "lines": []}


def _crashed(title: str, budget: str, captured: dict) -> dict:
    """A measuring step that failed or left no answer: FAIL with its error."""
    reason = captured.get("error") or "tidak ada hasil"
    return {"title": title, "budget": budget, "passed": False, "summary": "—", "reasons": [reason], "lines": []}


def ingest_section(data: dict | None) -> list[dict]:
    """One section per ingest endpoint (bench/ingest.py's ingest.json)."""
    title = "Ingest metrik agen (issue 5)"
    budget = f"≥ {ingest.DEFAULT_MIN_RPS:g} kiriman/s dengan p95 < {ingest.DEFAULT_P95_MS:g} ms"
    if data is None:
        return [not_measured(title, budget, "langkah ingest tidak berjalan")]
    if data.get("error"):
        return [
            {"title": title, "budget": budget, "passed": False, "summary": "—", "reasons": [data["error"]], "lines": []}
        ]
    if not data.get("endpoints"):
        return [not_measured(title, budget, "tidak ada aplikasi yang menyatakan BENCH_INGEST")]
    sections = []
    for endpoint in data["endpoints"]:
        v = ingest.verdict(endpoint)
        best = v["best"]
        budget = f"≥ {endpoint['min_rps']:g} kiriman/s dengan p95 < {endpoint['p95_ms']:g} ms, tanpa galat"
        lines = [
            f"`POST {endpoint['path']}` dengan token per aset di header `Authorization: Bearer …` (seperti "
            f"`monitoring/agent/lpse_agent.py`), isi dari `{endpoint['payload']}` dengan timestamp baru tiap "
            f"kiriman; satu token per pengguna locust ({endpoint['token_count']} token tersedia), tanpa jeda, "
            f"{endpoint['seconds']} detik per tingkat konkurensi. Galat = status selain {endpoint['expect']}. "
            "Lulus bila satu tingkat konkurensi memenuhi anggaran.",
            "",
            "| Pengguna | kiriman/s | p50 ms | p95 ms | p99 ms | Galat | Memenuhi | CPU lain |",
            "|--:|--:|--:|--:|--:|--:|---|--:|",
        ]
        for s in endpoint["steps"]:
            ok = "ya" if ingest.step_passes(s, endpoint) else "tidak"
            lines.append(
                f"| {s['users']} | {s['rps']:.1f} | {s['p50']:.0f} | {s['p95']:.0f} | {s['p99']:.0f} "
                f"| {s['errors']} | {ok} | {s.get('other_cpu', 0):.0%} |"
            )
        summary = f"{best['rps']:.0f} kiriman/s, p95 {best['p95']:.0f} ms ({best['users']} pengguna)" if best else "—"
        sections.append(
            {
                "title": f"{endpoint['name']} (issue 5)",
                "budget": budget,
                "passed": v["passed"],
                "summary": summary,
                "reasons": v["reasons"],
                "lines": lines,
            }
        )
    return sections


def backup_section(captured: dict | None) -> dict:
    """bench/backup_bench.py's answer, as kept by bench/capture.py."""
    title = "Cadangan dan verifikasi (issue 6)"
    budget = f"cadangan ≤ {BACKUP_RATIO_MAX:g}× dan verifikasi ≤ {VERIFY_RATIO_MAX:g}× `pg_dump -Fc`"
    if captured is None:
        return not_measured(title, budget, "BENCH_BACKUP_MB=0")
    r = captured.get("result")
    if captured.get("error") or not r:
        return _crashed(title, budget, captured)
    dump = r["pg_dump_fc_seconds"]
    backup_ratio = r["backup_seconds"] / dump if dump else float("inf")
    verify_ratio = r["verify_seconds"] / dump if dump else float("inf")
    reasons = []
    if backup_ratio > BACKUP_RATIO_MAX:
        reasons.append(f"cadangan {backup_ratio:.2f}× > {BACKUP_RATIO_MAX:g}×")
    if verify_ratio > VERIFY_RATIO_MAX:
        reasons.append(f"verifikasi {verify_ratio:.2f}× > {VERIFY_RATIO_MAX:g}×")
    lines = [
        f"Basis data PostgreSQL berisi {_mb(r['database_bytes'])} (diminta {r['size_mb_requested']} MB, "
        "`BENCH_BACKUP_MB`), diisi `bench/backup_bench.py`; ketiga langkah diukur berurutan dalam satu "
        "jalannya harness, setelah uji beban selesai (gunicorn sudah berhenti).",
        "",
        "| Langkah | Detik | Rasio ke `pg_dump -Fc` | Ukuran berkas | Anggaran |",
        "|---|--:|--:|--:|---|",
        f"| `pg_dump -Fc` biasa | {dump:.2f} | 1.00× | {_mb(r['pg_dump_fc_bytes'])} | acuan |",
        f"| Cadangan kita (dump + {r.get('compression', '?')} + AES-256-GCM + SHA-256) | {r['backup_seconds']:.2f} "
        f"| {backup_ratio:.2f}× | {_mb(r['archive_bytes'])} | ≤ {BACKUP_RATIO_MAX:g}× |",
        f"| Verifikasi (pulihkan ke basis data sementara, cek checksum dan jumlah baris) | {r['verify_seconds']:.2f} "
        f"| {verify_ratio:.2f}× | — | ≤ {VERIFY_RATIO_MAX:g}× |",
    ]
    return {
        "title": title,
        "budget": budget,
        "passed": not reasons,
        "summary": f"cadangan {backup_ratio:.2f}×, verifikasi {verify_ratio:.2f}× ({_mb(r['database_bytes'])})",
        "reasons": reasons,
        "lines": lines,
    }


def laporan_section(volume: dict | None, small: dict | None) -> dict:
    """bench/laporan_bench.py on the volume and the small database, as kept by bench/capture.py."""
    title = "Laporan tahunan (issue 7)"
    budget = (
        f"< {LAPORAN_SECONDS_MAX:g} detik untuk {LAPORAN_REGISTRATIONS:,} pendaftaran dan {LAPORAN_TICKETS:,} tiket; "
        "jumlah query sama pada data kecil dan volume"
    ).replace(",", ".")
    if volume is None and small is None:
        return not_measured(title, budget, "bench/laporan_bench.py belum ada")
    reasons = []
    for label, captured in (("volume", volume), ("kecil", small)):
        if captured is None:
            reasons.append(f"data {label} tidak diukur")
        elif captured.get("error") or not captured.get("result"):
            reasons.append(f"data {label}: {captured.get('error') or 'tidak ada hasil'}")
    if reasons:
        return {"title": title, "budget": budget, "passed": False, "summary": "—", "reasons": reasons, "lines": []}
    v, s = volume["result"], small["result"]
    if v["seconds"] >= LAPORAN_SECONDS_MAX:
        reasons.append(f"{v['seconds']:.1f} detik ≥ {LAPORAN_SECONDS_MAX:g}")
    if v["queries"] != s["queries"]:
        reasons.append(f"jumlah query tumbuh dengan data ({s['queries']} → {v['queries']})")
    if v["registrations"] < LAPORAN_REGISTRATIONS or v["tickets"] < LAPORAN_TICKETS:
        reasons.append(
            f"data volume lebih kecil dari anggaran ({v['registrations']} pendaftaran, {v['tickets']} tiket)"
        )
    lines = [
        "`bench/laporan_bench.py` membangun laporan tahunan pada basis data volume dan kecil (`seed_volume --small`).",
        "",
        "| Data | Pendaftaran | Tiket | Detik | Query |",
        "|---|--:|--:|--:|--:|",
        f"| kecil | {s['registrations']} | {s['tickets']} | {s['seconds']:.2f} | {s['queries']} |",
        f"| volume | {v['registrations']} | {v['tickets']} | {v['seconds']:.2f} | {v['queries']} |",
    ]
    return {
        "title": title,
        "budget": budget,
        "passed": not reasons,
        "summary": f"{v['seconds']:.1f} detik, {v['queries']} query (kecil: {s['queries']})",
        "reasons": reasons,
        "lines": lines,
    }


def submit_section(captured: dict | None) -> dict:
    """bench/registrasi_submit_bench.py's answer, as kept by bench/capture.py."""
    title = "Kirim pendaftaran dengan lima berkas 2 MB (issue 3)"
    budget = f"median < {SUBMIT_MEDIAN_MAX:g} detik"
    if captured is None:
        return not_measured(title, budget, "langkah tidak dijalankan")
    r = captured.get("result")
    if captured.get("error") or not r:
        return _crashed(title, budget, captured)
    reasons = [] if r["median_seconds"] < SUBMIT_MEDIAN_MAX else [f"median {r['median_seconds']:.2f} detik"]
    lines = [
        f"`bench/registrasi_submit_bench.py` mengirim formulir pendaftaran penyedia publik {r['runs']} kali "
        f"dengan {r['files']} berkas masing-masing {r['file_mb']:g} MB (PDF dan PNG yang sah), di dalam proses "
        "(klien uji Django) pada basis data volume: parsing, cek NIK/NPWP/NIB, cek isi tiap berkas, simpan "
        "privat, satu transaksi (lalu dibatalkan agar data tidak berubah).",
        "",
        "| Kiriman | Median detik | p95 detik |",
        "|--:|--:|--:|",
        f"| {r['runs']} | {r['median_seconds']:.3f} | {r['p95_seconds']:.3f} |",
    ]
    return {
        "title": title,
        "budget": budget,
        "passed": not reasons,
        "summary": f"median {r['median_seconds']:.2f} detik",
        "reasons": reasons,
        "lines": lines,
    }


def import_section(captured: dict | None) -> dict:
    """bench/import_bench.py's answer, as kept by bench/capture.py."""
    title = f"Impor {IMPORT_ROWS:,} pengguna SPSE dari satu XLSX (issue 15)".replace(",", ".")
    budget = f"pratinjau + impor < {IMPORT_SECONDS_MAX:g} detik"
    if captured is None:
        return not_measured(title, budget, "langkah tidak dijalankan")
    r = captured.get("result")
    if captured.get("error") or not r:
        return _crashed(title, budget, captured)
    reasons = []
    if r["total_seconds"] >= IMPORT_SECONDS_MAX:
        reasons.append(f"{r['total_seconds']:.1f} detik")
    if r["rows"] < IMPORT_ROWS:
        reasons.append(f"hanya {r['rows']} baris diukur")
    lines = [
        f"`bench/import_bench.py` membuat XLSX {r['rows']} baris ({r['file_mb']:g} MB) seperti ekspor daftar "
        "pengguna SPSE, lalu menjalankan jalur impor di dalam proses pada basis data volume: cek isi berkas, "
        "pratinjau (baca dan periksa setiap baris, tanpa menulis), konfirmasi, dan impor (baca dan periksa "
        "ulang, tulis massal beserta riwayat, satu transaksi; lalu dibatalkan agar data tidak berubah).",
        "",
        "| Baris | Pratinjau detik | Impor detik | Total detik | CPU proses detik | Beban mesin |",
        "|--:|--:|--:|--:|--:|--:|",
        f"| {r['rows']} | {r['preview_seconds']:.1f} | {r['run_seconds']:.1f} | {r['total_seconds']:.1f} "
        f"| {r.get('cpu_seconds', 0):.1f} | {r.get('loadavg', 0):.1f} |",
    ]
    return {
        "title": title,
        "budget": budget,
        "passed": not reasons,
        "summary": f"{r['total_seconds']:.1f} detik",
        "reasons": reasons,
        "lines": lines,
    }


def render(sections: list[dict]) -> list[str]:
    """The markdown of the extra budgets: a summary table, then each section's detail."""
    if not sections:
        return []
    lines = [
        "## Anggaran lain",
        "",
        "| Ukuran | Anggaran | Hasil | Status |",
        "|---|---|---|---|",
    ]
    for s in sections:
        lines.append(f"| {s['title']} | {s['budget']} | {s['summary']} | {_status(s['passed'], s['reasons'])} |")
    for s in sections:
        if s["lines"]:
            lines += ["", f"### {s['title']}", "", *s["lines"]]
    lines.append("")
    return lines


def signing_section(captured: dict | None) -> dict:
    """bench/signing_bench.py's answer, as kept by bench/capture.py."""
    title = "Terbitkan dan tanda tangani berita acara; halaman verifikasi (issue 12)"
    budget = (
        f"terbit + tanda tangan ≤ {SIGN_RATIO_MAX:g}× render WeasyPrint polos; "
        f"verifikasi < {VERIFY_PAGE_MAX * 1000:.0f} ms"
    )
    if captured is None:
        return not_measured(title, budget, "langkah tidak dijalankan")
    r = captured.get("result")
    if captured.get("error") or not r:
        return _crashed(title, budget, captured)
    ratio = r["issue_sign_median_seconds"] / r["bare_median_seconds"] if r["bare_median_seconds"] else float("inf")
    reasons = []
    if ratio > SIGN_RATIO_MAX:
        reasons.append(f"terbit + tanda tangan {ratio:.2f}× > {SIGN_RATIO_MAX:g}×")
    if r["verify_median_seconds"] >= VERIFY_PAGE_MAX:
        reasons.append(f"verifikasi {r['verify_median_seconds'] * 1000:.0f} ms")
    lines = [
        f"`bench/signing_bench.py`, {r['runs']} kali dalam satu proses: render WeasyPrint polos halaman yang sama, "
        "lalu jalur yang ditempuh dokumen: `dokumen_issue(in_background=True)` (permintaan: nomor, HTML) + "
        "`dokumen_build` (tugas render: PDF/A-3b, salinan KONSEP) + `tanda_tangan_run` (tugas tanda tangan: frasa "
        "sandi tersegel, cek sertifikat dan CRL, PKCS#12, PAdES B-LT), lalu GET halaman verifikasi (validasi "
        "pyHanko). Data dibatalkan setelahnya.",
        "",
        "| Langkah | Median detik | Rasio | Anggaran |",
        "|---|--:|--:|---|",
        f"| Render WeasyPrint polos | {r['bare_median_seconds']:.3f} | 1.00× | acuan |",
        f"| Terbitkan + tanda tangani | {r['issue_sign_median_seconds']:.3f} | {ratio:.2f}× | ≤ {SIGN_RATIO_MAX:g}× |",
        f"| Halaman verifikasi | {r['verify_median_seconds']:.3f} | — | < {VERIFY_PAGE_MAX:g} s |",
    ]
    if "issue_request_median_seconds" in r:
        lines.append(f"| … bagian permintaan (sisanya di worker) | {r['issue_request_median_seconds']:.3f} | — | — |")
    return {
        "title": title,
        "budget": budget,
        "passed": not reasons,
        "summary": f"{ratio:.2f}×, verifikasi {r['verify_median_seconds'] * 1000:.0f} ms",
        "reasons": reasons,
        "lines": lines,
    }
