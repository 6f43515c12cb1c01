"""Figures from the raw samples of one locust run."""

import math


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list (0 for an empty one)."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def summarise(raw: dict) -> dict:
    """Requests/s, latency percentiles (ms) and errors after every user logged in.

    Samples that started before the last user finished logging in are left
    out: until then fewer than all users load the page, and the log-ins'
    password hashing competes with it.
    """
    logins = raw.get("logins", [])
    start = max((login["done"] for login in logins), default=0.0)
    samples = [s for s in raw.get("samples", []) if s[0] >= start]
    failed_logins = sum(1 for login in logins if not login["ok"])
    if not samples:
        return {"requests": 0, "rps": 0.0, "p50": 0.0, "p95": 0.0, "p99": 0.0, "errors": failed_logins or 1}
    first = min(s[0] for s in samples)
    last_end = max(s[0] + s[1] / 1000 for s in samples)
    times = sorted(s[1] for s in samples)
    return {
        "requests": len(samples),
        "rps": len(samples) / max(last_end - first, 1e-9),
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "p99": percentile(times, 99),
        "errors": sum(1 for s in samples if not s[2]) + failed_logins,
    }
