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


def test_platform_pages_carry_issue_2_budget(bidang_seed):
    bidang_seed([])
    collected = {p["path"]: p for p in pages.collect_pages()}
    assert set(collected) >= {"/", "/staf/"}
    assert collected["/staf/"]["p95_ms"] == 100
    assert collected["/staf/"]["min_ratio"] == 0.5


def test_bidang_pages_are_collected_with_callable_paths_and_own_budget(bidang_seed):
    bidang_seed(
        [
            {"name": "Antrian", "path": lambda: "/staf/registrasi/", "role": roles.REGISTRASI, "p95_ms": 150},
            {"name": "Formulir", "path": "/registrasi/", "role": roles.PENYEDIA},
        ]
    )
    collected = {p["name"]: p for p in pages.collect_pages()}
    assert collected["Antrian"]["path"] == "/staf/registrasi/"
    assert collected["Antrian"]["app"] == "registrasi"
    assert (collected["Antrian"]["p95_ms"], collected["Antrian"]["min_ratio"]) == (150, 0.5)
    assert (collected["Formulir"]["p95_ms"], collected["Formulir"]["budget_declared"]) == (100, False)


@pytest.mark.parametrize(
    "entry",
    [
        {"name": "Tanpa peran", "path": "/staf/"},
        {"name": "Path relatif", "path": "staf/", "role": roles.LAYANAN},
        {"name": "Peran asing", "path": "/staf/", "role": "Bupati"},
        {"name": "Beranda (/)", "path": "/x/", "role": roles.LAYANAN},  # name taken by the platform
    ],
)
def test_unusable_bench_page_is_refused(bidang_seed, entry):
    bidang_seed([entry])
    with pytest.raises(pages.BenchPageError):
        pages.collect_pages()


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
    runs = pages.build_plan()["runs"]
    assert [r["name"] for r in runs] == [
        "Lantai (Kepala Unit)",
        "Beranda (/)",
        "Dasbor staf (/staf/)",
        "Profil penyedia",
        f"Lantai ({roles.REGISTRASI})",
        "Antrian",
    ]
    by_name = {r["name"]: r for r in runs}
    assert by_name["Profil penyedia"]["floor"] == "Lantai (Kepala Unit)"
    assert by_name["Profil penyedia"]["email"] == demo_email(roles.PENYEDIA)
    assert by_name[f"Lantai ({roles.REGISTRASI})"]["is_floor"]


@pytest.mark.django_db
def test_query_count_of_home_does_not_grow_with_announcements(make_user, bidang_seed):
    make_user(roles.KEPALA_UNIT, email=demo_email(roles.KEPALA_UNIT))
    bidang_seed([])
    runs = [r for r in pages.build_plan()["runs"] if r["path"] == "/"]
    PengumumanFactory.create_batch(3)
    few = count_queries(runs, host="testserver")["Beranda (/)"]
    PengumumanFactory.create_batch(30)
    many = count_queries(runs, host="testserver")["Beranda (/)"]
    assert few["status"] == many["status"] == 200
    # session, user, user permissions, group permissions, announcements
    assert few["queries"] == many["queries"] == 5


def _run(name, *, floor=False, **budget):
    run = {"name": name, "path": "/", "role": roles.KEPALA_UNIT, "is_floor": floor, "floor": "Lantai"}
    return run | {"p95_ms": 100.0, "min_ratio": 0.5} | budget


def _figures(rps, p95, errors=0):
    return {"requests": 100, "rps": rps, "p50": p95 / 2, "p95": p95, "p99": p95, "errors": errors}


def test_verdicts_name_each_missed_budget():
    plan = {
        "runs": [
            _run("Lantai", floor=True),
            _run("Cepat"),
            _run("Lambat", p95_ms=50),
            _run("Berat"),
            _run("N+1"),
        ]
    }
    load = {
        "users": 4,
        "seconds": 20,
        "results": {
            "Lantai": _figures(200, 30),
            "Cepat": _figures(150, 40),
            "Lambat": _figures(150, 60),
            "Berat": _figures(90, 40, errors=2),
            "N+1": _figures(150, 40),
        },
    }
    small = {name: {"queries": 4, "status": 200} for name in load["results"]}
    volume = small | {"N+1": {"queries": 9, "status": 200}}
    table = {r["run"]["name"]: r for r in report.rows(plan, load, small, volume)}
    assert table["Lantai"]["passed"] and table["Lantai"]["ratio"] == 1
    assert table["Cepat"]["passed"] and table["Cepat"]["ratio"] == 0.75
    assert table["Lambat"]["reasons"] == ["p95 ≥ 50 ms"]
    assert table["Berat"]["reasons"] == ["2 galat", "rasio < 50%"]
    assert table["N+1"]["reasons"] == ["jumlah query tumbuh dengan data"]
    text = report.render(plan, load, list(table.values()))
    assert "**Hasil: GAGAL** — 2 dari 5 halaman" in text
    assert "| Lambat | `/` | Kepala Unit | 150.0 | 30 | 60 | 60 | 0 | 75% | 4 | 4 |" in text


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
    runs = {r["name"]: r for r in pages.build_plan()["runs"]}
    public = runs["Status publik"]
    assert (public["email"], public["floor"], public["role"]) == (None, "Lantai (Kepala Unit)", None)
    counted = count_queries([public], host="testserver")["Status publik"]
    assert counted["status"] == 200
    assert counted["queries"] == 0  # nobody logged in: no session, no user
