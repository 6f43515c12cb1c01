"""SQL queries per benchmark page, counted with Django's test client.

Run as ``python -m bench.queries`` against the small and against the volume
database; the report requires the two counts of every page to be equal (a
page whose query count grows with the data has an N+1 somewhere).

Each page is requested twice as the page's demo user and the second request
is counted: that is the steady state the load test measures (caches such as
the urgent-announcement banner are warm). The whole-page cache
(``lpse.pagecache``) is off here: what is counted, and timed as
``render_ms`` (the median of three uncached renders), is the work a page does
whenever the rows behind it have changed, which must not grow with the data.
"""

import json
import sys


def count_queries(runs: list[dict], *, host: str = "127.0.0.1") -> dict[str, dict]:
    """{run name: {"queries": n, "status": http status}} for each run of the plan."""
    import statistics
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from lpse import otp
    from lpse.models import User

    with override_settings(PAGE_CACHE=False):  # the uncached render is what is counted
        clients: dict[str, Client] = {}
        results = {}
        for run in runs:
            client = clients.get(run["role"])
            if client is None:
                client = clients[run["role"]] = Client(HTTP_HOST=host)
                if run["email"]:  # no e-mail: a public page, asked anonymously
                    client.force_login(User.objects.get(email=run["email"]))
                    # A finished sign-in, second factor included (lpse/otp.py), as the locust users
                    # reach it through the form; without it every staff page counts a redirect.
                    session = client.session
                    session[otp.REQUIRED_KEY] = True
                    session[otp.VERIFIED_KEY] = "bench"
                    session.save()
            client.get(run["path"])
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(run["path"])
            captured = list(ctx.captured_queries)  # the next request_started empties the log
            timings = []
            for _ in range(3):
                started = time.perf_counter()
                client.get(run["path"])
                timings.append((time.perf_counter() - started) * 1000)
            results[run["name"]] = {
                "render_ms": statistics.median(timings),
                "queries": len(captured),
                "status": response.status_code,
                "sql": [q["sql"][:300] for q in captured],
            }
    return results


def main() -> None:
    import os

    import django

    django.setup()
    from bench.pages import build_plan

    plan = build_plan(only=os.environ.get("BENCH_ONLY", ""))
    json.dump(count_queries(plan["runs"], host=os.environ.get("BENCH_HOST", "127.0.0.1")), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
