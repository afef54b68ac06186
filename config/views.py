"""The home page: what the signed-in person needs to see first."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
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


class LogoutView(auth_views.LogoutView):
    """Log out and say so on the login page it leads to."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "您已登出。")  # the cookie storage keeps it across the flushed session
        return response
