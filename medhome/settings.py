"""Settings for the Medical Home Portal, read from environment variables.

Every variable is listed once in .env.example. Defaults are safe for
production (DEBUG off); `make run` and `make test` set the local values.
"""

import datetime
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"true", "1"}:
        return True
    if value in {"false", "0"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true, false, 1 or 0, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured("DATABASE_URL must start with postgres:// or postgresql://.")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
    }


# --- Core and security -------------------------------------------------------
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The public address of the site, used in links inside emails and feeds. Unset, it
# follows PORT (what `make run` serves on), so `PORT=8080 make run` links to :8080.
SITE_URL = (env_str("SITE_URL") or f"http://127.0.0.1:{env_int('PORT', 8000)}").rstrip("/")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
# Preload-ready (a year, subdomains, preload) whenever HSTS is on; submitting the
# domain to the browsers' preload list stays a decision for the organisation.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS >= 31_536_000)
# How many proxies of ours stand in front of the app (nginx: 1). The client's
# address is read from X-Forwarded-For that many hops from the right; whatever a
# client writes further left is ignored (medhome/clientip.py). 0: REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True

# No inline script or style anywhere: scripts are files (or carry the nonce). Nothing is
# allowed by default; each kind of content the pages need is added back, from our origin.
# Script tags carry Subresource Integrity too ({% sri %}, medhome/templatetags/sri.py).
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Static files are for our pages only: no "Access-Control-Allow-Origin: *".
WHITENOISE_ALLOW_ALL_ORIGINS = False
# Our responses may not be embedded by other sites (medhome/headers.py).
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# --- Applications ------------------------------------------------------------
INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    # django.contrib.admin with the two-factor admin site (medhome/second_factor.py).
    "medhome.admin_apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django_filters",
    "django_ratelimit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks_db",
    "simple_history",
    "import_export",
    "medhome",
    "faq",
    "resources",
    "mentorship",
    "newsletter",
    "events",
    "toolkit",
]

MIDDLEWARE = [
    # First: everything after it (rate limits, lockout, logs) sees the real client address.
    "medhome.clientip.RealClientAddressMiddleware",
    # Before anything reads the body: too large -> 413 without reading it.
    "medhome.bodylimit.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so static files get the headers too.
    "medhome.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A database that cannot be reached: a static 503 with Retry-After, not a 500.
    "medhome.dbfaults.DatabaseUnavailableMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Public pages' cached parts are keyed by the content version, read once a request.
    "medhome.cache.ContentVersionMiddleware",
    # ETag/304 and Cache-Control for public pages: inside the version (it reads it),
    # outside sessions, CSRF and messages (it sees the cookies they set).
    "medhome.httpcache.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with the second factor too.
    "django_otp.middleware.OTPMiddleware",
    # Records who made each change in the history of curated content.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions: 30 minutes idle, 12 hours at most (needs messages).
    "medhome.staff_sessions.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Every public POST spends from the client's budget in the shared cache.
    "medhome.ratelimit.PublicPostRateLimitMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "medhome.urls"
WSGI_APPLICATION = "medhome.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "medhome.context_processors.site",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
# Persistent connections roughly triple throughput on a PostgreSQL-backed page.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A database that is down or frozen must not tie up the site's workers: connecting
# gives up after DB_CONNECT_TIMEOUT seconds, and a statement after
# DB_STATEMENT_TIMEOUT_MS (the web process sets 5000 in medhome/wsgi.py; commands and
# the worker, which run long statements on purpose, have none unless set).
# DB_CLIENT_TIMEOUT (seconds, web process only) also bounds every wait on a server
# that stopped answering altogether, which no server-side timeout can.
DB_CONNECT_TIMEOUT = env_int("DB_CONNECT_TIMEOUT", 5)
DB_STATEMENT_TIMEOUT_MS = env_int("DB_STATEMENT_TIMEOUT_MS", 0)
DB_CLIENT_TIMEOUT = env_int("DB_CLIENT_TIMEOUT", 0)
# What a page answers while the database is unreachable: 503 with this Retry-After.
DB_RETRY_AFTER = env_int("DB_RETRY_AFTER", 30)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = {"connect_timeout": max(DB_CONNECT_TIMEOUT, 2)}
    if DB_STATEMENT_TIMEOUT_MS:
        DATABASES["default"]["OPTIONS"]["options"] = (
            f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS} "
            f"-c lock_timeout={DB_STATEMENT_TIMEOUT_MS}"
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every process, so rate limits hold across gunicorn workers; with several
# instances (make cluster, production) REDIS_URL points all of them at one Redis.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "medhome_cache",
        }
    }

