from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .forms import UserAddForm, UserAdminForm
from .models import Dokumen, EmailOutbox, Instansi, Pengumuman, User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    form = UserAdminForm
    add_form = UserAddForm
    ordering = ["email"]
    list_display = ["email", "nama_lengkap", "instansi", "is_active"]
    list_filter = ["is_active", "groups"]
    search_fields = ["email", "nama_lengkap", "nip", "nik"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Data diri", {"fields": ["nama_lengkap", "telepon", "nip", "nik", "instansi", "jabatan"]}),
        ("Peran", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "nama_lengkap"]})]
    filter_horizontal = ["groups"]


@admin.register(Instansi)
class InstansiAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "singkatan", "jenis", "aktif"]
    list_filter = ["jenis", "aktif"]
    search_fields = ["nama", "singkatan"]


@admin.register(Pengumuman)
class PengumumanAdmin(SimpleHistoryAdmin):
    list_display = ["judul", "jenis", "mendesak", "mulai", "selesai"]
    list_filter = ["jenis", "mendesak"]


@admin.register(Dokumen)
class DokumenAdmin(SimpleHistoryAdmin):
    list_display = ["nomor", "jenis", "perihal", "tanggal"]
    search_fields = ["nomor", "perihal"]
    readonly_fields = ["kode", "nomor", "urut", "tahun", "token", "sha256", "pdf"]


@admin.register(EmailOutbox)
class EmailOutboxAdmin(admin.ModelAdmin):
    list_display = ["subjek", "dibuat", "terkirim", "percobaan"]
