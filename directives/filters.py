"""The directive filters of the public pages and the API. See ``promises.filters``."""

import django_filters
from django.utils.translation import gettext_lazy as _

from politics.models import Election, Leader, Party, Programme
from promises.filters import TrackedFilterSet

from .models import Directive


class DirectiveFilter(TrackedFilterSet):
    search_fields = ("action", "quote", "other_addressees")

    party = django_filters.ModelChoiceFilter(
        label=_("Addressed to party"), queryset=Party.objects.all(), to_field_name="slug", method="filter_party"
    )
    leader = django_filters.ModelChoiceFilter(
        label=_("Issued by"), queryset=Leader.objects.all(), to_field_name="slug", method="filter_leader"
    )
    election = django_filters.ModelChoiceFilter(
        label=_("Election"), queryset=Election.objects.all(), to_field_name="slug", method="filter_election"
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=Programme.objects.all(), to_field_name="slug", field_name="programmes"
    )
    issued_after = django_filters.DateFilter(label=_("Issued on or after"), field_name="issued_on", lookup_expr="gte")
    issued_before = django_filters.DateFilter(label=_("Issued on or before"), field_name="issued_on", lookup_expr="lte")
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
