"""Every write to a tracked item, for promises and directives alike: create,
update and publish it, record its status, record a correction in the public log,
add a source, accept or merge an ingested candidate. The admin, the API, the review queue and the demo all call
these, keyword-only; each runs in one transaction and validates before saving."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.fields import not_in_future
from core.translated import OTHER_LANGUAGES, column, is_translation
from politics.services import unique_slug
from sources.actors import LEADER, actor_key, current_actors, speaker_party
from sources.dates import deadline_in
from sources.models import Candidate
from sources.services import candidate_close

from .models import Correction, Evidence, Source, Status, StatusUpdate, TrackedItem

# --- the item itself ----------------------------------------------------------


def _set_many(item, many):
    for name, values in (many or {}).items():
        if values is not None:
            getattr(item, name).set([value for value in values if value is not None])


@transaction.atomic
def item_save(*, item, editor, many=None, correction=""):
    """Validate and save ``item`` (a new or changed promise or directive), then set its
    many-to-many fields (``many``: field name → values, None leaves one as it is).
    The edit history records ``editor`` as who made the change.

    A change to a published item's public fields goes live at once and is recorded in the
    public corrections log in the same transaction (``correction_record``): each field, what
    it said and what it says now, with ``correction``, the editor's note for readers, when
    given. Readers see every change to what they were shown, and nothing waits for a reviewer
    while the known-wrong text stays live; publishing itself stays the reviewers' gate."""
    item.full_clean()
    stored = type(item)._default_manager.filter(pk=item.pk).first() if item.pk else None
    changes = public_changes(stored, item) if stored is not None and stored.is_published else []
    item._history_user = editor
    item.save()
    _set_many(item, many)
    if correction or changes:
        correction_record(item=item, note=correction, editor=editor, changes=changes)
    return item


# What readers see of an item but its publication (the reviewers' to change) and its address:
# once it is published, a change to any of the others is a correction.
NOT_CORRECTIONS = {"is_published", "slug"}


def _shown(obj, field):
    """A field's value as readers see it: a related row's name, a date, the text; "" for none."""
    value = getattr(obj, field.attname)
    if value is None:
        return ""
    if field.is_relation:
        return str(getattr(obj, field.name))
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def public_changes(before, after):
    """``[{"label", "before", "after"}]`` for each public field of an item that differs
    between ``before`` (the stored row) and ``after``, in the item's field order."""
    changes = []
    for field in type(after)._meta.concrete_fields:
        if not field.editable or field.primary_key or field.name in NOT_CORRECTIONS:
            continue
        if getattr(before, field.attname) != getattr(after, field.attname):
            if not getattr(before, field.attname) and is_translation(type(after), field.name):
                continue  # a translation given where there was none corrects nothing
            changes.append({"label": str(field.verbose_name), "before": _shown(before, field), "after": _shown(after, field)})
    return changes


@transaction.atomic
def correction_record(*, item, note, editor, changes=(), on=None):
    """Add a dated entry to the public corrections log of ``item``: ``note`` says, for readers,
    what was wrong and what the item says now; ``changes`` (see ``public_changes``) what
    changed, from what to what. Refused when both are empty, the note is too long, or the
    date is in the future. The log is append-only."""
    on = on or timezone.localdate()
    changes = list(changes)
    correction = Correction(item_id=item.pk, on=on, note=(note or "").strip(), editor=editor, changes=changes,
                            fields=", ".join(change["label"] for change in changes)[:300])
    if not correction.note and not changes:
        raise ValidationError({"correction": _("Say what was corrected, for readers.")})
    try:
        correction.full_clean(exclude=["item", "editor"])
        not_in_future(on)
    except ValidationError as error:
        raise ValidationError({"correction": error.messages}) from None
    correction.save()
    return correction


def item_create(*, model, editor, many=None, **fields):
    """Create a ``model`` (Promise or Directive) from ``fields``; the slug is made from
    its title or action when not given."""
    item = model(**fields)
    if not item.slug:
        item.slug = unique_slug(model, str(item) or "item")
    return item_save(item=item, editor=editor, many=many)


def item_update(*, item, editor, many=None, correction="", **fields):
    """Change ``fields`` of ``item`` and save it. See ``item_save``."""
    for name, value in fields.items():
        setattr(item, name, value)
    return item_save(item=item, editor=editor, many=many, correction=correction)


@transaction.atomic
def item_publish(*, item, editor, published=True):
    """Publish (or unpublish) ``item``; False when it already was. Callers check the
    publish permission: editors save drafts, reviewers publish."""
    if item.is_published == published:
        return False
    item.is_published = published
    item._history_user = editor
    item.save(update_fields=["is_published", "updated_at"])  # one history row
    return True


