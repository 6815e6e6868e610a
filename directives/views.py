"""The directive pages: the filtered list and a page per directive."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from politics.models import Programme
from promises.views import PROMISE_AUTHOR, list_context

from .filters import DirectiveFilter
from .models import Directive, DirectiveEvidence, DirectiveSource, DirectiveStatusUpdate


def directive_list(request):
    directives = Directive.objects.public().select_related("issuer").prefetch_related("addressed_parties")
    filterset = DirectiveFilter(request.GET, queryset=directives)
    return render(request, "directives/directive_list.html", list_context(filterset, request))


def directive_detail(request, slug):
    updates = DirectiveStatusUpdate.objects.order_by("on", "pk").prefetch_related(
        Prefetch("evidence", queryset=DirectiveEvidence.objects.with_article().order_by("pk"))
    )
    directive = get_object_or_404(
        Directive.objects.public()

        .select_related("issuer")
        .prefetch_related(
            "topics",
            "addressed_parties__names",
            "addressed_leaders",
            Prefetch("programmes", queryset=Programme.objects.select_related("party", "leader", "election")),
            Prefetch("status_updates", queryset=updates),
            Prefetch("sources", queryset=DirectiveSource.objects.with_article().order_by("added_at", "pk")),
        ),
        slug=slug,
    )
    promises = directive.promises.public().select_related(*PROMISE_AUTHOR)
    return render(request, "directives/directive_detail.html", {"directive": directive, "promises": promises})
