"""Technical admin (superusers only) of the backup SOP (Pasal 18)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .forms import MediaBackupForm
from .models import BackupPolicy, BackupRun, BackupSource, MediaBackup, MediaCopy, PruneLog
from .services import medium_save

# --- Backup SOP (Pasal 18) ------------------------------------------------------------
# Runs, manifests, copies and prune logs are records of what happened: shown, never edited
# here (a changed checksum or status would make verification lie).


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BackupSource)
class BackupSourceAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "slug", "jenis", "aktif"]
    list_filter = ["jenis", "aktif"]
    search_fields = ["nama", "slug"]


@admin.register(BackupRun)
class BackupRunAdmin(ReadOnlyAdmin):
    list_display = ["pk", "sumber", "status", "fase", "mulai", "selesai", "ukuran", "verifikasi_ok", "cek_ulang_ok"]
    list_filter = ["status", "sumber"]
    list_select_related = ["sumber"]
    date_hierarchy = "dibuat"


@admin.register(BackupPolicy)
class BackupPolicyAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "hari_offsite"]

    def has_add_permission(self, request):
        return not BackupPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PruneLog)
class PruneLogAdmin(ReadOnlyAdmin):
    list_display = ["waktu", "arsip", "alasan"]


@admin.register(MediaBackup)
class MediaBackupAdmin(SimpleHistoryAdmin):
    """Saved through the service, so a medium added here is also an asset of the register."""

    form = MediaBackupForm
    list_display = ["label", "aset", "serial", "kapasitas_gb", "enkripsi", "aktif"]
    list_select_related = ["aset"]
    search_fields = ["label", "serial"]
    FIELDS = ["label", "serial", "kapasitas_gb", "enkripsi", "aktif", "catatan"]

    def get_fields(self, request, obj=None):
        return ["aset", *self.FIELDS] if obj else [*self.FIELDS, "aset"]

    def get_readonly_fields(self, request, obj=None):
        return ["aset"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        medium_save(medium=obj, aset=None if change else form.cleaned_data.get("aset"))


@admin.register(MediaCopy)
class MediaCopyAdmin(ReadOnlyAdmin):
    list_display = ["disalin_pada", "medium", "status", "lokasi_simpan", "disalin_oleh", "berita_acara"]
    list_filter = ["status"]
    list_select_related = ["medium", "disalin_oleh", "berita_acara"]
