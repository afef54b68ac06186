"""Settings for the meeting-resolution tracker, read from the environment with safe development defaults."""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)
# The development key is only good for a laptop; production must set SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    "dev-only-insecure-key-change-me" if DEBUG else None
)
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

INSTALLED_APPS = [
    # django.contrib.admin, with a site that audits every add, change and delete made in it.
    "audit.apps.AuditedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "audit",
    "axes",
    "accounts",
    "minutes",
    "tracking",
    "jobs",
]

MIDDLEWARE = [
    "config.requestlog.request_context",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.content_security_policy",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.refuse_nul",
    "accounts.middleware.account_policy",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the login view's answer and turns a refused locked login into the lock page.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Static files in production, right after the security headers; runserver serves them itself.
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]
# Forms render their text limits for the page's counter instead of the browser's silent maxlength cut.
FORM_RENDERER = "minutes.textlimits.FormRenderer"

# Persistent connections in production (seconds), checked before reuse so that a connection PostgreSQL dropped
# (a restart, a failover) is replaced at the start of the next request instead of failing it. runserver opens a
# thread per request, where persistence buys nothing.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0" if DEBUG else "60")),
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A PostgreSQL that is restarting or unreachable fails the connection within seconds (the 503 page of
    # config.views.server_error) instead of holding a gunicorn thread until its timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # Waiting for a lock beats failing when two requests write at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Security controls of 資通安全責任等級分級辦法 附表十 (普級), each a setting from the environment ---------------

# Lockout (django-axes): a name is locked for AUTH_LOCKOUT_MINUTES after AUTH_LOCKOUT_FAILURES failed logins in a
# row, whatever address they came from; a success clears the count. Attempts during the lock do not extend it,
# so the time the login page gives stays true. A superuser lifts a lock in the admin (帳號管理 › 登入失敗紀錄).
AUTHENTICATION_BACKENDS = ["accounts.backends.LockoutBackend", "accounts.backends.AccountBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AUTH_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("AUTH_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes would rather also lock addresses (W006); the control is per account, and an address lock would shut out
# everyone behind an office's one NAT address. Spraying one password over many names is the proxy's to limit.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "config.requestlog.client_address"
AXES_ENABLE_ADMIN = False  # accounts.admin shows the attempts, to superusers only, with an unlock action
AXES_DISABLE_ACCESS_LOG = True  # sign-ins and sign-outs are in the audit log

# Passwords: at least PASSWORD_MIN_LENGTH characters of PASSWORD_MIN_CLASSES kinds (upper, lower, digit, symbol),
# none of the last PASSWORD_HISTORY, changed every PASSWORD_MAX_AGE_DAYS days (0: no maximum age).
PASSWORD_MIN_LENGTH = int(os.environ.get("PASSWORD_MIN_LENGTH", "12"))
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("PASSWORD_MAX_AGE_DAYS", "0"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.CharacterClassesValidator",
     "OPTIONS": {"min_classes": int(os.environ.get("PASSWORD_MIN_CLASSES", "3"))}},
    {"NAME": "accounts.validators.PasswordHistoryValidator",
     "OPTIONS": {"count": int(os.environ.get("PASSWORD_HISTORY", "3"))}},
]

# Idle sessions end after SESSION_IDLE_MINUTES without a request (accounts.middleware pushes the expiry forward).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60

# Accounts not signed in for ACCOUNTS_IDLE_DAYS are listed for superusers to disable (帳號管理 › 閒置帳號).
ACCOUNTS_IDLE_DAYS = int(os.environ.get("ACCOUNTS_IDLE_DAYS", "90"))

# The audit log keeps AUDIT_RETENTION_YEARS; `manage.py purge_audit` deletes older rows.
AUDIT_RETENTION_YEARS = int(os.environ.get("AUDIT_RETENTION_YEARS", "3"))

LANGUAGE_CODE = "zh-hant"
LANGUAGES = [("zh-hant", "繁體中文")]
TIME_ZONE = "Asia/Taipei"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# In production WhiteNoise serves what collectstatic wrote: names carry a hash of the content, so they are
# cached for a year (immutable), and each file is stored gzip- and brotli-compressed beside it. The development
# server and the tests read the source files as they are.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
# HTTPS in production, each opt-in from the environment (HSTS cannot be taken back once browsers saw it).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips it from clients): SECURE_PROXY_SSL_HEADER=1.
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Origins allowed to POST when they differ from the host, e.g. https://minutes.example.gov.tw (comma-separated).
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))  # for the file-based backend
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "secretariat@example.gov.tw")

