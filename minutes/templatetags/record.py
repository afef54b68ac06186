"""Filters that show numbers and dates the way the records write them."""

from django import template
from django.utils import timezone

from minutes import numerals, rocdate

register = template.Library()


@register.filter
def zh_formal(n):
    """3 → 參"""
    return numerals.to_zh_formal(int(n))


@register.filter
def zh_numeral(n):
    """12 → 十二"""
    return numerals.to_zh(int(n))


@register.filter
def zh_paren(n):
    """2 → (二)"""
    return numerals.to_paren(int(n))


@register.filter
def roc_datetime(value):
    if not value:
        return ""
    return rocdate.format_roc_datetime(timezone.localtime(value))


@register.filter
def roc_date(value):
    if not value:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        value = timezone.localtime(value).date()
    return rocdate.format_roc_date(value)


@register.filter
def roc_time(value):
    return rocdate.format_roc_time(value) if value else ""
