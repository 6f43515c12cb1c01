"""Drive every page of the plan with locust headless, one page at a time.

``python -m bench.drive PLAN HOST OUT_DIR [SMALL_PLAN SMALL_HOST]`` runs
``BENCH_USERS`` users (default 4) for ``BENCH_SECONDS`` (default 20) on each
run of the plan, split into ``BENCH_ROUNDS`` (default 4) slices taken in turn,
in plan order (each zero and floor right before the pages compared with them);
it writes the raw samples of each slice and ``load.json`` with the figures.
With a second plan and server (the small data set), each slice of a run is
followed by the same run's slice on the small data, so both see the same
weather on a shared machine; their figures go to ``small_results``.
With ``BENCH_QUIET_WAIT=<s>`` each run first waits up to that long for other
processes to leave the CPU less than half busy.
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import psutil

from bench.stats import summarise


def run_locust(locustfile: str, *, env: dict, host: str, out: Path, users: int, seconds: int):
    """Run one headless locust of ``bench/<locustfile>``; its samples, and the CPU snapshots around it.

    The locustfile writes its samples to ``BENCH_OUT`` (``out`` with .json); the
    summary goes to ``out`` with .log. locust exits 1 when a request failed;
    the failures are in the samples.
    """
    command = [
        sys.executable, "-m", "locust", "-f", str(Path(__file__).with_name(locustfile)), "--headless",
        "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s", "--host", host,
        "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    before = cpu_snapshot()
    with out.with_suffix(".log").open("w") as log:
        subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
    after = cpu_snapshot()
    return json.loads(out.with_suffix(".json").read_text()), before, after


def _take_codes(plan: dict, email: str | None, count: int) -> str:
    """``count`` unused one-time second-factor codes of ``email`` from the plan (bench/pages.py)."""
    if not email:
        return ""
    pool = plan.get("otp_codes", {}).get(email, [])
    taken, plan["otp_codes"][email] = pool[:count], pool[count:]
    return ",".join(taken)


def drive_one(run: dict, *, plan: dict, host: str, out: Path, users: int, seconds: int) -> dict:
    env = os.environ | {
        "BENCH_OTP_CODES": _take_codes(plan, run["email"], users),
        "BENCH_PATH": run["path"],
        "BENCH_LOGIN_PATH": plan["login_path"],
        "BENCH_EMAIL": run["email"] or "",  # empty: a public page, no log-in
        "BENCH_PASSWORD": plan["password"],
        "BENCH_OUT": str(out.with_suffix(".json")),
    }
    raw, before, after = run_locust("locustfile.py", env=env, host=host, out=out, users=users, seconds=seconds)
    return raw | {"other_cpu": other_cpu_share(before, after), "wall": after["wall"] - before["wall"]}


def _own_cpu_seconds() -> float:
    """CPU seconds of the harness: gunicorn and its workers, the PostgreSQL
    backends of the bench database, and finished children (locust)."""
    total = 0.0
    procs = []
    for pid in os.environ.get("BENCH_GUNICORN_PID", "").split():
        try:
            main = psutil.Process(int(pid))
            procs += [main, *main.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
    databases = os.environ.get("BENCH_DB", "lpse_bench").split()
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        if cmdline.startswith("postgres:") and any(f" {database} " in cmdline for database in databases):
            procs.append(proc)
    for proc in procs:
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return total + children.ru_utime + children.ru_stime


def cpu_snapshot() -> dict:
    times = psutil.cpu_times()
    return {
        "wall": time.monotonic(),
        "busy": sum(times) - times.idle - getattr(times, "iowait", 0.0),
        "own": _own_cpu_seconds(),
    }


def other_cpu_share(before: dict, after: dict) -> float:
    """Share of the machine's CPU (0–1) that processes outside the harness used:
    other people's work competing with the measured page."""
    capacity = (after["wall"] - before["wall"]) * (psutil.cpu_count() or 1)
    others = (after["busy"] - before["busy"]) - (after["own"] - before["own"])
    return min(max(others / capacity, 0.0), 1.0) if capacity > 0 else 0.0


def wait_for_quiet(*, max_wait: float, threshold: float = 0.5) -> float:
    """On a shared machine, wait (up to ``max_wait`` s) until the CPU is less
    than ``threshold`` busy between runs; return the last busy share seen."""
    deadline = time.monotonic() + max_wait
    while True:
        busy = psutil.cpu_percent(interval=1.0) / 100
        if busy < threshold or time.monotonic() >= deadline:
            return busy


def _report(label: str, raw: dict) -> None:
    figures = summarise([raw])
    print(
        f"    {label:<48} {figures['rps']:7.1f} req/s  p50 {figures['p50']:5.0f} ms  p95 {figures['p95']:5.0f} ms  "
        f"galat {figures['errors']}  CPU proses lain {raw['other_cpu']:.0%}",
        flush=True,
    )


def _results(slices: dict[str, list[dict]]) -> dict[str, dict]:
    results = {}
    for name, raws in slices.items():
        wall = sum(raw["wall"] for raw in raws) or 1e-9
        results[name] = summarise(raws) | {"other_cpu": sum(raw["other_cpu"] * raw["wall"] for raw in raws) / wall}
    return results


def main() -> None:
    plan_path, host, out_dir = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    small_plan = json.loads(Path(sys.argv[4]).read_text()) if len(sys.argv) > 5 else None
    small_host = sys.argv[5] if small_plan else None
    users = int(os.environ.get("BENCH_USERS", "4"))
    seconds = int(os.environ.get("BENCH_SECONDS", "20"))
    rounds = max(1, int(os.environ.get("BENCH_ROUNDS", "4")))
    quiet_wait = float(os.environ.get("BENCH_QUIET_WAIT", "0"))
    plan = json.loads(plan_path.read_text())
    small_runs = {run["name"]: run for run in small_plan["runs"]} if small_plan else {}
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "small").mkdir(exist_ok=True)
    slices: dict[str, list[dict]] = {run["name"]: [] for run in plan["runs"]}
    small_slices: dict[str, list[dict]] = {name: [] for name in slices if name in small_runs}
    # Each page gets BENCH_SECONDS in BENCH_ROUNDS slices, taken in turn with
    # its floor: when other processes come and go on a shared machine, floor
    # and page see the same weather and their ratio stays fair.
    for r in range(1, rounds + 1):
        print(f"  Putaran {r}/{rounds}", flush=True)
        for n, run in enumerate(plan["runs"], start=1):
            if quiet_wait:
                wait_for_quiet(max_wait=quiet_wait)
            raw = drive_one(
                run, plan=plan, host=host, out=out_dir / f"{n:02d}-{r}", users=users, seconds=seconds // rounds
            )
            slices[run["name"]].append(raw)
            _report(run["name"], raw)
            small_run = small_runs.get(run["name"])
            if small_run is not None:
                raw = drive_one(
                    small_run,
                    plan=small_plan,
                    host=small_host,
                    out=out_dir / "small" / f"{n:02d}-{r}",
                    users=users,
                    seconds=seconds // rounds,
                )
                small_slices[run["name"]].append(raw)
                _report("  (data kecil)", raw)
    (out_dir / "load.json").write_text(
        json.dumps(
            {
                "users": users,
                "seconds": seconds,
                "rounds": rounds,
                "results": _results(slices),
                "small_results": _results(small_slices),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
