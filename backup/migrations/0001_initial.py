"""The backup SOP's models, moved from infrastruktur (issue 10) without touching the database.

The tables (with the simple_history tables and the M2M table infrastruktur_mediacopy_runs)
keep their infrastruktur_* names, so this migration only records them in backup's state
and moves their ContentType rows.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


APP = 'backup'
MODELS = ['backuppolicy', 'backuprun', 'backupsource', 'historicalbackuppolicy', 'historicalbackuprun', 'historicalbackupsource', 'historicalmediabackup', 'historicalmediacopy', 'mediabackup', 'mediacopy', 'prunelog']


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
            name='BackupPolicy',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('harian', models.PositiveSmallIntegerField(default=7, verbose_name='simpan harian')),
                ('mingguan', models.PositiveSmallIntegerField(default=4, verbose_name='simpan mingguan')),
                ('bulanan', models.PositiveSmallIntegerField(default=12, verbose_name='simpan bulanan')),
                ('hari_offsite', models.PositiveSmallIntegerField(default=7, help_text='Pasal 18 ayat 2.', verbose_name='batas hari tanpa salinan di luar ruang server')),
            ],
            options={
                'verbose_name': 'kebijakan backup',
                'verbose_name_plural': 'kebijakan backup',
                'db_table': 'infrastruktur_backuppolicy',
                'constraints': [models.CheckConstraint(condition=models.Q(('pk', 1)), name='backup_kebijakan_tunggal'), models.CheckConstraint(condition=models.Q(('harian__gte', 1)), name='backup_kebijakan_harian_min_1'), models.CheckConstraint(condition=models.Q(('hari_offsite__gte', 1)), name='backup_kebijakan_offsite_min_1')],
            },
        ),
        migrations.CreateModel(
            name='BackupSource',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('nama', models.CharField(max_length=120, unique=True, verbose_name='nama')),
                ('slug', models.SlugField(help_text='Dipakai sebagai nama folder arsip.', max_length=60, unique=True, verbose_name='kode')),
                ('jenis', models.CharField(choices=[('portal_db', 'Basis data portal ini'), ('portal_media', 'Berkas unggahan (media) portal ini'), ('postgres', 'Basis data PostgreSQL eksternal (mis. SPSE)'), ('sqlite', 'Berkas basis data SQLite'), ('direktori', 'Direktori berkas sistem')], max_length=20, verbose_name='jenis')),
                ('aktif', models.BooleanField(default=True, verbose_name='ikut jadwal harian')),
                ('host', models.CharField(blank=True, max_length=255, verbose_name='host')),
                ('port', models.PositiveIntegerField(default=5432, verbose_name='port')),
                ('nama_db', models.CharField(blank=True, max_length=120, verbose_name='nama basis data')),
                ('pengguna', models.CharField(blank=True, max_length=120, verbose_name='pengguna basis data')),
                ('password_env', models.CharField(blank=True, help_text='Nama variabel lingkungan yang berisi kata sandi, mis. SPSE_DB_PASSWORD.', max_length=100, verbose_name='variabel lingkungan kata sandi')),
                ('password_file', models.CharField(blank=True, help_text='Path absolut berkas yang berisi kata sandi (mis. /etc/lpse/spse-db.pass).', max_length=500, verbose_name='berkas kata sandi')),
                ('path', models.CharField(blank=True, help_text='Path absolut direktori atau berkas SQLite.', max_length=500, verbose_name='path')),
                ('include', models.TextField(blank=True, help_text='Satu pola per baris, mis. *.conf', verbose_name='pola disertakan')),
                ('exclude', models.TextField(blank=True, help_text='Satu pola per baris, mis. *.log', verbose_name='pola dikecualikan')),
                ('dibuat', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'sumber backup',
                'verbose_name_plural': 'sumber backup',
                'db_table': 'infrastruktur_backupsource',
                'ordering': ['nama'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('jenis', 'postgres'), _negated=True), models.Q(models.Q(('host', ''), _negated=True), models.Q(('nama_db', ''), _negated=True), models.Q(('pengguna', ''), _negated=True)), _connector='OR'), name='backup_sumber_postgres_lengkap'), models.CheckConstraint(condition=models.Q(models.Q(('jenis__in', ['sqlite', 'direktori']), _negated=True), models.Q(('path', ''), _negated=True), _connector='OR'), name='backup_sumber_path_wajib')],
            },
        ),
        migrations.CreateModel(
            name='BackupRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('antri', 'Menunggu'), ('berjalan', 'Berjalan'), ('berhasil', 'Berhasil'), ('gagal', 'Gagal')], default='antri', max_length=10)),
                ('fase', models.CharField(choices=[('antri', 'Menunggu worker'), ('dump', 'Membuat arsip'), ('verifikasi', 'Uji pemulihan'), ('selesai', 'Selesai')], default='antri', max_length=12)),
                ('bytes_selesai', models.BigIntegerField(default=0, verbose_name='byte diproses')),
                ('dibuat', models.DateTimeField(auto_now_add=True)),
                ('mulai', models.DateTimeField(blank=True, null=True)),
                ('selesai', models.DateTimeField(blank=True, null=True)),
                ('lease_sampai', models.DateTimeField(blank=True, null=True)),
                ('arsip', models.CharField(blank=True, help_text='Relatif terhadap BACKUP_ROOT.', max_length=300, verbose_name='arsip')),
                ('ukuran', models.BigIntegerField(blank=True, null=True, verbose_name='ukuran arsip')),
                ('sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256 arsip')),
                ('manifest', models.JSONField(blank=True, default=dict)),
                ('verifikasi_ok', models.BooleanField(blank=True, null=True)),
                ('verifikasi_pada', models.DateTimeField(blank=True, null=True)),
                ('pesan', models.TextField(blank=True, verbose_name='keterangan')),
                ('cek_ulang_pada', models.DateTimeField(blank=True, null=True, verbose_name='cek ulang terakhir')),
                ('cek_ulang_ok', models.BooleanField(blank=True, null=True)),
                ('dipangkas_pada', models.DateTimeField(blank=True, null=True, verbose_name='arsip dihapus (retensi)')),
                ('dimulai_oleh', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('sumber', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='runs', to='backup.backupsource', verbose_name='sumber')),
            ],
            options={
                'verbose_name': 'backup',
                'verbose_name_plural': 'backup',
                'db_table': 'infrastruktur_backuprun',
                'ordering': ['-dibuat'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalBackupPolicy',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('harian', models.PositiveSmallIntegerField(default=7, verbose_name='simpan harian')),
                ('mingguan', models.PositiveSmallIntegerField(default=4, verbose_name='simpan mingguan')),
                ('bulanan', models.PositiveSmallIntegerField(default=12, verbose_name='simpan bulanan')),
                ('hari_offsite', models.PositiveSmallIntegerField(default=7, help_text='Pasal 18 ayat 2.', verbose_name='batas hari tanpa salinan di luar ruang server')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical kebijakan backup',
                'verbose_name_plural': 'historical kebijakan backup',
                'db_table': 'infrastruktur_historicalbackuppolicy',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalBackupRun',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('status', models.CharField(choices=[('antri', 'Menunggu'), ('berjalan', 'Berjalan'), ('berhasil', 'Berhasil'), ('gagal', 'Gagal')], default='antri', max_length=10)),
                ('dibuat', models.DateTimeField(blank=True, editable=False)),
                ('mulai', models.DateTimeField(blank=True, null=True)),
                ('selesai', models.DateTimeField(blank=True, null=True)),
                ('arsip', models.CharField(blank=True, help_text='Relatif terhadap BACKUP_ROOT.', max_length=300, verbose_name='arsip')),
                ('ukuran', models.BigIntegerField(blank=True, null=True, verbose_name='ukuran arsip')),
                ('sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256 arsip')),
                ('manifest', models.JSONField(blank=True, default=dict)),
                ('verifikasi_ok', models.BooleanField(blank=True, null=True)),
                ('verifikasi_pada', models.DateTimeField(blank=True, null=True)),
                ('pesan', models.TextField(blank=True, verbose_name='keterangan')),
                ('cek_ulang_pada', models.DateTimeField(blank=True, null=True, verbose_name='cek ulang terakhir')),
                ('cek_ulang_ok', models.BooleanField(blank=True, null=True)),
                ('dipangkas_pada', models.DateTimeField(blank=True, null=True, verbose_name='arsip dihapus (retensi)')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('dimulai_oleh', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('sumber', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='backup.backupsource', verbose_name='sumber')),
            ],
            options={
                'verbose_name': 'historical backup',
                'verbose_name_plural': 'historical backup',
                'db_table': 'infrastruktur_historicalbackuprun',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalBackupSource',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('nama', models.CharField(db_index=True, max_length=120, verbose_name='nama')),
                ('slug', models.SlugField(help_text='Dipakai sebagai nama folder arsip.', max_length=60, verbose_name='kode')),
                ('jenis', models.CharField(choices=[('portal_db', 'Basis data portal ini'), ('portal_media', 'Berkas unggahan (media) portal ini'), ('postgres', 'Basis data PostgreSQL eksternal (mis. SPSE)'), ('sqlite', 'Berkas basis data SQLite'), ('direktori', 'Direktori berkas sistem')], max_length=20, verbose_name='jenis')),
                ('aktif', models.BooleanField(default=True, verbose_name='ikut jadwal harian')),
                ('host', models.CharField(blank=True, max_length=255, verbose_name='host')),
                ('port', models.PositiveIntegerField(default=5432, verbose_name='port')),
                ('nama_db', models.CharField(blank=True, max_length=120, verbose_name='nama basis data')),
                ('pengguna', models.CharField(blank=True, max_length=120, verbose_name='pengguna basis data')),
                ('password_env', models.CharField(blank=True, help_text='Nama variabel lingkungan yang berisi kata sandi, mis. SPSE_DB_PASSWORD.', max_length=100, verbose_name='variabel lingkungan kata sandi')),
                ('password_file', models.CharField(blank=True, help_text='Path absolut berkas yang berisi kata sandi (mis. /etc/lpse/spse-db.pass).', max_length=500, verbose_name='berkas kata sandi')),
                ('path', models.CharField(blank=True, help_text='Path absolut direktori atau berkas SQLite.', max_length=500, verbose_name='path')),
                ('include', models.TextField(blank=True, help_text='Satu pola per baris, mis. *.conf', verbose_name='pola disertakan')),
                ('exclude', models.TextField(blank=True, help_text='Satu pola per baris, mis. *.log', verbose_name='pola dikecualikan')),
                ('dibuat', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical sumber backup',
                'verbose_name_plural': 'historical sumber backup',
                'db_table': 'infrastruktur_historicalbackupsource',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalMediaBackup',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('label', models.CharField(db_index=True, max_length=60, verbose_name='label')),
                ('serial', models.CharField(blank=True, max_length=100, verbose_name='nomor seri')),
                ('kapasitas_gb', models.PositiveIntegerField(verbose_name='kapasitas (GB)')),
                ('enkripsi', models.CharField(choices=[('arsip', 'Hanya arsip (AES-256-GCM oleh portal)'), ('luks', 'LUKS'), ('bitlocker', 'BitLocker'), ('veracrypt', 'VeraCrypt'), ('perangkat', 'Enkripsi perangkat keras')], default='arsip', max_length=12, verbose_name='enkripsi')),
                ('aktif', models.BooleanField(default=True, verbose_name='masih dipakai')),
                ('catatan', models.TextField(blank=True, verbose_name='catatan')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('aset', models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'jenis': 'media_backup'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='infrastruktur.aset', verbose_name='aset')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical media backup',
                'verbose_name_plural': 'historical media backup',
                'db_table': 'infrastruktur_historicalmediabackup',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='MediaBackup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('label', models.CharField(max_length=60, unique=True, verbose_name='label')),
                ('serial', models.CharField(blank=True, max_length=100, verbose_name='nomor seri')),
                ('kapasitas_gb', models.PositiveIntegerField(verbose_name='kapasitas (GB)')),
                ('enkripsi', models.CharField(choices=[('arsip', 'Hanya arsip (AES-256-GCM oleh portal)'), ('luks', 'LUKS'), ('bitlocker', 'BitLocker'), ('veracrypt', 'VeraCrypt'), ('perangkat', 'Enkripsi perangkat keras')], default='arsip', max_length=12, verbose_name='enkripsi')),
                ('aktif', models.BooleanField(default=True, verbose_name='masih dipakai')),
                ('catatan', models.TextField(blank=True, verbose_name='catatan')),
                ('aset', models.OneToOneField(limit_choices_to={'jenis': 'media_backup'}, on_delete=django.db.models.deletion.PROTECT, related_name='media_backup', to='infrastruktur.aset', verbose_name='aset')),
            ],
            options={
                'verbose_name': 'media backup',
                'verbose_name_plural': 'media backup',
                'db_table': 'infrastruktur_mediabackup',
                'ordering': ['label'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalMediaCopy',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('checksums', models.JSONField(default=list, verbose_name='checksum')),
                ('disalin_pada', models.DateTimeField(verbose_name='waktu salin')),
                ('path_media', models.CharField(blank=True, max_length=500, verbose_name='folder di media')),
                ('lokasi_simpan', models.CharField(max_length=255, verbose_name='lokasi penyimpanan media')),
                ('terpisah_dari_ruang_server', models.BooleanField(default=False, verbose_name='lokasi terpisah dari ruang server')),
                ('status', models.CharField(choices=[('berhasil', 'Terverifikasi'), ('gagal', 'Gagal verifikasi')], max_length=10)),
                ('pesan', models.TextField(blank=True, verbose_name='keterangan')),
                ('diserahkan_kepada', models.CharField(blank=True, max_length=120, verbose_name='diserahkan kepada')),
                ('jabatan_penerima', models.CharField(blank=True, max_length=120, verbose_name='jabatan penerima')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('berita_acara', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='lpse.dokumen', verbose_name='berita acara')),
                ('disalin_oleh', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('medium', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='backup.mediabackup', verbose_name='media')),
            ],
            options={
                'verbose_name': 'historical salinan media backup',
                'verbose_name_plural': 'historical salinan media backup',
                'db_table': 'infrastruktur_historicalmediacopy',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='MediaCopy',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('checksums', models.JSONField(default=list, verbose_name='checksum')),
                ('disalin_pada', models.DateTimeField(verbose_name='waktu salin')),
                ('path_media', models.CharField(blank=True, max_length=500, verbose_name='folder di media')),
                ('lokasi_simpan', models.CharField(max_length=255, verbose_name='lokasi penyimpanan media')),
                ('terpisah_dari_ruang_server', models.BooleanField(default=False, verbose_name='lokasi terpisah dari ruang server')),
                ('status', models.CharField(choices=[('berhasil', 'Terverifikasi'), ('gagal', 'Gagal verifikasi')], max_length=10)),
                ('pesan', models.TextField(blank=True, verbose_name='keterangan')),
                ('diserahkan_kepada', models.CharField(blank=True, max_length=120, verbose_name='diserahkan kepada')),
                ('jabatan_penerima', models.CharField(blank=True, max_length=120, verbose_name='jabatan penerima')),
                ('berita_acara', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='lpse.dokumen', verbose_name='berita acara')),
                ('disalin_oleh', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('medium', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='salinan', to='backup.mediabackup', verbose_name='media')),
                ('runs', models.ManyToManyField(related_name='salinan_media', to='backup.backuprun', verbose_name='backup')),
            ],
            options={
                'verbose_name': 'salinan media backup',
                'verbose_name_plural': 'salinan media backup',
                'db_table': 'infrastruktur_mediacopy',
                'ordering': ['-disalin_pada'],
            },
        ),
        migrations.CreateModel(
            name='PruneLog',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('waktu', models.DateTimeField(auto_now_add=True)),
                ('arsip', models.CharField(max_length=300)),
                ('sha256', models.CharField(blank=True, max_length=64)),
                ('alasan', models.CharField(max_length=255)),
                ('run', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='prune_logs', to='backup.backuprun')),
            ],
            options={
                'verbose_name': 'log pemangkasan backup',
                'verbose_name_plural': 'log pemangkasan backup',
                'db_table': 'infrastruktur_prunelog',
                'ordering': ['-waktu'],
            },
        ),
        migrations.AddIndex(
            model_name='backuprun',
            index=models.Index(fields=['sumber', 'status', '-dibuat'], name='backup_run_sumber_status'),
        ),
        migrations.AddConstraint(
            model_name='backuprun',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['antri', 'berjalan'])), fields=('sumber',), name='backup_satu_run_aktif'),
        ),
        migrations.AddConstraint(
            model_name='backuprun',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'berhasil'), _negated=True), models.Q(('verifikasi_ok', True), models.Q(('sha256', ''), _negated=True), models.Q(('arsip', ''), _negated=True)), _connector='OR'), name='backup_berhasil_terverifikasi'),
        ),
        migrations.AddIndex(
            model_name='mediacopy',
            index=models.Index(fields=['medium', '-disalin_pada'], name='backup_salinan_medium'),
        ),
        migrations.AddConstraint(
            model_name='mediacopy',
            constraint=models.CheckConstraint(condition=models.Q(('terpisah_dari_ruang_server', True)), name='backup_salinan_offsite_pasal_18_2'),
        ),
        migrations.AddConstraint(
            model_name='mediacopy',
            constraint=models.CheckConstraint(condition=models.Q(('lokasi_simpan', ''), _negated=True), name='backup_salinan_lokasi_wajib'),
        ),
    ]

    operations = [
        # The tables stay where they are (db_table = the old infrastruktur_* names): state only.
        migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[]),
        migrations.RunPython(forwards, backwards),
    ]
