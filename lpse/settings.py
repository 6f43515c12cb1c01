"""Settings for the LPSE portal, read from the environment (django-environ).

With no variable set the portal runs as a single-machine demo: DEBUG on, SQLite
and media under ``var/``, Celery on kombu's filesystem transport (no broker
server), mail to the console. Production sets ``DEBUG=0`` and the variables
listed in README.md; it then refuses to start without ``SECRET_KEY`` and
``ALLOWED_HOSTS``.
"""

import os
import re
from datetime import date
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def _invalid(var: str, exc: Exception) -> Exception:
    if isinstance(exc, ImproperlyConfigured) and var in str(exc):
        return ImproperlyConfigured(str(exc))  # "Set the X environment variable": names it already
    return ImproperlyConfigured(f"Variabel lingkungan {var} tidak valid: {exc}")


class Env(environ.Env):
    """django-environ, strict: a malformed value stops start-up with a message
    naming the variable, instead of a bare ``ValueError`` or a silent ``False``
    (``DEBUG=tidak`` would otherwise read as off)."""

    BOOLEAN_FALSE_STRINGS = ("false", "off", "no", "n", "0", "")

    @classmethod
    def parse_value(cls, value, cast):
        if cast is bool and isinstance(value, str):
            word = value.lower().strip()
            if word not in cls.BOOLEAN_TRUE_STRINGS and word not in cls.BOOLEAN_FALSE_STRINGS:
                raise ValueError(f"bukan nilai ya/tidak: {value!r} (pakai 1/0, true/false, on/off)")
        return super().parse_value(value, cast)

    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        try:
            return super().get_value(var, cast=cast, default=default, parse_default=parse_default)
        except (ImproperlyConfigured, ValueError, TypeError, KeyError, AttributeError) as exc:
            raise _invalid(var, exc) from exc

    def db_url(self, var="DATABASE_URL", default=environ.Env.NOTSET, engine=None):
        try:
            return super().db_url(var, default=default, engine=engine)
        except (ImproperlyConfigured, ValueError, TypeError, KeyError, AttributeError) as exc:
            raise _invalid(var, exc) from exc

    db = db_url

    def email_url(self, var="EMAIL_URL", default=environ.Env.NOTSET, backend=None):
        try:
            return super().email_url(var, default=default, backend=backend)
        except (ImproperlyConfigured, ValueError, TypeError, KeyError, AttributeError) as exc:
            raise _invalid(var, exc) from exc

    email = email_url


env = Env(
    DEBUG=(bool, True),
    ALLOWED_HOSTS=(list, []),
)
# A .env file beside manage.py is read if present, so an office can keep its
# settings in one place without editing systemd units.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env("DEBUG")


def _secret(name: str, default: str | None = None) -> str | None:
    """A secret from ``NAME`` or from the file named by ``NAME_FILE``."""
    path = env.str(f"{name}_FILE", default="")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"Variabel lingkungan {name}_FILE tidak valid: berkas {path} tidak dapat dibaca ({exc.strerror})."
            ) from exc
    return env.str(name, default=default)


if DEBUG:
    SECRET_KEY = _secret("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production-0123456789")
    ALLOWED_HOSTS = env("ALLOWED_HOSTS") or ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    SECRET_KEY = _secret("SECRET_KEY")
    ALLOWED_HOSTS = env("ALLOWED_HOSTS")
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY wajib diisi bila DEBUG=0.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS wajib diisi bila DEBUG=0.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "django_celery_results",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_ratelimit",
    "lpse",
    "sekretariat",
    "infrastruktur",
    "monitoring",
    "backup",
    "registrasi",
    "layanan",
]

