"""The audit log of security events and administrators' actions: `audit.record(audit.Action.X, ...)` writes one row."""

from audit.actions import Action


def record(action: Action, **kwargs):
    """Write one audit row; see audit.services.event_record for the arguments."""
    from audit.services import event_record  # the models load after the app registry, this module before it

    return event_record(action, **kwargs)


def record_changes(action: Action, *, form, fields, **kwargs):
    """Write one row if a saved form changed any of `fields`, saying each change as before → after."""
    from audit.services import changes_record

    return changes_record(action, form=form, fields=fields, **kwargs)


__all__ = ["Action", "record", "record_changes"]
