"""Processes of a small cluster on loopback, for tests/cluster.

A private PostgreSQL (initdb in a temp dir) and Redis on free ports — never
the shared servers on 5432/6379, which other runs use — two gunicorn servers
behind a real nginx, two Celery workers and beat, all with production
settings (``DEBUG=0``). Every process runs in its own session so it can be
stopped, or SIGKILLed with its children, on purpose.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PG_BIN = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1])
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, *, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = predicate()
        except Exception:  # noqa: BLE001 - not up yet
            result = None
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"Tidak terjadi dalam {timeout:.0f} detik: {what}")


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


class Proc:
    """A child process with its own log file and process group."""

    def __init__(self, name: str, args: list[str], *, env: dict, logdir: Path, user: str | None = None):
        self.name = name
        self.log_path = logdir / f"{name}.log"
        self.log = self.log_path.open("ab")
        if user and os.geteuid() == 0:
            args = ["runuser", "-u", user, "--", *args]
        self.popen = subprocess.Popen(
            args, cwd=BASE_DIR, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def signal(self, sig) -> None:
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, sig)

    def stop(self, timeout: float = 20) -> None:
        self.signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
        self.log.close()

    def kill(self) -> None:
        """SIGKILL the whole group: the main process and its pool children."""
        self.signal(signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=10)

    def text(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")


class PrivatePostgres:
    def __init__(self, root: Path):
        self.dir = root / "pg"
        self.sock = root / "pgsock"
        self.port = free_port()
        self.logdir = root
        for d in (self.dir, self.sock):
            d.mkdir()
            if os.geteuid() == 0:
                shutil.chown(d, "postgres", "postgres")
        self._run([str(PG_BIN / "initdb"), "-D", str(self.dir), "-U", "postgres", "--auth=trust", "-E", "UTF8"])
        with (self.dir / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.sock}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 60\n"
            )
        self.proc: Proc | None = None

    def _run(self, args):
        if os.geteuid() == 0:
            args = ["runuser", "-u", "postgres", "--", *args]
        subprocess.run(args, check=True, capture_output=True, env={**os.environ, "LC_ALL": "C.UTF-8"})

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/lpse"

    def start(self) -> None:
        self.proc = Proc(
            "postgres",
            [str(PG_BIN / "postgres"), "-D", str(self.dir)],
            env=dict(os.environ),
            logdir=self.logdir,
            user="postgres",
        )
        wait_until(lambda: port_open(self.port), timeout=30, what="PostgreSQL pribadi menerima koneksi")
        wait_until(
            lambda: (
                subprocess.run(
                    [str(PG_BIN / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)], capture_output=True
                ).returncode
                == 0
            ),
            timeout=30,
            what="pg_isready",
        )

    def stop(self) -> None:
        if self.proc:
            self.proc.signal(signal.SIGINT)  # fast shutdown: ends the sessions, as a restart does
            self.proc.popen.wait(timeout=30)
            self.proc.log.close()
            self.proc = None

    def createdb(self, name: str) -> None:
        subprocess.run(
            [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name], check=True
        )

    def sql(self, query: str) -> list[tuple]:
        import psycopg2

        conn = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="lpse", connect_timeout=5)
        try:
            with conn, conn.cursor() as cur:
                cur.execute(query)
                return cur.fetchall() if cur.description else []
        finally:
            conn.close()


class PrivateRedis:
    def __init__(self, root: Path):
        self.port = free_port()
        self.logdir = root
        self.dir = root / "redis"
        self.dir.mkdir()
        self.proc: Proc | None = None

    def start(self) -> None:
        self.proc = Proc(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            env=dict(os.environ),
            logdir=self.logdir,
        )
        wait_until(lambda: port_open(self.port), timeout=20, what="Redis pribadi")

    def stop(self) -> None:
        if self.proc:
            self.proc.stop()
            self.proc = None


NGINX_CONF = """
worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log warn;
{user}
events {{ worker_connections 256; }}
http {{
    access_log {root}/nginx-access.log;
    client_body_temp_path {root}/nginx-body;
    proxy_temp_path {root}/nginx-proxy;
    fastcgi_temp_path {root}/nginx-fcgi;
    uwsgi_temp_path {root}/nginx-uwsgi;
    scgi_temp_path {root}/nginx-scgi;
    client_max_body_size 40m;
    upstream portal {{
        # A server that refuses connections is skipped for 10 s; a request
        # it never received is passed to the other (POST included: it was
        # not sent, so it cannot be doubled).
        server 127.0.0.1:{web1} max_fails=1 fail_timeout=10s;
        server 127.0.0.1:{web2} max_fails=1 fail_timeout=10s;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://portal;
            proxy_next_upstream error timeout;
            proxy_connect_timeout 2s;
            proxy_read_timeout 120s;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto http;
        }}
    }}
}}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise RuntimeError("nginx tidak terpasang (make test memasangnya: paket Debian nginx)")
    return found
