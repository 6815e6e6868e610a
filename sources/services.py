"""Writes about feeds, articles and candidates."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Candidate


@transaction.atomic
def candidate_close(*, candidate, state, editor):
    """Mark an open candidate as judged (accepted, merged or rejected) by ``editor``.

    The conditional UPDATE claims the candidate: of two editors judging it at
    once, the second is told it was already judged instead of judging it twice.
    """
    if state not in (Candidate.State.ACCEPTED, Candidate.State.MERGED, Candidate.State.REJECTED):
        raise ValidationError({"state": _("A candidate is closed as accepted, merged or rejected.")})
    now = timezone.now()
    claimed = Candidate.objects.filter(pk=candidate.pk, state=Candidate.State.NEW).update(
        state=state, reviewed_by=editor, reviewed_at=now
    )
    if not claimed:
        raise ValidationError(_("This candidate has already been judged."))
    candidate.state, candidate.reviewed_by, candidate.reviewed_at = state, editor, now
    return candidate


def candidate_reject(*, candidate, editor):
    """Reject a candidate: it is not a directive or promise worth tracking."""
    return candidate_close(candidate=candidate, state=Candidate.State.REJECTED, editor=editor)
