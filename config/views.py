"""The home page: what the signed-in person needs to see first."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from minutes.models import Meeting
from minutes.permissions import is_chair, is_recorder
from tracking.views import home_context


@login_required
def home(request):
    context = home_context(request.user)
    context["can_create"] = is_recorder(request.user)
    if is_chair(request.user):
        context["to_sign"] = list(
            Meeting.objects.filter(status=Meeting.Status.DRAFT).select_related("series").order_by("-starts_at")[:20]
        )
    return render(request, "home.html", context)
