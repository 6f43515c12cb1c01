"""The benchmark harness (bench/): page collection, query counting, figures, verdicts."""

import types

import pytest

from bench import pages, report
from bench.queries import count_queries
from bench.stats import percentile, summarise
from lpse import roles
from lpse.demo import demo_email
from tests.factories import PengumumanFactory


@pytest.fixture
def bidang_seed(monkeypatch):
    """bidang_seed(BENCH_PAGES): registrasi/seed.py declares these pages and no
    other bidang app declares any (their real pages need volume data)."""
    import dataclasses

    from lpse import registry

    def _install(bench_pages):
        for contribution in registry.contributions():
            module = types.ModuleType(f"{contribution.app}.seed")
            module.BENCH_PAGES = bench_pages if contribution.app == "registrasi" else []
            replaced = dataclasses.replace(contribution, seed=module)
            monkeypatch.setitem(registry._REGISTRY, contribution.app, replaced)

    return _install


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile(values, 99) == 99
    assert percentile([7.0], 99) == 7.0
    assert percentile([], 95) == 0.0


def test_summary_leaves_out_requests_made_while_users_were_logging_in():
    raw = {
        "logins": [{"done": 10.0, "ok": True}, {"done": 11.0, "ok": True}],
        # [start, ms, ok]: the first sample started before the second login ended
        "samples": [[10.5, 900.0, True], [11.0, 10.0, True], [11.5, 20.0, False], [11.98, 20.0, True]],
    }
    figures = summarise([raw])
    assert figures["requests"] == 3
    assert figures["rps"] == pytest.approx(3 / 1.0)
    assert figures["p99"] == 20.0
    assert figures["errors"] == 1


def test_failed_login_counts_as_an_error():
    raw = {"logins": [{"done": 1.0, "ok": False}], "samples": [[2.0, 5.0, True]]}
    assert summarise([raw])["errors"] == 1
    assert summarise([{"logins": [], "samples": []}])["errors"] == 1


def test_slices_of_one_page_are_pooled():
    first = {"logins": [{"done": 0.0, "ok": True}], "samples": [[0.0, 10.0, True], [0.99, 10.0, True]]}
    second = {"logins": [{"done": 50.0, "ok": True}], "samples": [[50.0, 30.0, True], [50.97, 30.0, False]]}
    figures = summarise([first, second])
    # 4 requests over two 1-second spans; the pause between slices is not counted
    assert figures["rps"] == pytest.approx(2.0)
    assert (figures["p50"], figures["p99"], figures["errors"]) == (10.0, 30.0, 1)


def test_platform_pages_include_home_dashboard_and_document_verification(bidang_seed, db):
    from lpse.models import Dokumen

    d = Dokumen.objects.create(kode="UJI", jenis="Uji", nomor="001/UJI", urut=1, tahun=2026, perihal="uji")
    bidang_seed([])
    collected = {p["path"]: p for p in pages.collect_pages()}
    assert set(collected) >= {"/", "/staf/", f"/dokumen/verifikasi/{d.token}/"}
    assert collected[f"/dokumen/verifikasi/{d.token}/"]["role"] is None


def test_bidang_pages_are_collected_with_callable_paths(bidang_seed, db):
    bidang_seed(
        [
            {"name": "Antrian", "path": lambda: "/staf/registrasi/", "role": roles.REGISTRASI},
            {"name": "Formulir", "path": "/registrasi/", "role": None},
        ]
    )
    collected = {p["name"]: p for p in pages.collect_pages(only="antrian,formulir")}
    assert collected["Antrian"]["path"] == "/staf/registrasi/"
    assert collected["Antrian"]["app"] == "registrasi"
    assert collected["Formulir"]["role"] is None


