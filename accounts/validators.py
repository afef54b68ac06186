"""Password rules beyond Django's own (length, similarity, common, numeric): character classes and history."""

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

CLASSES = [
    ("大寫英文字母", str.isupper),
    ("小寫英文字母", str.islower),
    ("數字", str.isdigit),
    # Anything else counts as a symbol: punctuation, spaces, and CJK characters, which have no case.
    ("符號", lambda c: not (c.isupper() or c.islower() or c.isdigit())),
]


class CharacterClassesValidator:
    """At least `min_classes` of: upper-case letters, lower-case letters, digits, symbols."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        found = sum(any(test(c) for c in password) for _, test in CLASSES)
        if found < self.min_classes:
            raise ValidationError(
                f"密碼須包含{'、'.join(name for name, _ in CLASSES)}其中至少 {self.min_classes} 種。",
                code="password_too_few_classes",
            )

    def get_help_text(self):
        return f"至少包含{'、'.join(name for name, _ in CLASSES)}其中 {self.min_classes} 種。"


class PasswordHistoryValidator:
    """Not one of the account's last `count` passwords (the current one included). Keeps those hashes."""

    def __init__(self, count: int = 3):
        self.count = count

    def _recent(self, user):
        from accounts.models import PasswordHistory

        return PasswordHistory.objects.filter(user=user)[: self.count]

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        hashes = [h.password for h in self._recent(user)] or [user.password]
        if any(check_password(password, encoded) for encoded in hashes if encoded):
            raise ValidationError(f"不可使用最近 {self.count} 次用過的密碼。", code="password_reused")

    def password_changed(self, password, user=None):
        """Django calls this whenever a user with a new password is saved, whoever set it."""
        from accounts import services

        services.password_history_add(user=user, count=self.count)

    def get_help_text(self):
        return f"不可與最近 {self.count} 次用過的密碼相同。"
