"""The worker's tasks: build a requested file, and the daily schedule (reminders, audit purge, expired files).

Every task may run twice (acks_late with reject_on_worker_lost in settings: a task whose worker died runs again),
so each is safe to repeat: a file job that finished is left alone, a reminder already claimed is not sent again.
"""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

logger = logging.getLogger(__name__)

# PostgreSQL restarting or failing over: the task waits and runs again instead of failing the job.
_RETRY = {"autoretry_for": (OperationalError, InterfaceError), "retry_backoff": 5, "max_retries": 6}


@shared_task(**_RETRY)
def build_file(job_id: int) -> None:
    from jobs.services import job_run

    job_run(job_id)


@shared_task(**_RETRY)
def send_reminders() -> dict:
    from tracking import reminders, selectors

    result = reminders.reminders_send(today=selectors.local_today())
    summary = {"sent": len(result.sent), "already_sent": len(result.already_sent),
               "no_address": len(result.no_address), "failed": len(result.failed)}
    logger.info("reminders: %s", summary, extra=summary)
    return summary


@shared_task(**_RETRY)
def purge_audit() -> int:
    from audit.services import events_purge

    return events_purge()


@shared_task(**_RETRY)
def expire_files() -> int:
    from jobs.services import jobs_expire

    return jobs_expire()
