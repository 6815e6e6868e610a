"""Writes about promises that only promises have: accepting a candidate as a promise,
and finding the promises a candidate may repeat. Everything else is ``tracking.services``."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from politics.models import Party
from politics.services import unique_slug
from tracking.services import candidate_accept, candidate_found
from tracking.similarity import DuplicateFinder, duplicate_window

from .models import Promise


def _narrowed(candidate):
    """The promises a candidate is compared with: by its speaker or party when known,
    made within a few days of it (or undated)."""
    q = Q(made_on__range=duplicate_window(candidate)) | Q(made_on__isnull=True)
    if candidate.speaker_id:
        q &= Q(leader=candidate.speaker_id) | Q(programme__leader=candidate.speaker_id)
    elif candidate.addressee_party_id:
        q &= Q(party=candidate.addressee_party_id) | Q(programme__party=candidate.addressee_party_id)
    return q


def _matches(candidate, promise):
    start, end = duplicate_window(candidate)
    if promise.made_on is not None and not start <= promise.made_on <= end:
        return False
    programme = promise.programme
    if candidate.speaker_id:
        return candidate.speaker_id in (promise.leader_id, programme and programme.leader_id)
    if candidate.addressee_party_id:
        return candidate.addressee_party_id in (promise.party_id, programme and programme.party_id)
    return True


# Existing promises a candidate may repeat: ``.find(candidate)``, ``.find_many(candidates)``.
promise_duplicates = DuplicateFinder(Promise, "made_on", narrowed=_narrowed, matches=_matches, related=["programme"])


def party_of(found, candidate, *, has_leader):
    """The party a candidate's promise is made for: the one its speaker speaks for, else,
    when the speaker is no known leader, the party the speaker's name is."""
    if found.party_id:
        return Party.objects.filter(pk=found.party_id).first()
    if not has_leader and candidate.speaker_name:
        return Party.objects.named(candidate.speaker_name).first()
    return None


def promise_accept_candidate(*, candidate, editor, **fields):
    """Create a promise from a candidate and close the candidate as accepted.

    Defaults are what ingestion found (``candidate_found``): quote = its sentence, title =
    its action, the speaker as the candidate who promised and the party they speak for,
    made on the article's date (left empty when unknown), the deadline the sentence sets
    as the target date; ``fields`` (any Promise field, plus ``topics``) override them. The
    article becomes the promise's first source, linked to the candidate."""
    found = candidate_found(candidate)
    title = (fields.pop("title", None) or found.heading).strip()
    if not title:
        raise ValidationError({"title": _("Give the promise a short, checkable title.")})
    many = {"topics": fields.pop("topics", None)}
    fields.setdefault("leader", candidate.speaker)
    if "party" not in fields:
        fields["party"] = party_of(found, candidate, has_leader=bool(fields["leader"]))
    fields.setdefault("target_date", found.deadline)
    promise = Promise(
        title=title[:300],
        slug=fields.pop("slug", None) or unique_slug(Promise, title),
        quote=fields.pop("quote", None) or found.quote,
        made_on=fields.pop("made_on", None) or found.day,
        **fields,
    )
    return candidate_accept(item=promise, candidate=candidate, editor=editor, many=many)
