"""Monitoring's models, moved from infrastruktur (issue 10) without touching the database.

The tables keep their infrastruktur_* names (db_table), so this migration only
records them in monitoring's state and moves their ContentType rows.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


APP = 'monitoring'
MODELS = ['asetstatus', 'historicalpemeriksaan', 'kondisi', 'laporanharian', 'pemeriksaan', 'rollup', 'sampel', 'tokenagen']


def _move_content_types(apps, old: str, new: str) -> None:
    """Give the moved models' ContentType rows the new app_label, so their permissions (and the
    groups and users holding them) stay attached. Runs before post_migrate, which would
    otherwise create fresh rows (and fresh, ungranted permissions) under the new label."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MODELS:
        row = ContentType.objects.filter(app_label=old, model=model).first()
        if row is None:
            continue
        stray = ContentType.objects.filter(app_label=new, model=model).first()
        if stray is not None:  # made by an earlier, interrupted run: the old row keeps the grants
            Permission.objects.filter(content_type=stray).delete()
            stray.delete()
        row.app_label = new
        row.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _move_content_types(apps, "infrastruktur", APP)


def backwards(apps, schema_editor):
    _move_content_types(apps, APP, "infrastruktur")



class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('infrastruktur', '0007_pindah_monitoring_backup'),
        ('lpse', '0006_user_history_groups'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='AsetStatus',
            fields=[
                ('aset', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='keadaan', serialize=False, to='infrastruktur.aset')),
                ('tingkat', models.CharField(choices=[('ok', 'Normal'), ('peringatan', 'Peringatan'), ('kritis', 'Kritis'), ('basi', 'Tanpa data')], default='basi', max_length=12)),
                ('terakhir_data', models.DateTimeField(blank=True, null=True)),
                ('dievaluasi', models.DateTimeField(blank=True, null=True)),
            ],
            options={
                'db_table': 'infrastruktur_asetstatus',
            },
        ),
        migrations.CreateModel(
            name='HistoricalPemeriksaan',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('nama', models.CharField(max_length=150)),
                ('jenis', models.CharField(choices=[('http', 'HTTP(S) status dan latensi'), ('tcp', 'Port TCP terbuka'), ('dns', 'Resolusi DNS'), ('tls', 'Sisa hari sertifikat TLS')], max_length=8)),
                ('target', models.CharField(help_text='HTTP: URL lengkap. TCP/TLS: host:port. DNS: nama host.', max_length=255)),
                ('interval_detik', models.PositiveIntegerField(default=60, validators=[django.core.validators.MinValueValidator(30)], verbose_name='interval (detik)')),
                ('batas_waktu_detik', models.FloatField(default=10, validators=[django.core.validators.MinValueValidator(0.5)], verbose_name='batas waktu (detik)')),
                ('aktif', models.BooleanField(default=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('aset', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='infrastruktur.aset')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical pemeriksaan',
                'verbose_name_plural': 'historical pemeriksaan',
                'db_table': 'infrastruktur_historicalpemeriksaan',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='LaporanHarian',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('tanggal', models.DateField(unique=True)),
                ('data', models.JSONField(default=dict)),
                ('dibuat', models.DateTimeField(auto_now_add=True)),
                ('dokumen', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='lpse.dokumen')),
            ],
            options={
                'verbose_name_plural': 'laporan monitoring harian',
                'db_table': 'infrastruktur_laporanharian',
                'ordering': ['-tanggal'],
            },
        ),
        migrations.CreateModel(
            name='Pemeriksaan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('nama', models.CharField(max_length=150)),
                ('jenis', models.CharField(choices=[('http', 'HTTP(S) status dan latensi'), ('tcp', 'Port TCP terbuka'), ('dns', 'Resolusi DNS'), ('tls', 'Sisa hari sertifikat TLS')], max_length=8)),
                ('target', models.CharField(help_text='HTTP: URL lengkap. TCP/TLS: host:port. DNS: nama host.', max_length=255)),
                ('interval_detik', models.PositiveIntegerField(default=60, validators=[django.core.validators.MinValueValidator(30)], verbose_name='interval (detik)')),
                ('batas_waktu_detik', models.FloatField(default=10, validators=[django.core.validators.MinValueValidator(0.5)], verbose_name='batas waktu (detik)')),
                ('aktif', models.BooleanField(default=True)),
                ('gagal_berturut', models.PositiveIntegerField(default=0)),
                ('terakhir_dicek', models.DateTimeField(blank=True, null=True)),
                ('terakhir_ok', models.BooleanField(blank=True, null=True)),
                ('terakhir_pesan', models.CharField(blank=True, max_length=255)),
                ('aset', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pemeriksaan', to='infrastruktur.aset')),
            ],
            options={
                'verbose_name_plural': 'pemeriksaan',
                'db_table': 'infrastruktur_pemeriksaan',
                'ordering': ['aset__nama', 'nama'],
            },
        ),
        migrations.CreateModel(
            name='TokenAgen',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('prefix', models.CharField(max_length=16, unique=True)),
                ('hash', models.CharField(max_length=64)),
                ('dibuat', models.DateTimeField(auto_now_add=True)),
                ('dicabut', models.DateTimeField(blank=True, null=True)),
                ('terakhir_ts', models.FloatField(default=0)),
                ('terakhir_dipakai', models.DateTimeField(blank=True, null=True)),
                ('aset', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='token', to='infrastruktur.aset')),
                ('dibuat_oleh', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'infrastruktur_tokenagen',
                'ordering': ['-dibuat'],
            },
        ),
        migrations.CreateModel(
            name='Kondisi',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kode', models.CharField(max_length=120)),
                ('tingkat', models.CharField(choices=[('ok', 'Normal'), ('peringatan', 'Peringatan'), ('kritis', 'Kritis'), ('basi', 'Tanpa data')], default='ok', max_length=12)),
                ('nilai', models.FloatField(blank=True, null=True)),
                ('pesan', models.CharField(blank=True, max_length=255)),
                ('sejak', models.DateTimeField(default=django.utils.timezone.now)),
                ('diperbarui', models.DateTimeField(default=django.utils.timezone.now)),
                ('aset', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='kondisi', to='infrastruktur.aset')),
            ],
            options={
                'db_table': 'infrastruktur_kondisi',
                'ordering': ['aset_id', 'kode'],
                'constraints': [models.UniqueConstraint(fields=('aset', 'kode'), name='kondisi_unik')],
            },
        ),
        migrations.CreateModel(
            name='Rollup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('seri', models.CharField(max_length=120)),
                ('resolusi', models.CharField(choices=[('jam', 'Per jam'), ('hari', 'Per hari')], max_length=4)),
                ('waktu', models.DateTimeField()),
                ('rata', models.FloatField()),
                ('minimum', models.FloatField()),
                ('maksimum', models.FloatField()),
                ('jumlah', models.PositiveIntegerField()),
                ('aset', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='infrastruktur.aset')),
            ],
            options={
                'db_table': 'infrastruktur_rollup',
                'indexes': [models.Index(fields=['aset', 'resolusi', 'waktu'], name='rollup_aset_res_waktu'), models.Index(fields=['resolusi', 'waktu'], name='rollup_res_waktu')],
                'constraints': [models.UniqueConstraint(fields=('aset', 'resolusi', 'seri', 'waktu'), name='rollup_unik')],
            },
        ),
        migrations.CreateModel(
            name='Sampel',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('seri', models.CharField(max_length=120)),
                ('waktu', models.DateTimeField()),
                ('nilai', models.FloatField()),
                ('aset', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='infrastruktur.aset')),
            ],
            options={
                'db_table': 'infrastruktur_sampel',
                'indexes': [models.Index(fields=['aset', 'seri', 'waktu'], name='sampel_aset_seri_waktu'), models.Index(fields=['waktu'], name='sampel_waktu')],
            },
        ),
    ]

    operations = [
        # The tables stay where they are (db_table = the old infrastruktur_* names): state only.
        migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[]),
        migrations.RunPython(forwards, backwards),
    ]
