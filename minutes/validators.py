"""Field checks shared by the models, the forms and the admin: the record is plain text, never markup."""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# A tag or comment opener: <script, </p, <!--, <?xml. "金額<10萬" or "a < b" stays allowed.
_TAG_RE = re.compile(r"<\s*[A-Za-z/!?]")


def contains_html(value: str) -> bool:
    return bool(value) and bool(_TAG_RE.search(str(value)))


@deconstructible
class NoHtmlValidator:
    message = "請勿輸入 HTML 標記（例如 <script>、<b>）；紀錄只收純文字。"
    code = "html"

    def __call__(self, value):
        if contains_html(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, NoHtmlValidator)


no_html = NoHtmlValidator()
