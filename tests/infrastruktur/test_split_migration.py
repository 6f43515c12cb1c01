"""Existing installs lose nothing when monitoring and backup leave infrastruktur (issue 10).

Starts from the migration state of main at d18a4f3 (before the split), writes a
row in every model that moves (with simple_history rows and the M2M table),
the permission rows post_migrate made for them and a group holding some of
them, migrates to the new state and finds every row through the new models,
and the group's permissions under the new app labels. Built with
django-test-migrations (its ``migrator`` fixture).
"""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from lpse.celery import app as celery_app

# The leaf migrations of main at d18a4f3, the last commit before the split.
BEFORE = [
    ("lpse", "0006_user_history_groups"),
    ("registrasi", "0009_jadwal_kedaluwarsa_konfirmasi"),
    ("layanan", "0008_tutup_otomatis"),
    ("infrastruktur", "0006_media_aset_3_wajib"),
    ("sekretariat", "0004_naskah_tgl_idx"),
]
AFTER = [("monitoring", "0001_initial"), ("backup", "0001_initial")]

MOVED = {
    "monitoring": [
        "AsetStatus",
        "TokenAgen",
        "Sampel",
        "Rollup",
        "Pemeriksaan",
        "HistoricalPemeriksaan",
        "Kondisi",
        "LaporanHarian",
    ],
    "backup": [
        "BackupSource",
        "HistoricalBackupSource",
        "BackupRun",
        "HistoricalBackupRun",
        "BackupPolicy",
        "HistoricalBackupPolicy",
        "PruneLog",
        "MediaBackup",
        "HistoricalMediaBackup",
        "MediaCopy",
        "HistoricalMediaCopy",
    ],
}
NOW = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)


def _seed_old_state(apps) -> dict[str, int]:
    """One row per moved model (and the M2M row), written through the models of before the split."""

    def m(name):
        return apps.get_model("infrastruktur", name)

    server = m("Aset").objects.create(nama="Server uji", jenis="server")
    disk = m("Aset").objects.create(nama="HDD uji", jenis="media_backup")
    hist = {"history_date": NOW, "history_type": "+"}
    check = m("Pemeriksaan").objects.create(aset=server, nama="HTTP", jenis="http", target="http://127.0.0.1/")
    source = m("BackupSource").objects.create(nama="Portal uji", slug="portal-uji", jenis="portal_db")
    run = m("BackupRun").objects.create(sumber=source, status="gagal", pesan="uji")
    medium = m("MediaBackup").objects.create(aset=disk, label="HDD-UJI", kapasitas_gb=500)
    copy = m("MediaCopy").objects.create(
        medium=medium, disalin_pada=NOW, lokasi_simpan="Lemari besi", terpisah_dari_ruang_server=True, status="berhasil"
    )
    copy.runs.add(run)
    policy, _ = m("BackupPolicy").objects.get_or_create(pk=1)
    rows = {
        "AsetStatus": m("AsetStatus").objects.create(aset=server, tingkat="kritis").pk,
        "TokenAgen": m("TokenAgen").objects.create(aset=server, prefix="abc123", hash="0" * 64).pk,
        "Sampel": m("Sampel").objects.create(aset=server, seri="ram.pct", waktu=NOW, nilai=42.0).pk,
        "Rollup": m("Rollup")
        .objects.create(
            aset=server, seri="ram.pct", resolusi="jam", waktu=NOW, rata=1, minimum=0, maksimum=2, jumlah=12
        )
        .pk,
        "Pemeriksaan": check.pk,
        "HistoricalPemeriksaan": m("HistoricalPemeriksaan")
        .objects.create(id=check.pk, aset=server, nama="HTTP", jenis="http", target="http://127.0.0.1/", **hist)
        .pk,
        "Kondisi": m("Kondisi").objects.create(aset=server, kode="disk:/", tingkat="kritis", pesan="penuh").pk,
        "LaporanHarian": m("LaporanHarian").objects.create(tanggal=NOW.date(), data={"uji": 1}).pk,
        "BackupSource": source.pk,
        "HistoricalBackupSource": m("HistoricalBackupSource")
        .objects.create(id=source.pk, nama=source.nama, slug=source.slug, jenis=source.jenis, dibuat=NOW, **hist)
        .pk,
        "BackupRun": run.pk,
        "HistoricalBackupRun": m("HistoricalBackupRun")
        .objects.create(id=run.pk, sumber=source, status="gagal", dibuat=NOW, **hist)
        .pk,
        "BackupPolicy": policy.pk,
        "HistoricalBackupPolicy": m("HistoricalBackupPolicy").objects.create(id=1, **hist).pk,
        "PruneLog": m("PruneLog").objects.create(run=run, arsip="a.lpsebak", alasan="retensi").pk,
        "MediaBackup": medium.pk,
        "HistoricalMediaBackup": m("HistoricalMediaBackup")
        .objects.create(id=medium.pk, aset=disk, label="HDD-UJI", kapasitas_gb=500, **hist)
        .pk,
        "MediaCopy": copy.pk,
        "HistoricalMediaCopy": m("HistoricalMediaCopy")
        .objects.create(
            id=copy.pk, medium=medium, disalin_pada=NOW, lokasi_simpan="Lemari besi", status="berhasil", **hist
        )
        .pk,
    }
    assert set(rows) == {name for names in MOVED.values() for name in names}
    return rows


