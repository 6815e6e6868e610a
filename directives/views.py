"""The directive pages: the filtered list and a page per directive."""

from django.db.models import Prefetch
from django.shortcuts import render

from core.cache import query_parameters
from politics.models import Programme
from tracking.views import public_item, tracked_list

from .filters import DirectiveFilter
from .models import Directive


@query_parameters("page", filterset=DirectiveFilter)
def directive_list(request):
    directives = Directive.objects.public().select_related("issuer").prefetch_related("addressed_parties")
    return tracked_list(request, DirectiveFilter, directives, "directives/directive_list.html")


def directive_detail(request, slug):
    directives = Directive.objects.public().select_related("issuer").prefetch_related(
        "addressed_parties__names",
        "addressed_leaders",
        Prefetch("programmes", queryset=Programme.objects.select_related("party", "leader", "election")),
    )
    directive = public_item(directives, slug)
    promises = directive.promises.public().with_author()
    return render(request, "directives/directive_detail.html", {"item": directive, "directive": directive, "promises": promises})
