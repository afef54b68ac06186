"""Pages of the meeting record: read for everyone signed in, edit for the recorder, sign for the chair.

Views parse the request, call one service and respond; the rules live in minutes.services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from minutes import bounds, documents, extensions, forms, permissions, services
from minutes.filters import MeetingFilter
from minutes.models import (
    AgendaItem,
    Conclusion,
    Meeting,
    MeetingSeries,
    Office,
    ReportPoint,
    Role,
    Section,
    SupplementaryReport,
)
from minutes.outline import outline_lines
from minutes.permissions import role_required
from minutes.reader import ParseError, parse_minutes

recorder_required = role_required(Role.RECORDER)
chair_required = role_required(Role.CHAIR)

HISTORY_LIMIT = 100


# --- reading ----------------------------------------------------------------------------------------------


def _visible_meetings(user):
    """Meetings of the person's offices, and signed minutes other offices share: every read starts here."""
    return Meeting.objects.filter(permissions.meetings_visible(user))


@login_required
def meeting_list(request):
    meetings = extensions.annotate_meeting_list(_visible_meetings(request.user).select_related("series")).order_by(
        "-starts_at", "-number"
    )
    meeting_filter = MeetingFilter(request.GET, queryset=meetings, user=request.user)
    page = Paginator(meeting_filter.qs, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    columns = extensions.meeting_list_columns()
    rows = [(meeting, [getattr(meeting, name, None) for _, name in columns]) for meeting in page.object_list]
    return render(request, "minutes/meeting_list.html", {
        "filter": meeting_filter, "page": page, "meetings": page.object_list, "rows": rows, "query": query.urlencode(),
        "columns": [label for label, _ in columns], "can_create": permissions.is_recorder(request.user),
        "archive_form": forms.ArchiveForm(user=request.user),
    })


def _record_context(request, meeting: Meeting) -> dict:
    user = request.user
    office = meeting.series.office_id
    draft = not meeting.is_signed
    recorder = permissions.is_recorder(user, office)
    can_track = draft and recorder
    return {
        "meeting": meeting,
        "can_edit": draft and recorder,
        "can_track": can_track,
        "can_sign": draft and permissions.is_chair(user, office),
        "can_amend": meeting.is_signed and (recorder or permissions.is_chair(user, office)),
        "can_set_series": recorder,
        "marks": extensions.conclusion_marks(meeting, user=user, can_track=can_track),
        "record_links": extensions.record_links(meeting, user=user),
    }


def _amendment_form(meeting: Meeting, data=None):
    return forms.AmendmentForm(data, meeting=meeting)


@login_required
def meeting_detail(request, pk):
    meeting = get_object_or_404(_visible_meetings(request.user).with_outline(), pk=pk)
    context = _record_context(request, meeting)
    context["history"] = meeting.history.select_related("history_user").order_by("-history_date", "-history_id")[
        :HISTORY_LIMIT
    ]
    context["amendments"] = meeting.amendments.select_related("author", "decided_at__series")
    context["versions"] = documents.signed_record_versions(meeting)
    if context["can_amend"]:
        context["amendment_form"] = _amendment_form(meeting)
    if permissions.is_recorder(request.user, meeting.series.office_id) and not Meeting.objects.filter(
        series=meeting.series_id, number=meeting.number + 1
    ).exists():
        context["next_number"] = meeting.number + 1
    return render(request, "minutes/meeting_detail.html", context)


# --- creating ---------------------------------------------------------------------------------------------


@recorder_required
def meeting_create(request):
    # The recorder creates meetings of the series of their own offices, starting from the one a meeting page names
    # (「以此為底新增下一次」) or the latest one of those series.
    own = Meeting.objects.select_related("series").filter(
        series__office__in=permissions.office_ids(request.user, Role.RECORDER)
    )
    source = bounds.parse_id(request.GET.get("from"), Meeting)
    latest = (own.filter(pk=source).first() if source else None) or own.order_by("-starts_at", "-number").first()
    series_choices = MeetingSeries.objects.filter(office__in=permissions.office_ids(request.user, Role.RECORDER))
    if request.method == "POST":
        form = forms.MeetingCreateForm(request.POST, series_queryset=series_choices)
        if form.is_valid():
            data = form.header_data()
            series = form.cleaned_data["series"]
            previous = Meeting.objects.filter(series=series, number=data["number"] - 1).first()
            try:
                if form.cleaned_data["from_previous"] and previous is not None:
                    meeting = services.meeting_create_from_previous(user=request.user, previous=previous, **data)
                else:
                    meeting = services.meeting_create(user=request.user, series=series, **data)
            except services.MeetingError as exc:
                form.add_error(None, f"會議紀錄沒有建立：{exc}")
            else:
                messages.success(request, f"已建立{meeting.title}（草稿）。")
                return redirect("minutes:meeting-edit", pk=meeting.pk)
    else:
        initial = {"from_previous": True}
        if latest is not None:
            initial.update(series=latest.series, number=latest.number + 1, place=latest.place,
                           chair=latest.chair, recorder=latest.recorder, attendees=latest.attendees,
                           start_time=dt.time(10, 0))
        form = forms.MeetingCreateForm(initial=initial, series_queryset=series_choices)
    return render(request, "minutes/meeting_create.html", {"form": form, "latest": latest})


# --- series settings --------------------------------------------------------------------------------------


@recorder_required
def series_settings(request, pk):
    """The series' settings, one form per section, each posted on its own (`section`): how its tracked cases are
    numbered (until one is), and the header labels its records write (表頭用語)."""
    series = get_object_or_404(MeetingSeries.objects.select_related("office"), pk=pk)
    permissions.check_role(request.user, series.office, Role.RECORDER, what="設定會議系列")
    refusal = extensions.case_scheme_refusal(series)
    posted = request.POST.get("section", "scheme") if request.method == "POST" else None
    form = forms.SeriesCaseSchemeForm(
        request.POST if posted == "scheme" and not refusal else None,
        initial={"case_scheme": series.case_scheme, "case_prefix": series.case_prefix},
    )
    labels_form = forms.SeriesLabelsForm(request.POST if posted == "labels" else None, series=series)
    if posted == "scheme" and not refusal and form.is_valid():
        try:
            services.series_set_case_scheme(series=series, user=request.user, scheme=form.cleaned_data["case_scheme"],
                                            prefix=form.cleaned_data["case_prefix"])
        except services.MeetingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已設定{series}的列管案號編號方式。")
            return redirect("minutes:series-settings", pk=series.pk)
    if posted == "labels" and labels_form.is_valid():
        try:
            services.series_set_labels(series=series, user=request.user, labels=labels_form.labels())
        except services.MeetingError as exc:
            labels_form.add_error(None, f"設定沒有儲存：{exc}")
        else:
            messages.success(request, f"已儲存{series}的表頭用語；在網頁上建立的會議紀錄將以這些用語顯示與列印。")
            return redirect("minutes:series-settings", pk=series.pk)
    latest = series.meetings.order_by("-number").first()
    return render(request, "minutes/series_settings.html", {
        "series": series, "form": form, "labels_form": labels_form, "refusal": refusal, "latest": latest,
        "example": _scheme_example(series, latest),
    })


def _scheme_example(series: MeetingSeries, meeting: Meeting | None) -> str:
    """The first case number the series' next case would get at its latest meeting, to show the scheme at work."""
    if meeting is None:
        return ""
    try:
        return series.case_number_for(meeting_number=meeting.number, date=timezone.localdate(meeting.starts_at),
                                      sequence=1)
    except ValueError:
        return ""


# --- editing ----------------------------------------------------------------------------------------------


@dataclass
class PartKind:
    model: type
    to_meeting: str  # lookup from the part to its meeting
    form: type
    update: Callable
    delete: Callable
    move: Callable
    arg: str  # keyword the services take the part under
    label: str


PARTS = {
    "section": PartKind(Section, "meeting", forms.SectionForm, services.section_update, services.section_delete,
                        services.section_move, "section", "段落"),
    "item": PartKind(AgendaItem, "section__meeting", forms.AgendaItemForm, services.item_update,
                     services.item_delete, services.item_move, "item", "案由"),
    "report": PartKind(SupplementaryReport, "item__section__meeting", forms.ReportForm, services.report_update,
                       services.report_delete, services.report_move, "report", "補充報告"),
    "point": PartKind(ReportPoint, "report__item__section__meeting", forms.ReportPointForm, services.point_update,
                      services.point_delete, services.point_move, "point", "報告要點"),
    "conclusion": PartKind(Conclusion, "section__meeting", forms.ConclusionForm, services.conclusion_update,
                           services.conclusion_delete, services.conclusion_move, "conclusion", "結論"),
}

# What can be added under what: (kind, parent kind) → parent model.
ADDABLE = {
    ("section", "meeting"): Meeting,
    ("item", "section"): Section,
    ("report", "item"): AgendaItem,
    ("point", "report"): SupplementaryReport,
    ("conclusion", "item"): AgendaItem,
    ("conclusion", "section"): Section,
}
PARENT_TO_MEETING = {Meeting: "id", Section: "meeting", AgendaItem: "section__meeting",
                     SupplementaryReport: "item__section__meeting"}


def _version(request) -> int:
    """The version the form was read at; 0 (never current) for a missing or odd value."""
    return bounds.parse_id(request.POST.get("version"), Meeting, "version") or 0


def _meeting_for(request, pk, *roles: str, what: str) -> Meeting:
    """A meeting the person may see (else 404, so another office's drafts are not even told to exist) and may act
    on in its office (else 403)."""
    meeting = get_object_or_404(_visible_meetings(request.user).select_related("series__office"), pk=pk)
    permissions.check_role(request.user, meeting.series.office, *roles, what=what)
    return meeting


def _editable_meeting(request, pk) -> Meeting | None:
    meeting = _meeting_for(request, pk, Role.RECORDER, what="編輯會議紀錄")
    if meeting.is_signed:
        messages.error(request, f"{meeting.title} 已簽核，不能再修改；如需更正，請在紀錄下方登錄更正紀錄。")
        return None
    return meeting


def _shown(form, name, value) -> str:
    value = form.fields[name].prepare_value(value)
    return "（空白）" if value in (None, "") else str(value)


def _merge_header(form, meeting: Meeting, version: int) -> list[dict]:
    """Three-way merge of a stale header form: what the user read, what is saved now, what they typed.

    A field only the other person changed takes the saved value, so a second save cannot undo it unseen;
    a field both changed keeps what the user typed and is listed for them to decide.
    """
    then = meeting.history.filter(version=version).order_by("-history_date").first()
    if then is None:
        return []
    base, current = forms.MeetingForm.initial_for(then), forms.MeetingForm.initial_for(meeting)
    rows = []
    for name, field in form.fields.items():
        if name == "version" or base.get(name) == current.get(name):
            continue
        mine = form.cleaned_data.get(name)
        both = mine != base.get(name) and mine != current.get(name)
        if not both:
            form.data[name] = "" if current[name] is None else field.prepare_value(current[name])
        rows.append({"label": field.label, "old": _shown(form, name, base[name]),
                     "new": _shown(form, name, current[name]), "mine": _shown(form, name, mine), "both": both})
    return rows


def _part_differences(spec: PartKind, form, obj) -> list[dict]:
    """For a stale part form: the fields where what is saved now differs from what the user typed."""
    fresh = spec.model.objects.get(pk=obj.pk)
    rows = []
    for name, field in form.fields.items():
        if name in form.cleaned_data and hasattr(fresh, name) and getattr(fresh, name) != form.cleaned_data[name]:
            now = getattr(fresh, name)
            rows.append({"label": field.label, "new": "（空白）" if now in (None, "") else str(now),
                         "mine": "（空白）" if form.cleaned_data[name] in (None, "") else str(form.cleaned_data[name])})
    return rows


def _render_edit(request, meeting: Meeting, *, header_form=None, part=None, conflict=None, status=200):
    meeting = Meeting.objects.with_outline().get(pk=meeting.pk)
    if part and part.get("form") is not None:
        # The inline form opens where the recorder clicked: put the cursor in it.
        first = next(iter(part["form"].visible_fields()), None)
        if first is not None:
            first.field.widget.attrs["autofocus"] = True
    if header_form is None:
        header_form = forms.MeetingForm(meeting=meeting)
    if conflict is not None:
        # The user's text stays in the form; the version moves on so a deliberate second save goes through.
        for form in filter(None, [header_form, part and part["form"]]):
            if form.is_bound:
                form.data = form.data.copy()
                form.data["version"] = meeting.version
    context = _record_context(request, meeting)
    context.update(header_form=header_form, part=part or {}, conflict=conflict, editing=True)
    return render(request, "minutes/meeting_edit.html", context, status=status)


def _conflict(exc: services.StaleMeetingError, *, fields: list[dict] = ()) -> dict:
    return {"message": str(exc), "changes": exc.changes, "fields": fields}


@recorder_required
def meeting_edit(request, pk):
    meeting = _editable_meeting(request, pk)
    if meeting is None:
        return redirect("minutes:meeting-detail", pk=pk)
    if request.method != "POST":
        return _render_edit(request, meeting)
    form = forms.MeetingForm(request.POST, meeting=meeting, initial=forms.MeetingForm.initial_for(meeting))
    if not form.is_valid():
        return _render_edit(request, meeting, header_form=form)
    try:
        services.meeting_update(meeting=meeting, user=request.user, version=_version(request), **form.header_data())
    except services.StaleMeetingError as exc:
        form.data = form.data.copy()
        conflict = _conflict(exc, fields=_merge_header(form, exc.meeting, exc.version))
        return _render_edit(request, meeting, header_form=form, conflict=conflict, status=409)
    except services.MeetingError as exc:
        form.add_error(None, str(exc))
        return _render_edit(request, meeting, header_form=form)
    messages.success(request, "已儲存會議資訊。")
    return redirect("minutes:meeting-edit", pk=pk)


def _part_or_404(kind: str, meeting: Meeting, obj_pk: int):
    spec = PARTS.get(kind)
    if spec is None:
        raise Http404
    return spec, get_object_or_404(spec.model, pk=obj_pk, **{spec.to_meeting: meeting})


def _anchor(meeting: Meeting, kind: str, pk: int) -> str:
    return reverse("minutes:meeting-edit", args=[meeting.pk]) + f"#{kind}-{pk}"


def _form_data(spec: PartKind, form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("points_text", None)
    return data


@recorder_required
def part_edit(request, pk, kind, obj_pk):
    meeting = _editable_meeting(request, pk)
    if meeting is None:
        return redirect("minutes:meeting-detail", pk=pk)
    spec, obj = _part_or_404(kind, meeting, obj_pk)
    form_kwargs = {"with_points": False} if kind == "report" else {}
    part = {"mode": "edit", "kind": kind, "pk": obj.pk,
            "action": reverse("minutes:part-edit", args=[meeting.pk, kind, obj.pk])}
    if request.method != "POST":
        part["form"] = spec.form(instance=obj, **form_kwargs)
        return _render_edit(request, meeting, part=part)
    form = part["form"] = spec.form(request.POST, instance=spec.model.objects.get(pk=obj.pk), **form_kwargs)
    if not form.is_valid():
        return _render_edit(request, meeting, part=part)
    try:
        spec.update(**{spec.arg: obj}, user=request.user, version=_version(request), **_form_data(spec, form))
    except services.StaleMeetingError as exc:
        conflict = _conflict(exc, fields=_part_differences(spec, form, obj))
        return _render_edit(request, meeting, part=part, conflict=conflict, status=409)
    except services.MeetingError as exc:
        form.add_error(None, str(exc))
        return _render_edit(request, meeting, part=part)
    messages.success(request, f"已儲存{spec.label}。")
    return redirect(_anchor(meeting, kind, obj.pk))


def _initial_for_add(kind: str, parent) -> dict:
    if kind == "section":
        last = parent.sections.order_by("-order").first()
        return {"number": (last.number + 1) if last else 1, "conclusion_label": "會議結論"}
    if kind == "item":
        return {"conclusion_label": "會議結論"}
    return {}


@recorder_required
def part_add(request, pk, kind, parent_kind, parent_pk):
    meeting = _editable_meeting(request, pk)
    if meeting is None:
        return redirect("minutes:meeting-detail", pk=pk)
    parent_model = ADDABLE.get((kind, parent_kind))
    if parent_model is None:
        raise Http404
    lookup = PARENT_TO_MEETING[parent_model]
    parent = get_object_or_404(parent_model.objects.filter(**{lookup: meeting.pk if lookup == "id" else meeting}),
                               pk=parent_pk)
    form_class = forms.ConclusionAddForm if kind == "conclusion" else PARTS[kind].form
    part = {"mode": "add", "kind": kind, "parent_kind": parent_kind, "parent_pk": parent.pk,
            "action": reverse("minutes:part-add", args=[meeting.pk, kind, parent_kind, parent.pk])}
    if request.method != "POST":
        part["form"] = form_class(initial=_initial_for_add(kind, parent))
        return _render_edit(request, meeting, part=part)
    form = part["form"] = form_class(request.POST)
    if not form.is_valid():
        return _render_edit(request, meeting, part=part)
    data, user, version = form.cleaned_data, request.user, _version(request)
    try:
        if kind == "section":
            created = services.section_create(meeting=parent, user=user, version=version, **data)
        elif kind == "item":
            created = services.item_create(section=parent, user=user, version=version, **data)
        elif kind == "report":
            points = data.pop("points_text")
            created = services.report_create(item=parent, user=user, version=version, points=points, **data)
        elif kind == "point":
            created = services.point_create(report=parent, user=user, version=version, text=data["text"])
        else:
            section, item = (parent.section, parent) if parent_kind == "item" else (parent, None)
            added = services.conclusions_create(
                section=section, item=item, user=user, version=version, texts=data["text"]
            )
            created = added[0]
    except services.StaleMeetingError as exc:
        return _render_edit(request, meeting, part=part, conflict=_conflict(exc), status=409)
    except services.MeetingError as exc:
        form.add_error(None, str(exc))
        return _render_edit(request, meeting, part=part)
    if kind == "conclusion" and len(added) > 1:
        messages.success(request, f"已新增 {len(added)} 項結論。")
    else:
        messages.success(request, f"已新增{PARTS[kind].label}。")
    return redirect(_anchor(meeting, kind, created.pk))


@require_POST
@recorder_required
def part_delete(request, pk, kind, obj_pk):
    meeting = _editable_meeting(request, pk)
    if meeting is None:
        return redirect("minutes:meeting-detail", pk=pk)
    spec, obj = _part_or_404(kind, meeting, obj_pk)
    try:
        spec.delete(**{spec.arg: obj}, user=request.user, version=_version(request))
    except services.StaleMeetingError as exc:
        return _render_edit(request, meeting, conflict=_conflict(exc), status=409)
    except services.MeetingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已刪除{spec.label}。")
    return redirect("minutes:meeting-edit", pk=pk)


@require_POST
@recorder_required
def part_move(request, pk, kind, obj_pk):
    meeting = _editable_meeting(request, pk)
    if meeting is None:
        return redirect("minutes:meeting-detail", pk=pk)
    spec, obj = _part_or_404(kind, meeting, obj_pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404
    try:
        spec.move(**{spec.arg: obj}, user=request.user, version=_version(request), direction=direction)
    except services.StaleMeetingError as exc:
        return _render_edit(request, meeting, conflict=_conflict(exc), status=409)
    except services.MeetingError as exc:
        messages.error(request, str(exc))
    return redirect(_anchor(meeting, kind, obj.pk))


# --- signing and amending ---------------------------------------------------------------------------------


@chair_required
def meeting_sign(request, pk):
    _meeting_for(request, pk, Role.CHAIR, what="簽核")
    meeting = Meeting.objects.with_outline().get(pk=pk)
    if meeting.is_signed:
        messages.error(request, f"{meeting.title} 已於先前簽核。")
        return redirect(meeting)
    if request.method == "POST":
        try:
            services.meeting_sign(meeting, request.user, version=_version(request))
        except services.StaleMeetingError as exc:
            return render(request, "minutes/meeting_sign.html",
                          {"meeting": Meeting.objects.with_outline().get(pk=pk), "conflict": _conflict(exc)},
                          status=409)
        except services.SignRefusedError as exc:
            return render(request, "minutes/meeting_sign.html",
                          {"meeting": meeting, "problems": exc.problems}, status=400)
        except services.MeetingError as exc:
            messages.error(request, f"簽核沒有完成：{exc}")
        else:
            messages.success(request, f"已簽核{meeting.title}；紀錄自此凍結。")
        return redirect(meeting)
    return render(request, "minutes/meeting_sign.html", {"meeting": meeting, "problems": services.sign_problems(meeting)})


@require_POST
@role_required(Role.RECORDER, Role.CHAIR)
def meeting_amend(request, pk):
    meeting = _meeting_for(request, pk, Role.RECORDER, Role.CHAIR, what="登錄更正")
    form = _amendment_form(meeting, request.POST)
    if form.is_valid():
        try:
            services.meeting_amend(meeting, request.user, **form.cleaned_data)
        except services.MeetingError as exc:
            form.add_error(None, f"更正沒有登錄：{exc}")
        else:
            messages.success(request, "已登錄更正紀錄，並產生新一版的簽核紀錄檔。")
            return redirect(reverse("minutes:meeting-detail", args=[pk]) + "#amendments")
    if not meeting.is_signed:
        messages.error(request, "草稿尚未簽核，請直接修改內容，不需更正紀錄。")
        return redirect(meeting)
    meeting = Meeting.objects.with_outline().get(pk=pk)
    context = _record_context(request, meeting)
    context.update(history=meeting.history.select_related("history_user")[:HISTORY_LIMIT],
                   amendments=meeting.amendments.select_related("author", "decided_at__series"),
                   versions=documents.signed_record_versions(meeting), amendment_form=form)
    return render(request, "minutes/meeting_detail.html", context, status=400)


# --- paste import -----------------------------------------------------------------------------------------


@recorder_required
def meeting_import(request):
    offices = Office.objects.filter(pk__in=permissions.office_ids(request.user, Role.RECORDER))
    context = {"form": forms.PasteImportForm(request.POST or None, offices=offices)}
    if request.method == "POST" and context["form"].is_valid():
        text = context["form"].cleaned_data["text"]
        office = context["form"].cleaned_data["office"]
        lines = text.split("\n")
        try:
            parsed = parse_minutes(text)
            bad = services.html_in_parsed(parsed)
            if bad:
                raise ParseError(*bad)
        except ParseError as exc:
            context.update(error=exc, lines=_lines_around(lines, exc.line))
            return render(request, "minutes/meeting_import.html", context, status=400)
        context["outline"] = outline_lines(parsed)
        context["notes"] = extensions.import_preview(parsed)
        saving = request.POST.get("action") == "save"
        try:
            # The preview runs the whole import and rolls it back, so it warns of everything saving
            # would refuse: a meeting already there, a decision the case's history does not allow.
            meeting = services.record_import(parsed, office=office, user=request.user, dry_run=not saving)
        except services.MeetingExistsError as exc:
            context["existing"] = exc.meeting
            context["save_error"] = f"{exc.meeting.title} 已經在系統中，貼上匯入不會覆蓋既有的紀錄；沒有任何資料被儲存。"
        except services.MeetingError as exc:
            context["save_error"] = f"匯入沒有完成：{exc}" if saving else f"匯入時會被拒絕：{exc}"
        else:
            if saving:
                messages.success(request, f"已匯入{meeting.title}（草稿），請檢查後交主席簽核。")
                for note in context["notes"]:
                    if note.warning:
                        messages.warning(request, "；".join(note.lines))
                return redirect(meeting)
    return render(request, "minutes/meeting_import.html", context)


def _lines_around(lines: list[str], line: int, spread: int = 3) -> list[dict]:
    start, end = max(1, line - spread), min(len(lines), line + spread)
    return [{"number": n, "text": lines[n - 1], "bad": n == line} for n in range(start, end + 1)]

