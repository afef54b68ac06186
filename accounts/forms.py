"""The login form: Django's, with the project's words for a refused login."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from accounts import selectors


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "帳號或密碼不正確，請再試一次。",
        "inactive": "這個帳號已停用，請洽系統管理者。",
        "demo": "示範帳號的密碼是公開的，只能在示範環境（DEBUG 開啟）使用；正式環境請使用管理者建立的帳號。",
    }

    def get_invalid_login_error(self):
        username = self.cleaned_data.get("username") or ""
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is not None and not settings.DEBUG and selectors.is_demo(user):
            return ValidationError(self.error_messages["demo"], code="demo")
        return super().get_invalid_login_error()