# Signing the stored PDF: a PKCS#12 file and its passphrase, both optional.
MINUTES_SIGNING_P12 = os.environ.get("MINUTES_SIGNING_P12", "")
MINUTES_SIGNING_PASSPHRASE = os.environ.get("MINUTES_SIGNING_PASSPHRASE", "")

# Days before the next meeting from which a unit without progress gets a reminder.
TRACKING_REMINDER_DAYS = int(os.environ.get("TRACKING_REMINDER_DAYS", "7"))

# Behind a load balancer, REMOTE_ADDR is the balancer: the number of proxies in front of the app that append to
# X-Forwarded-For (and that clients cannot bypass) says which entry is the client (config.requestlog).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Production logs one JSON object per line to stderr (one line per request, logger "request"), each with the
# request id; the development server keeps its plain lines.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.requestlog.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601 in UTC, whatever TIME_ZONE the worker runs in
        },
        "plain": {"format": "%(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING" if DEBUG else "INFO")},
}

# --- Background work: Celery on the Redis at CELERY_BROKER_URL (config/celery.py, jobs/tasks.py) ----------------
# A task is acknowledged when it has finished, not when it starts (acks_late), and a task whose worker process died
# under it is put back on the queue (reject_on_worker_lost): a ZIP, an export or the reminders killed half-way run
# again on the next worker. A whole worker killed (SIGKILL, a lost machine) cannot put anything back: Redis hands
# its unacknowledged tasks to another worker after CELERY_VISIBILITY_TIMEOUT seconds (default one hour, longer
# than any task takes, so a task still running is never handed out twice).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/2")
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "meeting-tracker")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
    "global_keyprefix": os.environ.get("CELERY_KEY_PREFIX", ""),
    "socket_connect_timeout": 5,
    # How often a worker looks for tasks whose visibility timeout has run out (kombu sweeps every interval ×
    # throttle seconds, 100 s by default): the fault tests, with a timeout of seconds, look every second.
    "unacked_restore_interval": int(os.environ.get("CELERY_RESTORE_INTERVAL", "10")),
    "unacked_restore_throttle": int(os.environ.get("CELERY_RESTORE_THROTTLE", "10")),
}
# A request that queues a task while Redis is down gives up within seconds (the job is then 失敗, with why).
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a worker holds only the task it runs, so a kill loses no queued task
CELERY_TASK_IGNORE_RESULT = True  # the outcome is the Job row (我的檔案), not a result backend
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the worker logs through LOGGING, as JSON lines in production
# Tests (and a laptop without Redis, CELERY_TASK_ALWAYS_EAGER=1) run each task in the process that queues it.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
# The schedule the worker keeps (celery beat, started inside the worker with -B): no cron.
CELERY_BEAT_SCHEDULE = {
    "daily-reminders": {
        "task": "jobs.tasks.send_reminders",
        "schedule": crontab(hour=int(os.environ.get("REMINDERS_HOUR", "8")), minute=0),
    },
    "purge-audit": {"task": "jobs.tasks.purge_audit", "schedule": crontab(hour=3, minute=15)},
    "expire-files": {"task": "jobs.tasks.expire_files", "schedule": crontab(minute=30)},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- 我的檔案 (jobs): files the worker builds, kept JOBS_KEEP_DAYS for their requester ---------------------------
JOBS_FILES_DIR = Path(os.environ.get("JOBS_FILES_DIR", VAR_DIR / "jobs"))
JOBS_KEEP_DAYS = int(os.environ.get("JOBS_KEEP_DAYS", "7"))
# A tracking export of more rows than this is built by the worker instead of in the request.
EXPORT_INLINE_MAX_ROWS = int(os.environ.get("EXPORT_INLINE_MAX_ROWS", "2000"))