@pytest.mark.parametrize("budget", [{"p95_ms": 3000}, {"min_ratio": 0.0}, {"p95_ms": 150, "min_ratio": 0.0}])
def test_a_page_with_its_own_budget_is_refused(bidang_seed, budget, db):
    """Issue 14: every page meets the same budget; an exemption in BENCH_PAGES stops the bench."""
    bidang_seed([{"name": "Program kerja", "path": "/staf/", "role": roles.KEPALA_UNIT} | budget])
    with pytest.raises(pages.BenchPageError, match="same budget"):
        pages.collect_pages(only="program")


def test_the_real_bench_pages_declare_no_budget_of_their_own():
    from lpse import registry

    for contribution in registry.contributions():
        for page in getattr(contribution.seed, "BENCH_PAGES", []):
            assert set(page) == pages.PAGE_KEYS, (contribution.app, page["name"])


def test_bench_only_keeps_pages_whose_name_contains_a_word():
    listed = [{"name": "layanan: detail tiket"}, {"name": "sekretariat: statistik"}, {"name": "publik: statistik"}]
    assert [p["name"] for p in pages.selected(listed, "")] == [p["name"] for p in listed]
    assert [p["name"] for p in pages.selected(listed, "DETAIL, publik")] == [
        "layanan: detail tiket",
        "publik: statistik",
    ]


@pytest.mark.parametrize(
    "entry",
    [
        {"name": "Tanpa peran", "path": "/staf/"},
        {"name": "Path relatif", "path": "staf/", "role": roles.LAYANAN},
        {"name": "Peran asing", "path": "/staf/", "role": "Bupati"},
        {"name": "Beranda (/)", "path": "/x/", "role": roles.LAYANAN},  # name taken by the platform
    ],
)
@pytest.mark.django_db
def test_unusable_bench_page_is_refused(bidang_seed, entry):
    bidang_seed([entry])
    with pytest.raises(pages.BenchPageError):
        pages.collect_pages(only=entry["name"])


@pytest.mark.django_db
def test_plan_puts_each_floor_before_its_pages_and_outsiders_on_kepala_unit_floor(bidang_seed, make_user):
    for role in (roles.KEPALA_UNIT, roles.REGISTRASI, roles.PENYEDIA):
        make_user(role, email=demo_email(role))
    bidang_seed(
        [
            {"name": "Antrian", "path": "/staf/registrasi/", "role": roles.REGISTRASI},
            {"name": "Profil penyedia", "path": "/akun/profil/", "role": roles.PENYEDIA},
        ]
    )
    runs = pages.build_plan(only="antrian,profil,beranda,dasbor")["runs"]
    assert [r["name"] for r in runs] == [
        "Nol (Kepala Unit)",
        "Lantai (Kepala Unit)",
        "Beranda (/)",
        "Dasbor staf (/staf/)",
        "Profil penyedia",
        f"Nol ({roles.REGISTRASI})",
        f"Lantai ({roles.REGISTRASI})",
        "Antrian",
    ]
    by_name = {r["name"]: r for r in runs}
    assert by_name["Profil penyedia"]["floor"] == "Lantai (Kepala Unit)"
    assert by_name["Profil penyedia"]["email"] == demo_email(roles.PENYEDIA)
    floor = by_name[f"Lantai ({roles.REGISTRASI})"]
    assert (floor["kind"], floor["zero"], floor["is_floor"]) == ("floor", f"Nol ({roles.REGISTRASI})", True)
    zero = by_name[f"Nol ({roles.REGISTRASI})"]
    assert (zero["kind"], zero["path"], zero["email"]) == ("zero", "/staf/nol/", demo_email(roles.REGISTRASI))


@pytest.mark.django_db
def test_query_count_of_home_does_not_grow_with_announcements(make_user, bidang_seed):
    make_user(roles.KEPALA_UNIT, email=demo_email(roles.KEPALA_UNIT))
    bidang_seed([])
    runs = [r for r in pages.build_plan(only="beranda")["runs"] if r["path"] == "/"]
    PengumumanFactory.create_batch(3)
    few = count_queries(runs, host="testserver")["Beranda (/)"]
    PengumumanFactory.create_batch(30)
    many = count_queries(runs, host="testserver")["Beranda (/)"]
    assert few["status"] == many["status"] == 200
    # user, announcements (session and permissions come from the cache: lpse.auth)
    assert few["queries"] == many["queries"] == 2


