"""我的檔案: ask for a file, follow it from 排隊中 to 完成 or 失敗, download it. Each person sees only their own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jobs import services
from jobs.forms import ExportForm, MinutesZipForm
from jobs.models import Job
from tracking.filters import tracked_item_filter

LIST_LIMIT = 100


@login_required
def job_list(request):
    jobs = list(services.jobs_of(request.user)[:LIST_LIMIT])
    pending = any(job.status in (Job.Status.QUEUED, Job.Status.RUNNING) for job in jobs)
    return render(request, "jobs/job_list.html", {"jobs": jobs, "pending": pending, "now": timezone.now()})


def _first_error(form) -> str:
    return next(iter(form.errors.values()))[0]


@require_POST
@login_required
def minutes_zip_request(request):
    form = MinutesZipForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("minutes:meeting-list")
    series, year = form.cleaned_data["archive"]
    try:
        job = services.job_request_minutes_zip(user=request.user, series=series, year=year)
    except services.JobError as error:
        messages.error(request, str(error))
        return redirect("minutes:meeting-list")
    messages.success(request, f"已受理「{job.title}」，完成後可在「我的檔案」下載。")
    return redirect("jobs:job-list")


@require_POST
@login_required
def export_request(request):
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("tracking:item-list")
    query = form.cleaned_data["query"]
    found = tracked_item_filter(request.user, QueryDict(query))
    if found.is_bound and not found.is_valid():
        messages.error(request, "篩選條件有誤，請重新篩選後再匯出。")
        return redirect("tracking:item-list")
    try:
        job = services.job_request_export(user=request.user, query=query, fmt=form.cleaned_data["fmt"],
                                          rows=found.qs.count())
    except services.JobError as error:
        messages.error(request, str(error))
        return redirect("tracking:item-list")
    messages.success(request, f"已受理「{job.title}」，完成後可在「我的檔案」下載。")
    return redirect("jobs:job-list")


@login_required
def job_download(request, pk):
    job = get_object_or_404(services.jobs_of(request.user), pk=pk)  # another person's file is a 404
    if job.status != Job.Status.DONE or (job.expires_at and job.expires_at < timezone.now()):
        raise Http404("這個檔案尚未完成或已過保留期限。")
    try:
        handle = open(services.job_file_path(job), "rb")  # noqa: SIM115 (FileResponse closes it)
    except OSError:
        raise Http404("這個檔案已不在伺服器上，請重新申請。") from None
    services.job_download_record(job, request=request)
    return FileResponse(handle, as_attachment=True, filename=job.file_name)
