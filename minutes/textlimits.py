"""Text limits a person can see: no silent cut at the browser, a counter beside the field, a refusal by name.

The browser cuts whatever goes past an input's maxlength without a word: a pasted 2,400-character 案由
arrived as its first 2,000. So every form field renders its limit as data-maxlength instead, which
static/js/textcount.js turns into a counter (「2,400／2,000 字，超過 400 字」), and the server refuses the
text that is over with a message that names the field, the limit and the count.
"""

from __future__ import annotations

import copy

from django import forms
from django.core import validators
from django.forms.renderers import DjangoTemplates


class BoundField(forms.BoundField):
    """Renders a field's maxlength as data-maxlength, so that the browser no longer enforces it."""

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = widget or self.field.widget
        limit = widget.attrs.get("maxlength")
        if limit is not None:
            # A copy: the form's own widget keeps its attributes, as the field set them.
            widget = copy.copy(widget)
            widget.attrs = {k: v for k, v in widget.attrs.items() if k != "maxlength"}
            widget.attrs["data-maxlength"] = limit
        return super().as_widget(widget, attrs, only_initial)


class FormRenderer(DjangoTemplates):
    """Django's renderer with the BoundField above: every form, the admin's and the login's included."""

    bound_field_class = BoundField


class MaxLengthValidator(validators.MaxLengthValidator):
    """「案由最多 2,000 字，目前 2,400 字（超過 400 字）。」

    A line break counts as one character, as the counter and the person see it: the browser sends a
    textarea's line breaks as CR LF.
    """

    def __init__(self, limit_value, *, label: str, line_breaks_as_one: bool = False):
        super().__init__(limit_value)
        self.label = label
        self.line_breaks_as_one = line_breaks_as_one

    def clean(self, x):
        return len(x.replace("\r\n", "\n")) if self.line_breaks_as_one else len(x)

    def __call__(self, value):
        count = self.clean(value)
        if count > self.limit_value:
            over = count - self.limit_value
            message = f"{self.label}最多 {self.limit_value:,} 字，目前 {count:,} 字（超過 {over:,} 字）。"
            # A message without params is not %-formatted, so a % in a label stays as it is.
            raise forms.ValidationError(message, code=self.code)


class LimitMessages:
    """Form mixin: a text field over its max_length is refused with MaxLengthValidator's message above."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            limit = getattr(field, "max_length", None)
            if limit is None:
                continue
            counted = MaxLengthValidator(
                limit, label=str(field.label or "這個欄位"),
                line_breaks_as_one=isinstance(field.widget, forms.Textarea),
            )
            field.validators = [
                counted if type(v) is validators.MaxLengthValidator else v for v in field.validators
            ]
