"""The filter vocabulary of the public pages and the API, defined once for every kind.

The same FilterSets serve the HTML lists (a shareable URL per state) and the
API (where an unknown value is a 400 with a message)."""

import copy

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from politics.models import Topic

from .models import Status


class ByKeyField(ModelChoiceField):
    """A row chosen by its slug or, for actors known under several names (parties, leaders:
    their querysets have ``by_key``), by any of those names."""

    def to_python(self, value):
        by_key = getattr(self.queryset, "by_key", None)
        if by_key is not None and value not in self.empty_values:
            found = by_key(str(value))
            if found is not None:
                return found
        return super().to_python(value)


class ByKeyFilter(django_filters.ModelChoiceFilter):
    field_class = ByKeyField


def by_slug(model, label, **options):
    """A filter that picks a ``model`` row by its slug (``?party=amanat``), or by a former name
    or an alias where the model has them (``?party=nur-otan``: one party)."""
    return ByKeyFilter(label=label, queryset=model.objects.all(), to_field_name="slug", **options)


def date_range(field, after, before):
    """Two filters, on or after and on or before a date of ``field``."""
    return (django_filters.DateFilter(label=after, field_name=field, lookup_expr="gte"),
            django_filters.DateFilter(label=before, field_name=field, lookup_expr="lte"))


class _CopiedShallow(dict):
    """A FilterSet's filters, which each FilterSet deep-copies: ours hold nothing a request
    changes (their querysets are fixed, their ``parent`` is set on the copy), so one shallow
    copy each will do."""

    def __deepcopy__(self, memo):
        return {name: self._copy(declared) for name, declared in self.items()}

    @staticmethod
    def _copy(declared):
        copied = copy.copy(declared)
        if declared.method is not None:
            copied.method = declared.method  # a method filter's caller, bound to the copy and its parent
        return copied


class TrackedFilterSet(django_filters.FilterSet):
    """Filters promises and directives share. Subclasses set ``search_fields`` and ``date_field``.

    Built for every filtered list, so built cheaply: its filters are copied shallow, and its form
    class is made once per class and language rather than for each request (django-filter's
    deep copies and form class were a third of a filtered list's FilterSet: bench/api_profile.py)."""

    search_fields = ()

    @classmethod
    def get_filters(cls):
        return _CopiedShallow(super().get_filters())

    def get_form_class(self):
        made = type(self).__dict__.get("_form_classes")
        if made is None:
            made = type(self)._form_classes = {}
        language = get_language()
        form_class = made.get(language)
        if form_class is None:
            form_class = made[language] = super().get_form_class()
        return form_class

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=Status.choices, method="filter_status")
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    topic = by_slug(Topic, _("Topic"), method="filter_topic")
    updated_since = django_filters.DateFilter(
        label=_("Status changed since"), field_name="status_changed_on", lookup_expr="gte"
    )

    # Applied after every other filter, so what comes before them is the set a list counts per status.
    APPLIED_LAST = ("status", "ordering")

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        for name, value in data.items():
            if name not in self.APPLIED_LAST:
                queryset = self.filters[name].filter(queryset, value)
        self._without_status = queryset
        for name in self.APPLIED_LAST:
            if name in data:
                queryset = self.filters[name].filter(queryset, data[name])
        return queryset

    @property
    def qs_without_status(self):
        """The items of ``qs`` in any status, unordered: what the counts per status beside a list are of."""
        self.qs  # noqa: B018 — filters once, keeping the queryset before the status filter
        return getattr(self, "_without_status", self.queryset.all())

    def filter_search(self, queryset, name, value):
        query = Q()
        for word in value.split()[:10]:
            word_query = Q()
            for field in self.search_fields:
                word_query |= Q(**{f"{field}__icontains": word})
            query &= word_query
        return queryset.filter(query)

    def filter_status(self, queryset, name, value):
        return queryset.with_status_in(value) if value else queryset

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.overdue(today) if value else queryset.not_overdue(today)

    def filter_topic(self, queryset, name, value):
        return queryset.for_topic(value)

    def filter_party(self, queryset, name, value):
        return queryset.for_party(value)

    def filter_leader(self, queryset, name, value):
        return queryset.for_leader(value)

    def filter_election(self, queryset, name, value):
        return queryset.for_election(value)
