"""Pages of tracked items: the list and its exports, an item, a unit's dashboard, progress, review, statistics."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

import audit
from minutes import bounds, permissions
from minutes.models import Conclusion, Meeting, Role, Unit
from minutes.permissions import role_required
from minutes.services import MeetingError
from tracking import exports, lifecycle, selectors, services
from tracking.filters import SORT_LABELS, TrackedItemFilter, tracked_item_filter
from tracking.forms import (
    ConclusionTrackForm,
    ItemEditForm,
    OfficeStatisticsForm,
    ProgressForm,
    ReviewCorrectionForm,
    ReviewDecisionForm,
)
from tracking.models import Decision, Status, TrackedItem

PAGE_SIZE = 50


def _visible_items(user):
    """The cases of the person's offices (every office's for the oversight role): every read starts here."""
    return TrackedItem.objects.filter(permissions.tracking_visible(user))


def _item_filter(request) -> TrackedItemFilter:
    return tracked_item_filter(request.user, request.GET)


def _sort_links(request) -> dict[str, dict]:
    """For each sortable column: the URL that sorts by it (toggling direction) and the current arrow."""
    current = request.GET.get("sort", "case")
    links = {}
    for key in SORT_LABELS:
        query = request.GET.copy()
        query.pop("page", None)
        query["sort"] = f"-{key}" if current == key else key
        arrow = "▲" if current == key else "▼" if current == f"-{key}" else ""
        links[key] = {"url": f"?{query.urlencode()}", "arrow": arrow}
    return links


@login_required
def item_list(request):
    item_filter = _item_filter(request)
    page = Paginator(item_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "tracking/item_list.html",
        {
            "filter": item_filter,
            "page": page,
            "query": query.urlencode(),
            "sort_links": _sort_links(request),
            "today": selectors.local_today(),
            # Two offices' 10801 are two cases: with more than one office in view, each row says whose it is.
            "many_offices": permissions.is_oversight(request.user) or len(permissions.office_ids(request.user)) > 1,
        },
    )


@login_required
def item_export(request, fmt):
    if fmt not in exports.FORMATS:
        raise Http404("不支援的匯出格式。")
    items = _item_filter(request).qs
    if fmt != "csv" and (rows := items.count()) > settings.EXPORT_INLINE_MAX_ROWS:
        # Too large to build while the browser waits: the worker writes it, 我的檔案 hands it over. A CSV of any
        # size streams as it is read, in constant memory.
        return render(request, "tracking/export_queue.html", {
            "fmt": fmt, "rows": rows, "limit": settings.EXPORT_INLINE_MAX_ROWS, "query": request.GET.urlencode(),
        })
    audit.record(audit.Action.EXPORT, user=request.user, request=request,
                 detail=f"{fmt.upper()}；條件：{request.GET.urlencode() or '全部'}")
    if fmt == "csv":
        response = StreamingHttpResponse(exports.csv_chunks(items), content_type=exports.FORMATS[fmt])
    else:
        content, content_type = exports.export_items(items, fmt)
        response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = exports.content_disposition(fmt, selectors.local_today())
    return response


@login_required
def item_lookup(request, case_number):
    """An old link names the case number alone: it opens the case when one case the person may see has it, and
    lists the cases of each series that do when several have (two offices' 10801 are two cases)."""
    found = list(_visible_items(request.user).named(case_number).select_related("series__office"))
    if not found:
        raise Http404("找不到這個列管案件。")
    if len(found) == 1:
        return redirect(found[0])
    return render(request, "tracking/item_candidates.html", {"case_number": case_number, "items": found})


def _case_or_404(items, series: int, number: str):
    """The case of a series a URL names by its number as written (113-01) or its key (11301)."""
    item = items.named(number).filter(series_id=series).first()
    if item is None:
        raise Http404("找不到這個列管案件。")
    return item


@login_required
def item_detail(request, series, case_number):
    item = _case_or_404(_visible_items(request.user).with_meetings_open().with_pending().with_details(), series, case_number)
    units = list(item.responsible_units.all())
    reports = selectors.latest_progress([item.pk])
    report_units = [
        {"unit": unit, "report": reports.get((item.pk, unit.pk)),
         "can_report": item.is_active and services.can_report(request.user, unit)}
        for unit in units
    ]
    edits = item.history.exclude(history_change_reason__isnull=True).exclude(history_change_reason="")
    return render(
        request,
        "tracking/item_detail.html",
        {
            "item": item,
            "timeline": selectors.item_timeline(item),
            "report_units": report_units,
            "today": selectors.local_today(),
            "can_edit": item.is_active and permissions.is_recorder(request.user, item.series.office_id),
            "edits": edits.select_related("history_user").order_by("history_date"),
        },
    )


@role_required(Role.RECORDER)
def item_edit(request, series, case_number):
    item = _case_or_404(
        _visible_items(request.user).select_related("series__office", "conclusion__section__meeting"), series, case_number
    )
    permissions.check_role(request.user, item.series.office, Role.RECORDER, what="修改列管案件")
    office = item.series.office
    if not item.is_active:
        messages.error(request, f"列管案號 {item.case_number} 已解除列管，不能再修改。")
        return redirect(item)
    if request.method == "POST":
        form = ItemEditForm(request.POST, office=office)
        if form.is_valid():
            data = form.cleaned_data
            try:
                lifecycle.case_update(
                    item=item, subject=data["subject"], units=list(data["units"]),
                    supporting_units=list(data["supporting_units"]), due_date=data["due_date"], user=request.user,
                )
            except lifecycle.TrackingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"已修改列管案號 {item.case_number}。")
                return redirect(item)
    else:
        form = ItemEditForm(office=office, initial={
            "subject": item.subject, "units": list(item.responsible_units.all()),
            "supporting_units": list(item.supporting_units.all()), "due_date": item.due_date,
        })
    return render(request, "tracking/item_edit.html", {"item": item, "form": form})


