"""Drive every page of the plan with locust headless, one page at a time.

``python -m bench.drive PLAN HOST OUT_DIR`` runs ``BENCH_USERS`` users
(default 4) for ``BENCH_SECONDS`` (default 20) on each run of the plan, in
order (each floor right before the pages compared with it), and writes one
``<n>.json`` of raw samples per run plus ``load.json`` with the figures.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.stats import summarise


def drive_one(run: dict, *, plan: dict, host: str, out: Path, users: int, seconds: int) -> dict:
    env = os.environ | {
        "BENCH_PATH": run["path"],
        "BENCH_LOGIN_PATH": plan["login_path"],
        "BENCH_EMAIL": run["email"],
        "BENCH_PASSWORD": plan["password"],
        "BENCH_OUT": str(out.with_suffix(".json")),
    }
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(Path(__file__).with_name("locustfile.py")),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--host",
        host,
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    with out.with_suffix(".log").open("w") as log:
        # locust exits 1 when a request failed; the failures are in the samples.
        subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
    raw = json.loads(out.with_suffix(".json").read_text())
    return summarise(raw)


def main() -> None:
    plan_path, host, out_dir = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    users = int(os.environ.get("BENCH_USERS", "4"))
    seconds = int(os.environ.get("BENCH_SECONDS", "20"))
    plan = json.loads(plan_path.read_text())
    out_dir.mkdir(parents=True, exist_ok=True)
    results = {}
    for n, run in enumerate(plan["runs"], start=1):
        print(f"  [{n}/{len(plan['runs'])}] {run['name']} {run['path']} ({seconds} s, {users} pengguna)", flush=True)
        result = drive_one(run, plan=plan, host=host, out=out_dir / f"{n:02d}", users=users, seconds=seconds)
        print(
            f"        {result['rps']:.1f} req/s, p95 {result['p95']:.0f} ms, galat {result['errors']}",
            flush=True,
        )
        results[run["name"]] = result
    (out_dir / "load.json").write_text(json.dumps({"users": users, "seconds": seconds, "results": results}, indent=2))


if __name__ == "__main__":
    main()
