"""The admin site: Django's, except that every add, change and delete made in it is also an audit row, and a
filter value the database cannot take is a message, not a server error.

Each registered ModelAdmin gets AuditedModelAdmin and SafeChangelist mixed in at registration, so no app has to
remember to.
"""

from django.contrib import admin, messages
from django.db import DataError
from django.http import HttpResponseRedirect

import audit


class SafeChangelist:
    """A list filtered by a value its column cannot hold (a year of 30 digits in ?starts_at__year=) fails only when
    the query runs, past the admin's own check of its parameters: the list opens unfiltered and says why."""

    def changelist_view(self, request, extra_context=None):
        try:
            response = super().changelist_view(request, extra_context)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()  # the query runs while rendering: catch its failure here
            return response
        except (OverflowError, DataError):
            self.message_user(request, "篩選條件的數值超出範圍，已改為列出全部。", messages.ERROR)
            return HttpResponseRedirect(request.path)


class AuditedModelAdmin:
    """Audits what ModelAdmin writes to its own history (LogEntry), with the address LogEntry lacks."""

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        audit.record(audit.Action.ADMIN_ADD, user=request.user, target=obj, detail=entry.get_change_message(),
                     request=request)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        audit.record(audit.Action.ADMIN_CHANGE, user=request.user, target=obj, detail=entry.get_change_message(),
                     request=request)
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            audit.record(audit.Action.ADMIN_DELETE, user=request.user, target=obj, request=request)
        return entries


class SuperuserReadOnlyMixin:
    """A ModelAdmin that only superusers see, and in which no one adds, edits or deletes rows (its actions, if
    any, are what there is to do)."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        audited = type(
            admin_class.__name__, (AuditedModelAdmin, SafeChangelist, admin_class), {"__module__": admin_class.__module__}
        )
        super().register(model_or_iterable, audited, **options)
