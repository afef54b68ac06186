"""The admin site: Django's, except that every add, change and delete made in it is also an audit row.

Each registered ModelAdmin gets AuditedModelAdmin mixed in at registration, so no app has to remember to.
"""

from django.contrib import admin

import audit


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
        audited = type(admin_class.__name__, (AuditedModelAdmin, admin_class), {"__module__": admin_class.__module__})
        super().register(model_or_iterable, audited, **options)
