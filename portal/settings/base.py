"""Settings shared by every environment. Each value that differs between machines comes from
the environment; README.md has the table."""

import hashlib
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.media_files import MEDIA_EXTENSIONS
from portal.settings.env import env_bool, env_int, env_list, env_mapping, env_required, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "portal",
    "content",
    "interaction",
    "search",
    "bureaus",
    "wagtail.contrib.redirects",
    # Editors' picks on /search/ for important queries (docs/search.md).
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "bureaus.users_app.PortalUsersAppConfig",  # wagtail.users with the user form arranged by role
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_q",
    # The admin's second factor (bureaus/second_factor.py): authenticator-app (TOTP) devices.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Its catalogue translates the "3 minutes ago" Wagtail's admin shows with naturaltime.
    "django.contrib.humanize",
    # /sitemap.xml (portal/sharing/sitemap.py) renders the framework's template.
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors' pages from the page cache, before sessions and the database (docs/page-cache.md):
    # above the outage answer, so stored pages are still served while the database is down.
    "portal.page_cache.middleware.PageCacheMiddleware",
    # A database outage in a view or its template becomes the busy 503 (portal/database_busy.py;
    # outages outside a view reach handler500). Anywhere below the security headers works.
    "portal.database_busy.DatabaseBusyMiddleware",
    # The site, home page and routing rows from this process's snapshot, kept until content changes
    # (portal/site_structure.py); below the outage answer, since a new snapshot reads the database.
    "portal.site_structure.SiteStructureMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.VisitorLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether the session passed the second factor, then holding it there until it has (docs/admin-login.md).
    "django_otp.middleware.OTPMiddleware",
    "bureaus.second_factor.SecondFactorMiddleware",
    # Remembers the browser after a successful sign-in (core/login_throttle.py).
    "core.login_throttle.KnownDeviceMiddleware",
    "bureaus.admin_access.ExplorerScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.admin_errors.ProtectedObjectMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Wagtail's redirects, asking the database only for an address a redirect names (portal/site_structure.py).
    "portal.site_structure.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site_shell",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # A kept connection (DATABASE_CONN_MAX_AGE > 0) is checked before a request reuses it, so a
        # database restart while a worker was idle costs no visitor a 503 (docs/database-outage.md).
        conn_health_checks=True,
    )
}
# When the database is unreachable visitors get a 503 "busy, try again" page asking to come back
# after this many seconds (portal/database_busy.py).
DATABASE_BUSY_RETRY_AFTER = env_int("DATABASE_BUSY_RETRY_AFTER", 30)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the django-q2 worker share the file: wait for locks instead of failing,
    # and let readers proceed while a writer works.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # Sites (or test stacks) sharing one Redis server keep apart by prefix.
            "KEY_PREFIX": env_str("REDIS_KEY_PREFIX", "portal"),
            # A cache outage degrades pages to uncached; it must never become a 500.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Wagtail keeps each rendition it looks up in the "renditions" cache: written on every image a
# page shows. Per process, so a page of 12 images is not 12 writes to Redis; the key holds the
# image file's hash, so a replaced image is never served from an old entry.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 5_000},
}

# The page cache (docs/page-cache.md): seconds a page is kept at most (0 turns the cache off), and
# where. Shared by every process that serves or changes pages, so that a purge reaches them all:
# Redis when there is one, else files under var/ (one machine).
# Pages of one database are never served for another sharing the same Redis or var/ folder (the
# browser tests' database beside the development one): the database names its cache.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_ALIAS = "pages"
# Each process keeps the site, home page and routing rows until the page cache's generation moves
# (portal/site_structure.py); the generation is kept even with PAGE_CACHE_SECONDS=0.
SITE_STRUCTURE_CACHE = env_bool("SITE_STRUCTURE_CACHE", True)
# List cards rendered once per process for each distinct content (core/fragment_memo.py): at most
# this many kept per process; 0 renders every card on every view.
FRAGMENT_MEMO_ENTRIES = env_int("FRAGMENT_MEMO_ENTRIES", 5_000)
# Searches the page cache answers are counted per process and written to the weekly search log
# together (search/query_log.py): after this many, or once the oldest has waited this long.
SEARCH_LOG_BATCH = env_int("SEARCH_LOG_BATCH", 20)
SEARCH_LOG_SECONDS = env_int("SEARCH_LOG_SECONDS", 60)
_DATABASE_TAG = hashlib.sha256(
    f"{DATABASES['default'].get('HOST', '')}:{DATABASES['default'].get('NAME', '')}".encode()
).hexdigest()[:12]
if REDIS_URL:
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": f"{CACHES['default']['KEY_PREFIX']}-pages-{_DATABASE_TAG}"}
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("PAGE_CACHE_DIR", str(VAR_DIR / "page-cache" / _DATABASE_TAG)),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
# A page form posted without its token (no JavaScript on a cached page) keeps what was typed.
CSRF_FAILURE_VIEW = "portal.page_cache.csrf.csrf_failure"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # kunming2026, Wenming@2026!, gongan2026: site, city and bureau words with digits (core/passwords.py).
    {"NAME": "bureaus.passwords.SiteAndBureauWordsValidator"},
]

