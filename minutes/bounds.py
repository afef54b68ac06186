"""What a number from a user or a file must fit before it reaches the database: the column's own range."""

from __future__ import annotations

import re

from django.db import models

# Django's documented ranges of its integer fields, the same on every database it supports.
_RANGES: dict[type, tuple[int, int]] = {
    models.PositiveSmallIntegerField: (0, 32767),
    models.SmallIntegerField: (-32768, 32767),
    models.PositiveIntegerField: (0, 2147483647),
    models.IntegerField: (-2147483648, 2147483647),
    models.PositiveBigIntegerField: (0, 9223372036854775807),
    models.BigIntegerField: (-9223372036854775808, 9223372036854775807),
    models.BigAutoField: (1, 9223372036854775807),
    models.AutoField: (1, 2147483647),
}
_ASCII_DIGITS_RE = re.compile(r"[0-9]{1,19}")


def column_range(model, field_name: str) -> tuple[int, int]:
    field = model._meta.get_field(field_name)
    for kind in type(field).__mro__:
        if kind in _RANGES:
            return _RANGES[kind]
    raise TypeError(f"{model.__name__}.{field_name} is not an integer field")


def fits(model, field_name: str, value: int) -> bool:
    low, high = column_range(model, field_name)
    return low <= value <= high


def parse_id(value: object, model, field_name: str = "pk") -> int | None:
    """A number typed in a URL or a form (ASCII digits only: '²'.isdigit() is true), or None when it cannot be one
    of this column's values."""
    text = str(value or "").strip()
    if not _ASCII_DIGITS_RE.fullmatch(text):
        return None
    number = int(text)
    name = model._meta.pk.name if field_name == "pk" else field_name
    return number if fits(model, name, number) else None
