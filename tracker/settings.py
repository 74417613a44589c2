"""Settings for the tracker, all read from the environment in this one module.

Every variable read here, its default and its meaning are listed once, in the README
(section "Configuration"); add a variable there when you read a new one here. A flag that is
set to a value it does not know (e.g. DJANGO_DEBUG=ture) stops start-up, naming the variable.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE_SPELLINGS = {"1", "true", "yes", "on"}
FALSE_SPELLINGS = {"0", "false", "no", "off"}


def env_flag(name, default=False):
    """On or off, from the usual spellings; unset or empty gives `default`, and anything else is
    refused, so that a typo never silently means "off"."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_SPELLINGS:
        return True
    if value in FALSE_SPELLINGS:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not a flag: use one of "
        f"{', '.join(sorted(TRUE_SPELLINGS))} or {', '.join(sorted(FALSE_SPELLINGS))}."
    )


def env_list(name, default=()):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or list(default)


DEBUG = env_flag("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off: "
            "production never runs with a default key."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "agreements",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the URL prefix (/en/, /uk/); unprefixed public URLs are redirected to
    # the browser's language (cookie, then Accept-Language).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which would read (and spool to disk) the body it refuses.
    "tracker.request_limits.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "agreements.http_cache.HTTPCachingMiddleware",
    "agreements.cache.PublicPageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: turns a locked-out login into a 429 response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"

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
                "agreements.context_processors.citation_notes",
                "agreements.context_processors.languages",
            ],
        },
    },
]

WSGI_APPLICATION = "tracker.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        # A persistent connection is checked (one extra round trip) before each request uses it.
        conn_health_checks=env_flag("DJANGO_CONN_HEALTH_CHECKS", default=True),
    )
}

# App servers keep no state of their own: sessions live in the database (Django's default
# engine) and the cache in the database or a shared cache server, so any number of gunicorn
# hosts can serve behind one load balancer. `migrate` creates the cache table too.
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "")
if CACHE_URL.startswith("locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
elif CACHE_URL:
    raise ImproperlyConfigured(f"DJANGO_CACHE_URL: unknown cache {CACHE_URL!r}")
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Anonymous views of these public pages are cached until the next edit of any fact
# (agreements/cache.py); 0 turns page caching off.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", str(60 * 60 * 24)))
# Larger responses (big exports) are rendered each time rather than filling the cache.
PAGE_CACHE_MAX_BYTES = int(os.environ.get("DJANGO_PAGE_CACHE_MAX_BYTES", str(512 * 1024)))
# How long a request waits for an identical one already rendering the same page.
PAGE_CACHE_WAIT_SECONDS = 5
PAGE_CACHE_VIEWS = [
    "overview",
    "agreement-list",
    "agreement-export-csv",
    "agreement-export-json",
    "agreement-detail",
    "country-list",
    "country-detail",
    "declaration-detail",
    "timeline",
    "source-list",
    "source-detail",
    "feed-updates",
]

# The longest a search may keep the database busy; past it the page says "search too broad".
SEARCH_TIME_LIMIT_MS = int(os.environ.get("DJANGO_SEARCH_TIME_LIMIT_MS", "2000"))
# How many searches may run at once on PostgreSQL, across all app servers; more are told to
# try again (503). One per database core that serving pages leaves free (1 on a 2-core host
# running gunicorn and PostgreSQL together); 0: no bound.
SEARCH_CONCURRENCY = int(os.environ.get("DJANGO_SEARCH_CONCURRENCY", "1"))

# Request bodies (tracker/request_limits.py): an article (upload or pasted text) is at most
# ARTICLE_MAX_BYTES; the pages that take one accept that and 1 MB for the rest of the form,
# every other URL REQUEST_BODY_LIMIT. Form fields may then fill the article pages' limit.
ARTICLE_MAX_BYTES = 5 * 1024 * 1024
ARTICLE_REQUEST_BODY_LIMIT = ARTICLE_MAX_BYTES + 1024 * 1024
REQUEST_BODY_LIMIT = int(os.environ.get("DJANGO_REQUEST_BODY_LIMIT", str(1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = ARTICLE_REQUEST_BODY_LIMIT

# What public pages tell a shared cache (the reverse proxy, deploy/nginx-site.conf): keep a page
# this many seconds, then serve the kept copy for PROXY_STALE_SECONDS more while asking again
# (agreements/http_cache.py). An edit shows through the proxy within PROXY_CACHE_SECONDS.
PROXY_CACHE_SECONDS = int(os.environ.get("DJANGO_PROXY_CACHE_SECONDS", "10"))
PROXY_STALE_SECONDS = int(os.environ.get("DJANGO_PROXY_STALE_SECONDS", "30"))

ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

# Admin login throttling (django-axes): 5 failed logins from one address lock that address out
# for an hour, whatever user names it tried; 5 failed logins for one user name lock that name
# out, from whatever addresses they came (a rotating X-Forwarded-For gains nothing). The axes
# backend must come first.
AUTHENTICATION_BACKENDS = [
    "tracker.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "tracker.auth.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Every page in English and Ukrainian (README, "Languages"): the catalogue is
# locale/uk/LC_MESSAGES/django.po, compiled by `manage.py compile_translations`.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("uk", "Українська")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Security headers; the HTTPS-only ones switch on with DJANGO_SECURE_SSL behind a TLS proxy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL = env_flag("DJANGO_SECURE_SSL", default=not DEBUG)
if SECURE_SSL:
    SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# A load balancer asks for /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content Security Policy (django-csp): scripts, styles, fonts and images only from this site's
# own static files; no inline script or style, no plugins, no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