MIDDLEWARE = [
    "lpse.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff who passed only the password are held at the second-factor page.
    "lpse.otp.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # NUL bytes in a path or a GET parameter end at PostgreSQL as an error (500):
    # refused here once, for every view (after auth, so the error page has its frame).
    "lpse.middleware.NulByteGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns django-ratelimit's Ratelimited into the Indonesian 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # AxesMiddleware last, as its docs require, so lock-outs see the final response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lpse.urls"
# Widgets render through TEMPLATES, so templates/django/forms/ can override one
# (the blank "---------" choice reads "— Pilih —").
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lpse.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "lpse.wsgi.application"

# --- Database -------------------------------------------------------------
# SQLite under var/ is the embedded default; production and the test suite use
# PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'lpse.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Persistent connections: gunicorn workers reuse one connection per thread.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    # WAL lets the web server and the Celery worker share the SQLite file.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

# --- Cache ----------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache with one client per pool (lpse/cache.py).
            "BACKEND": "lpse.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="lpse"),
            # Short timeouts: Redis is on the LAN and answers in milliseconds; one
            # that hangs must cost a page (a dozen cache reads, each a miss then:
            # lpse/cache.py) and /healthz a second, not a minute.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
else:
    # Shared between the web server and the worker on one machine.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# --- Auth -----------------------------------------------------------------
AUTH_USER_MODEL = "lpse.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with the permission sets cached per user (two queries less per request).
    "lpse.auth.CachedModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "lpse:after-login"
LOGOUT_REDIRECT_URL = "lpse:home"
# Sessions end after 8 working hours, or when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
# Sessions read from the cache, written through to the database: one query less
# per request, and a flushed cache only costs a read from the table.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# django-axes: five failures lock the username+IP pair for 30 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Failures are cleared only when the whole sign-in succeeds: for staff that is
# after the second factor (lpse.otp), so a known password cannot be used to wipe
# the count of wrong codes.
AXES_RESET_ON_SUCCESS = False
# AccessAttempt (the counter) is cleared on success; every failure is also kept
# in AccessFailureLog, and every login in AccessLog, as the audit trail asks.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False  # no banner on every manage.py command
# The visitor's address for lock-outs, throttles and audits: lpse.net.client_ip.
AXES_CLIENT_IP_CALLABLE = "lpse.net.client_ip"

# How many reverse proxies stand in front of gunicorn (the shipped nginx: 1).
# lpse.net.client_ip then takes the visitor's address from X-Forwarded-For;
# with 0 the header is the visitor's to forge and only REMOTE_ADDR counts.
# AXES_PROXY_COUNT is the name older installs' env files use.
PROXY_COUNT = env.int("PROXY_COUNT", default=env.int("AXES_PROXY_COUNT", default=0))
if PROXY_COUNT < 0:
    raise ImproperlyConfigured("Variabel lingkungan PROXY_COUNT tidak valid: tidak boleh negatif.")

# Throttles per visitor (django-ratelimit, keyed on lpse.net.client_ip) on every
# public form that sends mail or stores files. "N/h" = N submissions an hour,
# valid or not: a refused upload costs the sender as much as an accepted one.
# A Pokja office or an internet café shares one address, hence not lower.
THROTTLE_RATES = {
    "password-reset": env.str("THROTTLE_PASSWORD_RESET", default="5/h"),
    "lupa-user-id": env.str("THROTTLE_LUPA_USER_ID", default="5/h"),
    "kirim-ulang-status": env.str("THROTTLE_KIRIM_ULANG_STATUS", default="5/h"),
    "pendaftaran": env.str("THROTTLE_PENDAFTARAN", default="20/h"),
    # One POST per document uploaded into a registration draft: five documents, a few retries.
    "unggah-draf": env.str("THROTTLE_UNGGAH_DRAF", default="60/h"),
    "tiket-tamu": env.str("THROTTLE_TIKET_TAMU", default="10/h"),
    # Replies (with attachments) on a ticket's private page, and training sign-ups (mail each time).
    "balasan-tamu": env.str("THROTTLE_BALASAN_TAMU", default="30/h"),
    "pelatihan": env.str("THROTTLE_PELATIHAN", default="10/h"),
}
for _name, _rate in THROTTLE_RATES.items():
    if not re.fullmatch(r"\d+/\d*[smhd]", _rate):
        raise ImproperlyConfigured(
            f"Variabel lingkungan THROTTLE_{_name.upper().replace('-', '_')} tidak valid: "
            f"{_rate!r} (contoh: 5/h, 20/h, 100/d)."
        )
RATELIMIT_IP_META_KEY = "lpse.net.client_ip"
RATELIMIT_VIEW = "lpse.errors.too_many_requests"
RATELIMIT_HASH_ALGORITHM = "hashlib.sha256"
# While Redis (the counters) is unreachable the forms stay open: a few minutes
# without throttles cost less than refusing every registration and ticket.
RATELIMIT_FAIL_OPEN = env.bool("RATELIMIT_FAIL_OPEN", default=True)
# django-ratelimit predates Django's own RedisCache (W001 "not officially
# supported"; it increments atomically with INCR). Without Redis (the
# single-machine demo) the file cache counts approximately (E003): acceptable
# for one runserver process, and production sets REDIS_URL.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + ([] if REDIS_URL else ["django_ratelimit.E003"])

# Two-factor sign-in (django-otp, lpse.otp): a TOTP authenticator app plus
# one-time recovery codes, required for LPSE staff and the technical admin.
OTP_TOTP_ISSUER = env.str("LPSE_NAMA", default="LPSE Kabupaten Karo")  # the name in the authenticator app
OTP_STATIC_TOKEN_COUNT = 10
# Demo only: the seeded demo accounts (lpse.demo) skip the second factor so
# `make run` works without a phone. Never in production.
OTP_DEMO_BYPASS = env.bool("OTP_DEMO_BYPASS", default=False)
if OTP_DEMO_BYPASS and not DEBUG:
    raise ImproperlyConfigured("OTP_DEMO_BYPASS hanya untuk demo (DEBUG=1); hapus variabel ini di produksi.")

# --- I18N -----------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
# Full month names in {{ value|date }} ("26 November 2026"), as official letters write them.
FORMAT_MODULE_PATH = ["lpse.formats"]

# --- Static and media -----------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = BASE_DIR / "node_modules"
# Third-party front-end files come from npm (package-lock.json pins them); only
# the built files of each package are exposed.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# MEDIA_ROOT is private: uploads and generated PDFs are served only through
# views that check who asks; there is deliberately no MEDIA_URL route.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media-tidak-dilayani/"

# --- Monitoring, backup and the server room (apps monitoring, backup, infrastruktur) -------------
# Every variable these apps use is read here, typed; a bad value stops start-up
# with a message naming the variable (the apps read settings.X, nothing else).


def _app_env(name: str, cast, default, *, check=None, rule: str = ""):
    """``cast(os.environ[name])`` or ``default``; ImproperlyConfigured naming ``name`` when it does not fit."""
    raw = env.str(name, default="")
    if raw == "":
        return default
    try:
        value = cast(raw)
    except ValueError:
        value = None
    if value is None or (check is not None and not check(value)):
        # The same wording as the strict Env wrapper above (one dialect for every variable).
        raise _invalid(name, ValueError(f"{raw!r}; harus {rule or cast.__name__}"))
    return value


def _backup_key(raw: str) -> str:
    """The key as written (64 hex digits or base64 of 32 bytes); checked here, decoded by backup.crypto."""
    import base64
    import binascii

    text = raw.strip()
    if len(text) == 64:
        try:
            bytes.fromhex(text)
            return text
        except ValueError:
            pass
    for decode in (base64.urlsafe_b64decode, base64.b64decode):
        try:
            if len(decode(text + "=" * (-len(text) % 4))) == 32:
                return text
        except (binascii.Error, ValueError):
            continue
    raise ValueError(text)


_positive = {"check": lambda v: v > 0, "rule": "bilangan lebih dari 0"}
BACKUP_ROOT = Path(env.str("BACKUP_ROOT", default=str(VAR_DIR / "backup")))
# The archive key (Pasal 18): either the key itself or a file holding it (read when a backup runs).
BACKUP_ENCRYPTION_KEY = _app_env(
    "BACKUP_ENCRYPTION_KEY", _backup_key, None, rule="32 byte sebagai 64 digit heksadesimal atau base64"
)
BACKUP_ENCRYPTION_KEY_FILE = _app_env(
    "BACKUP_ENCRYPTION_KEY_FILE", str, None, check=lambda v: Path(v).is_absolute(), rule="path absolut"
)
# With DEBUG=1 and no key configured, a development key under var/ (made on first
# start, mode 0600) lets the daily backup SOP pass on `make run`; with DEBUG=0
# there is no such fallback and a backup without a configured key fails loudly.
BACKUP_DEV_KEY_FILE = None
if DEBUG and not BACKUP_ENCRYPTION_KEY and not BACKUP_ENCRYPTION_KEY_FILE:
    BACKUP_DEV_KEY_FILE = BACKUP_ENCRYPTION_KEY_FILE = str(VAR_DIR / "backup-dev.key")
    if not Path(BACKUP_DEV_KEY_FILE).exists():
        import secrets as _secrets

        try:  # the web server and the worker of `make run` start together: one of them writes it
            _fd = os.open(BACKUP_DEV_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(_fd, "w") as _f:
                _f.write(_secrets.token_hex(32) + "\n")
# A run holding its source without progress this long counts as dead; a queued run waits this long at most.
BACKUP_LEASE_SECONDS = _app_env("BACKUP_LEASE_SECONDS", int, 600, **_positive)
BACKUP_QUEUE_LEASE_SECONDS = _app_env("BACKUP_QUEUE_LEASE_SECONDS", int, 6 * 3600, **_positive)
BACKUP_PG_BIN_DIR = _app_env(
    "BACKUP_PG_BIN_DIR", str, "/usr/bin", check=lambda v: Path(v).is_absolute(), rule="path absolut"
)
# Server for scratch restores (empty: the portal's own PostgreSQL server).
BACKUP_VERIFY_DATABASE_URL = _app_env(
    "BACKUP_VERIFY_DATABASE_URL",
    str,
    None,
    check=lambda v: v.startswith(("postgres://", "postgresql://")),
    rule="URL postgres://",
)
# A key of STORAGES that also receives each archive (e.g. an S3 or SFTP backend of django-storages).
BACKUP_SECOND_STORAGE = _app_env("BACKUP_SECOND_STORAGE", str, None)
# Pasal 16(3): server-room climate limits.
RUANG_SERVER_SUHU_MAKS = _app_env("RUANG_SERVER_SUHU_MAKS", float, 27.0)
RUANG_SERVER_RH_MIN = _app_env("RUANG_SERVER_RH_MIN", float, 40.0, check=lambda v: 0 <= v <= 100, rule="0–100")
RUANG_SERVER_RH_MAKS = _app_env("RUANG_SERVER_RH_MAKS", float, 60.0, check=lambda v: 0 <= v <= 100, rule="0–100")
if RUANG_SERVER_RH_MIN >= RUANG_SERVER_RH_MAKS:
    raise ImproperlyConfigured("RUANG_SERVER_RH_MIN harus lebih kecil dari RUANG_SERVER_RH_MAKS.")
# Pasal 17: an agent silent this long is stale; a recovered incident closes after a quiet time;
# failed checks in a row that open an incident.
MONITORING_BASI_MENIT = _app_env("MONITORING_BASI_MENIT", int, 15, **_positive)
MONITORING_MASA_TENANG_MENIT = _app_env("MONITORING_MASA_TENANG_MENIT", int, 30, **_positive)
MONITORING_GAGAL_BERTURUT = _app_env("MONITORING_GAGAL_BERTURUT", int, 3, **_positive)
# Agent posts: body size, JSON nesting depth, accepted clock skew / age of a sample.
MONITORING_METRIK_MAKS_BYTE = _app_env("MONITORING_METRIK_MAKS_BYTE", int, 64 * 1024, **_positive)
MONITORING_METRIK_MAKS_KEDALAMAN = _app_env("MONITORING_METRIK_MAKS_KEDALAMAN", int, 8, **_positive)
MONITORING_METRIK_JENDELA_DETIK = _app_env("MONITORING_METRIK_JENDELA_DETIK", int, 300, **_positive)
# Retention: raw 30 days, hourly roll-ups 2 years, daily forever; trend window of the disk-full forecast.
MONITORING_SIMPAN_MENTAH_HARI = _app_env("MONITORING_SIMPAN_MENTAH_HARI", int, 30, **_positive)
MONITORING_SIMPAN_JAM_HARI = _app_env("MONITORING_SIMPAN_JAM_HARI", int, 730, **_positive)
MONITORING_PRAKIRAAN_HARI = _app_env("MONITORING_PRAKIRAAN_HARI", int, 14, **_positive)
# Upgrade planning (Pasal 17(5)): a breach is "sustained" when the daily average (bandwidth: the
# daily peak) is over its limit on at least MIN_HARI of the last JENDELA_HARI days; a disk whose
# trend fills it within HORIZON_HARI gets a recommendation dated by the forecast. A dismissed
# recommendation stays quiet TUNDA_HARI days. Bandwidth is judged against the link's capacity.
MONITORING_UPGRADE_JENDELA_HARI = _app_env("MONITORING_UPGRADE_JENDELA_HARI", int, 14, **_positive)
MONITORING_UPGRADE_MIN_HARI = _app_env("MONITORING_UPGRADE_MIN_HARI", int, 5, **_positive)
MONITORING_UPGRADE_HORIZON_HARI = _app_env("MONITORING_UPGRADE_HORIZON_HARI", int, 180, **_positive)
MONITORING_UPGRADE_TUNDA_HARI = _app_env("MONITORING_UPGRADE_TUNDA_HARI", int, 30, **_positive)
MONITORING_UPGRADE_CPU_PCT = _app_env(
    "MONITORING_UPGRADE_CPU_PCT", float, 80.0, check=lambda v: 0 < v <= 100, rule="0–100"
)
MONITORING_UPGRADE_RAM_PCT = _app_env(
    "MONITORING_UPGRADE_RAM_PCT", float, 85.0, check=lambda v: 0 < v <= 100, rule="0–100"
)
MONITORING_UPGRADE_BANDWIDTH_PCT = _app_env(
    "MONITORING_UPGRADE_BANDWIDTH_PCT", float, 80.0, check=lambda v: 0 < v <= 100, rule="0–100"
)
# The internet link of the SPSE servers in megabit per second (100 Mbit/s by default).
MONITORING_UPGRADE_BANDWIDTH_MBPS = _app_env("MONITORING_UPGRADE_BANDWIDTH_MBPS", float, 100.0, **_positive)
# Extra CA bundle for TLS/HTTPS checks of internal services (empty: the system's CAs).
MONITORING_TLS_CAFILE = _app_env(
    "MONITORING_TLS_CAFILE", str, None, check=lambda v: Path(v).is_absolute(), rule="path absolut"
)
# --- end of the monitoring / backup / server-room block ----------------------------------------

# Request limits: bodies over MAX_REQUEST_BYTES get a 413 page before Django
# reads them; per-file upload limits are checked by the upload validators.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=40 * 1024 * 1024)
# One limit per file for every bidang's uploads (a scanned akta or KTP fits).
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)
# A spreadsheet of 20,000 SPSE users is about 1.5 MB as XLSX and 2.5 MB as CSV;
# 20 MB leaves room for a whole kabupaten's history without inviting abuse.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=20 * 1024 * 1024)
# Rows one import file may hold; past this, split the file.
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=50_000)
# RUP facilitation (Pasal 4(1)a): the day of each budget year ("MM-DD") by which
# every OPD's RUP should be on the national portal, set by the kabupaten (31 March
# by default, the end of the first quarter), and the days before it on which the
# OPD's PA/KPA and the Kepala Bidang are reminded.
RUP_BATAS = env.str("RUP_BATAS", default="03-31")
RUP_PENGINGAT_HARI = env.list("RUP_PENGINGAT_HARI", cast=int, default=[14, 7, 1])
# Pixels an uploaded image may declare: a scanned A4 page at 300 dpi is
# 2480 × 3508 ≈ 8.7 Mpx. Checked from the header before any decoding, so a
# small file declaring a huge image is refused without costing memory.
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=2480 * 3508)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Registrasi (Bidang Registrasi dan Verifikasi) ----------------------------
# Working days from submission to a decision (the highlighted SLA target).
REGISTRASI_SLA_HARI = env.int("REGISTRASI_SLA_HARI", default=3)
# Days an unconfirmed application holds its NPWP and e-mail; a mistyped e-mail
# must not block a vendor for long.
REGISTRASI_KONFIRMASI_HARI = env.int("REGISTRASI_KONFIRMASI_HARI", default=2)
# What the printed forms say about the stamp duty; the rate changes by law.
REGISTRASI_CATATAN_MATERAI = env.str(
    "REGISTRASI_CATATAN_MATERAI",
    default="Ditandatangani di atas meterai Rp10.000 oleh pimpinan/penanggung jawab badan usaha.",
)
# Seconds the queue's per-status counts may be reused. Writes through the
# services clear them at once; this only bounds staleness from other writers.
REGISTRASI_HITUNG_CACHE_DETIK = env.int("REGISTRASI_HITUNG_CACHE_DETIK", default=15)
# Days an unsent registration draft (documents uploaded one by one, issue 13)
# can be resumed from its private link after its last upload; a vendor who
# starts on a phone finishes within the week, then the draft and its files are
# purged (personal data is not kept for nothing).
REGISTRASI_DRAFT_DAYS = env.int("REGISTRASI_DRAFT_DAYS", default=7)

