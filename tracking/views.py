"""Pages of tracked items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from minutes.models import Conclusion, Role
from minutes.permissions import role_required
from tracking import lifecycle, services
from tracking.forms import ConclusionTrackForm
from tracking.models import TrackedItem


@login_required
def item_list(request):
    items = TrackedItem.objects.with_details()
    return render(request, "tracking/item_list.html", {"items": items})


@login_required
def item_detail(request, case_number):
    item = get_object_or_404(TrackedItem.objects.with_details(), case_number=case_number)
    reviews = item.reviews.select_related("meeting", "decided_by")
    return render(request, "tracking/item_detail.html", {"item": item, "reviews": reviews})


@role_required(Role.RECORDER)
def conclusion_track(request, pk):
    conclusion = get_object_or_404(
        Conclusion.objects.select_related("section__meeting__series", "item", "tracked_item"), pk=pk
    )
    meeting = conclusion.section.meeting
    existing = getattr(conclusion, "tracked_item", None)
    if existing is not None:
        messages.info(request, f"這項結論已經列管，列管案號 {existing.case_number}。")
        return redirect(existing)
    if request.method == "POST":
        form = ConclusionTrackForm(request.POST)
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
                return redirect(meeting.get_absolute_url())
    else:
        form = ConclusionTrackForm(initial=services.conclusion_track_suggestions(conclusion))
    return render(
        request, "tracking/conclusion_track.html", {"conclusion": conclusion, "meeting": meeting, "form": form}
    )
