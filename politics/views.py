"""The index pages of the actors: parties (found under any of their names), leaders, elections, topics.

The page of each actor shows promises and directives, so it lives above both
apps, in ``mandate.views``."""

from django.shortcuts import redirect, render

from core.cache import query_parameters

from .models import Election, Leader, Party, Topic


@query_parameters("q")
def party_list(request):
    """All parties, or those matching ``q``; a name that is exactly one party's (even a former one) goes to it."""
    query = request.GET.get("q", "").strip()
    parties = Party.objects.all()
    if query:
        named = list(Party.objects.named(query)[:2])
        if len(named) == 1:
            return redirect(named[0])
        parties = Party.objects.search(query)
    parties = parties.select_related("parent").prefetch_related("names", "aliases")
    return render(request, "politics/party_list.html", {"parties": parties, "query": query})


def leader_list(request):
    leaders = Leader.objects.prefetch_related("aliases")
    return render(request, "politics/leader_list.html", {"leaders": leaders})


def election_list(request):
    elections = Election.objects.prefetch_related("programmes__party", "programmes__leader")
    return render(request, "politics/election_list.html", {"elections": elections})


def topic_list(request):
    return render(request, "politics/topic_list.html", {"topics": Topic.objects.all()})