# Admin sign-in (docs/admin-login.md). Every password sign-in goes through the limits of
# core/login_throttle.py: (failures, window in seconds) per counter.
AUTHENTICATION_BACKENDS = ["core.login_throttle.ThrottledModelBackend"]
LOGIN_FAILURE_LIMITS = {
    "account_client": (5, 15 * 60),  # one account from one address
    "client": (30, 15 * 60),  # any accounts from one address
    "account": (50, 60 * 60),  # one account from every address that is not a known browser of it
    "device": (10, 15 * 60),  # one account from a browser it signed in from before
}
# Reviewers, final reviewers, nomination reviewers and superusers confirm each session with an
# authenticator-app code (bureaus/second_factor.py); editors may opt in.
ADMIN_REQUIRE_SECOND_FACTOR = env_bool("ADMIN_REQUIRE_SECOND_FACTOR", True)
# A wrong code makes the next try wait 1, 2, 4, … seconds (django-otp's throttling).
OTP_TOTP_THROTTLE_FACTOR = 1

# The language choice is read by the server only: no script needs it, so it is HttpOnly.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Internationalisation: Chinese first; English is the second language, chosen by the visitor.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# The second directory holds the Chinese for Wagtail admin strings Wagtail leaves untranslated
# (portal/wagtail_messages.py); it is apart because `makemessages` rewrites the first.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail_overrides"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
# Where collectstatic gathers the files nginx serves under /static/ (deploy/, docs/production.md).
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "昆明文明城市创建网"
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME  # the name the authenticator app shows next to its code
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Monitoring sends it as "Authorization: Bearer <token>" to see /healthz/'s details.
HEALTHZ_TOKEN = env_str("HEALTHZ_TOKEN", "")
# The public address printed in QR codes on street ads: from configuration, never from a request's
# Host header (the QR images are cached publicly).
PORTAL_PUBLIC_URL = env_str("PORTAL_PUBLIC_URL", WAGTAILADMIN_BASE_URL).rstrip("/")
WAGTAIL_I18N_ENABLED = False
# The admin works from mainland China and for Chinese editors (docs/admin.md): no calls to
# gravatar.com (blocked, and it would leak a hash of each editor's e-mail) or to wagtail.io for
# upgrade checks, no English "What's new" banner; help comes from docs/editor-guide.md.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Everyone works in Beijing time; a single zone also hides the list of ~600 zone names on the
# account page.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
# The account page's e-mail address is changed in our own panel, which asks for the current
# password (portal/account_email.py); Wagtail's own panel keeps the name only.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# Wagtail's sign-in form leaves its password label in English (portal/admin_login.py).
WAGTAILADMIN_USER_LOGIN_FORM = "portal.admin_login.LoginForm"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# No autosave (docs/workflows.md): every revision is a deliberate act of a named person. Autosave
# creates a page in the bureau's tree while its title is half typed, and an autosaved revision
# by a reviewer who merely opened the editor restarts the review and makes them its author.
# Wagtail still warns before leaving the editor with unsaved changes.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# Bureau groups hold no publish permission; the last approval of a workflow publishes.
WAGTAIL_FINISH_WORKFLOW_ACTION = "bureaus.workflow_actions.publish_approved"
# The video and audio formats (mp4, webm, mp3, m4a, wav, ogg) are for 公益广告 media files, played on
# the work's page; their first bytes must match the extension (core/media_files.py).
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "txt", "csv", "zip", *MEDIA_EXTENSIONS]
# Wagtail's multiple-upload document forms crash on that extension check without this base
# (core/documents.py), which also runs the content-safety check on title, tags, file name and text.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.documents.DocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Titles, descriptions, tags and file names of library images pass the content-safety check.
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.safety.library.ImageForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# Search (docs/search.md). "database": SQLite FTS5 or PostgreSQL through search.backend, which
# segments Chinese with jieba at index and query time. "elasticsearch": Wagtail's elasticsearch9
# backend with a CJK-aware default analyzer (ELASTICSEARCH_ANALYZER: cjk, built in; smartcn or ik
# when that plugin is installed) plus the faceted portal index (search/es/); when the cluster is
# unreachable the search page falls back to the database backend, kept as "database".
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "database").lower()
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_ANALYZER = env_str("ELASTICSEARCH_ANALYZER", "cjk").lower()
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "portal_")
WAGTAILSEARCH_BACKENDS = {"database": {"BACKEND": "search.backend"}}
if SEARCH_BACKEND == "elasticsearch":
    from search.es.config import wagtail_backend_settings

    WAGTAILSEARCH_BACKENDS["default"] = wagtail_backend_settings(
        ELASTICSEARCH_URL or env_required("ELASTICSEARCH_URL"), ELASTICSEARCH_ANALYZER, ELASTICSEARCH_INDEX_PREFIX
    )
