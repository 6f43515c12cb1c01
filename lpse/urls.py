from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import otp_views, views
from .forms import LoginForm, OutboxPasswordResetForm
from .imports.urls import kind_urls
from .signing import views as signing_views
from .throttle import throttle

app_patterns = (
    [
        path("", views.home, name="home"),
        path("pengumuman/", views.pengumuman_list, name="pengumuman-list"),
        path("pengumuman/<int:pk>/", views.pengumuman_detail, name="pengumuman-detail"),
        path("dokumen/verifikasi/", signing_views.dokumen_verifikasi_unggah, name="dokumen-verifikasi-unggah"),
        path("dokumen/verifikasi/<str:token>/", signing_views.dokumen_verifikasi, name="dokumen-verifikasi"),
        path("akun/lanjut/", views.after_login, name="after-login"),
        path("akun/profil/", views.profil, name="profil"),
        path("akun/verifikasi-dua-langkah/", otp_views.otp_verify, name="otp-verify"),
        path("akun/verifikasi-dua-langkah/daftar/", otp_views.otp_setup, name="otp-setup"),
        path("akun/verifikasi-dua-langkah/kode-pemulihan/", otp_views.otp_recovery_codes, name="otp-recovery-codes"),
        path("staf/", views.dashboard, name="dashboard"),
        path("staf/lantai/", views.floor, name="floor"),
        path("staf/nol/", views.zero, name="zero"),
        path("staf/pengumuman/", views.pengumuman_kelola, name="pengumuman-kelola"),
        path("staf/pengumuman/baru/", views.pengumuman_create, name="pengumuman-create"),
        path("staf/pengumuman/<int:pk>/ubah/", views.pengumuman_edit, name="pengumuman-edit"),
        path("staf/dokumen/", views.dokumen_list, name="dokumen-list"),
        path("staf/dokumen/contoh/", views.dokumen_contoh, name="dokumen-contoh"),
        path("staf/dokumen/<int:pk>/unduh/", views.dokumen_download, name="dokumen-download"),
        path("staf/dokumen/tanda-tangan/", signing_views.ttd_antrian, name="ttd-antrian"),
        path("staf/dokumen/<int:pk>/", signing_views.dokumen_detail, name="dokumen-detail"),
        path("staf/dokumen/<int:pk>/tandatangani/", signing_views.dokumen_tandatangani, name="dokumen-tandatangani"),
        path("staf/dokumen/<int:pk>/halaman/<int:nomor>.png", signing_views.dokumen_halaman, name="dokumen-halaman"),
        path("staf/pengguna/", views.pengguna_list, name="pengguna-list"),
        path("staf/pengguna/<int:pk>/peran/", views.pengguna_peran, name="pengguna-peran"),
        path("staf/instansi/", views.instansi_list, name="instansi-list"),
        *kind_urls("instansi", "staf/instansi/"),
        path("healthz", views.healthz, name="healthz"),
    ],
    "lpse",
)

auth_patterns = [
    path(
        "masuk/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("kata-sandi/ubah/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("kata-sandi/ubah/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "kata-sandi/lupa/",
        throttle("password-reset")(auth_views.PasswordResetView.as_view(form_class=OutboxPasswordResetForm)),
        name="password_reset",
    ),
    path("kata-sandi/lupa/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "kata-sandi/atur/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("kata-sandi/atur/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]

urlpatterns = [
    path("", include(app_patterns)),
    path("akun/", include(auth_patterns)),
    # Each bidang's urls.py holds its full paths, public ("registrasi/…") and
    # staff ("staf/registrasi/…") alike.
    path("", include("registrasi.urls")),
    path("", include("layanan.urls")),
    path("", include("infrastruktur.urls")),
    path("", include("monitoring.urls")),
    path("", include("backup.urls")),
    path("", include("sekretariat.urls")),
    path("admin-teknis/", admin.site.urls),
]

handler400 = "lpse.errors.bad_request"
handler403 = "lpse.errors.permission_denied"
handler404 = "lpse.errors.page_not_found"
handler500 = "lpse.errors.server_error"

admin.site.site_header = "Admin teknis Portal LPSE"
admin.site.site_title = "Admin teknis"
