"""Writes about promises, and the status-recording service both item kinds share."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Status


@dataclass(frozen=True)
class EvidenceInput:
    """One piece of evidence for a status update: an ingested article, a URL, or both."""

    url: str = ""
    title: str = ""
    article: object = None  # a sources.Article, or None


def _clean_evidence(evidence):
    items = []
    url_validator = URLValidator(schemes=["http", "https"])
    for entry in evidence or ():
        if isinstance(entry, str):
            entry = EvidenceInput(url=entry)
        elif isinstance(entry, dict):
            entry = EvidenceInput(**entry)
        url = (entry.url or "").strip()
        if not url and entry.article is None:
            continue
        if url:
            try:
                url_validator(url)
            except ValidationError:
                raise ValidationError({"evidence": _("“%(url)s” is not a valid http(s) URL.") % {"url": url}}) from None
        items.append(EvidenceInput(url=url, title=(entry.title or "").strip(), article=entry.article))
    if not items:
        raise ValidationError({"evidence": _("A status update needs at least one piece of evidence: an article or a URL.")})
    return items


@transaction.atomic
def record_status(*, item, status, explanation, evidence, editor, on=None):
    """Append a status update to ``item`` (a promise or a directive) and return it.

    The old status is the item's current one, read under a row lock so two
    editors recording at once cannot both start from the same old status. The
    update is refused, with a message per field, when the status is unknown or
    unchanged, the explanation is empty, there is no evidence, or the date is in
    the future or earlier than the item's newest update.
    """
    today = timezone.localdate()
    on = on or today
    errors = {}
    if status not in Status.values:
        errors["status"] = _("“%(status)s” is not a status. Use one of: %(choices)s.") % {
            "status": status,
            "choices": ", ".join(Status.values),
        }
    elif status == Status.NOT_RATED:
        errors["status"] = _("A status update must give a rating; “not_rated” is only the starting point.")
    if not (explanation or "").strip():
        errors["explanation"] = _("Explain the change: what happened, according to the evidence.")
    if not isinstance(on, datetime.date):
        errors["on"] = _("The date must be a date.")
    elif on > today:
        errors["on"] = _("The date cannot be in the future.")
    try:
        cleaned_evidence = _clean_evidence(evidence)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)

    model = type(item)
    # Lock the item: recording is serialised per item.
    model.objects.select_for_update().filter(pk=item.pk).first()
    update_model = model.status_updates.rel.related_model
    latest = update_model.objects.filter(item=item).order_by("-on", "-pk").first()
    old_status = latest.new_status if latest else Status.NOT_RATED
    if latest and on < latest.on:
        raise ValidationError({"on": _("The history is in date order: the newest update is dated %(date)s.") % {"date": latest.on}})
    if status == old_status:
        raise ValidationError({"status": _("The status is already “%(label)s”.") % {"label": Status(status).label}})

    update = update_model.objects.create(
        item=item, on=on, old_status=old_status, new_status=status, explanation=explanation.strip(), editor=editor
    )
    evidence_model = update_model.evidence.rel.related_model
    evidence_model.objects.bulk_create(
        [evidence_model(update=update, url=e.url, title=e.title, article=e.article) for e in cleaned_evidence]
    )
    return update


def promise_record_status(*, promise, status, explanation, evidence, editor, on=None):
    """Append a status update to a promise. See ``record_status``."""
    return record_status(item=promise, status=status, explanation=explanation, evidence=evidence, editor=editor, on=on)

