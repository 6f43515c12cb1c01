"""Staff pages of the backup SOP (Pasal 18): progress, start by hand, forms, query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from backup.models import BackupPolicy, BackupRun, BackupSource, MediaBackup, MediaCopy
from backup.panel import backup_panel_context
from lpse import roles
from tests.backup import support
from tests.infrastruktur.factories import medium_create

pytestmark = pytest.mark.django_db
backup_settings = support.backup_settings


def _sources_and_runs(n):
    start = BackupSource.objects.count()
    for i in range(start, start + n):
        source = BackupSource.objects.create(nama=f"Dir {i}", slug=f"dir-{i}", jenis="direktori", path=f"/srv/d{i}")
        BackupRun.objects.create(
            sumber=source,
            status="berhasil",
            verifikasi_ok=True,
            sha256="a" * 64,
            arsip=f"dir-{i}/x.lpsebak",
            mulai=timezone.now(),
            selesai=timezone.now(),
        )
        BackupRun.objects.create(sumber=source, status="gagal", pesan="uji")
        medium = medium_create(label=f"USB {i}", kapasitas_gb=64)
        MediaCopy.objects.create(
            medium=medium,
            disalin_pada=timezone.now(),
            lokasi_simpan="Brankas",
            terpisah_dari_ruang_server=True,
            status="gagal" if i % 2 else "berhasil",
        )


@pytest.mark.parametrize("name", ["backup:index", "backup:media"])
def test_backup_pages_query_count_does_not_grow(client_as, django_assert_max_num_queries, name):
    client = client_as(roles.ADMIN_SISTEM)
    _sources_and_runs(3)
    with django_assert_max_num_queries(30) as small:
        assert client.get(reverse(name)).status_code == 200
    _sources_and_runs(27)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse(name)).status_code == 200


def test_panel_context_query_count_is_constant(django_assert_num_queries, db):
    _sources_and_runs(3)
    # sources (annotated), their runs, policy, last off-site copy, media whose last copy failed
    with django_assert_num_queries(5):
        small = backup_panel_context()
    _sources_and_runs(27)
    with django_assert_num_queries(5):
        big = backup_panel_context()
    assert len(big["sources"]) > len(small["sources"])


def test_start_by_hand_queues_one_run_and_refuses_a_second(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    source = BackupSource.objects.get(slug="portal-media")
    response = client.post(reverse("backup:jalankan", args=[source.pk]))
    run = BackupRun.objects.get(sumber=source)
    assert response["Location"] == reverse("backup:run", args=[run.pk])
    assert run.dimulai_oleh == client.user and run.status == "antri"
    response = client.post(reverse("backup:jalankan", args=[source.pk]), follow=True)
    assert "sedang menunggu" in response.content.decode()
    assert BackupRun.objects.filter(sumber=source).count() == 1


def test_progress_fragment_polls_while_running_and_stops_after(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    source = BackupSource.objects.get(slug="portal-db")
    run = BackupRun.objects.create(sumber=source, status="berjalan", fase="dump", bytes_selesai=5 * 1024 * 1024)
    url = reverse("backup:progres", args=[run.pk])
    response = client.get(url, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'data-hx-trigger="every 2s"' in body and "Membuat arsip" in body and "5,0" in body
    assert "HX-Refresh" not in response
    BackupRun.objects.filter(pk=run.pk).update(status="gagal", pesan="Ruang disk penuh")
    response = client.get(url, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "data-hx-trigger" not in body and "Ruang disk penuh" in body
    # The page around the fragment still shows the running run: it is reloaded once.
    assert response["HX-Refresh"] == "true"


def test_source_form_rejects_bad_path_with_400(client_as):
    client = client_as(roles.KABID_ADMIN_SISTEM)
    response = client.post(
        reverse("backup:sumber-tambah"),
        {"nama": "Konfigurasi", "slug": "konfigurasi", "jenis": "direktori", "path": "etc/spse", "port": 5432},
    )
    assert response.status_code == 400
    assert "Path harus absolut" in response.content.decode()
    assert not BackupSource.objects.filter(slug="konfigurasi").exists()


def test_source_form_never_asks_for_a_password(client_as, tmp_path):
    client = client_as(roles.ADMIN_SISTEM)
    body = client.get(reverse("backup:sumber-tambah")).content.decode()
    assert 'type="password"' not in body
    response = client.post(
        reverse("backup:sumber-tambah"),
        {
            "nama": "SPSE",
            "slug": "spse",
            "jenis": "postgres",
            "host": "10.0.0.5",
            "port": 5432,
            "nama_db": "epns",
            "pengguna": "epns",
            "password_env": "SPSE_DB_PASSWORD",
            "aktif": "on",
        },
    )
    assert response.status_code == 302
    assert BackupSource.objects.get(slug="spse").password_env == "SPSE_DB_PASSWORD"


def test_policy_form_edits_retention_and_rejects_zero_daily(client_as):
    client = client_as(roles.KABID_ADMIN_SISTEM)
    url = reverse("backup:kebijakan")
    response = client.post(url, {"harian": 0, "mingguan": 4, "bulanan": 12, "hari_offsite": 7})
    assert response.status_code == 400
    response = client.post(url, {"harian": 10, "mingguan": 5, "bulanan": 24, "hari_offsite": 3})
    assert response.status_code == 302
    policy = BackupPolicy.current()
    assert (policy.harian, policy.mingguan, policy.bulanan, policy.hari_offsite) == (10, 5, 24, 3)


def test_reading_the_policy_writes_nothing(client_as):
    """The dashboard and the policy page show the defaults without creating the row; saving creates it."""
    client = client_as(roles.KABID_ADMIN_SISTEM)
    BackupPolicy.objects.all().delete()
    assert client.get(reverse("backup:index")).status_code == 200
    assert client.get(reverse("backup:kebijakan")).status_code == 200
    assert not BackupPolicy.objects.exists()
    assert BackupPolicy.current().harian == 7
    client.post(reverse("backup:kebijakan"), {"harian": 7, "mingguan": 4, "bulanan": 12, "hari_offsite": 7})
    assert BackupPolicy.objects.filter(pk=1).exists()


def test_media_form_registers_a_medium_and_rejects_bad_capacity(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    url = reverse("backup:media")
    assert client.post(url, {"label": "USB-A", "kapasitas_gb": "banyak", "enkripsi": "luks"}).status_code == 400
    response = client.post(
        url, {"label": "USB-A", "serial": "SN1", "kapasitas_gb": 128, "enkripsi": "luks", "aktif": "on"}
    )
    assert response.status_code == 302
    assert MediaBackup.objects.get(label="USB-A").kapasitas_gb == 128


def test_daily_backup_is_scheduled_at_01_wib_and_weekly_recheck():
    task = PeriodicTask.objects.select_related("crontab").get(task="infrastruktur.backup.tasks.backup_all")
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == ("1", "0", "Asia/Jakarta")
    weekly = PeriodicTask.objects.select_related("crontab").get(
        task="infrastruktur.backup.tasks.backup_recheck_retained"
    )
    assert weekly.crontab.day_of_week == "0"


def test_panel_turns_red_when_rules_are_broken(db):
    context = backup_panel_context()
    text = " ".join(context["warnings"])
    assert "belum ada backup yang berhasil" in text
    assert "Belum pernah ada salinan" in text
    medium = medium_create(label="USB-K", kapasitas_gb=32)
    MediaCopy.objects.create(
        medium=medium,
        disalin_pada=timezone.now() - timedelta(days=8),
        lokasi_simpan="Brankas",
        terpisah_dari_ruang_server=True,
        status="berhasil",
    )
    text = " ".join(backup_panel_context()["warnings"])
    assert "selama 8 hari" in text
    MediaCopy.objects.create(
        medium=medium,
        disalin_pada=timezone.now(),
        lokasi_simpan="Brankas",
        terpisah_dari_ruang_server=True,
        status="gagal",
    )
    context = backup_panel_context()
    text = " ".join(context["warnings"])
    assert "USB-K gagal verifikasi" in text and "selama 8 hari" in text


def _detail_objects(n):
    """A run with n prune logs and history rows, a copy holding n runs, n successful runs."""
    source = BackupSource.objects.create(
        nama=f"Detail {BackupSource.objects.count()}",
        slug=f"detail-{BackupSource.objects.count()}",
        jenis="direktori",
        path="/srv/x",
    )
    runs = [
        BackupRun.objects.create(
            sumber=source,
            status="berhasil",
            verifikasi_ok=True,
            sha256="d" * 64,
            arsip=f"detail/{i}.lpsebak",
            mulai=timezone.now(),
            selesai=timezone.now(),
            manifest={"tables": {f"public.t{j}": j for j in range(n)}},
        )
        for i in range(n)
    ]
    for run in runs:
        run.prune_logs.create(arsip=run.arsip, alasan="uji")
    medium = medium_create(label=f"USB-D{MediaBackup.objects.count()}", kapasitas_gb=8)
    copy = MediaCopy.objects.create(
        medium=medium,
        disalin_pada=timezone.now(),
        lokasi_simpan="Brankas",
        terpisah_dari_ruang_server=True,
        status="berhasil",
    )
    copy.runs.set(runs)
    return runs[0], copy


@pytest.mark.parametrize(
    "page",
    ["run", "progres", "salinan", "pemulihan", "kebijakan", "sumber-ubah"],
)
def test_detail_pages_query_count_does_not_grow(client_as, django_assert_max_num_queries, page):
    client = client_as(roles.ADMIN_SISTEM)

    def url(run, copy):
        if page in ("run", "progres"):
            return reverse(f"backup:{page}", args=[run.pk])
        if page == "salinan":
            return reverse(f"backup:{page}", args=[copy.pk])
        if page == "sumber-ubah":
            return reverse(f"backup:{page}", args=[run.sumber_id])
        return reverse(f"backup:{page}")

    run, copy = _detail_objects(3)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url(run, copy)).status_code == 200
    run, copy = _detail_objects(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url(run, copy)).status_code == 200


def test_daily_task_queues_every_active_source(backup_settings, django_capture_on_commit_callbacks):
    from backup.tasks import backup_all

    BackupSource.objects.filter(slug="portal-db").update(aktif=False)
    with django_capture_on_commit_callbacks(execute=True):
        queued = backup_all()
    run = BackupRun.objects.get(pk__in=queued)
    assert run.sumber.slug == "portal-media"
    assert run.status == "berhasil", run.pesan  # eager Celery ran it: dump, verify, prune
