"""Write docs/benchmarks.md from the plan, the load figures and the query counts.

``python -m bench.report VAR_DIR OUT`` reads ``plan.json``, ``load/load.json``,
``queries-small.json`` and ``queries-volume.json`` from VAR_DIR, and, when
present, the other budgets' figures (bench/budgets.py): ``ingest/ingest.json``,
``backup.json``, ``laporan-volume.json`` and ``laporan-small.json``. Exit
status 1 when any page or other budget fails (the file is written either way).
"""

import json
import os
import platform
import sys
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from bench import budgets, pages

# Above this share of the machine's CPU taken by others, a failed budget may
# say more about the machine than about the page; the report says so.
CONTENDED = 0.3


def verdict(run: dict, load: dict, reference_rps: float, q_small: dict, q_volume: dict, small: dict | None) -> dict:
    """The row of one run: figures, ratio to its reference and PASS/FAIL with reasons.

    Issue 14, the same for every page: no errors, the same query count on the
    small and the volume data, p95 < 100 ms, at least 50 % of the floor's
    requests/s, and p50 on the volume data at most 1.5x p50 on the small data.
    The floor meets the same, with the zero page as its reference; the zero
    page is only the reference.
    """
    kind = run.get("kind") or ("floor" if run["is_floor"] else "page")
    ratio = load["rps"] / reference_rps if reference_rps else 0.0
    growth = load["p50"] / small["p50"] if small and small.get("p50") else None
    reasons = []
    if load["errors"]:
        reasons.append(f"{load['errors']} galat")
    if q_small["status"] != 200 or q_volume["status"] != 200:
        reasons.append(f"HTTP {q_small['status']}/{q_volume['status']} saat menghitung query")
    if kind != "zero":
        if q_small["queries"] != q_volume["queries"]:
            reasons.append("jumlah query tumbuh dengan data")
        if load["p95"] >= pages.P95_MS:
            reasons.append(f"p95 ≥ {pages.P95_MS:g} ms")
        min_ratio = pages.FLOOR_MIN_RATIO if kind == "floor" else pages.MIN_RATIO
        if ratio < min_ratio:
            reasons.append(f"rasio < {min_ratio:.0%} dari {'nol' if kind == 'floor' else 'lantai'}")
        if small is None:
            reasons.append("data kecil tidak diukur")
        elif small.get("errors"):
            reasons.append(f"{small['errors']} galat pada data kecil")
        elif growth is None or growth > pages.MAX_P50_GROWTH:
            reasons.append(f"p50 volume > {pages.MAX_P50_GROWTH:g}× p50 data kecil")
    return {"kind": kind, "ratio": ratio, "growth": growth, "passed": not reasons, "reasons": reasons}


def _reference(run: dict) -> str:
    kind = run.get("kind") or ("floor" if run["is_floor"] else "page")
    return {"zero": run["name"], "floor": run.get("zero", run["name"]), "page": run.get("floor")}[kind]


def rows(plan: dict, load: dict, q_small: dict, q_volume: dict) -> list[dict]:
    """One verdict per run; ``load["small_results"]`` holds the same runs driven on the small data."""
    results = load["results"]
    small_results = load.get("small_results", {})
    out = []
    for run in plan["runs"]:
        figures = results[run["name"]]
        absent = {"queries": "?", "status": "tidak diukur"}
        row = {
            "run": run,
            "load": figures,
            "small_load": small_results.get(run["name"]),
            "small": q_small.get(run["name"], absent),
            "volume": q_volume.get(run["name"], absent),
        }
        reference = results.get(_reference(run), {"rps": 0.0})
        row |= verdict(run, figures, reference["rps"], row["small"], row["volume"], row["small_load"])
        out.append(row)
    return out


def zero_floor_lines(table: list[dict]) -> list[str]:
    """The frame's cost per floor role: floor req/s over zero req/s."""
    floors = [r for r in table if r["kind"] == "floor"]
    if not floors:
        return []
    lines = [
        f"Lantai terhadap nol (anggaran: lantai ≥ {pages.FLOOR_MIN_RATIO:.0%} req/s halaman nol):",
        "",
        "| Peran | Nol req/s | Lantai req/s | Rasio | Status |",
        "|---|--:|--:|--:|---|",
    ]
    by_name = {r["run"]["name"]: r for r in table}
    for r in floors:
        zero = by_name.get(r["run"].get("zero", ""))
        zero_rps = f"{zero['load']['rps']:.1f}" if zero else "?"
        ok = "PASS" if r["ratio"] >= pages.FLOOR_MIN_RATIO else "FAIL"
        lines.append(f"| {r['run']['role']} | {zero_rps} | {r['load']['rps']:.1f} | {r['ratio']:.0%} | {ok} |")
    return lines


def _meminfo_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "?"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return platform.platform()


