"""The Celery application of the background worker: ZIPs of signed minutes, large exports, the daily schedule.

Run it with `celery -A config worker -B` (scripts/serve.sh does); its settings are the CELERY_* ones of
config/settings.py, read from the environment.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("meeting_tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
