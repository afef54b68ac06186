"""Admin for the record; a signed meeting is read-only here as everywhere."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from minutes import services
from minutes.models import (
    AgendaItem,
    Amendment,
    Conclusion,
    Meeting,
    MeetingSeries,
    Profile,
    ReportPoint,
    Section,
    SignedRecord,
    SupplementaryReport,
    Unit,
)
from minutes.reader import rocdate


def _meeting_of(obj):
    for path in ("meeting", "section.meeting", "item.section.meeting", "report.item.section.meeting"):
        target = obj
        for attr in path.split("."):
            target = getattr(target, attr, None)
        if isinstance(target, Meeting):
            return target
    return obj if isinstance(obj, Meeting) else None


class TouchesMeetingMixin:
    """A save in the admin moves the meeting's version, so a form open elsewhere sees it is stale."""

    def _touch(self, request, obj, verb):
        meeting = _meeting_of(obj)
        if meeting is not None and meeting.pk and Meeting.objects.filter(pk=meeting.pk).exists():
            services.meeting_touch(meeting, user=request.user, reason=f"管理介面{verb}{obj._meta.verbose_name}")

    def save_model(self, request, obj, form, change):
        if not isinstance(obj, Meeting):
            try:
                services.ensure_editable(_meeting_of(obj))
            except services.MeetingError as exc:  # e.g. a part moved into, or added to, a signed meeting
                raise PermissionDenied(str(exc)) from exc
        super().save_model(request, obj, form, change)
        if change or not isinstance(obj, Meeting):
            self._touch(request, obj, "修改" if change else "新增")

    def delete_model(self, request, obj):
        meeting = _meeting_of(obj)
        super().delete_model(request, obj)
        if meeting is not None and not isinstance(obj, Meeting):
            self._touch(request, obj, "刪除")


class FrozenWhenSignedMixin:
    """Signed minutes are the document of record: nothing in the admin may change them."""

    def _signed(self, obj):
        meeting = _meeting_of(obj) if obj is not None else None
        return meeting is not None and meeting.is_signed

    def has_change_permission(self, request, obj=None):
        return not self._signed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._signed(obj) and super().has_delete_permission(request, obj)

    def has_add_permission(self, request, *args):
        # A ModelAdmin is asked with the request only, an inline also with its parent (None on an add page).
        if args and args[0] is not None and self._signed(args[0]):
            return False
        return super().has_add_permission(request, *args)


class RecordHistoryAdmin(SimpleHistoryAdmin):
    """History can be read, never reverted: a revert would save an old row as it was, status and version included,
    which could turn a signed meeting back into a draft and rewind the version optimistic locking relies on."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("紀錄的歷史版本只供查閱，不能還原；請以編輯頁修改草稿，或以更正紀錄更正已簽核的紀錄。")
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "active", "email"]
    list_filter = ["active"]
    list_editable = ["order", "active"]
    search_fields = ["name"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    """Roles decide who edits, signs and reports: only a superuser gives them, so the recorder, who has the
    admin for the record, cannot make themselves (or anyone) chair."""

    list_display = ["user", "role", "unit", "title"]
    list_filter = ["role", "unit"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    list_display = ["organisation", "kind"]
    search_fields = ["organisation", "kind"]


class SectionInline(FrozenWhenSignedMixin, admin.TabularInline):
    model = Section
    fields = ["number", "order", "title", "conclusion_label"]
    extra = 0
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(TouchesMeetingMixin, FrozenWhenSignedMixin, RecordHistoryAdmin):
    list_display = ["number", "series", "starts_at_roc", "place", "chair", "status"]
    list_filter = ["series", "status", "starts_at"]
    search_fields = ["number", "chair", "place", "sections__title", "sections__items__title"]

    @admin.display(description="時間", ordering="starts_at")
    def starts_at_roc(self, obj):
        # In the ROC calendar like every page of the app (111 年 1 月 20 日 10:00), not the Western one.
        when = timezone.localtime(obj.starts_at)
        return f"{rocdate.format_roc_date(when.date())} {when:%H:%M}"
    date_hierarchy = "starts_at"
    readonly_fields = ["status", "signed_by", "signed_at", "version"]
    inlines = [SectionInline]


class AgendaItemInline(FrozenWhenSignedMixin, admin.StackedInline):
    model = AgendaItem
    fields = ["order", "title", "body", "conclusion_label"]
    extra = 0
    show_change_link = True


class ConclusionInline(FrozenWhenSignedMixin, admin.TabularInline):
    model = Conclusion
    fields = ["order", "item", "text"]
    extra = 0


@admin.register(Section)
class SectionAdmin(TouchesMeetingMixin, FrozenWhenSignedMixin, RecordHistoryAdmin):
    list_display = ["__str__", "meeting", "order"]
    list_filter = ["meeting__series", "meeting"]
    search_fields = ["title", "body"]
    inlines = [AgendaItemInline, ConclusionInline]


class ReportInline(FrozenWhenSignedMixin, admin.TabularInline):
    model = SupplementaryReport
    fields = ["order", "unit", "reporter_surname", "reporter_title", "heading"]
    extra = 0
    show_change_link = True


@admin.register(AgendaItem)
class AgendaItemAdmin(TouchesMeetingMixin, FrozenWhenSignedMixin, RecordHistoryAdmin):
    list_display = ["__str__", "section", "order"]
    list_filter = ["section__meeting__series", "section__meeting"]
    search_fields = ["title", "body"]
    inlines = [ReportInline]


class ReportPointInline(FrozenWhenSignedMixin, admin.TabularInline):
    model = ReportPoint
    fields = ["order", "text"]
    extra = 0


@admin.register(SupplementaryReport)
class SupplementaryReportAdmin(TouchesMeetingMixin, FrozenWhenSignedMixin, RecordHistoryAdmin):
    list_display = ["__str__", "unit", "item"]
    list_filter = ["unit", "item__section__meeting"]
    inlines = [ReportPointInline]


@admin.register(Conclusion)
class ConclusionAdmin(TouchesMeetingMixin, FrozenWhenSignedMixin, RecordHistoryAdmin):
    list_display = ["__str__", "section", "item", "order"]
    list_filter = ["section__meeting__series", "section__meeting"]
    search_fields = ["text"]


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    list_display = ["meeting", "author", "created_at"]
    list_filter = ["meeting"]
    readonly_fields = ["meeting", "author", "created_at", "reason", "changes"]

    def has_add_permission(self, request):
        return False  # amendments are made through the meeting page, which records who and why

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignedRecord)
class SignedRecordAdmin(admin.ModelAdmin):
    list_display = ["meeting", "sha256", "digitally_signed", "created_at"]
    readonly_fields = ["meeting", "sha256", "digitally_signed", "created_at"]
    exclude = ["pdf"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