def _run(name, *, kind="page", **extra):
    run = {"name": name, "path": "/", "role": roles.KEPALA_UNIT, "kind": kind, "is_floor": kind != "page"}
    return run | {"floor": "Lantai", "zero": "Nol"} | extra


def _figures(rps, p95, errors=0, p50=None):
    return {
        "requests": 100,
        "rps": rps,
        "p50": p95 / 2 if p50 is None else p50,
        "p95": p95,
        "p99": p95,
        "errors": errors,
    }


def test_verdicts_name_each_missed_budget():
    plan = {
        "runs": [
            _run("Nol", kind="zero"),
            _run("Lantai", kind="floor"),
            _run("Cepat"),
            _run("Lambat"),
            _run("Berat"),
            _run("N+1"),
            _run("Tumbuh"),
        ]
    }
    results = {
        "Nol": _figures(400, 10),
        "Lantai": _figures(200, 30),
        "Cepat": _figures(150, 40),
        "Lambat": _figures(150, 120),
        "Berat": _figures(90, 40, errors=2),
        "N+1": _figures(150, 40),
        "Tumbuh": _figures(150, 40, p50=31),
    }
    small_results = {name: _figures(f["rps"], f["p95"], p50=20) for name, f in results.items()}
    load = {"users": 4, "seconds": 20, "results": results, "small_results": small_results}
    small = {name: {"queries": 4, "status": 200} for name in load["results"]}
    volume = small | {"N+1": {"queries": 9, "status": 200}}
    table = {r["run"]["name"]: r for r in report.rows(plan, load, small, volume)}
    assert table["Nol"]["passed"] and table["Nol"]["ratio"] == 1
    assert table["Lantai"]["passed"] and table["Lantai"]["ratio"] == 0.5
    assert table["Cepat"]["passed"] and table["Cepat"]["ratio"] == 0.75
    assert table["Lambat"]["reasons"] == ["p95 ≥ 100 ms", "p50 volume > 1.5× p50 data kecil"]
    assert table["Berat"]["reasons"] == ["2 galat", "rasio < 50% dari lantai"]
    assert table["N+1"]["reasons"] == ["jumlah query tumbuh dengan data"]
    assert table["Tumbuh"]["reasons"] == ["p50 volume > 1.5× p50 data kecil"]
    assert table["Tumbuh"]["growth"] == pytest.approx(1.55)
    text = report.render(plan, load, list(table.values()))
    assert "**Hasil: GAGAL** — 3 dari 7 halaman" in text
    assert "| Cepat | `/` | Kepala Unit | 150.0 | 20 | 40 | 40 | 0 | 75% | 20 | 1.00× | 4 | 4 | — | PASS |" in text
    assert "| Kepala Unit | 400.0 | 200.0 | 50% | PASS |" in text


def test_floor_is_judged_against_the_zero_page():
    plan = {"runs": [_run("Nol", kind="zero"), _run("Lantai", kind="floor")]}
    results = {"Nol": _figures(400, 10), "Lantai": _figures(150, 30)}
    load = {"results": results, "small_results": results}
    counts = {name: {"queries": 2, "status": 200} for name in results}
    floor = report.rows(plan, load, counts, counts)[1]
    assert floor["ratio"] == 0.375
    assert floor["reasons"] == ["rasio < 50% dari nol"]


