"""Writes about directives."""

from promises.services import record_status


def directive_record_status(*, directive, status, explanation, evidence, editor, on=None):
    """Append a status update to a directive. See ``promises.services.record_status``."""
    return record_status(item=directive, status=status, explanation=explanation, evidence=evidence, editor=editor, on=on)
