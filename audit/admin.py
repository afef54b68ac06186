"""The audit log in the admin: superusers read, search and export it as CSV; no one changes or deletes a row."""

import csv

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

import audit
from audit.models import Event
from audit.sites import SuperuserReadOnlyMixin

CSV_HEADERS = ["時間", "事件", "帳號", "來源位址", "對象類型", "對象編號", "對象", "說明", "請求編號"]
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class _Echo:
    def write(self, value):
        return value


def csv_rows(events):
    """The rows of the export, header first; read in chunks, so a year of the log never sits in memory."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_HEADERS)  # the BOM tells Excel the file is UTF-8
    for e in events.iterator(chunk_size=2000):
        yield writer.writerow([_cell(v) for v in (
            timezone.localtime(e.at).isoformat(timespec="seconds"), e.get_action_display(), e.username, e.address,
            e.target_type, e.target_id, e.target, e.detail, e.request_id,
        )])


@admin.register(Event)
class EventAdmin(SuperuserReadOnlyMixin, admin.ModelAdmin):
    """Only superusers see the log, and even they cannot add, change or delete a row (purge_audit deletes by age)."""

    list_display = ["at", "action", "username", "address", "target", "detail_short"]
    list_filter = ["action", "at"]
    search_fields = ["username", "address", "target", "target_id", "detail", "request_id"]
    date_hierarchy = "at"
    list_per_page = 100
    readonly_fields = [f.name for f in Event._meta.fields]

    @admin.display(description="說明")
    def detail_short(self, obj):
        return obj.detail if len(obj.detail) <= 60 else obj.detail[:60] + "…"

    def get_urls(self):
        export = path("export/", self.admin_site.admin_view(self.export_view), name="audit_event_export")
        return [export, *super().get_urls()]

    def export_view(self, request):
        """The list as filtered and searched on the page, every row of it, as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied("稽核紀錄只有系統管理者可以查閱。")
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect(reverse("admin:audit_event_changelist"))
        events = changelist.get_queryset(request).select_related(None)
        audit.record(audit.Action.AUDIT_EXPORT, user=request.user, request=request,
                     detail=f"條件：{request.GET.urlencode() or '全部'}")
        response = StreamingHttpResponse(csv_rows(events), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"稽核紀錄-{timezone.localdate():%Y%m%d}.csv"
        )
        return response
