"""Admin for tracked items: decisions are recorded through the lifecycle, never typed over, and a case's 案由, units
and due date are corrected through the same function as on its page, with the change written to its history."""

from django.contrib import admin

from minutes.admin import ROC_DATES, RecordAdmin
from minutes.reader import rocdate
from tracking import lifecycle
from tracking.models import ProgressReport, Review, TrackedItem


class ReviewInline(admin.TabularInline):
    model = Review
    fields = ["meeting", "decision", "status_before", "status_after", "progress", "suggestion", "decided_by", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TrackedItem)
class TrackedItemAdmin(RecordAdmin):
    list_display = ["case_number", "subject_short", "status", "due_date_roc", "meeting_number"]
    list_filter = ["status", "series", "responsible_units"]
    search_fields = ["case_number", "case_key", "subject"]
    fields = ["case_number", "case_key", "series", "meeting_number", "sequence", "status", "closed_meeting_number", "conclusion",
              "opened_by", "subject", "responsible_units", "supporting_units", "due_date"]
    readonly_fields = [
        "case_number", "case_key", "meeting_number", "sequence", "status", "closed_meeting_number", "series", "conclusion", "opened_by",
    ]
    filter_horizontal = ["responsible_units", "supporting_units"]
    inlines = [ReviewInline]
    formfield_overrides = ROC_DATES

    @admin.display(description="案由")
    def subject_short(self, obj):
        return obj.subject if len(obj.subject) <= 40 else obj.subject[:40] + "…"

    @admin.display(description="辦理期限", ordering="due_date")
    def due_date_roc(self, obj):
        return rocdate.format_roc_date(obj.due_date) if obj.due_date else None

    def _signed(self, obj):
        return False  # a case is not part of a meeting's text: its own rules follow

    def has_add_permission(self, request):
        return False  # items are opened from a conclusion, which hands out the case number

    def has_change_permission(self, request, obj=None):
        # A closed case is final, in the admin as on its page.
        return (obj is None or obj.is_active) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or lifecycle.case_delete_refusal(obj) == "") and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        lifecycle.case_update(
            item=TrackedItem.objects.get(pk=obj.pk), subject=data["subject"], units=list(data["responsible_units"]),
            supporting_units=list(data["supporting_units"]), due_date=data["due_date"], user=request.user,
        )
        obj.refresh_from_db()

    def remove(self, request, obj):
        lifecycle.case_delete(item=obj, user=request.user)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["item", "meeting", "decision", "status_after", "decided_by", "created_at", "superseded_at"]
    list_filter = ["decision", "meeting"]
    search_fields = ["item__case_number", "progress"]

    def get_queryset(self, request):
        return Review.all_rows.select_related("item", "meeting__series", "decided_by")  # the whole history

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