def _unit_or_404(request, value: str) -> Unit:
    """A unit the person may see, by its id, or by its name as older links wrote it (when one such unit has that
    name); anything else is a 404."""
    units = Unit.objects.filter(permissions.units_visible(request.user)).select_related("office")
    if (pk := bounds.parse_id(value, Unit)) is not None:
        return get_object_or_404(units, pk=pk)
    if len(value) > Unit._meta.get_field("name").max_length:
        raise Http404("沒有這個組室。")
    named = list(units.filter(name=value)[:2])
    if len(named) != 1:
        raise Http404("沒有這個組室，或有多個機關的組室同名：請由組室清單進入。")
    return named[0]


@login_required
def unit_dashboard(request, unit):
    unit = _unit_or_404(request, unit)
    dashboard = selectors.unit_dashboard(unit)
    return render(
        request,
        "tracking/unit_dashboard.html",
        {"dashboard": dashboard, "can_report": services.can_report(request.user, unit),
         "units": Unit.objects.filter(office=unit.office)},
    )


@login_required
def unit_progress(request, unit):
    unit = _unit_or_404(request, unit)
    # Checked before any form is read: a chief of another unit gets 403 also for a forged POST.
    services.check_can_report(request.user, unit)
    dashboard = selectors.unit_dashboard(unit)
    rows = dashboard.rows
    data = request.POST if request.method == "POST" else None
    entries = []
    for row in rows:
        initial = {"text": row.report.text, "suggestion": row.report.suggestion} if row.report else {}
        entries.append((row, ProgressForm(data, prefix=f"item-{row.item.pk}", initial=initial)))
    if request.method == "POST" and all(form.is_valid() for _, form in entries):
        submitted = [
            (row.item, form.cleaned_data["text"], form.cleaned_data["suggestion"])
            for row, form in entries
            # An unchanged text still counts when the last one was written before the last meeting.
            if form.cleaned_data["text"] and (form.has_changed() or row.needs_report)
        ]
        try:
            reports = services.progress_reports_submit(
                unit=unit, entries=submitted, user=request.user, meeting=dashboard.upcoming
            )
        except lifecycle.TrackingError as error:
            messages.error(request, str(error))
        else:
            if reports:
                numbers = "、".join(r.item.case_number for r in reports)
                messages.success(request, f"已送出 {len(reports)} 件辦理情形：列管案號 {numbers}。")
            else:
                messages.info(request, "沒有新的辦理情形需要送出。")
            return redirect("tracking:unit-dashboard", unit=unit.pk)
    return render(request, "tracking/unit_progress.html", {"dashboard": dashboard, "unit": unit, "entries": entries})


