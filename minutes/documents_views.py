"""Download the PDF of a meeting, and check whether an uploaded PDF is exactly signed minutes."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

import audit
from minutes import bounds, documents, permissions
from minutes.models import Meeting, SignedRecord

MAX_VERIFY_BYTES = 20 * 1024 * 1024


@require_GET
@login_required
def meeting_pdf(request, pk):
    visible = Meeting.objects.filter(permissions.meetings_visible(request.user))
    meeting = get_object_or_404(visible.select_related("series__office", "signed_by"), pk=pk)
    if not documents.can_download_pdf(request.user, meeting):
        raise PermissionDenied("草稿只有紀錄與主席可以下載；簽核後即可供同仁下載。")
    version = None
    if "version" in request.GET:
        version = bounds.parse_id(request.GET["version"], SignedRecord, "version")
        if version is None or not meeting.is_signed or not SignedRecord.objects.filter(
            meeting=meeting, version=version
        ).exists():
            raise Http404("沒有這一版的簽核紀錄檔。")
    pdf = documents.meeting_pdf_bytes(meeting, version=version)
    audit.record(audit.Action.PDF_DOWNLOAD, user=request.user, target=meeting, request=request,
                 detail=(f"簽核版第 {version} 版" if version else "簽核版") if meeting.is_signed else "草稿")
    response = HttpResponse(pdf, content_type="application/pdf")
    response.headers["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=documents.meeting_pdf_filename(meeting, version=version)
    )
    response.headers["Cache-Control"] = "private, no-store"
    if meeting.is_signed:
        response.headers["X-Content-SHA256"] = documents.sha256_of(pdf)
    return response


class VerifyForm(forms.Form):
    file = forms.FileField(
        label="會議紀錄 PDF 檔",
        error_messages={"required": "請選擇要驗證的 PDF 檔案。", "empty": "這個檔案是空的。"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_VERIFY_BYTES:
            raise forms.ValidationError(f"檔案太大（上限 {MAX_VERIFY_BYTES // (1024 * 1024)} MB）。")
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError("這不是 PDF 檔案。")
        return upload


def _too_big(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:  # a malformed header: Django itself then reads no body
        return False
    return length > MAX_VERIFY_BYTES + 64 * 1024


def _verify_page(request, form, *, result=None, refused="", shown=False):
    context = {"form": form, "result": result, "refused": refused, "max_mb": MAX_VERIFY_BYTES // (1024 * 1024),
               "shown": shown}
    return render(request, "minutes/verify.html", context)


# The CSRF check reads the whole request body; a body far over the limit is refused before that, by its
# Content-Length, so it is never spooled to disk. Everything else goes through csrf_protect as usual.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@login_required
def verify(request):
    if request.method == "POST" and _too_big(request):
        return _verify_page(request, VerifyForm(), refused=f"檔案太大（上限 {MAX_VERIFY_BYTES // (1024 * 1024)} MB）。")
    return _verify(request)


@csrf_protect
def _verify(request):
    if request.method != "POST":
        return _verify_page(request, VerifyForm())
    form = VerifyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _verify_page(request, form)
    result = documents.signed_record_verify(form.cleaned_data["file"].chunks())
    # A match is told to everyone who holds the file; which meeting it is, only to who may read that meeting.
    shown = result.matches and permissions.can_read_meeting(request.user, result.record.meeting)
    return _verify_page(request, form, result=result, shown=shown)
