"""The promise filters of the public pages and the API. See ``tracking.filters``."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.translated import every_language
from politics.models import Election, Leader, Party, Programme
from tracking.filters import TrackedFilterSet, by_slug, date_range

from .models import Promise


class PromiseFilter(TrackedFilterSet):
    # The title in every language (a reader searches in theirs), the quote as said.
    search_fields = (*every_language("title"), "quote", "measurable_target")

    party = by_slug(Party, _("Party"), method="filter_party")
    leader = by_slug(Leader, _("Candidate or leader"), method="filter_leader")
    election = by_slug(Election, _("Election"), method="filter_election")
    programme = by_slug(Programme, _("Programme"))
    made_after, made_before = date_range("made_on", _("Made on or after"), _("Made on or before"))
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("made_on", "made_on"),
            ("target_date", "target_date"),
            ("title", "title"),
            ("status_changed_on", "updated"),
        ),
        field_labels={
            "made_on": _("Date made"),
            "target_date": _("Target date"),
            "title": _("Title"),
            "status_changed_on": _("Last status change"),
        },
    )

    class Meta:
        model = Promise
        fields = [
            "q",
            "party",
            "leader",
            "election",
            "programme",
            "topic",
            "status",
            "overdue",
            "made_after",
            "made_before",
            "updated_since",
        ]