@role_required(Role.RECORDER)
def conclusion_track(request, pk):
    conclusion = get_object_or_404(
        Conclusion.objects.filter(permissions.meetings_visible(request.user, prefix="section__meeting__"))
        .select_related("section__meeting__series__office", "item", "tracked_item"), pk=pk
    )
    meeting = conclusion.section.meeting
    office = meeting.series.office
    permissions.check_role(request.user, office, Role.RECORDER, what="列管結論")
    # Back to the page the recorder came from (the editing page or the record), at the conclusion.
    from_edit = request.GET.get("back") == "edit" or request.POST.get("back") == "edit"
    back_url = reverse("minutes:meeting-edit" if from_edit else "minutes:meeting-detail", args=[meeting.pk])
    existing = getattr(conclusion, "tracked_item", None)
    if existing is not None:
        messages.info(request, f"這項結論已經列管，列管案號 {existing.case_number}。")
        return redirect(existing)
    if meeting.is_signed:
        messages.error(request, f"{meeting.title}已簽核，不能再新增列管案件；如需追蹤，請列入下次會議並於該次列管。")
        return redirect(f"{back_url}#conclusion-{conclusion.pk}")
    if request.method == "POST":
        form = ConclusionTrackForm(request.POST, office=office)
        if form.is_valid():
            try:
                item = lifecycle.case_open(
                    conclusion=conclusion,
                    units=list(form.cleaned_data["units"]),
                    supporting_units=list(form.cleaned_data["supporting_units"]),
                    due_date=form.cleaned_data["due_date"],
                    user=request.user,
                )
            except lifecycle.TrackingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"已列管，列管案號 {item.case_number}。")
                return redirect(f"{back_url}#conclusion-{conclusion.pk}")
    else:
        form = ConclusionTrackForm(office=office, initial=services.conclusion_track_suggestions(conclusion))
    return render(request, "tracking/conclusion_track.html", {
        "conclusion": conclusion, "meeting": meeting, "form": form, "from_edit": from_edit,
        "back_url": f"{back_url}#conclusion-{conclusion.pk}",
    })


def _office_meeting(request, pk) -> Meeting:
    """A meeting of one of the recorder's offices (another office's is a 404)."""
    return get_object_or_404(
        Meeting.objects.select_related("series__office").filter(
            series__office__in=permissions.office_ids(request.user, Role.RECORDER)
        ),
        pk=pk,
    )


@role_required(Role.RECORDER)
def meeting_review(request, pk):
    meeting = _office_meeting(request, pk)
    rows = selectors.review_rows(meeting)
    posted = request.POST if request.method == "POST" else None
    correcting = posted is not None and posted.get("action") == "correct"
    form = ReviewDecisionForm(None if correcting else posted, rows=rows, meeting=meeting)
    corrections = ReviewCorrectionForm(posted if correcting else None, rows=rows)
    if posted is not None and (corrections if correcting else form).is_valid():
        if correcting:
            reason = corrections.cleaned_data["correction_reason"].strip()
            decisions = [services.DecisionInput(item=item, decision=decision, reason=reason)
                         for item, decision in corrections.cleaned_data["corrections"]]
            done = "更正"
        else:
            decisions = [services.DecisionInput(item=item, decision=decision)
                         for item, decision in form.cleaned_data["decisions"]]
            if form.cleaned_data["reopen_item"] is not None:
                decisions.append(services.DecisionInput(
                    item=form.cleaned_data["reopen_item"], decision=Decision.REOPEN,
                    reason=form.cleaned_data["reopen_reason"],
                ))
            done = "登錄"
        try:
            reviews = services.review_record_decisions(meeting=meeting, decisions=decisions, user=request.user)
        except MeetingError as error:
            messages.error(request, f"會議決定沒有{done}：{error}")
        else:
            messages.success(request, f"已{done} {len(reviews)} 件列管案件的會議決定，並寫入會議結論。")
            return redirect("tracking:meeting-review", pk=meeting.pk)
    review_item = selectors.review_item_of(meeting)
    sentence = None
    if review_item is not None:
        decision = services.decision_conclusion(review_item)
        sentence = decision.text if decision else None
    return render(
        request,
        "tracking/meeting_review.html",
        {
            "meeting": meeting,
            "rows": rows,
            "form": form,
            "corrections": corrections,
            "review_item": review_item,
            "sentence": sentence,
            "decided": [row for row in rows if row.review is not None],
        },
    )


