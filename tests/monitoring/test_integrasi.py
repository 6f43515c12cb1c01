"""Integration: the stdlib agent against a live test server, and a real
Celery worker on Redis running the collection and daily tasks."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from infrastruktur.models import Aset
from monitoring.models import AsetStatus, LaporanHarian, Sampel, TokenAgen
from monitoring.services.metrik import token_create
from tests.infrastruktur.factories import AsetFactory

AGENT = Path(__file__).resolve().parents[2] / "monitoring" / "agent" / "lpse_agent.py"


def _python_without_venv() -> str:
    """The system interpreter, so the test also proves the agent needs only the standard library."""
    return shutil.which("python3", path="/usr/bin:/bin") or sys.executable


def test_agent_posts_to_the_live_server(live_server, transactional_db):
    aset = AsetFactory(nama="Server Basis Data SPSE")
    _, token = token_create(aset=aset)
    url = live_server.url + "/api/infrastruktur/metrik/"
    env = {"PATH": "/usr/bin:/bin", "LPSE_URL": url, "LPSE_TOKEN": token}
    result = subprocess.run(
        [_python_without_venv(), "-I", str(AGENT)], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    series = set(Sampel.objects.filter(aset=aset).values_list("seri", flat=True))
    assert {"ram.pct", "cpu.load1"} <= series and any(s.startswith("disk.pct:") for s in series)
    assert AsetStatus.objects.get(aset=aset).terakhir_data is not None
    assert TokenAgen.objects.get(aset=aset).terakhir_dipakai is not None
    # a wrong token: the agent reports the 401 and exits non-zero
    env["LPSE_TOKEN"] = token.split(".")[0] + ".salah"
    bad = subprocess.run(
        [_python_without_venv(), "-I", str(AGENT)], env=env, capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 1 and "(401)" in bad.stderr


@pytest.fixture
def celery_worker_process(transactional_db):
    """A real ``celery -A lpse worker`` on this run's Redis broker and test database."""
    from lpse.celery import app

    app.control.purge()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "LPSE_TEST_EAGER": "0",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "VAR_DIR": str(settings.VAR_DIR),
    }
    celery = Path(sys.executable).with_name("celery")
    proc = subprocess.Popen(
        [
            str(celery),
            "-A",
            "lpse",
            "worker",
            "--pool",
            "solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "WARNING",
        ],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield proc
    finally:
        app.conf.task_always_eager = eager
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.mark.celery_worker
def test_real_worker_collects_metrics_and_writes_the_daily_report(celery_worker_process):
    from celery.result import EagerResult
    from django_celery_results.models import TaskResult

    from monitoring.tasks import collect_local, daily_report

    started = time.monotonic()
    result = collect_local.delay()
    assert not isinstance(result, EagerResult)
    n = result.get(timeout=90)
    assert n > 0, celery_worker_process
    aset = Aset.objects.get(host_lokal=True)
    assert Sampel.objects.filter(aset=aset, seri="ram.pct").exists()
    pk = daily_report.delay().get(timeout=120)
    laporan = LaporanHarian.objects.get(pk=pk)
    assert laporan.tanggal == timezone.localdate() and laporan.dokumen.pdf
    assert any(a["nama"] == aset.nama for a in laporan.data["aset"])
    assert TaskResult.objects.filter(task_id=result.id, status="SUCCESS").exists()  # written by the worker
    assert time.monotonic() - started < 200