# --- Mail -----------------------------------------------------------------
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# flush_outbox resends mail its own task has not sent after this long.
OUTBOX_RETRY_AFTER_SECONDS = env.int("OUTBOX_RETRY_AFTER_SECONDS", default=60)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="LPSE Kabupaten Karo <lpse@karokab.go.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ---------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("out", "processed"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
    }
else:
    # A task taken by a worker that then died (acks_late) goes back to the queue
    # after this many seconds; longer than the longest task that is not itself
    # idempotent, shorter means a killed worker's work resumes sooner.
    _visibility = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": _visibility}
    if _visibility < 600:  # sweep for abandoned tasks often enough to matter
        CELERY_BROKER_TRANSPORT_OPTIONS.update(
            unacked_restore_interval=max(1, _visibility // 5), unacked_restore_throttle=1
        )
# A backup whose worker died (expired lease) is taken over by its task when the
# broker hands it out again, after the visibility timeout; the reaper gives such
# a run up only once that chance has passed. The filesystem broker of the demo
# never hands a task out twice, so there the reaper need not wait.
BACKUP_TAKEOVER_GRACE_SECONDS = env.int(
    "BACKUP_TAKEOVER_GRACE_SECONDS", default=0 if CELERY_BROKER_URL == "filesystem://" else _visibility + 300
)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SOFT_TIME_LIMIT = 15 * 60
CELERY_TASK_TIME_LIMIT = 20 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)