@require_POST
@role_required(Role.RECORDER)
def meeting_review_generate(request, pk):
    meeting = _office_meeting(request, pk)
    try:
        item = services.review_item_generate(meeting=meeting, user=request.user)
    except (lifecycle.TrackingError, MeetingError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"已產生「{item.title}」。")
    return redirect(reverse("tracking:meeting-review", args=[meeting.pk]))


@login_required
def statistics(request):
    stats = selectors.statistics(items=_visible_items(request.user))
    return render(request, "tracking/statistics.html", {"stats": stats, "statuses": Status.choices})


def _office_statistics(request):
    """The period form and the figures of the cases the person may see (every office's for the oversight role)."""
    form = OfficeStatisticsForm(request.GET or None)
    period = form.cleaned_data if form.is_valid() else {}
    stats = selectors.office_statistics(
        items=_visible_items(request.user), opened_from=period.get("opened_from"), opened_to=period.get("opened_to")
    )
    return form, stats


@login_required
def office_statistics(request):
    form, stats = _office_statistics(request)
    return render(request, "tracking/office_statistics.html", {
        "form": form, "stats": stats, "bands": selectors.AGE_BANDS, "query": request.GET.urlencode(),
        "city_wide": permissions.is_oversight(request.user),
    })


@login_required
def office_statistics_export(request):
    _form, stats = _office_statistics(request)
    headings = ["機關", "組室", "列管中", "已逾期", *(label for _, label, *_ in selectors.AGE_BANDS)]
    rows = [[r.office.name, "（全機關）", r.active, r.overdue, *r.bands] for r in stats.offices]
    rows += [[r.office.name, r.unit.name, r.active, r.overdue, *r.bands] for r in stats.units]
    rows.append(["合計", "", stats.totals.active, stats.totals.overdue, *stats.totals.bands])
    audit.record(audit.Action.EXPORT, user=request.user, request=request,
                 detail=f"跨機關統計 CSV；條件：{request.GET.urlencode() or '全部'}")
    content = "".join(exports.csv_lines([headings, *rows]))
    response = HttpResponse(("\ufeff" + content).encode("utf-8"), content_type=exports.FORMATS["csv"])
    day = selectors.local_today()
    response["Content-Disposition"] = exports.content_disposition("csv", day, name="跨機關列管統計", ascii_name="office-statistics")
    return response


def home_context(user) -> dict:
    """What the home page shows each role: a chief their unit, the recorder what is missing in their offices."""
    context: dict = {"role": permissions.role_of(user)}
    unit = permissions.unit_of(user)
    if unit is not None:
        context["dashboard"] = selectors.unit_dashboard(unit)
        context["can_report"] = True
    recorder_of = permissions.office_ids(user, Role.RECORDER)
    if recorder_of:
        context["missing"] = selectors.missing_reports(offices=recorder_of)
        context["recent_meetings"] = (
            Meeting.objects.filter(series__office__in=recorder_of).select_related("series")
            .order_by("-starts_at", "-number")[:5]
        )
    if "dashboard" not in context:
        context["totals"] = selectors.status_totals(_visible_items(user))
    return context
