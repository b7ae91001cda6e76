"""Project settings, read once from the environment (see README, "Configuration").

Every variable has a safe default for the embedded demo: SQLite under ./var, DEBUG off, a
secret key generated once and kept under ./var.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("BIENGIOI_VAR_DIR", Path.cwd() / "var")).resolve()


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "1" if default else "0")
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """SECRET_KEY from the environment, else the one generated at first start under VAR_DIR."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _flag("DEBUG")
HTTPS = _flag("BIENGIOI_HTTPS")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "biengioi.core",
    "biengioi.registry",
    "biengioi.operations",
    "biengioi.community",
    "biengioi.coordination",
    "biengioi.reports",
    "biengioi.accounts",
    "biengioi.audit",
    "biengioi.notifications",
    "biengioi.geo",
    "biengioi.web",
    "django.forms",  # after web: its templates/django/forms/ (the error summary) come first
]

MIDDLEWARE = [
    "biengioi.core.middleware.RequestIdMiddleware",
    "biengioi.core.middleware.BodySizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "biengioi.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "biengioi.core.middleware.LanguageMiddleware",
    "biengioi.core.middleware.ApiMethodNotAllowedMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "biengioi.accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "biengioi.web.feedback.SavedMiddleware",  # after messages: it queues "Đã lưu …" first
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "biengioi.urls"
# forms are drawn with the project's templates, so web/templates/django/forms/div.html (every
# form's errors summarised at its top, a chosen file asked for again) serves every app's forms
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "biengioi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "biengioi.web.context.menu",
                "biengioi.notifications.context.unread",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'biengioi.sqlite3'}"
