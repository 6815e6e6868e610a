"""Writes about promises, and what both item kinds share: the status-recording
service and accepting or merging an ingested candidate."""

import copy
import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from politics.models import Party
from politics.services import unique_slug
from sources.models import Candidate
from sources.services import candidate_close

from .models import Promise, Status


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
    model.objects.filter(pk=item.pk).update(current_status=status, status_changed_on=on)
    item.current_status, item.status_changed_on = status, on
    return update


@transaction.atomic
def tracked_item_refresh_status(*, item):
    """Rewrite ``item``'s current status from its history, after a superuser
    corrected or deleted an update."""
    model = type(item)
    model.objects.select_for_update().filter(pk=item.pk).first()
    latest = model.status_updates.rel.related_model.objects.filter(item=item).order_by("-on", "-pk").first()
    status, on = (latest.new_status, latest.on) if latest else (Status.NOT_RATED, None)
    model.objects.filter(pk=item.pk).update(current_status=status, status_changed_on=on)
    item.current_status, item.status_changed_on = status, on


@transaction.atomic
def status_update_delete(*, update):
    """Delete a status update and its evidence (superusers only, enforced by the caller)."""
    item = update.item
    update.evidence.all().delete()
    update.delete()
    tracked_item_refresh_status(item=item)


def promise_record_status(*, promise, status, explanation, evidence, editor, on=None):
    """Append a status update to a promise. See ``record_status``."""
    return record_status(item=promise, status=status, explanation=explanation, evidence=evidence, editor=editor, on=on)



# --- similarity and candidates: shared by promises and directives ----------

# Words that carry no meaning of their own in a political statement; two reports
# of one directive share the rest ("review", "organizational", "structure").
_STOPWORDS = frozenset(
    """a an and are as at be been but by for from had has have he her his i in into is it its it's of on or our
    she that the their them they this those to was we were will with would shall should must also which who whom
    said says noted stated called president party members all other its than then there these about""".split()
)


def content_words(text):
    """The set of meaningful words of ``text``, case-folded, without stop words or short words."""
    words = re.findall(r"[^\W\d_]+", (text or "").casefold())
    return {w for w in words if len(w) > 2 and w not in _STOPWORDS}


def word_overlap(first, second):
    """Shared content words over the smaller set (0..1): a short headline that a
    long report repeats scores high, which Jaccard similarity would not."""
    a, b = content_words(first), content_words(second)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


# How far apart two reports of one statement may be dated, and how similar their words must be.
DUPLICATE_WINDOW_DAYS = 7
DUPLICATE_MIN_OVERLAP = 0.5


# The most rows of one candidate's narrowed queryset that are compared with it.
SIMILAR_MAX_ROWS = 500


def _most_similar(words, rows, *, words_of, limit):
    """Copies of ``rows`` whose words overlap ``words`` enough, most similar first, each with ``similarity``."""
    found = []
    for row in rows:
        other = words_of(row)
        score = len(words & other) / min(len(words), len(other)) if words and other else 0.0
        if score >= DUPLICATE_MIN_OVERLAP:
            row = copy.copy(row)  # one row may be scored against several candidates
            row.similarity = round(score, 2)
            found.append(row)
    found.sort(key=lambda row: row.similarity, reverse=True)
    return found[:limit]


def find_similar(queryset, text, *, texts_of, limit=5):
    """Rows of ``queryset`` whose text (``texts_of(row)``) overlaps ``text``, most similar first.

    Each row returned carries its score in ``similarity``. The queryset is
    already narrowed by actor and date, so this reads at most a few hundred rows."""
    rows = queryset[:SIMILAR_MAX_ROWS]
    return _most_similar(content_words(text), rows, words_of=lambda row: content_words(texts_of(row)), limit=limit)


def find_similar_many(candidates, queryset, *, matches, texts_of, limit=5):
    """``find_similar`` for many candidates at once: ``{candidate.pk: rows}``.

    ``queryset`` holds, in the order ``find_similar`` would read them, the rows of
    every candidate's narrowed queryset (one query for the lot: a page of the
    review queue); ``matches(candidate, row)`` tells which are the candidate's own.
    Each candidate sees the same rows, and gets the same answer, as from ``find_similar``."""
    rows = list(queryset)
    words = {}

    def words_of(row):
        if row.pk not in words:
            words[row.pk] = content_words(texts_of(row))
        return words[row.pk]

    found = {}
    for candidate in candidates:
        own = [row for row in rows if matches(candidate, row)][:SIMILAR_MAX_ROWS]
        found[candidate.pk] = _most_similar(content_words(candidate_text(candidate)), own, words_of=words_of, limit=limit)
    return found


def candidate_text(candidate):
    return f"{candidate.sentence} {candidate.action}"


def candidate_day(candidate):
    """The day a candidate's statement was made: its article's date, else the day it was found."""
    return candidate.article.published_on or timezone.localdate(candidate.created_at)