def _grant_old_permissions(apps) -> None:
    """What post_migrate made on an install of before the split: one ContentType and the four
    default permissions per model, under app_label "infrastruktur"; a group holding some."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.create(name="Operator uji")
    for names in MOVED.values():
        for name in names:
            ct, _ = ContentType.objects.get_or_create(app_label="infrastruktur", model=name.lower())
            for action in ("add", "change", "delete", "view"):
                perm, _ = Permission.objects.get_or_create(
                    content_type=ct, codename=f"{action}_{name.lower()}", defaults={"name": f"{action} {name}"}
                )
                if action in ("view", "change"):
                    group.permissions.add(perm)
    akses, _ = ContentType.objects.get_or_create(app_label="infrastruktur", model="akses")
    group.permissions.add(
        Permission.objects.get_or_create(content_type=akses, codename="setujui_izin", defaults={"name": "izin"})[0]
    )


# Migrating every app from an empty database twice (to the old state, then back to the newest)
# takes minutes on a loaded machine.
@pytest.mark.timeout(1800)
def test_every_row_and_grant_survives_the_split(migrator):
    migrator.apply_initial_migration(BEFORE)
    # apply_initial_migration applies the whole plan up to the last target, which can include the
    # split itself (plan order across apps); step infrastruktur back to 0006, unapplying it if so.
    old = migrator.apply_tested_migration([("infrastruktur", "0006_media_aset_3_wajib")])
    assert ("infrastruktur", "pemeriksaan") in old.models and ("monitoring", "pemeriksaan") not in old.models
    rows = _seed_old_state(old.apps)
    _grant_old_permissions(old.apps)

    new = migrator.apply_tested_migration(AFTER)
    for app_label, names in MOVED.items():
        for name in names:
            model = new.apps.get_model(app_label, name)
            assert model._meta.db_table.startswith("infrastruktur_"), name
            assert model.objects.filter(pk=rows[name]).exists(), f"{app_label}.{name} #{rows[name]} hilang"
    copy = new.apps.get_model("backup", "MediaCopy").objects.get(pk=rows["MediaCopy"])
    assert list(copy.runs.values_list("pk", flat=True)) == [rows["BackupRun"]]
    assert new.apps.get_model("monitoring", "Kondisi").objects.get(pk=rows["Kondisi"]).aset.nama == "Server uji"

    # The rest with migrate's signals on, as on an install: RenameModel(Akses) renames its ContentType.
    call_command("migrate", "infrastruktur", "0008_akses_infrastruktur", verbosity=0)
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    held = set(
        Group.objects.get(name="Operator uji").permissions.values_list(
            "content_type__app_label", "content_type__model", "codename"
        )
    )
    expected = {
        (app_label, name.lower(), f"{action}_{name.lower()}")
        for app_label, names in MOVED.items()
        for name in names
        for action in ("view", "change")
    } | {("infrastruktur", "aksesinfrastruktur", "setujui_izin")}
    assert held == expected
    assert not ContentType.objects.filter(
        app_label="infrastruktur", model__in=[n.lower() for names in MOVED.values() for n in names]
    ).exists()
    # No second set of ContentTypes/permissions was made under the new labels.
    assert ContentType.objects.filter(app_label="backup", model="backuprun").count() == 1
    migrator.reset()


def test_scheduled_tasks_keep_their_names(db):
    """The beat rows installed by infrastruktur's data migrations name tasks that still exist
    (the moved tasks keep name="infrastruktur.tasks…" / "infrastruktur.backup.tasks…")."""
    celery_app.loader.import_default_modules()
    installed = set(PeriodicTask.objects.filter(task__startswith="infrastruktur.").values_list("task", flat=True))
    assert installed == {
        "infrastruktur.tasks.collect_local",
        "infrastruktur.tasks.run_checks",
        "infrastruktur.tasks.evaluate",
        "infrastruktur.tasks.rollup_hourly",
        "infrastruktur.tasks.rollup_and_prune",
        "infrastruktur.tasks.daily_report",
        "infrastruktur.backup.tasks.backup_all",
        "infrastruktur.backup.tasks.backup_recheck_retained",
        "infrastruktur.backup.tasks.backup_reap_stale",
    }
    for name in installed:
        assert name in celery_app.tasks, f"tugas terjadwal {name} tidak terdaftar di Celery"
    assert celery_app.tasks["infrastruktur.tasks.daily_report"].__module__ == "monitoring.tasks"
    assert celery_app.tasks["infrastruktur.backup.tasks.backup_all"].__module__ == "backup.tasks"
