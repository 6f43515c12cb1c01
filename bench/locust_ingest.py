"""Agent posts to the ingest endpoint (issue 5), driven by locust headless.

Configured by the environment (bench/ingest.py sets it): BENCH_INGEST_PLAN (a
JSON file with ``path``, ``tokens``, ``expect`` and ``payload``, the dotted
name of the payload function) and BENCH_OUT, where every post is written as
[start, response ms, ok]. No log-in: each simulated agent sends its own
asset's token as ``Authorization: Bearer …``, as monitoring/agent/lpse_agent.py
does, with a timestamp that always moves forward (the endpoint refuses a
replayed one).
"""

import itertools
import json
import os
import time
from importlib import import_module

import django
from locust import FastHttpUser, constant, events, task

POST = "post"

django.setup()  # the payload function lives in an app's seed module
with open(os.environ["BENCH_INGEST_PLAN"]) as _f:
    PLAN = json.load(_f)
_module, _, _name = PLAN["payload"].rpartition(".")
PAYLOAD = getattr(import_module(_module), _name)
_next_token = itertools.count()

samples: list[tuple[float, float, bool]] = []


class Agent(FastHttpUser):
    """One monitored server posting back to back (no think time)."""

    wait_time = constant(0)

    def on_start(self):
        tokens = PLAN["tokens"]
        self.token = tokens[next(_next_token) % len(tokens)]
        self.last_ts = 0.0

    @task
    def post(self):
        ts = max(time.time(), self.last_ts + 0.001)
        self.last_ts = ts
        with self.client.post(
            PLAN["path"],
            data=PAYLOAD(timestamp=ts),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
            name=POST,
            catch_response=True,
        ) as response:
            if response.status_code != PLAN["expect"]:
                response.failure(f"HTTP {response.status_code}: {(response.text or '')[:200]}")


@events.request.add_listener
def _record(name, response_time, exception, start_time=None, **kwargs):
    if name == POST:
        samples.append((start_time, response_time, exception is None))


@events.quitting.add_listener
def _write(environment, **kwargs):
    with open(os.environ["BENCH_OUT"], "w") as out:
        json.dump({"logins": [], "samples": samples}, out)
