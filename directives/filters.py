"""The directive filters of the public pages and the API. See ``tracking.filters``."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.translated import every_language
from politics.models import Election, Leader, Party, Programme
from tracking.filters import TrackedFilterSet, by_slug, date_range

from .models import Directive


class DirectiveFilter(TrackedFilterSet):
    # The action in every language (a reader searches in theirs), the quote as said.
    search_fields = (*every_language("action"), "quote", "other_addressees")

    party = by_slug(Party, _("Addressed to party"), method="filter_party")
    leader = by_slug(Leader, _("Issued by"), method="filter_leader")
    election = by_slug(Election, _("Election"), method="filter_election")
    programme = by_slug(Programme, _("Programme"), field_name="programmes")
    issued_after, issued_before = date_range("issued_on", _("Issued on or after"), _("Issued on or before"))
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("issued_on", "issued_on"), ("deadline", "deadline"), ("action", "action"),
                ("status_changed_on", "updated")),
        field_labels={"issued_on": _("Date issued"), "deadline": _("Deadline"), "action": _("Action"),
                      "status_changed_on": _("Last status change")},
    )

    class Meta:
        model = Directive
        fields = ["q", "party", "leader", "election", "programme", "topic", "status", "overdue",
                  "issued_after", "issued_before", "updated_since"]