# --- Static and uploaded files ---------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files, public (documents linked from pages) and private (submissions),
# through one storage layer (medhome/storage.py): folders under var/ by default, an
# S3-compatible bucket when S3_BUCKET is set. Public files are served by the site at
# MEDIA_URL in both cases (medhome.media); private ones only to staff, as downloads.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Empty: a folder "private" beside MEDIA_ROOT (medhome.storage.private_root).
PRIVATE_MEDIA_ROOT = env_str("PRIVATE_MEDIA_ROOT")
# How long browsers and shared caches may keep a public file (names of uploads change
# when the file does, as Django never overwrites).
MEDIA_MAX_AGE = env_int("MEDIA_MAX_AGE", 86_400)
# How long browsers and shared caches may reuse a public page without asking again
# (medhome/httpcache.py); 0: they revalidate every time with the page's ETag (a 304).
PUBLIC_CACHE_MAX_AGE = env_int("PUBLIC_CACHE_MAX_AGE", 0)
# The same pages kept whole in each process's memory, by ETag (medhome/httpcache.py):
# at most this many bytes a process (0: off). Every publication makes them stale.
PAGE_CACHE_BYTES = env_int("PAGE_CACHE_BYTES", 8 * 1024 * 1024)
S3_BUCKET = env_str("S3_BUCKET")
if S3_BUCKET:
    _s3 = {
        "bucket_name": S3_BUCKET,
        "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
        "region_name": env_str("S3_REGION") or None,
        "access_key": env_str("S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    STORAGES = {
        "default": {
            "BACKEND": "medhome.storage.PublicS3Storage",
            "OPTIONS": {**_s3, "location": "public"},
        },
        "private": {
            "BACKEND": "medhome.storage.PrivateS3Storage",
            "OPTIONS": {**_s3, "location": "private"},
        },
    }
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "medhome.storage.PrivateFileSystemStorage"},
    }
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 11_534_336
# The largest request body accepted, checked before it is read (medhome/bodylimit.py):
# 11 MiB on public pages (a 10 MB file and its form), 50 MiB in the admin. The cluster's
# nginx sets the same: client_max_body_size 11m; and 50m in location /admin/.
MAX_REQUEST_BODY_BYTES = env_int("MAX_REQUEST_BODY_BYTES", 11 * 1024 * 1024)
STAFF_MAX_REQUEST_BODY_BYTES = env_int("STAFF_MAX_REQUEST_BODY_BYTES", 50 * 1024 * 1024)

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "America/Chicago")
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

# --- Email (Django 6.1 mailers) ---------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Medical Home Portal <medical_home@aap.org>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_MODE = env_str("EMAIL_MODE", "file" if DEBUG else "smtp")
if EMAIL_MODE == "smtp":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("SMTP_HOST", "127.0.0.1"),
                "port": env_int("SMTP_PORT", 25),
                "username": env_str("SMTP_USER"),
                "password": env_str("SMTP_PASSWORD"),
                "use_tls": env_bool("SMTP_STARTTLS", False),
                "timeout": 20,
            },
        }
    }
elif EMAIL_MODE == "file":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }
else:
    raise ImproperlyConfigured("EMAIL_MODE must be 'file' or 'smtp'.")

# --- Background tasks ---------------------------------------------------------------
# A newsletter worker holds a batch this long (renewing it while it works); a batch
# whose worker died goes to the next worker once its claim expires.
NEWSLETTER_CLAIM_SECONDS = env_int("NEWSLETTER_CLAIM_SECONDS", 120)
# How often an idle task worker looks for resource alerts whose week is up.
ALERTS_CHECK_SECONDS = env_int("ALERTS_CHECK_SECONDS", 600)
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Auth -------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# Where a sign-in without a usable `next` lands (Django's default is a missing page).
LOGIN_REDIRECT_URL = "admin:index"
# Staff sessions end after this long without a request, and this long after sign-in.
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)
STAFF_SESSION_MAX_SECONDS = env_int("STAFF_SESSION_MAX_SECONDS", 12 * 3600)

# django-axes refuses sign-in before the password is checked when locked out;
# ModelBackend then checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout: 5 failures lock the username, and 5 from one client address lock that
# address (the real one, behind our proxies), each for an hour or until unlocked.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = datetime.timedelta(hours=1)
AXES_CLIENT_IP_CALLABLE = "medhome.clientip.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Not its "AXES: BEGIN" banner on every manage.py command and worker start.
AXES_VERBOSE = False
# Its JSON lockout answer would otherwise allow any origin.
AXES_ALLOWED_CORS_ORIGINS = SITE_URL
# The second factor: TOTP apps show the portal's name beside each account.
OTP_TOTP_ISSUER = "Medical Home Portal"

# --- The site -------------------------------------------------------------------
# The demo notice shows while demo content is loaded; turn it off here.
DEMO_NOTICE = env_bool("DEMO_NOTICE", True)
CENTER = {
    "name": "National Center for Medical Home Implementation",
    "phone": "800-433-9016, ext. 4917",
    "phone_href": "+18004339016,4917",
    "fax": "847-228-7035",
    "email": "medical_home@aap.org",
}
# Public forms: how many submissions one address (and one email address) may make an hour.
PUBLIC_FORM_RATE_LIMIT = env_int("PUBLIC_FORM_RATE_LIMIT", 5)
# How long a form's single-use "form started" token stays valid.
PUBLIC_FORM_MAX_AGE = env_int("PUBLIC_FORM_MAX_AGE", 2 * 3600)
# Every other public POST, per client address, by URL name ("N/s|m|h|d"); see medhome/ratelimit.py.
RATE_LIMITS = {
    "default": env_str("PUBLIC_POST_RATE_LIMIT", "30/h"),
    "faq:feedback": env_str("FAQ_FEEDBACK_RATE_LIMIT", "10/h"),
    "feedback": env_str("FEEDBACK_RATE_LIMIT", "10/h"),
}
# django-ratelimit counts in the shared default cache (database here, Redis in the cluster).
RATELIMIT_USE_CACHE = "default"
# Bots fill forms faster than people; a submission sooner than this is refused.
PUBLIC_FORM_MIN_SECONDS = env_int("PUBLIC_FORM_MIN_SECONDS", 3)

SILENCED_SYSTEM_CHECKS: list[str] = []
if REDIS_URL:
    # Django's own Redis cache increments atomically (INCR), which is what the check
    # wants; it only knows django-redis by name.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.W001"]
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    # The database cache increments without a lock: under a race a limit may let a
    # request or two more through. Accepted for one instance; the cluster uses Redis.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]

# Every record passes through the filter that replaces email addresses and phone numbers
# (medhome/logfilters.py); Django's own loggers are routed here too, not to its handlers.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "medhome.logfilters.RedactPersonalData"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_personal_data"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.security.csp": {"level": "WARNING"},
    },
}
