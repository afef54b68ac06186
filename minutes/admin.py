"""Admin for the record: every write goes through minutes.services, as on the pages, so a signed meeting is
read-only here as everywhere, a draft's changes leave the same history, and tracking is kept in step."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

import audit
from minutes import extensions, permissions, services
from minutes.errors import MeetingError
from minutes.forms import RocDateField, RocTimeField
from minutes.models import (
    AgendaItem,
    Amendment,
    Conclusion,
    Meeting,
    MeetingSeries,
    Membership,
    Office,
    ReportPoint,
    Role,
    Section,
    SignedRecord,
    SupplementaryReport,
    Unit,
)
from minutes.reader import rocdate


class RocDateTimeField(forms.Field):
    """A date and time typed as the records write them (民國 111 年 1 月 20 日 10 時 0 分, 111/1/20 10:00)."""

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"placeholder": "例：111 年 1 月 20 日 10 時 0 分", "size": 32})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, dt.datetime):
            return rocdate.format_roc_datetime(timezone.localtime(value) if timezone.is_aware(value) else value)
        return value

    def to_python(self, value):
        value = (value or "").strip()[:60]
        if not value:
            return None
        try:
            naive = rocdate.parse_roc_datetime(value)
        except ValueError as exc:
            raise forms.ValidationError("日期時間格式不正確，請以「111 年 1 月 20 日 10 時 0 分」輸入。") from exc
        return timezone.make_aware(naive, timezone.get_default_timezone())


# Dates in the ROC calendar, typed and shown as the pages do (the admin's own widgets use the Western calendar).
ROC_DATES = {
    models.DateTimeField: {
        "form_class": RocDateTimeField,
        "widget": forms.TextInput(attrs={"placeholder": "例：111 年 1 月 20 日 10 時 0 分", "size": 32}),
    },
    models.DateField: {"form_class": RocDateField, "widget": forms.TextInput(attrs={"placeholder": "例：111 年 1 月 20 日"})},
    models.TimeField: {"form_class": RocTimeField, "widget": forms.TextInput(attrs={"placeholder": "例：10:00"})},
}


def _meeting_of(obj) -> Meeting | None:
    for path in ("meeting", "section.meeting", "item.section.meeting", "report.item.section.meeting"):
        target = obj
        for attr in path.split("."):
            target = getattr(target, attr, None)
        if isinstance(target, Meeting):
            return target
    return obj if isinstance(obj, Meeting) else None


class RocYearFilter(admin.SimpleListFilter):
    """The year of the meeting, in the ROC calendar (民國 111 年)."""

    title = "年度"
    parameter_name = "roc_year"
    lookup = "starts_at"

    def lookups(self, request, model_admin):
        years = Meeting.objects.datetimes("starts_at", "year", order="DESC", tzinfo=timezone.get_default_timezone())
        return [(str(rocdate.roc_year(d.year)), f"{rocdate.roc_year(d.year)} 年") for d in years]

    def queryset(self, request, queryset):
        value = self.value() or ""
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= 999:
            return queryset if not value else queryset.none()
        year = int(value) + rocdate.ROC_OFFSET
        tz = timezone.get_default_timezone()
        start = timezone.make_aware(dt.datetime(year, 1, 1), tz)
        end = timezone.make_aware(dt.datetime(year + 1, 1, 1), tz)
        return queryset.filter(**{f"{self.lookup}__gte": start, f"{self.lookup}__lt": end})


# Where each model's office is: the admin lists only the offices where a staff member is the recorder.
OFFICE_OF = {
    Office: "pk",
    MeetingSeries: "office",
    Unit: "office",
    Meeting: "series__office",
    Section: "meeting__series__office",
    AgendaItem: "section__meeting__series__office",
    SupplementaryReport: "item__section__meeting__series__office",
    ReportPoint: "report__item__section__meeting__series__office",
    Conclusion: "section__meeting__series__office",
    Amendment: "meeting__series__office",
    SignedRecord: "meeting__series__office",
}


def office_scope(request, model, queryset):
    """The rows of the offices where the person keeps the record; a superuser sees every office."""
    path = OFFICE_OF.get(model)
    if request.user.is_superuser or path is None:
        return queryset
    return queryset.filter(**{f"{path}__in": permissions.office_ids(request.user, Role.RECORDER)})


class OfficeScopedAdmin:
    """Lists, change pages and the choices of related rows hold only the staff member's own offices' rows."""

    def get_queryset(self, request):
        return office_scope(request, self.model, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = office_scope(request, db_field.related_model, field.queryset)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = office_scope(request, db_field.related_model, field.queryset)
        return field


class RecordAdmin(OfficeScopedAdmin, SimpleHistoryAdmin):
    """A part of the record in the admin. Saving and deleting call the record's services (with_service), a refusal
    is a message on the page with nothing changed, the history can be read but never reverted (a revert would save
    an old row as it was, status and version included, and could turn a signed meeting back into a draft), and
    a signed meeting's parts are read-only."""

    formfield_overrides = ROC_DATES
    # The parent a part hangs under cannot change: moving it would take it into another (perhaps signed) meeting.
    parent_field = ""

    def _signed(self, obj) -> bool:
        meeting = _meeting_of(obj) if obj is not None else None
        return meeting is not None and meeting.is_signed

    def has_change_permission(self, request, obj=None):
        return not self._signed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._signed(obj) and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.parent_field:
            fields.append(self.parent_field)
        return fields

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("紀錄的歷史版本只供查閱，不能還原；請以編輯頁修改草稿，或以更正紀錄更正已簽核的紀錄。")
        return super().history_form_view(request, object_id, version_id, extra_context)

    # --- every refusal of a service is a message, and the whole request is rolled back -----------------------

    def _refusals_as_messages(self, request, view, *args, **kwargs):
        try:
            with transaction.atomic():
                return view(request, *args, **kwargs)
        except MeetingError as exc:
            self.message_user(request, f"沒有儲存：{exc}", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._refusals_as_messages(request, super().changeform_view, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        return self._refusals_as_messages(request, super().delete_view, object_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        return self._refusals_as_messages(request, super().changelist_view, extra_context)

    # --- writes through the services ----------------------------------------------------------------------

    def create(self, request, form):  # pragma: no cover - each admin below says how
        raise NotImplementedError

    def update(self, request, obj, data: dict) -> None:  # pragma: no cover
        raise NotImplementedError

    def remove(self, request, obj) -> None:  # pragma: no cover
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        if change:
            data = {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}
            if data:
                self.update(request, type(obj).objects.get(pk=obj.pk), data)
        else:
            created = self.create(request, form)
            obj.pk = created.pk
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        # Inlines are read-only and parts have no many-to-many fields: nothing is written past the service.
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def delete_model(self, request, obj):
        self.remove(request, obj)

    def delete_queryset(self, request, queryset):
        """The bulk action deletes one part after the other through the service, so each is checked (a signed
        meeting's part refuses, and the whole action with it)."""
        for obj in queryset:
            self.remove(request, obj)


class ReadOnlyInline:
    """Inlines show the parts under a part, each linked to its own page: they are edited there, one at a time,
    through the services."""

    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Unit)
class UnitAdmin(OfficeScopedAdmin, admin.ModelAdmin):
    """Units change over time: a unit that a signed record shows keeps its name; when it is renamed, it is retired
    (使用中 off) and a new one added, so the signed record keeps showing the name it was signed with."""

    list_display = ["name", "office", "order", "active", "email"]
    list_filter = ["office", "active"]
    list_editable = ["order", "active"]
    search_fields = ["name"]

    @staticmethod
    def in_signed_record(unit: Unit) -> bool:
        reported = SupplementaryReport.objects.filter(unit=unit, item__section__meeting__status=Meeting.Status.SIGNED)
        return reported.exists() or extensions.unit_in_signed_record(unit)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and self.in_signed_record(obj):
            return ["name"]
        return []

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and request.method == "GET" and self.in_signed_record(obj):
            self.message_user(request, f"「{obj.name}」已出現在已簽核的會議紀錄中，名稱不能修改：組室改名時，"
                              "請將此組室的「使用中」取消，並新增一個新名稱的組室。", messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)


class SuperuserWrites:
    """Rows only a superuser (the city's IT department) adds, changes and deletes; others may at most read them."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Office)
class OfficeAdmin(SuperuserWrites, admin.ModelAdmin):
    """Offices are set up by a superuser."""

    list_display = ["name", "order", "active", "shares_signed"]
    list_editable = ["order", "active", "shares_signed"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(SuperuserWrites, admin.ModelAdmin):
    """Roles decide who edits, signs and reports in which office: only a superuser gives them, so a recorder, who
    has the admin for their record, cannot make themselves (or anyone) chair."""

    list_display = ["user", "office", "role", "unit", "title"]
    list_filter = ["office", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "office__name", "unit__name"]
    autocomplete_fields = ["user"]

    def save_model(self, request, obj, form, change):
        obj.full_clean()
        super().save_model(request, obj, form, change)
        audit.record_changes(audit.Action.ROLE_CHANGE, form=form, fields=["office", "role", "unit"], user=request.user,
                             target=obj, request=request)
        permissions.forget(obj.user)


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(OfficeScopedAdmin, admin.ModelAdmin):
    """A series whose meetings are signed keeps its name: every signed page and /verify/ show it."""

    list_display = ["organisation", "kind", "office"]
    list_filter = ["office"]
    search_fields = ["organisation", "kind"]

    @staticmethod
    def has_signed(series: MeetingSeries) -> bool:
        return series.meetings.filter(status=Meeting.Status.SIGNED).exists()

    def get_readonly_fields(self, request, obj=None):
        fields = ["office", "organisation", "kind"] if obj is not None and self.has_signed(obj) else []
        # Once a case has a number in the series, its scheme stays: every number stays as it was written.
        if obj is not None and extensions.case_scheme_refusal(obj):
            fields += ["case_scheme", "case_prefix"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class SchemeGuardedForm(form):
            def clean(self):
                cleaned = super().clean()
                scheme_changed = {"case_scheme", "case_prefix"} & set(self.changed_data)
                if self.instance.pk and scheme_changed and (refusal := extensions.case_scheme_refusal(self.instance)):
                    raise forms.ValidationError(f"本系列{refusal}，列管案號的編號方式不能再變更。")
                return cleaned

        return SchemeGuardedForm

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and request.method == "GET" and self.has_signed(obj):
            self.message_user(request, f"{obj} 已有簽核的會議紀錄，機關與會議類別不能修改；機關改名時，請新增會議系列，"
                              "由新的會議接續。", messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)


class SectionInline(ReadOnlyInline, admin.TabularInline):
    model = Section
    fields = ["number", "title", "conclusion_label"]


@admin.register(Meeting)
class MeetingAdmin(RecordAdmin):
    list_display = ["number", "series", "starts_at_roc", "place", "chair", "status"]
    list_filter = ["series", "status", RocYearFilter]
    search_fields = ["number", "chair", "place", "sections__title", "sections__items__title"]
    fields = ["series", "number", "starts_at", "adjourned_at", "place", "chair", "recorder", "attendees", "observers",
              "absentees", "attachments", "status", "signed_by", "signed_at", "version"]
    readonly_fields = ["status", "signed_by", "signed_at", "version"]
    parent_field = "series"
    inlines = [SectionInline]

    @admin.display(description="時間", ordering="starts_at")
    def starts_at_roc(self, obj):
        # In the ROC calendar like every page of the app (111 年 1 月 20 日 10:00), not the Western one.
        when = timezone.localtime(obj.starts_at)
        return f"{rocdate.format_roc_date(when.date())} {when:%H:%M}"

    _HEADER = ("number", "starts_at", "adjourned_at", "place", "chair", "recorder", "attendees", "observers",
               "absentees", "attachments")

    def create(self, request, form):
        data = {name: form.cleaned_data[name] for name in self._HEADER if name in form.cleaned_data}
        return services.meeting_create(user=request.user, series=form.cleaned_data["series"], **data)

    def update(self, request, obj, data):
        header = {name: value for name, value in data.items() if name in self._HEADER}
        if header:
            services.meeting_update(meeting=obj, user=request.user, version=None, **header)

    def remove(self, request, obj):
        services.meeting_delete(meeting=obj, user=request.user)


class AgendaItemInline(ReadOnlyInline, admin.StackedInline):
    model = AgendaItem
    fields = ["order", "title", "body", "conclusion_label"]


class ConclusionInline(ReadOnlyInline, admin.TabularInline):
    model = Conclusion
    fields = ["order", "item", "text"]


@admin.register(Section)
class SectionAdmin(RecordAdmin):
    list_display = ["__str__", "meeting", "order"]
    list_filter = ["meeting__series", "meeting"]
    search_fields = ["title", "body"]
    fields = ["meeting", "number", "title", "body", "conclusion_label"]
    parent_field = "meeting"
    inlines = [AgendaItemInline, ConclusionInline]

    def create(self, request, form):
        data = {name: form.cleaned_data[name] for name in services.SECTION_FIELDS}
        return services.section_create(meeting=form.cleaned_data["meeting"], user=request.user, version=None, **data)

    def update(self, request, obj, data):
        services.section_update(section=obj, user=request.user, version=None, **data)

    def remove(self, request, obj):
        services.section_delete(section=obj, user=request.user, version=None)


class ReportInline(ReadOnlyInline, admin.TabularInline):
    model = SupplementaryReport
    fields = ["order", "unit", "reporter_surname", "reporter_title", "heading"]


@admin.register(AgendaItem)
class AgendaItemAdmin(RecordAdmin):
    list_display = ["__str__", "section", "order"]
    list_filter = ["section__meeting__series", "section__meeting"]
    search_fields = ["title", "body"]
    fields = ["section", "title", "body", "conclusion_label"]
    parent_field = "section"
    inlines = [ReportInline]

    def create(self, request, form):
        data = {name: form.cleaned_data[name] for name in services.ITEM_FIELDS}
        return services.item_create(section=form.cleaned_data["section"], user=request.user, version=None, **data)

    def update(self, request, obj, data):
        services.item_update(item=obj, user=request.user, version=None, **data)

    def remove(self, request, obj):
        services.item_delete(item=obj, user=request.user, version=None)


class ReportPointInline(ReadOnlyInline, admin.TabularInline):
    model = ReportPoint
    fields = ["order", "text"]
    show_change_link = False


@admin.register(SupplementaryReport)
class SupplementaryReportAdmin(RecordAdmin):
    list_display = ["__str__", "unit", "item"]
    list_filter = ["unit", "item__section__meeting"]
    fields = ["item", "unit", "reporter_surname", "reporter_title", "heading", "label"]
    parent_field = "item"
    inlines = [ReportPointInline]

    def create(self, request, form):
        data = {name: form.cleaned_data[name] for name in services.REPORT_FIELDS}
        return services.report_create(item=form.cleaned_data["item"], user=request.user, version=None, **data)

    def update(self, request, obj, data):
        services.report_update(report=obj, user=request.user, version=None, **data)

    def remove(self, request, obj):
        services.report_delete(report=obj, user=request.user, version=None)


@admin.register(Conclusion)
class ConclusionAdmin(RecordAdmin):
    list_display = ["__str__", "section", "item", "order"]
    list_filter = ["section__meeting__series", "section__meeting"]
    search_fields = ["text"]
    fields = ["section", "item", "text"]

    def get_readonly_fields(self, request, obj=None):
        return ["section", "item"] if obj is not None else []

    def create(self, request, form):
        return services.conclusion_create(
            section=form.cleaned_data["section"], item=form.cleaned_data.get("item"), user=request.user,
            version=None, text=form.cleaned_data["text"],
        )

    def update(self, request, obj, data):
        if "text" in data:
            services.conclusion_update(conclusion=obj, user=request.user, version=None, text=data["text"])

    def remove(self, request, obj):
        services.conclusion_delete(conclusion=obj, user=request.user, version=None)


@admin.register(Amendment)
class AmendmentAdmin(OfficeScopedAdmin, admin.ModelAdmin):
    list_display = ["meeting", "author", "created_at"]
    list_filter = ["meeting"]
    readonly_fields = ["meeting", "author", "created_at", "reason", "changes", "decided_at"]

    def has_add_permission(self, request):
        return False  # amendments are made through the meeting page, which records who and why

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignedRecord)
class SignedRecordAdmin(OfficeScopedAdmin, admin.ModelAdmin):
    list_display = ["meeting", "version", "sha256", "digitally_signed", "created_at"]
    readonly_fields = ["meeting", "version", "amendment", "sha256", "digitally_signed", "created_at"]
    exclude = ["pdf"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