def test_a_page_without_small_data_timing_fails():
    plan = {"runs": [_run("Nol", kind="zero"), _run("Lantai", kind="floor"), _run("Halaman")]}
    results = {"Nol": _figures(400, 10), "Lantai": _figures(300, 20), "Halaman": _figures(200, 30)}
    load = {"results": results, "small_results": {"Nol": results["Nol"], "Lantai": results["Lantai"]}}
    counts = {name: {"queries": 2, "status": 200} for name in results}
    page = report.rows(plan, load, counts, counts)[2]
    assert page["reasons"] == ["data kecil tidak diukur"]
    assert page["growth"] is None


def test_other_cpu_share_leaves_out_the_harness_itself(monkeypatch):
    from bench import drive

    monkeypatch.setattr(drive.psutil, "cpu_count", lambda: 2)
    before = {"wall": 100.0, "busy": 50.0, "own": 10.0}
    # 10 s on 2 cores = 20 CPU-s; 16 busy, 12 of them ours: others used 4 = 20%
    after = {"wall": 110.0, "busy": 66.0, "own": 22.0}
    assert drive.other_cpu_share(before, after) == pytest.approx(0.2)
    assert drive.other_cpu_share(before, before | {"wall": 110.0, "own": 30.0}) == 0.0


@pytest.mark.django_db
def test_public_page_without_role_is_asked_anonymously_against_kepala_unit_floor(bidang_seed, make_user):
    make_user(roles.KEPALA_UNIT, email=demo_email(roles.KEPALA_UNIT))
    bidang_seed([{"name": "Status publik", "path": "/akun/masuk/", "role": None}])
    runs = {r["name"]: r for r in pages.build_plan(only="status publik")["runs"]}
    public = runs["Status publik"]
    assert (public["email"], public["floor"], public["role"]) == (None, "Lantai (Kepala Unit)", None)
    counted = count_queries([public], host="testserver")["Status publik"]
    assert counted["status"] == 200
    assert counted["queries"] == 0  # nobody logged in: no session, no user


@pytest.mark.django_db
def test_plan_gives_each_staff_login_a_second_factor_code_of_its_own(make_user):
    """Issue 11: staff sign in with two factors, so the bench signs in with a one-time code."""
    from bench.pages import second_factor_codes
    from lpse.otp import has_totp_device, verify_second_factor

    user = make_user(roles.KEPALA_UNIT)
    codes = second_factor_codes({user.email: 3})[user.email]
    assert len(set(codes)) == len(codes) >= 3 and has_totp_device(user)
    assert verify_second_factor(user=user, code=codes[0]) is not None
    assert verify_second_factor(user=user, code=codes[0]) is None  # used once only


@pytest.mark.django_db(transaction=True)
def test_locust_user_signs_in_with_both_factors_and_gets_the_staff_page(live_server, make_user, tmp_path):
    """End to end: the bench's locust user passes the password and the code page as staff do,
    so every page request it makes is a 200 and not a redirect to the code page."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from bench.pages import second_factor_codes
    from lpse.demo import DEMO_PASSWORD

    user = make_user(roles.KEPALA_UNIT, password=DEMO_PASSWORD)
    codes = second_factor_codes({user.email: 2})[user.email]
    out = tmp_path / "run.json"
    env = os.environ | {
        "BENCH_OTP_CODES": ",".join(codes),
        "BENCH_PATH": "/staf/nol/",
        "BENCH_LOGIN_PATH": "/akun/masuk/",
        "BENCH_EMAIL": user.email,
        "BENCH_PASSWORD": DEMO_PASSWORD,
        "BENCH_OUT": str(out),
    }
    locustfile = Path(pages.__file__).with_name("locustfile.py")
    command = [sys.executable, "-m", "locust", "-f", str(locustfile), "--headless", "--users", "2"]
    command += ["--spawn-rate", "2", "--run-time", "4s", "--host", live_server.url, "--only-summary"]
    subprocess.run(command, env=env, capture_output=True, timeout=120, check=False)
    raw = json.loads(out.read_text())
    assert [login["ok"] for login in raw["logins"]] == [True, True]
    assert raw["samples"], "no page request was made"
    assert all(ok for _start, _ms, ok in raw["samples"])
