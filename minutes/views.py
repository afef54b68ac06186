"""Pages of the meeting record."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from minutes.models import Meeting


@login_required
def meeting_list(request):
    meetings = Meeting.objects.select_related("series").order_by("-starts_at")
    return render(request, "minutes/meeting_list.html", {"meetings": meetings})


@login_required
def meeting_detail(request, pk):
    meeting = get_object_or_404(Meeting.objects.with_outline(), pk=pk)
    return render(request, "minutes/meeting_detail.html", {"meeting": meeting})
