"""The budgets beyond GET pages (issues 5, 6, 7): captured JSON, verdicts, report."""

import dataclasses
import json
import sys
import types

import pytest

from bench import budgets, ingest, report
from bench.capture import capture, last_json_object

# --- bench/capture.py -----------------------------------------------------------


def test_last_json_object_skips_progress_lines_and_takes_the_last_object():
    assert last_json_object('{"a": 1}') == {"a": 1}
    text = 'Mengisi basis data…\n{"a": 1}\nlagi\n{\n  "seconds": 2.5,\n  "queries": 12\n}\n'
    assert last_json_object(text) == {"seconds": 2.5, "queries": 12}
    assert last_json_object("selesai tanpa JSON") is None
    assert last_json_object("[1, 2]") is None
    assert last_json_object("") is None


def test_capture_keeps_the_answer_of_a_command(tmp_path):
    out = tmp_path / "x.json"
    data = capture(out, [sys.executable, "-c", "print('mulai'); print('{\"seconds\": 1}')"])
    assert data["result"] == {"seconds": 1} and data["error"] is None
    assert json.loads(out.read_text())["result"] == {"seconds": 1}


def test_capture_turns_a_crash_into_an_error_with_the_last_stderr_line(tmp_path):
    out = tmp_path / "x.json"
    data = capture(out, [sys.executable, "-c", "import sys; sys.exit('basis data tidak terjangkau')"])
    assert data["returncode"] == 1
    assert data["error"] == "perintah gagal (kode 1): basis data tidak terjangkau"
    assert json.loads(out.read_text())["error"] == data["error"]
    assert capture(out, [sys.executable, "-c", "print('ok')"])["error"] == "keluaran bukan objek JSON"


# --- issue 5: ingest ------------------------------------------------------------------


def _step(users, rps, p95, errors=0):
    return {"users": users, "requests": 1000, "rps": rps, "p50": p95 / 2, "p95": p95, "p99": p95, "errors": errors}


def _endpoint(*steps, **extra):
    return {
        "name": "monitoring: kiriman agen",
        "app": "monitoring",
        "path": "/api/infrastruktur/metrik/",
        "payload": "monitoring.seed.bench_ingest_payload",
        "expect": 201,
        "min_rps": 300.0,
        "p95_ms": 50.0,
        "token_count": 50,
        "seconds": 20,
        "steps": list(steps),
    } | extra


def test_user_ladder_is_sorted_and_capped_at_one_user_per_token():
    assert ingest.user_ladder("16 4 8", tokens=50) == [4, 8, 16]
    assert ingest.user_ladder("4,8,16", tokens=5) == [4, 5]
    assert ingest.user_ladder("", tokens=50) == [4]


def test_ingest_passes_when_one_concurrency_meets_rate_and_latency():
    v = ingest.verdict(_endpoint(_step(4, 250, 20), _step(8, 320, 40), _step(16, 340, 70)))
    assert v["passed"] and v["best"]["users"] == 8


def test_ingest_fails_when_the_rate_needs_too_much_latency():
    v = ingest.verdict(_endpoint(_step(4, 250, 20), _step(16, 340, 70)))
    assert not v["passed"]
    assert v["reasons"] == ["p95 ≥ 50 ms pada 16 pengguna", "340 kiriman/s tercapai hanya dengan p95 70 ms"]


def test_ingest_fails_on_low_rate_or_errors():
    v = ingest.verdict(_endpoint(_step(8, 180, 30, errors=3)))
    assert v["reasons"] == ["3 galat", "paling tinggi 180 kiriman/s < 300"]
    assert ingest.verdict(_endpoint())["reasons"] == ["tidak ada pengukuran"]


def test_ingest_section_lists_every_concurrency():
    (section,) = budgets.ingest_section({"endpoints": [_endpoint(_step(4, 250, 20), _step(8, 320, 40))]})
    assert section["passed"] and section["summary"] == "320 kiriman/s, p95 40 ms (8 pengguna)"
    assert "| 8 | 320.0 | 20 | 40 | 40 | 0 | ya | 0% |" in section["lines"]
    assert budgets.ingest_section(None)[0]["passed"] is None
    crashed = budgets.ingest_section({"error": "langkah ingest gagal"})[0]
    assert crashed["passed"] is False and crashed["reasons"] == ["langkah ingest gagal"]


