"""The promise pages: the filtered list and a page per promise."""

from django.shortcuts import render

from core.cache import query_parameters
from tracking.views import public_item, tracked_list

from .filters import PromiseFilter
from .models import Promise


@query_parameters("page", filterset=PromiseFilter)
def promise_list(request):
    return tracked_list(request, PromiseFilter, Promise.objects.public().with_author(), "promises/promise_list.html")


def promise_detail(request, slug):
    promises = Promise.objects.public().with_author().select_related("programme__election")
    promise = public_item(promises.prefetch_related("party__names"), slug)
    directives = promise.directives.public().select_related("issuer")
    return render(request, "promises/promise_detail.html", {"item": promise, "promise": promise, "directives": directives})
