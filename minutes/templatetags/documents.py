"""Template helpers for the PDF actions on the meeting page."""

from django import template

from minutes import documents

register = template.Library()


@register.simple_tag
def signed_record_of(meeting):
    """The stored signed file's metadata (not its bytes), or None."""
    return documents.signed_record_summary(meeting)


@register.simple_tag
def can_download_pdf(user, meeting):
    return documents.can_download_pdf(user, meeting)
