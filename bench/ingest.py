"""Ingest throughput (issue 5): agent posts per second the endpoint sustains.

An app declares its ingest endpoint in ``<app>/seed.py`` as ``BENCH_INGEST =
{"name", "path", "tokens", "payload", "expect"}`` (``tokens`` a zero-arg
callable evaluated after seeding, ``payload(timestamp=...)`` returning the
body; optional ``min_rps`` and ``p95_ms`` budget keys).

``python -m bench.ingest HOST OUT_DIR`` (Django settings from the environment)
drives each declared endpoint with locust at every concurrency of
``BENCH_INGEST_USERS`` (default "4 8 16") for ``BENCH_INGEST_SECONDS`` each
(default 20) and writes ``OUT_DIR/ingest.json``. An endpoint meets its budget
when at least one concurrency reaches ``min_rps`` with p95 under ``p95_ms`` and
no error: that concurrency is the rate the endpoint sustains within its latency.
"""

import json
import os
import sys
from pathlib import Path

from bench.drive import other_cpu_share, run_locust
from bench.stats import summarise

# Issue 5: at least 300 posts/s on the 2-core benchmark machine, p95 < 50 ms.
DEFAULT_MIN_RPS = 300.0
DEFAULT_P95_MS = 50.0


class BenchIngestError(ValueError):
    """A BENCH_INGEST declaration the harness cannot use."""


def collect_endpoints() -> list[dict]:
    """Every BENCH_INGEST of the bidang apps, with tokens evaluated and budget filled in."""
    from lpse import registry

    endpoints = []
    for contribution in registry.contributions():
        app = contribution.app
        spec = getattr(contribution.seed, "BENCH_INGEST", None)
        if spec is None:
            continue
        missing = {"name", "path", "tokens", "payload", "expect"} - set(spec)
        if missing:
            raise BenchIngestError(f"{app}: BENCH_INGEST lacks {sorted(missing)}")
        tokens = spec["tokens"]() if callable(spec["tokens"]) else list(spec["tokens"])
        if not tokens:
            raise BenchIngestError(f"{app}: BENCH_INGEST has no tokens (was seed_volume run?)")
        payload = spec["payload"]
        endpoints.append(
            {
                "name": str(spec["name"]),
                "app": app,
                "path": spec["path"],
                "tokens": tokens,
                "payload": f"{payload.__module__}.{payload.__qualname__}",
                "expect": int(spec["expect"]),
                "min_rps": float(spec.get("min_rps", DEFAULT_MIN_RPS)),
                "p95_ms": float(spec.get("p95_ms", DEFAULT_P95_MS)),
            }
        )
    return endpoints


def user_ladder(text: str, tokens: int) -> list[int]:
    """Concurrencies to try, ascending, each at most one per token (a token's
    timestamps must increase, so two agents cannot share one)."""
    wanted = sorted({int(n) for n in text.replace(",", " ").split() if int(n) > 0})
    return sorted({min(n, tokens) for n in wanted}) or [min(4, tokens)]


def step_passes(step: dict, endpoint: dict) -> bool:
    return step["errors"] == 0 and step["rps"] >= endpoint["min_rps"] and step["p95"] < endpoint["p95_ms"]


def verdict(result: dict) -> dict:
    """PASS when one concurrency met the budget; else the reasons of the best try."""
    steps = result.get("steps", [])
    if result.get("error"):
        return {"passed": False, "reasons": [result["error"]], "best": None}
    if not steps:
        return {"passed": False, "reasons": ["tidak ada pengukuran"], "best": None}
    good = [s for s in steps if step_passes(s, result)]
    if good:
        return {"passed": True, "reasons": [], "best": max(good, key=lambda s: s["rps"])}
    best = max(steps, key=lambda s: s["rps"])
    reasons = []
    if best["errors"]:
        reasons.append(f"{best['errors']} galat")
    if best["rps"] < result["min_rps"]:
        reasons.append(f"paling tinggi {best['rps']:.0f} kiriman/s < {result['min_rps']:g}")
    if best["p95"] >= result["p95_ms"]:
        reasons.append(f"p95 ≥ {result['p95_ms']:g} ms pada {best['users']} pengguna")
    slow = [s for s in steps if s["rps"] >= result["min_rps"] and s["p95"] >= result["p95_ms"]]
    if slow:
        reasons.append(f"{slow[0]['rps']:.0f} kiriman/s tercapai hanya dengan p95 {slow[0]['p95']:.0f} ms")
    return {"passed": False, "reasons": reasons, "best": best}


def drive_step(endpoint: dict, *, host: str, out: Path, users: int, seconds: int) -> dict:
    plan_file = out.with_suffix(".plan.json")
    plan_file.write_text(json.dumps(endpoint))
    env = os.environ | {"BENCH_INGEST_PLAN": str(plan_file), "BENCH_OUT": str(out.with_suffix(".json"))}
    raw, before, after = run_locust("locust_ingest.py", env=env, host=host, out=out, users=users, seconds=seconds)
    return summarise([raw]) | {"users": users, "other_cpu": other_cpu_share(before, after)}


def main() -> None:
    import django

    django.setup()
    host, out_dir = sys.argv[1], Path(sys.argv[2])
    seconds = int(os.environ.get("BENCH_INGEST_SECONDS", "20"))
    ladder_text = os.environ.get("BENCH_INGEST_USERS", "4 8 16")
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for n, endpoint in enumerate(collect_endpoints(), start=1):
        steps = []
        for users in user_ladder(ladder_text, len(endpoint["tokens"])):
            step = drive_step(endpoint, host=host, out=out_dir / f"{n:02d}-{users}u", users=users, seconds=seconds)
            steps.append(step)
            print(
                f"    {endpoint['name']:<40} {users:3d} pengguna {step['rps']:7.1f} kiriman/s  "
                f"p95 {step['p95']:5.0f} ms  galat {step['errors']}  CPU proses lain {step['other_cpu']:.0%}",
                flush=True,
            )
        public = {k: v for k, v in endpoint.items() if k != "tokens"} | {"token_count": len(endpoint["tokens"])}
        results.append(public | {"seconds": seconds, "steps": steps})
    (out_dir / "ingest.json").write_text(json.dumps({"endpoints": results}, indent=2))


if __name__ == "__main__":
    main()