def test_ingest_endpoints_are_collected_with_budget_and_payload_name(monkeypatch):
    def payload(*, timestamp):
        return b"{}"

    module = types.ModuleType("monitoring.seed")
    payload.__module__ = "monitoring.seed"
    module.BENCH_INGEST = {
        "name": "kiriman",
        "path": "/api/infrastruktur/metrik/",
        "tokens": lambda: ["a.1", "b.2"],
        "payload": payload,
        "expect": 201,
        "p95_ms": 40,
    }
    from lpse import registry

    contribution = dataclasses.replace(registry.get("monitoring"), seed=module)
    monkeypatch.setitem(registry._REGISTRY, "monitoring", contribution)
    (endpoint,) = [e for e in ingest.collect_endpoints() if e["app"] == "monitoring"]
    assert endpoint["tokens"] == ["a.1", "b.2"]
    assert (
        endpoint["payload"]
        == "monitoring.seed.test_ingest_endpoints_are_collected_with_budget_and_payload_name.<locals>.payload"
    )
    assert (endpoint["min_rps"], endpoint["p95_ms"]) == (300, 40)
    module.BENCH_INGEST = {"name": "kiriman", "path": "/x/", "tokens": list, "payload": payload, "expect": 201}
    with pytest.raises(ingest.BenchIngestError, match="no tokens"):
        ingest.collect_endpoints()


# --- issue 6: backup ------------------------------------------------------------------


def _backup(dump=10.0, backup=12.0, verify=15.0):
    return {
        "returncode": 0,
        "error": None,
        "result": {
            "size_mb_requested": 1024,
            "database_bytes": 1100 * 1024 * 1024,
            "pg_dump_fc_seconds": dump,
            "pg_dump_fc_bytes": 300 * 1024 * 1024,
            "backup_seconds": backup,
            "archive_bytes": 280 * 1024 * 1024,
            "compression": "zstd",
            "verify_seconds": verify,
        },
    }


def test_backup_within_budget():
    section = budgets.backup_section(_backup())
    assert section["passed"] and section["summary"] == "cadangan 1.20×, verifikasi 1.50× (1.100 MB)"
    assert any("| `pg_dump -Fc` biasa | 10.00 | 1.00× | 300 MB | acuan |" in line for line in section["lines"])


def test_backup_over_budget_names_each_ratio():
    section = budgets.backup_section(_backup(backup=16.0, verify=21.0))
    assert section["passed"] is False
    assert section["reasons"] == ["cadangan 1.60× > 1.5×", "verifikasi 2.10× > 2×"]


def test_backup_crash_or_skip():
    crashed = {"returncode": 1, "error": "perintah gagal (kode 1): pg_dump: error", "result": None}
    assert budgets.backup_section(crashed)["reasons"] == ["perintah gagal (kode 1): pg_dump: error"]
    assert budgets.backup_section(crashed)["passed"] is False
    assert budgets.backup_section(None)["passed"] is None


# --- issue 7: yearly report ------------------------------------------------------------


def _laporan(seconds, queries, registrations=100_000, tickets=500_000):
    result = {"seconds": seconds, "queries": queries, "registrations": registrations, "tickets": tickets}
    return {"returncode": 0, "error": None, "result": result}


def test_laporan_passes_fast_with_equal_queries():
    section = budgets.laporan_section(_laporan(12.3, 40), _laporan(0.4, 40, 50, 50))
    assert section["passed"] and section["summary"] == "12.3 detik, 40 query (kecil: 40)"


def test_laporan_fails_slow_growing_or_too_small():
    section = budgets.laporan_section(_laporan(25.0, 41, 50_000), _laporan(0.4, 40, 50, 50))
    assert section["reasons"] == [
        "25.0 detik ≥ 20",
        "jumlah query tumbuh dengan data (40 → 41)",
        "data volume lebih kecil dari anggaran (50000 pendaftaran, 500000 tiket)",
    ]


