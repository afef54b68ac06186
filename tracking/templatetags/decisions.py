"""What the record pages need to know from tracking about a conclusion's text."""

from django import template

from minutes.reader import sentences

register = template.Library()


@register.filter
def states_decision(text: str) -> bool:
    """Whether a conclusion decides on tracked items (列管案號 10606 解除列管, 本案賡續列管): such a conclusion is
    the meeting's review, not a new task, so the page offers no 設為列管 for it."""
    try:
        decisions, _ = sentences.read_decisions(text)
    except ValueError:
        return True  # it speaks of cases' outcomes, even if not readably
    return bool(decisions) or sentences.outcome_of(text) is not None
