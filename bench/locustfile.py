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
# One-time second-factor codes, one per locust user (bench/pages.py second_factor_codes).
otp_codes = [c for c in os.environ.get("BENCH_OTP_CODES", "").split(",") if c]


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
            location = response.headers.get("Location", "")
            if response.status_code == 302 and "verifikasi-dua-langkah" not in location:
                # The sign-in form sends everyone on; the page behind it holds a staff
                # session that still owes its second factor (issue 11) and redirects there.
                after = self.client.get(location or "/", name="after-login", allow_redirects=False)
                if after.status_code == 302 and "verifikasi-dua-langkah" in after.headers.get("Location", ""):
                    location = after.headers["Location"]
            if response.status_code == 302 and "verifikasi-dua-langkah" in location:
                location = self._second_factor(location)
            ok = response.status_code == 302 and "masuk" not in location and "dua-langkah" not in location
        logins.append({"done": time.time(), "ok": ok})

    def _second_factor(self, path: str) -> str:
        """Staff sign in with two factors (issue 11): answer the code page as a person would."""
        form = self.client.get(path, name="otp-form")
        match = CSRF_INPUT.search(form.text or "")
        if not match or not otp_codes:
            return path
        response = self.client.post(
            path,
            data={"csrfmiddlewaretoken": match.group(1), "kode": otp_codes.pop()},
            headers={"Referer": self.host + path},
            name="otp",
            allow_redirects=False,
        )
        return response.headers.get("Location", "") if response.status_code == 302 else path

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
