"""Accounts in the admin: users (a reset password must be changed, privilege changes audited), locked names
that a superuser can unlock, and idle accounts that a superuser can disable in one step."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils import timezone

import audit
from accounts import selectors, services
from accounts.models import IdleAccount, LoginFailure
from audit.sites import SuperuserReadOnlyMixin
from minutes.reader import rocdate


def _roc(moment):
    return rocdate.format_roc_datetime(timezone.localtime(moment)) if moment else "—"


admin.site.unregister(User)


@admin.register(User)
class AccountUserAdmin(UserAdmin):
    PRIVILEGES = ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.password_change_require(user=obj)  # the administrator chose it: the user picks their own
        else:
            audit.record_changes(audit.Action.ROLE_CHANGE, form=form, fields=self.PRIVILEGES, user=request.user,
                                 target=obj, request=request)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:  # saved (a form with errors is shown again)
            services.password_reset_by_admin(user=self.get_object(request, unquote(id)), by=request.user,
                                             request=request)
        return response


@admin.register(LoginFailure)
class LockoutAdmin(SuperuserReadOnlyMixin, admin.ModelAdmin):
    """django-axes' failed attempts per name and address; a name with enough of them is locked."""

    list_display = ["username", "ip_address", "failures", "attempt_time", "locked_until"]
    search_fields = ["username", "ip_address"]
    fields = ["username", "ip_address", "user_agent", "failures_since_start", "attempt_time", "path_info"]
    readonly_fields = fields
    actions = ["unlock"]

    @admin.display(description="失敗次數", ordering="failures_since_start")
    def failures(self, obj):
        return obj.failures_since_start

    @admin.display(description="鎖定至")
    def locked_until(self, obj):
        return _roc(selectors.lockout_until(obj.username)) if obj.username else "—"

    @admin.action(description="解除所選帳號的鎖定")
    def unlock(self, request, queryset):
        count = services.lockouts_lift(usernames=queryset.values_list("username", flat=True), by=request.user,
                                       request=request)
        self.message_user(request, f"已解除 {count} 個帳號的鎖定。", messages.SUCCESS)


@admin.register(IdleAccount)
class IdleAccountAdmin(SuperuserReadOnlyMixin, admin.ModelAdmin):
    list_display = ["username", "full_name", "role", "last_login_roc", "date_joined_roc", "is_staff"]
    search_fields = ["username", "first_name", "last_name"]
    fields = ["username", "first_name", "last_name", "email", "is_staff", "is_superuser", "last_login", "date_joined"]
    readonly_fields = fields
    actions = ["disable"]

    def get_queryset(self, request):
        return selectors.idle_accounts()

    @admin.display(description="姓名")
    def full_name(self, obj):
        return obj.get_full_name()

    @admin.display(description="角色")
    def role(self, obj):
        roles = [str(m).split("：", 1)[-1] for m in obj.memberships.all()]
        return "、".join(roles) or "—"

    @admin.display(description="最後登入", ordering="last_login")
    def last_login_roc(self, obj):
        return _roc(obj.last_login) if obj.last_login else "從未登入"

    @admin.display(description="建立時間", ordering="date_joined")
    def date_joined_roc(self, obj):
        return _roc(obj.date_joined)

    @admin.action(description="停用所選帳號")
    def disable(self, request, queryset):
        count = services.accounts_disable(users=queryset, by=request.user, request=request)
        self.message_user(request, f"已停用 {count} 個帳號。", messages.SUCCESS)