# --- Security -------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie.
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # SECURE_COOKIES=0 only for plain-HTTP loopback runs (the benchmark harness);
    # behind nginx with TLS the cookies must stay Secure.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "lpse.views.csrf_failure"

# Content-Security-Policy: everything is served by the portal itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Forms and UI ---------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- The LPSE itself --------------------------------------------------------
# What the letterhead and the public pages say: an LPSE in another kabupaten
# changes these, not the templates.
LPSE = {
    "NAMA": env.str("LPSE_NAMA", default="LPSE Kabupaten Karo"),
    "PEMERINTAH": env.str("LPSE_PEMERINTAH", default="PEMERINTAH KABUPATEN KARO"),
    "DINAS": env.str("LPSE_DINAS", default="DINAS KOMUNIKASI DAN INFORMATIKA"),
    "UNIT": env.str("LPSE_UNIT", default="UNIT LAYANAN PENGADAAN SECARA ELEKTRONIK"),
    "ALAMAT": env.str("LPSE_ALAMAT", default="Jl. Letnan Jenderal Jamin Ginting No. 17, Kabanjahe 22111"),
    "TELEPON": env.str("LPSE_TELEPON", default="(0628) 20001"),
    "EMAIL": env.str("LPSE_EMAIL", default="lpse@karokab.go.id"),
    "KOTA": env.str("LPSE_KOTA", default="Kabanjahe"),
    "JAM_LAYANAN": env.str("LPSE_JAM_LAYANAN", default="Senin–Jumat, 08.00–16.00 WIB"),
    "URL_SPSE": env.str("LPSE_URL_SPSE", default="https://spse.inaproc.id/karokab"),
}
# Base URL used in links inside emails and QR codes (no request there).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Number format of official documents; see lpse.documents.format_number.
DOCUMENT_NUMBER_FORMAT = env.str("DOCUMENT_NUMBER_FORMAT", default="{seq:03d}/{kode}-LPSE/{bulan_romawi}/{tahun}")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# Office hours and extra non-working days (cuti bersama), for SLA clocks
# (lpse.workcal). Indonesian public holidays come from the holidays package.
OFFICE_HOURS = tuple(env.list("OFFICE_HOURS", default=["08:00", "16:00"]))
EXTRA_HOLIDAYS = env.list("EXTRA_HOLIDAYS", default=[])
if len(OFFICE_HOURS) != 2 or not all(re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", t) for t in OFFICE_HOURS):
    raise ImproperlyConfigured(f"Variabel lingkungan OFFICE_HOURS tidak valid: {OFFICE_HOURS!r} (contoh: 08:00,16:00).")
for _day in EXTRA_HOLIDAYS:
    try:
        date.fromisoformat(_day)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"Variabel lingkungan EXTRA_HOLIDAYS tidak valid: {_day!r} bukan tanggal YYYY-MM-DD."
        ) from exc
