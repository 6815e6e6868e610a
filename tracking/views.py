"""What the pages of every kind share: the filtered list with its counts per status,
and the page of one item with its history, evidence and sources."""

from html import escape

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe

from politics.models import Election, Leader, Party, Programme, Topic

from .models import Correction, Evidence, Source, Status, StatusUpdate
from .scorecards import scorecard

PAGE_SIZE = 20
# The label of each actor in the filter forms' choices (slug is the value).
CHOICE_LABELS = {Party: "name", Leader: "full_name", Election: "name", Programme: "title", Topic: "name"}


def filter_form(filterset):
    """The fields of a list's filter form, with their choices and current values, for the template.

    One light query per choice list (slug and label only), whatever the filters."""
    data = filterset.data
    cleaned = getattr(filterset.form, "cleaned_data", {})
    fields = []
    for name, field in filterset.form.fields.items():
        entry = {"name": name, "label": field.label, "value": data.get(name, ""), "values": data.getlist(name)}
        if hasattr(cleaned.get(name), "slug"):
            entry["value"] = cleaned[name].slug  # the row chosen, under whichever of its names
        model = getattr(getattr(field, "queryset", None), "model", None)
        if model in CHOICE_LABELS:
            label = CHOICE_LABELS[model]
            entry["options"] = options(model.objects.order_by(label).values_list("slug", label), entry["value"])
        elif name == "status":
            entry["choices"] = field.choices
            entry["multiple"] = True
        elif name == "ordering":
            entry["choices"] = [choice for choice in field.choices if choice[0]]
        elif name == "overdue":
            entry["boolean"] = True
        entry["date"] = "date" in type(field).__name__.lower()
        fields.append(entry)
    return fields


def options(choices, selected):
    """``<option>`` tags for a long choice list, built here: a template loop over hundreds of
    leaders and programmes was the slowest part of a list page, and so was format_html's
    per-value escaping (5 ms for 1,000 options); the stdlib's escape does the same job."""
    return mark_safe(  # noqa: S308 — every value and label is escaped just below
        "".join(
            f'<option value="{escape(str(value))}"{" selected" if value == selected else ""}>{escape(str(label))}</option>'
            for value, label in choices
        )
    )


def list_context(filterset, request):
    paginator = Paginator(filterset.qs, PAGE_SIZE)
    card = scorecard(filterset.qs_without_status)
    # The list holds the card's items in the statuses asked for (each item has one status):
    # the card counts them, the paginator need not count again.
    statuses = filterset.form.cleaned_data.get("status")
    paginator.count = sum(card.count(status) for status in statuses) if statuses else card.total
    return {
        "filter": filterset,
        "fields": filter_form(filterset),
        "page": paginator.get_page(request.GET.get("page")),
        "card": card,
        # The chart counts every status; with statuses chosen, the list is fewer: both say which set they count.
        "chosen_statuses": [Status(status).label for status in statuses or ()],
    }


def tracked_list(request, filterset_class, queryset, template):
    """A kind's public list: ``queryset`` (from ``.public()``) filtered by the URL, a page of it,
    and the counts per status of the filtered items."""
    filterset = filterset_class(request.GET, queryset=queryset)
    response = render(request, template, list_context(filterset, request))
    if filterset.errors:
        # The page says some filters were not understood: not worth keeping (issue 13, finding 6).
        add_never_cache_headers(response)
    return response


def public_item(queryset, slug):
    """One public item of ``queryset`` (from ``.public()``) for its page, or a 404: with its
    topics, its history oldest first with the evidence of each update, its sources and its corrections."""
    updates = StatusUpdate.objects.order_by("on", "pk").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.with_article().order_by("pk"))
    )
    return get_object_or_404(
        queryset.prefetch_related(
            "topics",
            Prefetch("status_updates", queryset=updates),
            Prefetch("sources", queryset=Source.objects.with_article().order_by("added_at", "pk")),
            Prefetch("corrections", queryset=Correction.objects.newest_first()),
        ),
        slug=slug,
    )