def test_laporan_not_there_yet_is_not_measured_but_a_crash_fails():
    assert budgets.laporan_section(None, None)["passed"] is None
    crashed = {"returncode": 1, "error": "perintah gagal (kode 1)", "result": None}
    section = budgets.laporan_section(crashed, _laporan(0.4, 40, 50, 50))
    assert section["passed"] is False and section["reasons"] == ["data volume: perintah gagal (kode 1)"]


# --- report ------------------------------------------------------------------------------


def _write_page_results(var):
    run = {"name": "Lantai", "path": "/staf/lantai/", "role": "Kepala Unit", "is_floor": True, "floor": "Lantai"}
    (var / "load").mkdir()
    (var / "plan.json").write_text(json.dumps({"runs": [run]}))
    figures = {"requests": 10, "rps": 100.0, "p50": 5.0, "p95": 9.0, "p99": 9.0, "errors": 0}
    (var / "load" / "load.json").write_text(
        json.dumps({"users": 4, "seconds": 4, "rounds": 1, "results": {"Lantai": figures}})
    )
    for name in ("queries-small.json", "queries-volume.json"):
        (var / name).write_text(json.dumps({"Lantai": {"queries": 4, "status": 200}}))


def test_report_fails_on_another_budget_and_still_writes_the_file(tmp_path, monkeypatch):
    _write_page_results(tmp_path)
    (tmp_path / "backup.json").write_text(json.dumps(_backup(backup=20.0)))
    (tmp_path / "ingest").mkdir()  # the ingest step crashed before writing ingest.json
    out = tmp_path / "benchmarks.md"
    monkeypatch.setattr(sys, "argv", ["report", str(tmp_path), str(out)])
    assert report.main() == 1
    text = out.read_text()
    assert "**Hasil: GAGAL** — 1 dari 1 halaman memenuhi anggarannya; 0 dari 2 anggaran lain terpenuhi " in text
    assert "(2 tidak diukur)." in text  # the yearly report and the registration submit
    assert "| Cadangan dan verifikasi (issue 6) |" in text and "FAIL: cadangan 2.00× > 1.5×" in text
    assert "TIDAK DIUKUR: bench/laporan_bench.py belum ada" in text
    assert "### Cadangan dan verifikasi (issue 6)" in text


def test_report_passes_when_every_measured_budget_passes(tmp_path, monkeypatch):
    _write_page_results(tmp_path)
    (tmp_path / "backup.json").write_text(json.dumps(_backup()))
    (tmp_path / "laporan-volume.json").write_text(json.dumps(_laporan(10.0, 30)))
    (tmp_path / "laporan-small.json").write_text(json.dumps(_laporan(0.2, 30, 50, 50)))
    submit = {"runs": 10, "median_seconds": 0.3, "p95_seconds": 0.4, "file_mb": 2.0, "files": 5}
    (tmp_path / "registrasi-submit.json").write_text(json.dumps({"result": submit}))
    (tmp_path / "ingest").mkdir()
    endpoint = _endpoint(_step(8, 350, 30))
    (tmp_path / "ingest" / "ingest.json").write_text(json.dumps({"endpoints": [endpoint]}))
    out = tmp_path / "benchmarks.md"
    monkeypatch.setattr(sys, "argv", ["report", str(tmp_path), str(out)])
    assert report.main() == 0
    assert "**Hasil: LULUS** — 1 dari 1 halaman memenuhi anggarannya; 4 dari 4 anggaran lain terpenuhi." in (
        out.read_text()
    )


def test_submit_budget_passes_under_one_and_a_half_seconds_median():
    from bench import budgets

    ok = budgets.submit_section(
        {"result": {"runs": 10, "median_seconds": 0.4, "p95_seconds": 0.6, "file_mb": 2.0, "files": 5}}
    )
    slow = budgets.submit_section(
        {"result": {"runs": 10, "median_seconds": 1.6, "p95_seconds": 2.0, "file_mb": 2.0, "files": 5}}
    )
    assert ok["passed"] is True and "median 0.40" in ok["summary"]
    assert slow["passed"] is False and slow["reasons"] == ["median 1.60 detik"]


def test_submit_budget_not_run_or_crashed():
    from bench import budgets

    assert budgets.submit_section(None)["passed"] is None
    assert budgets.submit_section({"error": "pendaftaran ditolak: HTTP 400"})["passed"] is False