elif SEARCH_BACKEND == "database":
    WAGTAILSEARCH_BACKENDS["default"] = WAGTAILSEARCH_BACKENDS["database"]
else:
    raise ImproperlyConfigured(f"SEARCH_BACKEND must be database or elasticsearch, not {SEARCH_BACKEND!r}")

# Content safety (core/safety/): links to hosts other than *.gov.cn, wenming.cn, the site's
# own and these are findings; the issuer names must stay intact on the pages that carry them.
CONTENT_SAFETY_ALLOWED_HOSTS = env_list("CONTENT_SAFETY_ALLOWED_HOSTS", [])
CONTENT_SAFETY_ISSUER_NAMES = env_list("CONTENT_SAFETY_ISSUER_NAMES", ["昆明市人民政府"])

# Nominations (content/nominations/, docs/nominations.md).
NOMINATION_PUBLICITY_DAYS = env_int("NOMINATION_PUBLICITY_DAYS", 7)
NOMINATION_EXPERT_SCORES = env_int("NOMINATION_EXPERT_SCORES", 3)
NOMINATION_PURGE_DAYS = env_int("NOMINATION_PURGE_DAYS", 180)
# Seconds a nomination's receipt cookie (its tracking code) lives: long enough for a database
# restart and a retry of the receipt page (content/nominations/receipt.py).
NOMINATION_RECEIPT_MAX_AGE = env_int("NOMINATION_RECEIPT_MAX_AGE", 30 * 60)
# Citizens' messages (interaction/, docs/messages.md): the reply is due this many working days
# after arrival (weekends skipped, MESSAGE_HOLIDAYS skipped, MESSAGE_EXTRA_WORKDAYS counted).
MESSAGE_REPLY_WORKING_DAYS = env_int("MESSAGE_REPLY_WORKING_DAYS", 10)
MESSAGE_REMINDER_WORKING_DAYS = env_int("MESSAGE_REMINDER_WORKING_DAYS", 2)
MESSAGE_HOLIDAYS = env_list("MESSAGE_HOLIDAYS", [])
MESSAGE_EXTRA_WORKDAYS = env_list("MESSAGE_EXTRA_WORKDAYS", [])
MESSAGE_ALARM_LEAD_DAYS = env_int("MESSAGE_ALARM_LEAD_DAYS", 14)
MESSAGE_PURGE_DAYS = env_int("MESSAGE_PURGE_DAYS", 180)
MESSAGE_RECEIPT_MAX_AGE = env_int("MESSAGE_RECEIPT_MAX_AGE", 30 * 60)
# The site's own health (portal/site_health/, docs/site-health.md): the government spot-check
# indicators measured nightly. Days without a new publication before the home page / a column is
# stale; columns by section slug ("bureau": each bureau's content, "default": the other sections).
SITE_HEALTH_HOME_MAX_DAYS = env_int("SITE_HEALTH_HOME_MAX_DAYS", 14)
SITE_HEALTH_COLUMN_MAX_DAYS = {
    "default": 14,
    "liyi": 365,
    "bureau": 180,
    **env_mapping("SITE_HEALTH_COLUMN_MAX_DAYS"),
}
# The newest pages of each column rendered by the nightly reachability check (besides the home
# page, the sections, every bureau page and the public views).
SITE_HEALTH_PAGES_PER_COLUMN = env_int("SITE_HEALTH_PAGES_PER_COLUMN", 20)
# The public address asked from outside each night (off when empty).
SITE_HEALTH_PROBE_URL = env_str("SITE_HEALTH_PROBE_URL", "")
# Links to other sites: checked only when on; polite (timeout, per-host limit, pause, cache).
SITE_HEALTH_EXTERNAL_LINKS = env_bool("SITE_HEALTH_EXTERNAL_LINKS", False)
SITE_HEALTH_LINK_TIMEOUT = env_int("SITE_HEALTH_LINK_TIMEOUT", 10)
SITE_HEALTH_LINKS_PER_HOST = env_int("SITE_HEALTH_LINKS_PER_HOST", 20)
SITE_HEALTH_LINK_PAUSE = 1.0  # seconds between two requests to one host
SITE_HEALTH_LINK_CACHE_HOURS = env_int("SITE_HEALTH_LINK_CACHE_HOURS", 24)
# Hours an audit finding may stay on a live page before the tampering indicator turns red.
SITE_HEALTH_AUDIT_GRACE_HOURS = env_int("SITE_HEALTH_AUDIT_GRACE_HOURS", 24)
# The read-only JSON API (portal/api/, docs/api.md): requests per client address and minute that
# reach the database (answers the page cache holds are not counted).
API_REQUESTS_PER_MINUTE = env_int("API_REQUESTS_PER_MINUTE", 120)

