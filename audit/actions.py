"""What the audit log records: every kind of event, with the words the log shows for it."""

from django.db import models


class Action(models.TextChoices):
    # Signing in and out (django.contrib.auth's signals and django-axes').
    LOGIN = "login", "登入"
    LOGIN_FAILED = "login_failed", "登入失敗"
    LOCKOUT = "lockout", "帳號鎖定"
    UNLOCK = "unlock", "解除鎖定"
    LOGOUT = "logout", "登出"
    # Accounts.
    PASSWORD_CHANGE = "password_change", "變更密碼"
    PASSWORD_RESET = "password_reset", "管理者重設密碼"
    ROLE_CHANGE = "role_change", "角色或權限變更"
    ACCOUNT_DISABLE = "account_disable", "停用帳號"
    # Anything saved or deleted in the admin.
    ADMIN_ADD = "admin_add", "管理介面新增"
    ADMIN_CHANGE = "admin_change", "管理介面修改"
    ADMIN_DELETE = "admin_delete", "管理介面刪除"
    # The record.
    MEETING_SIGN = "meeting_sign", "簽核會議紀錄"
    MEETING_AMEND = "meeting_amend", "更正已簽核紀錄"
    PDF_DOWNLOAD = "pdf_download", "下載紀錄 PDF"
    EXPORT = "export", "匯出列管案件"
    # 我的檔案: files the background worker builds (a year's signed minutes as a ZIP, large exports).
    FILE_REQUEST = "file_request", "申請產生檔案"
    FILE_DOWNLOAD = "file_download", "下載我的檔案"
    # The log itself.
    AUDIT_EXPORT = "audit_export", "匯出稽核紀錄"
    AUDIT_PURGE = "audit_purge", "清除逾保存期限稽核紀錄"
