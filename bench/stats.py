"""Figures from the raw samples of one locust run."""

import math


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list (0 for an empty one)."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def _window(raw: dict) -> tuple[list, int, float]:
    """Samples of one slice after every user logged in, failed log-ins, and
    the slice's measured span in seconds."""
    logins = raw.get("logins", [])
    start = max((login["done"] for login in logins), default=0.0)
    samples = [s for s in raw.get("samples", []) if s[0] >= start]
    failed_logins = sum(1 for login in logins if not login["ok"])
    if not samples:
        return [], failed_logins or 1, 0.0
    span = max(s[0] + s[1] / 1000 for s in samples) - min(s[0] for s in samples)
    return samples, failed_logins, span


def summarise(raws: list[dict]) -> dict:
    """Requests/s, latency percentiles (ms) and errors over the slices of one page.

    In each slice, samples that started before the last user finished logging
    in are left out: until then fewer than all users load the page, and the
    log-ins' password hashing competes with it. Requests/s is all requests
    over the sum of the slices' spans.
    """
    samples, errors, span = [], 0, 0.0
    for raw in raws:
        kept, failed, seconds = _window(raw)
        samples += kept
        errors += failed
        span += seconds
    if not samples:
        return {"requests": 0, "rps": 0.0, "p50": 0.0, "p95": 0.0, "p99": 0.0, "errors": errors or 1}
    times = sorted(s[1] for s in samples)
    return {
        "requests": len(samples),
        "rps": len(samples) / max(span, 1e-9),
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "p99": percentile(times, 99),
        "errors": errors + sum(1 for s in samples if not s[2]),
    }