# Background work: django-q2. The ORM broker (default) keeps the queue in the database, so `make run`
# needs no other service and a task enqueued inside a transaction exists only if that commits.
# Q_BROKER=redis uses Q_REDIS_URL (or REDIS_URL); it has no delivery receipts, so a task in flight
# when a worker dies is lost (docs/background-work.md).
Q_BROKER = env_str("Q_BROKER", "orm").lower()
Q_CLUSTER = {
    "name": "portal",
    "workers": env_int("Q_WORKERS", 2),
    "timeout": 300,
    "retry": 360,  # must exceed timeout, or a long task runs twice while still running
    "max_attempts": 3,
    "catch_up": False,
    "label": _("Background tasks"),
}
if Q_BROKER == "orm":
    Q_CLUSTER["orm"] = "default"
elif Q_BROKER == "redis":
    Q_CLUSTER["redis"] = env_str("Q_REDIS_URL") or REDIS_URL or env_required("Q_REDIS_URL")
else:
    raise ImproperlyConfigured(f"Q_BROKER must be orm or redis, not {Q_BROKER!r}.")

# Wagtail's own background tasks (search and reference index, file cleanup) go through django-tasks;
# this backend hands them to django-q2 (core/background.py).
TASKS = {"default": {"BACKEND": "core.background.DjangoQBackend"}}

LOGIN_URL = "wagtailadmin_login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_refusals": {"()": "core.log_filters.OneLineRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"level": "WARNING"},
        # A refused request is logged as one line (core/log_filters.py), not two tracebacks.
        "django.request": {"level": "WARNING", "filters": ["one_line_refusals"]},
        "wagtail": {"level": "WARNING"},
    },
}

# Visitor preferences (elder mode, font size, language) are cookies readable by the page script.
PREFERENCE_COOKIE_MAX_AGE = 365 * 24 * 3600

# Peers allowed to name the visitor in X-Real-IP (core/visitor.py): the nginx in front of gunicorn.
# Anyone else who sends the header is ignored, so rate limits count the real visitor.
TRUSTED_PROXY_IPS = env_list("DJANGO_TRUSTED_PROXY_IPS", ["127.0.0.1", "::1"])

# Files sent by the public (report photos) live outside MEDIA_ROOT and are never served directly.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private-media")))
# Days a bureau has to act on a damaged, faded or reported ad placement.
AD_UPDATE_DEADLINE_DAYS = env_int("AD_UPDATE_DEADLINE_DAYS", 7)
# A placement turns "due" this many days before its inspection date.
AD_INSPECTION_DUE_SOON_DAYS = 3

# Django's stock widgets written in Python instead of one template per widget and option
# (core/form_renderer.py): the same markup, a third of a form page's render time less.
FORM_RENDERER = "core.form_renderer.WidgetRenderer"