# --- the status history -------------------------------------------------------


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
        url, title = (entry.url or "").strip(), (entry.title or "").strip()
        if not url and entry.article is None:
            continue
        if url:
            try:
                url_validator(url)
                _check_length(Evidence, "url", url)
            except ValidationError:
                raise ValidationError({"evidence": _("“%(url)s” is not a valid http(s) URL of at most %(max)d characters.")
                                       % {"url": url[:200], "max": _max_length(Evidence, "url")}}) from None
        try:
            _check_length(Evidence, "title", title)
        except ValidationError as error:
            raise ValidationError({"evidence": error.messages}) from None
        items.append(EvidenceInput(url=url, title=title, article=entry.article))
    if not items:
        raise ValidationError({"evidence": _("A status update needs at least one piece of evidence: an article or a URL.")})
    return items


def _max_length(model, name):
    return model._meta.get_field(name).max_length


def _check_length(model, name, value):
    """The model field's own length check (its validators), with its message."""
    for validator in model._meta.get_field(name).validators:
        validator(value)


def _newest_update(item):
    return StatusUpdate.objects.filter(item=item.pk).order_by("-on", "-pk").first()


@transaction.atomic
def record_status(*, item, status, explanation, evidence, editor, on=None, translations=None):
    """Append a status update to ``item`` (a promise or a directive) and return it.

    ``translations`` gives the explanation in other languages (``{"ru": "…", "kk": "…"}``, each optional).

    The old status is the item's current one, read under a row lock so two
    editors recording at once cannot both start from the same old status. The
    update is refused, with a message per field, when the status is unknown or
    unchanged, the explanation is empty or too long, there is no evidence (or a URL
    or title is too long), or the date is in the future or earlier than the item's
    newest update.
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
    explanation = (explanation or "").strip()
    if not explanation:
        errors["explanation"] = _("Explain the change: what happened, according to the evidence.")
    else:
        try:
            _check_length(StatusUpdate, "explanation", explanation)
        except ValidationError as error:
            errors["explanation"] = error.messages
    translations = {code: (text or "").strip() for code, text in (translations or {}).items()}
    for code, text in translations.items():
        if code not in OTHER_LANGUAGES:
            errors["translations"] = _("“%(language)s” is not a language of the site. Use one of: %(choices)s.") % {
                "language": code,
                "choices": ", ".join(OTHER_LANGUAGES),
            }
            continue
        try:
            _check_length(StatusUpdate, column("explanation", code), text)
        except ValidationError as error:
            errors[column("explanation", code)] = error.messages
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

    # Lock the item: recording is serialised per item.
    TrackedItem.objects.select_for_update().filter(pk=item.pk).first()
    latest = _newest_update(item)
    old_status = latest.new_status if latest else Status.NOT_RATED
    if latest and on < latest.on:
        raise ValidationError({"on": _("The history is in date order: the newest update is dated %(date)s.") % {"date": latest.on}})
    if status == old_status:
        raise ValidationError({"status": _("The status is already “%(label)s”.") % {"label": Status(status).label}})

    update = StatusUpdate.objects.create(
        item_id=item.pk, on=on, old_status=old_status, new_status=status, explanation=explanation, editor=editor,
        **{column("explanation", code): text for code, text in translations.items()},
    )
    Evidence.objects.bulk_create(
        [Evidence(update=update, url=e.url, title=e.title, article=e.article) for e in cleaned_evidence]
    )
    TrackedItem.objects.filter(pk=item.pk).update(current_status=status, status_changed_on=on)
    item.current_status, item.status_changed_on = status, on
    return update


@transaction.atomic
def tracked_item_refresh_status(*, item):
    """Rewrite ``item``'s current status from its history, after a superuser
    corrected or deleted an update."""
    TrackedItem.objects.select_for_update().filter(pk=item.pk).first()
    latest = _newest_update(item)
    status, on = (latest.new_status, latest.on) if latest else (Status.NOT_RATED, None)
    TrackedItem.objects.filter(pk=item.pk).update(current_status=status, status_changed_on=on)
    item.current_status, item.status_changed_on = status, on


@transaction.atomic
def status_update_delete(*, update):
    """Delete a status update and its evidence (superusers only, enforced by the caller)."""
    item = update.item
    update.evidence.all().delete()
    update.delete()
    tracked_item_refresh_status(item=item)


# --- sources and candidates ---------------------------------------------------


def candidate_day(candidate):
    """The day a candidate's statement was made: its article's date. None when the article's
    date is unknown: the editor gives it (today is never assumed: a wrong date, published)."""
    return candidate.article.published_on


@dataclass(frozen=True)
class Found:
    """What ingestion found about a candidate's statement, as the defaults of the item
    accepted from it: an editor corrects them rather than retyping them."""

    heading: str  # the action as a title: "Complete the audit of election promises by 1 July 2024"
    quote: str  # the sentence, without a quotation mark it only closes (or only opens)
    day: datetime.date | None  # the article's date
    deadline: datetime.date | None  # the deadline the sentence sets ("by the end of 2023")
    party_id: int | None  # the party the speaker speaks for ("Amanat party chairman … promised")
    other_addressees: str  # the addressee, when it is no known party or official ("the government")


_QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))


def balanced_quote(sentence):
    """``sentence`` without a quotation mark at its end that closes a quotation opened before
    it, or at its start that opens one closed after it: "... election promises.”" as a quote."""
    sentence = sentence.strip()
    for opening, closing in _QUOTE_PAIRS:
        if opening != closing:
            # A mark that opens the next sentence's quotation, or closes the last one's.
            sentence = sentence.removesuffix(opening).removeprefix(closing).strip()
        if opening == closing:
            if sentence.count(opening) % 2:
                sentence = sentence.removesuffix(closing) if sentence.endswith(closing) else sentence.removeprefix(opening)
            continue
        if sentence.endswith(closing) and sentence.count(closing) > sentence.count(opening):
            sentence = sentence[: -len(closing)]
        if sentence.startswith(opening) and sentence.count(opening) > sentence.count(closing):
            sentence = sentence[len(opening):]
    return sentence.strip()


def candidate_found(candidate, *, actors=None):
    """The ``Found`` facts of ``candidate`` (its article is read; ``actors`` default to the known ones)."""
    day = candidate_day(candidate)
    action = " ".join(candidate.action.split()).rstrip(".;,")
    for lead in ("to ", "that "):
        action = action.removeprefix(lead)
    if actors is None:
        actors = current_actors()
    speaker = candidate.speaker_text or candidate.speaker_name
    known_addressee = candidate.addressee_party_id or candidate.addressee_leader_id
    return Found(
        heading=capfirst(action),
        quote=balanced_quote(candidate.sentence),
        day=day,
        deadline=deadline_in(candidate.action, day) or deadline_in(candidate.sentence, day),
        party_id=speaker_party(
            candidate.sentence, speaker, actors=actors, leader_key=actor_key(LEADER, candidate.speaker_id), on=day,
        ),
        other_addressees="" if known_addressee else (candidate.addressee_name or candidate.addressee_text)[:300],
    )


def source_add(*, item, url="", title="", article=None):
    """Record ``url`` (or an ingested ``article``) as a source of ``item``; the one already
    recorded when there is one."""
    source, _created = Source.objects.get_or_create(
        item_id=item.pk, url=url, article=article, defaults={"title": title}
    )
    return source


def source_add_candidate(*, item, candidate):
    """Record the candidate's article as a source of ``item`` (a promise or a directive)."""
    article = candidate.article
    return Source.objects.create(
        item_id=item.pk, article=article, candidate=candidate, title=article.title[:500], quote=candidate.sentence
    )


@transaction.atomic
def candidate_merge(*, item, candidate, editor):
    """Add the candidate's article as a further source of ``item`` and close the candidate as merged.

    Refused when the article is already one of the item's sources: the same
    report counted twice would make a statement look more widely reported."""
    if Source.objects.filter(item=item.pk, article=candidate.article_id).exists():
        raise ValidationError(
            _("“%(article)s” is already a source of “%(item)s”.") % {"article": candidate.article, "item": item}
        )
    candidate_close(candidate=candidate, state=Candidate.State.MERGED, editor=editor)
    return source_add_candidate(item=item, candidate=candidate)


@transaction.atomic
def candidate_accept(*, item, candidate, editor, many=None):
    """Save ``item``, made from ``candidate`` (see ``item_save``), link the candidate's
    article as its first source and close the candidate as accepted."""
    item.full_clean()
    candidate_close(candidate=candidate, state=Candidate.State.ACCEPTED, editor=editor)
    item_save(item=item, editor=editor, many=many)
    source_add_candidate(item=item, candidate=candidate)
    return item


def candidate_result(candidate):
    """The promise or directive ``candidate`` was accepted as or merged into, or None."""
    source = Source.objects.filter(candidate=candidate).select_related("item").first()
    return source.item.specific() if source else None
