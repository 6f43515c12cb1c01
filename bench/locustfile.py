"""One benchmark page, driven by logged-in users (locust headless).

Configured by the environment (bench/drive.py sets it): BENCH_PATH,
BENCH_LOGIN_PATH, BENCH_EMAIL (empty: anonymous), BENCH_PASSWORD and BENCH_OUT, where every page
request is written as [start, response ms, ok] together with the time each
user finished logging in, so the report can leave the log-in phase out.
"""

import json
import os
import re
import time

from locust import FastHttpUser, constant, events, task

PAGE = "page"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

samples: list[tuple[float, float, bool]] = []
logins: list[dict] = []


class PortalUser(FastHttpUser):
    """Logs in through the real login form (with its CSRF token), then asks for
    the page back to back: a closed loop with no think time."""

    wait_time = constant(0)

    def on_start(self):
        if not os.environ["BENCH_EMAIL"]:  # a public page: anonymous visitors
            logins.append({"done": time.time(), "ok": True})
            return
        login_path = os.environ["BENCH_LOGIN_PATH"]
        form = self.client.get(login_path, name="login-form")
        match = CSRF_INPUT.search(form.text or "")
        ok = False
        if match:
            response = self.client.post(
                login_path,
                data={
                    "csrfmiddlewaretoken": match.group(1),
                    "username": os.environ["BENCH_EMAIL"],
                    "password": os.environ["BENCH_PASSWORD"],
                },
                headers={"Referer": self.host + login_path},
                name="login",
                allow_redirects=False,
            )
            ok = response.status_code == 302 and "masuk" not in response.headers.get("Location", "")
        logins.append({"done": time.time(), "ok": ok})

    @task
    def page(self):
        with self.client.get(
            os.environ["BENCH_PATH"], name=PAGE, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


@events.request.add_listener
def _record(name, response_time, exception, start_time=None, **kwargs):
    if name == PAGE:
        samples.append((start_time, response_time, exception is None))


@events.quitting.add_listener
def _write(environment, **kwargs):
    with open(os.environ["BENCH_OUT"], "w") as out:
        json.dump({"logins": logins, "samples": samples}, out)