_db = dj_database_url.parse(DATABASE_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")))
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at the
        # start of every transaction, so two writers queue instead of failing mid-way.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    _db.setdefault("TEST", {})["NAME"] = os.environ.get("BIENGIOI_TEST_SQLITE") or None
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts and security ------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"
LOGIN_FAILURE_LIMIT = int(os.environ.get("BIENGIOI_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCK_MINUTES = int(os.environ.get("BIENGIOI_LOGIN_LOCK_MINUTES", "15"))
API_TOKEN_DAYS = int(os.environ.get("BIENGIOI_API_TOKEN_DAYS", "90"))
OTP_TOTP_ISSUER = "biengioi"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("BIENGIOI_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if HTTPS:  # production behind a TLS-terminating reverse proxy
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("BIENGIOI_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is hard to undo for a whole domain: the operator opts in knowingly.
    SECURE_HSTS_PRELOAD = _flag("BIENGIOI_HSTS_PRELOAD")
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SILENCED_SYSTEM_CHECKS = ["security.W021"] + (
    [] if HTTPS else ["security.W004", "security.W008", "security.W012", "security.W016"]
)


def content_security_policy(basemap: str) -> str:
    """Nothing from anywhere but this server; images also from the tile server when the basemap
    is one (`BIENGIOI_BASEMAP=https://tiles.example.vn/{z}/{x}/{y}.png`), that origin only."""
    from biengioi.geo.basemap import tile_server_origin

    tiles = tile_server_origin(basemap)
    return (
        f"default-src 'self'; img-src 'self' data: blob:{' ' + tiles if tiles else ''}; "
        "style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


# Bodies over 1 MB are refused with 413 before any view reads them.
MAX_BODY_BYTES = int(os.environ.get("BIENGIOI_MAX_BODY_BYTES", str(1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES

# --- language, time, numbers ----------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["biengioi.core.formats"]
USE_THOUSAND_SEPARATOR = True  # 21.790 in Vietnamese, 21,790 in English

# --- static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Front-end libraries and map data installed by npm (`make install`), served like our own files:
# nothing is loaded from a CDN. The folder holds package.json's dependencies.
NODE_MODULES = Path(
    os.environ.get("BIENGIOI_NODE_MODULES") or BASE_DIR.parent.parent / "node_modules"
).resolve()
STATICFILES_DIRS = [
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
    ("vendor/pmtiles", NODE_MODULES / "pmtiles" / "dist"),
    ("vendor/uplot", NODE_MODULES / "uplot" / "dist"),
]
# An operator's detailed basemap of the province (MBTiles or PMTiles of raster tiles), served by
# biengioi to signed-in users, or the URL template of the deployment's own tile server
# (https://tiles.example.vn/{z}/{x}/{y}.png, drawn directly by the browser; the CSP allows that
# origin); unset, the map draws its built-in background only.
BASEMAP = os.environ.get("BIENGIOI_BASEMAP", "").strip()
CONTENT_SECURITY_POLICY = content_security_policy(BASEMAP)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
# Attachments (signed patrol records, photos) live outside the database, in this folder; an upload
# over ATTACHMENT_MAX_BYTES is refused. Upload routes alone take bodies that large.
ATTACHMENTS_DIR = Path(
    os.environ.get("BIENGIOI_ATTACHMENTS_DIR") or VAR_DIR / "attachments"
).resolve()
ATTACHMENT_MAX_BYTES = int(os.environ.get("BIENGIOI_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))

# --- GPS tracks (geo) -----------------------------------------------------------------------
# A track's file over TRACK_MAX_BYTES is refused (a day's GPX of a fix a second is about 10 MB).
TRACK_MAX_BYTES = int(os.environ.get("BIENGIOI_TRACK_MAX_BYTES", str(50 * 1024 * 1024)))
# Fixes are kept with metric coordinates in this CRS (UTM 48N: Vietnam's land border lies within
# about 3 degrees of its meridian, so planar distances are within 0.1 % of the ellipsoid's).
GEO_METRIC_EPSG = int(os.environ.get("BIENGIOI_GEO_METRIC_EPSG", "32648"))
# The fastest a patrol moves in each mode (km/h): a faster jump between fixes is a device's error.
TRACK_MAX_SPEED_KMH = {
    mode: float(speed)
    for mode, speed in (
        item.split("=")
        for item in os.environ.get(
            "BIENGIOI_TRACK_MAX_SPEED_KMH", "foot=15,vehicle=120,boat=60"
        ).split(",")
    )
}
# A marker within this distance of a track was passed by its patrol.
TRACK_MARKER_DISTANCE_M = float(os.environ.get("BIENGIOI_TRACK_MARKER_DISTANCE_M", "200"))
# A post is reminded of its markers no track came near in this many days (its province's
# secretariat of those gone twice as long).
COVERAGE_DAYS = int(os.environ.get("BIENGIOI_COVERAGE_DAYS", "90"))
# A section within this distance of a track was covered by its patrol.
TRACK_SECTION_DISTANCE_M = float(os.environ.get("BIENGIOI_TRACK_SECTION_DISTANCE_M", "500"))

# --- mail -----------------------------------------------------------------------------------
# Notifications are e-mailed to users who have an address. With EMAIL_HOST set, through that SMTP
# server; otherwise printed on the console (the demo). EMAIL_BACKEND overrides either.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
EMAIL_USE_SSL = _flag("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "biengioi <no-reply@localhost>")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
# The address of the site as users reach it, to put whole links in e-mails ("https://bg.tinh.vn").
BASE_URL = os.environ.get("BIENGIOI_BASE_URL", "").rstrip("/")
# The situational map marks a marker no patrol has inspected for more than this many days.
MAP_STALE_DAYS = int(os.environ.get("BIENGIOI_MAP_STALE_DAYS", "90"))

# --- reminders and the scheduler -------------------------------------------------------------
# Days before a task's deadline its unit is reminded (and once more when it is overdue).
REMINDER_DAYS = int(os.environ.get("BIENGIOI_REMINDER_DAYS", "3"))
# Seconds between two runs of the scheduler (the worker, or embedded in `biengioi demo`/`serve`).
SCHEDULER_INTERVAL = float(os.environ.get("BIENGIOI_SCHEDULER_INTERVAL", "300"))
# "embedded": `biengioi serve` runs the scheduler beside gunicorn (as `demo` always does).
SCHEDULER = os.environ.get("BIENGIOI_SCHEDULER", "").strip().lower()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
