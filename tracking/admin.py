"""Admin for tracked items; decisions are recorded through the lifecycle, never typed over."""

from django.contrib import admin

from minutes.reader import rocdate
from tracking.models import ProgressReport, Review, TrackedItem


class ReviewInline(admin.TabularInline):
    model = Review
    fields = ["meeting", "decision", "status_before", "status_after", "progress", "suggestion", "decided_by", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TrackedItem)
class TrackedItemAdmin(admin.ModelAdmin):
    list_display = ["case_number", "subject_short", "status", "due_date_roc", "meeting_number"]
    list_filter = ["status", "series", "responsible_units", "due_date"]
    search_fields = ["case_number", "subject"]
    readonly_fields = [
        "case_number", "meeting_number", "sequence", "status", "closed_meeting_number", "series", "conclusion", "opened_by",
    ]
    filter_horizontal = ["responsible_units", "supporting_units"]
    inlines = [ReviewInline]

    @admin.display(description="案由")
    def subject_short(self, obj):
        return obj.subject if len(obj.subject) <= 40 else obj.subject[:40] + "…"

    @admin.display(description="辦理期限", ordering="due_date")
    def due_date_roc(self, obj):
        return rocdate.format_roc_date(obj.due_date) if obj.due_date else None

    def has_add_permission(self, request):
        return False  # items are opened from a conclusion, which hands out the case number


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["item", "meeting", "decision", "status_after", "decided_by", "created_at"]
    list_filter = ["decision", "meeting"]
    search_fields = ["item__case_number", "progress"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # the history is append-only

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["item", "unit", "meeting", "suggestion", "author", "created_at"]
    list_filter = ["unit", "suggestion"]
    search_fields = ["item__case_number", "text"]

    def has_add_permission(self, request):
        return False  # written on the unit's progress page, which records who wrote it and checks the unit

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
