"""我的檔案 in the admin: superusers see every person's files and why any failed; no one edits them."""

from django.contrib import admin

from audit.sites import SuperuserReadOnlyMixin
from jobs.models import Job


@admin.register(Job)
class JobAdmin(SuperuserReadOnlyMixin, admin.ModelAdmin):
    list_display = ["created_at", "requested_by", "kind", "title", "status", "attempts", "error", "expires_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "error", "requested_by__username"]
    list_select_related = ["requested_by"]
    readonly_fields = [f.name for f in Job._meta.fields]