def add_candidate_source(*, item, candidate):
    """Record the candidate's article as a source of ``item`` (a promise or a directive)."""
    article = candidate.article
    source_model = type(item).sources.rel.related_model
    return source_model.objects.create(
        item=item, article=article, candidate=candidate, title=article.title[:500], quote=candidate.sentence
    )


@transaction.atomic
def merge_candidate(*, item, candidate, editor):
    """Add the candidate's article as a further source of ``item`` and close the candidate as merged.

    Refused when the article is already one of the item's sources: the same
    report counted twice would make a statement look more widely reported."""
    if item.sources.filter(article=candidate.article_id).exists():
        raise ValidationError(
            _("“%(article)s” is already a source of “%(item)s”.") % {"article": candidate.article, "item": item}
        )
    candidate_close(candidate=candidate, state=Candidate.State.MERGED, editor=editor)
    return add_candidate_source(item=item, candidate=candidate)


def save_accepted(*, item, candidate, editor, many=None):
    """Validate and save ``item`` created from ``candidate``, set its many-to-many
    fields (``many``: field name → values), link the source and close the candidate."""
    item.full_clean()
    candidate_close(candidate=candidate, state=Candidate.State.ACCEPTED, editor=editor)
    item.save()
    for name, values in (many or {}).items():
        if values is not None:
            getattr(item, name).set([v for v in values if v is not None])
    add_candidate_source(item=item, candidate=candidate)
    return item


# --- promises from candidates ---------------------------------------------


def promise_find_duplicates(candidate, *, limit=5):
    """Existing promises the candidate may repeat: by the same leader or party when
    known, made within a few days of it (or undated), with similar words."""
    promises = Promise.objects.filter(Q(made_on__range=duplicate_window(candidate)) | Q(made_on__isnull=True))
    if candidate.speaker_id:
        promises = promises.for_leader(candidate.speaker)
    elif candidate.addressee_party_id:
        promises = promises.for_party(candidate.addressee_party)
    return find_similar(
        promises.order_by("-made_on", "-pk"), candidate_text(candidate), texts_of=_promise_text, limit=limit
    )


def _promise_text(promise):
    return f"{promise.quote} {promise.title}"


def duplicate_window(candidate):
    """The days within which an item may be a report of the same statement as ``candidate``."""
    day = candidate_day(candidate)
    window = datetime.timedelta(days=DUPLICATE_WINDOW_DAYS)
    return day - window, day + window


def promise_find_duplicates_many(candidates, *, limit=5):
    """``promise_find_duplicates`` for each of ``candidates`` (``{pk: promises}``) in one query."""
    if not candidates:
        return {}

    def narrowed(candidate):
        q = Q(made_on__range=duplicate_window(candidate)) | Q(made_on__isnull=True)
        if candidate.speaker_id:
            q &= Q(leader=candidate.speaker_id) | Q(programme__leader=candidate.speaker_id)
        elif candidate.addressee_party_id:
            q &= Q(party=candidate.addressee_party_id) | Q(programme__party=candidate.addressee_party_id)
        return q

    def matches(candidate, promise):
        start, end = duplicate_window(candidate)
        if promise.made_on is not None and not start <= promise.made_on <= end:
            return False
        programme = promise.programme
        if candidate.speaker_id:
            return candidate.speaker_id in (promise.leader_id, programme and programme.leader_id)
        if candidate.addressee_party_id:
            return candidate.addressee_party_id in (promise.party_id, programme and programme.party_id)
        return True

    where = Q()
    for candidate in candidates:
        where |= narrowed(candidate)
    promises = Promise.objects.filter(where).select_related("programme").order_by("-made_on", "-pk")
    return find_similar_many(candidates, promises, matches=matches, texts_of=_promise_text, limit=limit)


@transaction.atomic
def promise_accept_candidate(*, candidate, editor, **fields):
    """Create a promise from a candidate and close the candidate as accepted.

    Defaults come from the candidate (quote = its sentence, title = its action,
    the speaker as the candidate who promised, made on the article's date);
    ``fields`` (any Promise field, plus ``topics``) override them. The article
    becomes the promise's first source, linked to the candidate."""
    title = (fields.pop("title", None) or candidate.action or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the promise a short, checkable title.")})
    many = {"topics": fields.pop("topics", None)}
    fields.setdefault("leader", candidate.speaker)
    if not fields["leader"] and "party" not in fields and candidate.speaker_name:
        fields["party"] = Party.objects.named(candidate.speaker_name).first()
    promise = Promise(
        title=title[:300],
        slug=fields.pop("slug", None) or unique_slug(Promise, title),
        quote=fields.pop("quote", None) or candidate.sentence,
        made_on=fields.pop("made_on", None) or candidate_day(candidate),
        **fields,
    )
    return save_accepted(item=promise, candidate=candidate, editor=editor, many=many)


def promise_merge_candidate(*, candidate, promise, editor):
    """Add the candidate's article as a further source of ``promise``. See ``merge_candidate``."""
    return merge_candidate(item=promise, candidate=candidate, editor=editor)