def _pkg(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def machine_facts() -> list[tuple[str, str]]:
    env = os.environ.get
    return [
        ("Tanggal (UTC)", datetime.now(UTC).strftime("%Y-%m-%d %H:%M")),
        ("Commit", env("BENCH_COMMIT", "?")),
        ("CPU", f"{os.cpu_count()} inti (nproc {len(os.sched_getaffinity(0))}), {_cpu_model()}"),
        ("RAM", _meminfo_gib()),
        ("Beban mesin saat mulai (loadavg 1/5/15 menit)", env("BENCH_LOADAVG", "?")),
        ("OS", _os_name()),
        ("Python", platform.python_version()),
        (
            "Paket",
            ", ".join(f"{p} {_pkg(p)}" for p in ("Django", "gunicorn", "psycopg2-binary", "redis", "locust")),
        ),
        ("PostgreSQL", env("BENCH_PG_VERSION", "?")),
        ("Redis", env("BENCH_REDIS_VERSION", "?")),
        ("gunicorn", env("BENCH_GUNICORN", "?")),
        (
            "Tunggu maksimum agar mesin tenang sebelum tiap pengukuran halaman (BENCH_QUIET_WAIT)",
            f"{env('BENCH_QUIET_WAIT') or '0'} detik",
        ),
    ]


def headline(table: list[dict], extras: list[dict]) -> str:
    failed = [r for r in table if not r["passed"]]
    extra_failed = [s for s in extras if s["passed"] is False]
    text = (
        f"**Hasil: {'LULUS' if not failed and not extra_failed else 'GAGAL'}** — "
        f"{len(table) - len(failed)} dari {len(table)} halaman memenuhi anggarannya"
    )
    measured = [s for s in extras if s["passed"] is not None]
    if extras:
        text += f"; {len(measured) - len(extra_failed)} dari {len(measured)} anggaran lain terpenuhi"
        if len(measured) < len(extras):
            text += f" ({len(extras) - len(measured)} tidak diukur)"
    return text + "."


def render(plan: dict, load: dict, table: list[dict], extras: list[dict] | None = None) -> str:
    users, seconds, rounds = load["users"], load["seconds"], load.get("rounds", 1)
    extras = extras or []
    failed = [r for r in table if not r["passed"]]
    lines = [
        "# Benchmark",
        "",
        "Ditulis oleh `make bench` (`bench/run.sh`); jangan disunting tangan — jalankan ulang.",
        "",
        headline(table, extras),
        "",
        "## Cara mengukur",
        "",
        f"- gunicorn dengan pengaturan produksi (`DEBUG=0`) di 127.0.0.1 tanpa TLS, PostgreSQL dan Redis lokal; "
        f"{users} pengguna serentak (locust headless, tanpa jeda) selama {seconds} detik per halaman, "
        f"dibagi dalam {rounds} putaran bergiliran dengan halaman lain; pada awal setiap putaran tiap pengguna masuk "
        "lewat formulir login sungguhan (dengan token CSRF) sebagai akun demo peran halaman itu.",
        "- Permintaan sebelum semua pengguna selesai login tidak dihitung. Persentil: nearest-rank atas semua "
        "permintaan; req/s = jumlah permintaan ÷ jumlah rentang waktu pengukurannya di semua putaran. "
        "Galat = status selain 200 (redirect pun galat) "
        "atau koneksi gagal.",
        "- **Nol**: `/staf/nol/` (`lpse:zero`) menjawab beberapa byte untuk pengguna yang masuk, lewat middleware "
        "yang sama: batas atas yang bisa dicapai halaman mana pun. **Lantai**: `/staf/lantai/` (`lpse:floor`) "
        "merender template dasar saja (navigasi termasuk) untuk pengguna yang sama. Di setiap putaran nol, lalu "
        "lantai, lalu halaman-halaman yang dibandingkan dengannya diukur berurutan. Rasio halaman = req/s halaman "
        "÷ req/s lantainya (biaya kerja halaman itu sendiri); rasio lantai = req/s lantai ÷ req/s nol (biaya "
        "bingkai halaman). Peran tanpa akses staf dan halaman publik dibandingkan dengan lantai Kepala Unit. "
        "Beranda dan dasbor diukur sebagai Kepala Unit, yang melihat semua panel dasbor.",
        "- **Data kecil**: setiap halaman juga dibebani pada basis data kecil (`seed_volume --small`, gunicorn "
        "kedua dengan pengaturan yang sama), bergiliran dengan data volume di setiap putaran; kolom *p50 kecil* "
        "dan *Volume/kecil* (p50 volume ÷ p50 kecil).",
        "- **Query**: jumlah query SQL satu permintaan (permintaan kedua, cache hangat) dengan Django test client, "
        "pada basis data kecil dan volume; keduanya harus sama. Diukur tanpa cache halaman "
        "(`lpse.pagecache`, yang menyimpan halaman per peramban sampai tabel yang dibacanya ditulis): kolom "
        "*Render tanpa cache* adalah median tiga permintaan seperti itu pada data volume, satu per satu tanpa "
        "beban lain — biaya halaman setiap kali datanya berubah.",
        f"- **Anggaran** (issue 14, sama untuk setiap halaman, tanpa pengecualian; `BENCH_PAGES` tidak boleh "
        f"membawa anggaran sendiri): p95 < {pages.P95_MS:g} ms, rasio ke lantai ≥ {pages.MIN_RATIO:.0%}, "
        f"jumlah query sama pada data kecil dan volume, p50 volume ≤ {pages.MAX_P50_GROWTH:g}× p50 data kecil, "
        f"tanpa galat. Lantai memenuhi anggaran yang sama dengan nol sebagai acuan "
        f"(≥ {pages.FLOOR_MIN_RATIO:.0%}).",
        "",
        "## Hasil",
        "",
        "| Halaman | Path | Peran | req/s | p50 ms | p95 ms | p99 ms | Galat | Rasio | p50 kecil ms "
        "| Volume/kecil | Query kecil | Query volume | Render tanpa cache ms | Status | CPU lain |",
        "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|",
    ]
    for r in table:
        run, f, small = r["run"], r["load"], r["small_load"]
        status = ("PASS" if r["passed"] else "FAIL: " + "; ".join(r["reasons"])) + (
            " (acuan)" if r["kind"] == "zero" else ""
        )
        small_p50 = f"{small['p50']:.0f}" if small else "—"
        growth = f"{r['growth']:.2f}×" if r["growth"] is not None else "—"
        lines.append(
            f"| {run['name']} | `{run['path']}` | {run['role'] or 'anonim'} | {f['rps']:.1f} | {f['p50']:.0f} "
            f"| {f['p95']:.0f} | {f['p99']:.0f} | {f['errors']} | {r['ratio']:.0%} | {small_p50} | {growth} "
            f"| {r['small']['queries']} | {r['volume']['queries']} | {_ms(r['volume'].get('render_ms'))} "
            f"| {status} | {f.get('other_cpu', 0):.0%} |"
        )
    lines += ["", *zero_floor_lines(table)]
    contended = [r for r in failed if r["load"].get("other_cpu", 0) >= CONTENDED]
    if contended:
        worst = max(r["load"]["other_cpu"] for r in contended)
        lines += [
            "",
            f"**Catatan:** {len(contended)} halaman yang gagal diukur ketika proses di luar harness memakai "
            f"hingga {worst:.0%} CPU mesin (kolom *CPU lain*). Angka mutlaknya (req/s, p95) mencerminkan perebutan "
            "CPU itu, bukan hanya biaya halaman; ulangi `make bench` saat mesin tenang "
            "(mis. dengan `BENCH_QUIET_WAIT=120`) sebelum menyimpulkan halaman itu lambat.",
        ]
    if extras:
        lines += ["", *budgets.render(extras)]
    lines += ["", "## Mesin", ""]
    lines += [f"- {k}: {v}" for k, v in machine_facts()]
    lines += [
        "",
        "Kolom *CPU lain*: bagian CPU mesin yang dipakai proses di luar harness (bukan gunicorn, locust, atau "
        "backend PostgreSQL basis data bench) selama pengukuran halaman itu. Bila besar, req/s dan persentil "
        "mutlak memburuk untuk semua halaman; rasio ke lantai (diukur bergiliran dalam putaran yang sama) lebih "
        "tahan terhadap gangguan itu.",
        "",
    ]
    return "\n".join(lines)


def _optional(path: Path) -> dict | None:
    return json.loads(path.read_text()) if path.exists() else None


def extra_sections(var: Path) -> list[dict]:
    """The other budgets, from whatever the measuring steps left in VAR_DIR."""
    ingest = _optional(var / "ingest" / "ingest.json")
    if ingest is None and (var / "ingest").exists():
        ingest = {"error": "langkah ingest gagal sebelum menulis hasilnya; lihat var/bench/ingest/"}
    return [
        budgets.submit_section(_optional(var / "registrasi-submit.json")),
        budgets.import_section(_optional(var / "impor.json")),
        *budgets.ingest_section(ingest),
        budgets.backup_section(_optional(var / "backup.json")),
        budgets.laporan_section(_optional(var / "laporan-volume.json"), _optional(var / "laporan-small.json")),
        budgets.signing_section(_optional(var / "signing.json")),
    ]


def _ms(value) -> str:
    return f"{value:.0f}" if isinstance(value, int | float) else "—"


def main() -> int:
    var, out = Path(sys.argv[1]), Path(sys.argv[2])
    plan = json.loads((var / "plan.json").read_text())
    load = json.loads((var / "load" / "load.json").read_text())
    q_small = json.loads((var / "queries-small.json").read_text())
    q_volume = json.loads((var / "queries-volume.json").read_text())
    table = rows(plan, load, q_small, q_volume)
    extras = extra_sections(var)
    out.write_text(render(plan, load, table, extras))
    failed = [r["run"]["name"] for r in table if not r["passed"]]
    failed += [s["title"] for s in extras if s["passed"] is False]
    print(f"{out} ditulis; {'semua anggaran LULUS' if not failed else 'GAGAL: ' + ', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
