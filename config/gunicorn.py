"""Gunicorn settings for `make serve` and production, read from the environment like config/settings.py.

Sized for this 2-core machine. Rendering a PDF is CPU work that holds the GIL for 0.2–2 s, so processes, not
threads, are what use both cores: three workers keep both busy while a third waits on PostgreSQL. Each has four
threads, so that pages (mostly waiting on the database) are not queued behind a rendering in their process:
twelve requests in flight, twelve database connections at most per app server (CONN_MAX_AGE keeps them open).
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# The slowest request is a large meeting's draft PDF (about 2 s); a worker silent for a minute is stuck.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Longer than any client or balancer keeps an idle connection before reusing it (a balancer's idle timeout is
# 60 s by default): a server that closes first races the next request sent on that connection, which then
# fails without an answer. An idle connection costs a gthread worker a socket in its poller, not a thread.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# WeasyPrint's caches grow with every new document shape; a worker is replaced after this many requests.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100
# Worker heartbeats in memory rather than on a disk that may be slow or full.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# No control socket in the home directory: two servers on one machine would share it.
control_socket_disable = True

# Django writes the one line per request (config.requestlog); gunicorn's own lines are JSON too.
accesslog = None
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {"gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
