"""The login page (with the lock it may show) and the page where a password is changed."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone

from accounts import selectors, services
from accounts.forms import LoginForm
from minutes.reader import rocdate


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a login while the name is locked: the login page, saying until when."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    until = selectors.lockout_until(username)
    context = {
        "form": LoginForm(request, initial={"username": username}),
        "next": request.POST.get("next", ""),
        "locked_failures": settings.AXES_FAILURE_LIMIT,
        "locked_until": rocdate.format_roc_datetime(timezone.localtime(until)) if until else "",
    }
    return render(request, "registration/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reason"] = self.request.session.get(services.PASSWORD_CHANGE_KEY, "")
        context["max_age_days"] = settings.PASSWORD_MAX_AGE_DAYS
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_change_done(user=form.user, request=self.request)
        messages.success(self.request, "密碼已變更。")
        return response
