"""Writes about directives: their status, and accepting or merging ingested candidates."""


from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from politics.services import leader_find_or_create, unique_slug
from promises.services import (
    candidate_day,
    candidate_text,
    duplicate_window,
    find_similar,
    find_similar_many,
    merge_candidate,
    record_status,
    save_accepted,
)

from .models import Directive


def directive_record_status(*, directive, status, explanation, evidence, editor, on=None):
    """Append a status update to a directive. See ``promises.services.record_status``."""
    return record_status(item=directive, status=status, explanation=explanation, evidence=evidence, editor=editor, on=on)


def directive_find_duplicates(candidate, *, limit=5):
    """Existing directives the candidate may repeat: same issuer (when known),
    issued within a few days of the article, similar words in quote and action.

    The same directive reported by three outlets must become one directive with
    three sources, not three directives."""
    directives = Directive.objects.filter(issued_on__range=duplicate_window(candidate))
    if candidate.speaker_id:
        directives = directives.for_leader(candidate.speaker)
    return find_similar(
        directives.select_related("issuer").order_by("-issued_on", "-pk"),
        candidate_text(candidate),
        texts_of=_directive_text,
        limit=limit,
    )


def _directive_text(directive):
    return f"{directive.quote} {directive.action}"


def directive_find_duplicates_many(candidates, *, limit=5):
    """``directive_find_duplicates`` for each of ``candidates`` (``{pk: directives}``) in one query."""
    if not candidates:
        return {}

    def narrowed(candidate):
        q = Q(issued_on__range=duplicate_window(candidate))
        return q & Q(issuer=candidate.speaker_id) if candidate.speaker_id else q

    def matches(candidate, directive):
        start, end = duplicate_window(candidate)
        return start <= directive.issued_on <= end and candidate.speaker_id in (None, directive.issuer_id)

    where = Q()
    for candidate in candidates:
        where |= narrowed(candidate)
    directives = Directive.objects.filter(where).select_related("issuer").order_by("-issued_on", "-pk")
    return find_similar_many(candidates, directives, matches=matches, texts_of=_directive_text, limit=limit)


@transaction.atomic
def directive_accept_candidate(*, candidate, editor, **fields):
    """Create a directive from a candidate and close the candidate as accepted.

    Defaults come from the candidate: quote = its sentence, action = its action,
    issuer = its speaker (or the leader found, or created, under the speaker's
    name), addressed to its addressee, issued on the article's date. ``fields``
    (any Directive field, plus the many-to-many ``addressed_parties``,
    ``addressed_leaders``, ``topics``, ``promises``, ``programmes``) override
    them. The article becomes the directive's first source, linked to the candidate."""
    action = (fields.pop("action", None) or candidate.action or "").strip()
    if not action:
        raise ValidationError({"action": _("Say in a few words what is to be done.")})
    issued_on = fields.pop("issued_on", None) or candidate_day(candidate)
    issuer = fields.pop("issuer", None) or candidate.speaker
    if issuer is None:
        issuer = leader_find_or_create(name=candidate.speaker_name or candidate.speaker_text, on=issued_on)
    many = {
        "addressed_parties": fields.pop("addressed_parties", [candidate.addressee_party]),
        "addressed_leaders": fields.pop("addressed_leaders", [candidate.addressee_leader]),
        "topics": fields.pop("topics", None),
        "promises": fields.pop("promises", None),
        "programmes": fields.pop("programmes", None),
    }
    directive = Directive(
        action=action[:300],
        slug=fields.pop("slug", None) or unique_slug(Directive, action),
        quote=fields.pop("quote", None) or candidate.sentence,
        issuer=issuer,
        issued_on=issued_on,
        **fields,
    )
    return save_accepted(item=directive, candidate=candidate, editor=editor, many=many)


def directive_merge_candidate(*, candidate, directive, editor):
    """Add the candidate's article as a further source of ``directive`` and close the
    candidate as merged; the same article twice is refused. See ``promises.services.merge_candidate``."""
    return merge_candidate(item=directive, candidate=candidate, editor=editor)