# How old the Sekretariat's dashboard figures (program kerja realisation, SOP
# summary) may be; they read a year of every bidang's data.
PANEL_CACHE_SECONDS = env.int("PANEL_CACHE_SECONDS", default=600)
# How old the figures on the staff dashboard's panels may be (lpse.navigation).
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=30)
# Read-mostly pages keep their last response per browser until a table they read is
# written (lpse/pagecache.py, issue 14); PAGE_CACHE=0 renders every request afresh.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)

# --- Electronic signatures (lpse.signing, issue 12) -------------------------
# Where signing keys live: PKCS#12 files, encrypted again at rest with
# SIGNING_STORAGE_KEY (default: derived from SECRET_KEY). Under VAR_DIR, never
# under a served path.
SIGNING_DIR = Path(env.str("SIGNING_DIR", default=str(VAR_DIR / "signing")))
SIGNING_STORAGE_KEY = env.str("SIGNING_STORAGE_KEY", default="")
# pkcs12 (a file per signer; how small offices start), pkcs11 (a token or HSM)
# or remote (a national signing service that signs a hash for a NIK and passphrase).
# Not named SIGNING_BACKEND: that is Django's own setting, the class that signs cookies
# (django.core.signing.get_cookie_signer); "pkcs12" there broke every signed cookie.
# The old environment variable is still read, so an installed office keeps its choice.
SIGNING_KEY_BACKEND = env.str("SIGNING_KEY_BACKEND", default=env.str("SIGNING_BACKEND", default="pkcs12"))
SIGNING_PKCS11_LIB = env.str("SIGNING_PKCS11_LIB", default="/usr/lib/softhsm/libsofthsm2.so")
SIGNING_PKCS11_TOKEN = env.str("SIGNING_PKCS11_TOKEN", default="")
SIGNING_REMOTE_URL = env.str("SIGNING_REMOTE_URL", default="")
SIGNING_REMOTE_TIMEOUT = env.float("SIGNING_REMOTE_TIMEOUT", default=15.0)
# Trust roots (PEM/DER files) the verification page accepts; every *.pem/*.crt
# in SIGNING_DIR/trust is added (seed_demo puts its demo CA there).
SIGNING_TRUST_ROOTS = env.list("SIGNING_TRUST_ROOTS", default=[])
# CRLs an office drops in SIGNING_DIR/crl are used as known revocation data;
# fetching CRL/OCSP over the network is on only where the network allows it.
SIGNING_FETCH_REVOCATION = env.bool("SIGNING_FETCH_REVOCATION", default=False)
# RFC 3161 timestamp authority; empty = signatures carry the signer's clock only.
SIGNING_TSA_URL = env.str("SIGNING_TSA_URL", default="")
# Dotted path of a function (user, code) -> bool checking the signer's second
# factor before signing; empty = passphrase only (until two-factor sign-in lands).
# Signing asks the staff member's second factor again (issue 12); "" turns it off.
SIGNING_SECOND_FACTOR_VERIFIER = env.str("SIGNING_SECOND_FACTOR_VERIFIER", default="lpse.otp.signing_code_ok")
# Emblem on the letterhead of official documents (SVG or PNG file). The default
# is a neutral emblem; an office sets its kabupaten's coat of arms here.
LPSE_LOGO = Path(env.str("LPSE_LOGO", default=str(BASE_DIR / "static" / "img" / "lambang-netral.svg")))
