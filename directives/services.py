"""Writes about directives that only directives have: accepting a candidate as a
directive, and finding the directives a candidate may repeat. Everything else is
``tracking.services``."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from politics.services import leader_find_or_create, unique_slug
from tracking.services import candidate_accept, candidate_found
from tracking.similarity import DuplicateFinder, duplicate_window

from .models import Directive


def _narrowed(candidate):
    """The directives a candidate is compared with: same issuer (when known), issued
    within a few days of the article."""
    q = Q(issued_on__range=duplicate_window(candidate))
    return q & Q(issuer=candidate.speaker_id) if candidate.speaker_id else q


def _matches(candidate, directive):
    start, end = duplicate_window(candidate)
    return start <= directive.issued_on <= end and candidate.speaker_id in (None, directive.issuer_id)


# Existing directives a candidate may repeat: ``.find(candidate)``, ``.find_many(candidates)``.
# The same directive reported by three outlets must become one directive with three
# sources, not three directives.
directive_duplicates = DuplicateFinder(Directive, "issued_on", narrowed=_narrowed, matches=_matches, related=["issuer"])


def directive_accept_candidate(*, candidate, editor, **fields):
    """Create a directive from a candidate and close the candidate as accepted.

    Defaults are what ingestion found (``candidate_found``): quote = its sentence, action =
    its action, issuer = its speaker (or the leader found, or created, under the speaker's
    name), addressed to its addressee (a known party or official, else in words), issued
    on the article's date, the deadline the sentence sets. ``fields`` (any Directive
    field, plus the many-to-many ``addressed_parties``, ``addressed_leaders``, ``topics``,
    ``promises``, ``programmes``) override them. The article becomes the directive's
    first source, linked to the candidate. Without the article's date, ``issued_on`` is required."""
    found = candidate_found(candidate)
    action = (fields.pop("action", None) or found.heading).strip()
    if not action:
        raise ValidationError({"action": _("Say in a few words what is to be done.")})
    issued_on = fields.pop("issued_on", None) or found.day
    if issued_on is None:
        raise ValidationError({"issued_on": _("The article's date is unknown: give the day the directive was issued.")})
    fields.setdefault("deadline", found.deadline)
    fields.setdefault("other_addressees", found.other_addressees)
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
        quote=fields.pop("quote", None) or found.quote,
        issuer=issuer,
        issued_on=issued_on,
        **fields,
    )
    return candidate_accept(item=directive, candidate=candidate, editor=editor, many=many)
