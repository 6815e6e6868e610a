"""Pages that show promises and directives together (home, the actors' pages, methodology),
and the site's plumbing (robots.txt, a trivial view for benchmarks).

They live here, in the top app, because they span both kinds: what reads both kinds
at once (the home page's scorecards and recent changes) reads the one tracking table."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django.views.decorators.http import require_GET

from core.cache import query_parameters
from core.i18n import LOCAL_NAMES
from directives.filters import DirectiveFilter
from directives.models import Directive
from politics.models import Election, Leader, Party, Programme, Topic
from promises.filters import PromiseFilter
from promises.models import Promise
from tracking.models import Correction, Kind, Status, StatusUpdate, TrackedItem
from tracking.scorecards import (
    STATUS_MEANINGS,
    STATUS_ORDER,
    Scorecard,
    recent_changes,
    scorecard,
    scorecards_by_kind,
    status_summaries,
)

LIST_LENGTH = 10


def tracked(promises, directives, *, query, history=False):
    """Scorecards, optional histories and the newest items of an actor's promises and directives.

    ``query`` filters the full lists to the same items (both lists share the filter names)."""
    context = {
        "promise_list_url": f"{reverse('promise_list')}?{query}",
        "directive_list_url": f"{reverse('directive_list')}?{query}",
        "promises": promises.with_author()[:LIST_LENGTH],
        "directives": directives.select_related("issuer")[:LIST_LENGTH],
    }
    if history:
        summaries = status_summaries(
            {"promise": (promises, "made_on"), "directive": (directives, "issued_on")}, today=timezone.localdate()
        )
        context["promise_card"], context["promise_history"] = summaries["promise"]
        context["directive_card"], context["directive_history"] = summaries["directive"]
    else:
        context["promise_card"], context["directive_card"] = scorecard(promises), scorecard(directives)
    return context


def home(request):
    today = timezone.localdate()
    promises, directives = Promise.objects.public(), Directive.objects.public()
    cards = scorecards_by_kind(TrackedItem.objects.public())
    context = {
        "promise_card": cards.get(Kind.PROMISE, Scorecard({})),
        "directive_card": cards.get(Kind.DIRECTIVE, Scorecard({})),
        "changes": recent_changes(StatusUpdate.objects.public(), LIST_LENGTH),
        "overdue_promises": promises.overdue(today).with_author().order_by("target_date")[:5],
        "overdue_directives": directives.overdue(today).select_related("issuer").order_by("deadline")[:5],
        "parties": Party.objects.filter(parent__isnull=True)[:12],
        "leaders": Leader.objects.all()[:12],
        "elections": Election.objects.all()[:6],
        "topics": Topic.objects.all()[:20],
    }
    return render(request, "home.html", context)


def known_as_or_404(model, slug):
    """The actor an address names under another of its names (``/parties/nur-otan/``), else a 404."""
    actor = model.objects.by_key(slug)
    if actor is None:
        raise Http404(f"No {model._meta.verbose_name} is known as {slug!r}.")
    return actor


def leader_detail(request, slug):
    leader = Leader.objects.prefetch_related("aliases", "offices").filter(slug=slug).first()
    if leader is None:
        return redirect(known_as_or_404(Leader, slug), permanent=True)
    context = tracked(
        Promise.objects.public().for_leader(leader),
        Directive.objects.public().for_leader(leader),
        query=f"leader={leader.slug}",
        history=True,
    )
    return render(request, "politics/leader_detail.html", {"leader": leader, **context})


def party_detail(request, slug):
    party = (
        Party.objects.select_related("parent")
        .prefetch_related("names", "aliases", "wings", "programmes__election")
        .filter(slug=slug)
        .first()
    )
    if party is None:
        return redirect(known_as_or_404(Party, slug), permanent=True)
    context = tracked(
        Promise.objects.public().for_party(party),
        Directive.objects.public().for_party(party),
        query=f"party={party.slug}",
        history=True,
    )
    return render(request, "politics/party_detail.html", {"party": party, **context})


def election_detail(request, slug):
    election = get_object_or_404(
        Election.objects.prefetch_related("programmes__party", "programmes__leader"), slug=slug
    )
    context = tracked(
        Promise.objects.public().for_election(election),
        Directive.objects.public().for_election(election),
        query=f"election={election.slug}",
    )
    return render(request, "politics/election_detail.html", {"election": election, **context})


def programme_detail(request, slug):
    programme = get_object_or_404(Programme.objects.select_related("party", "leader", "election"), slug=slug)
    context = tracked(
        Promise.objects.public().filter(programme=programme),
        Directive.objects.public().filter(programmes=programme),
        query=f"programme={programme.slug}",
    )
    return render(request, "politics/programme_detail.html", {"programme": programme, **context})


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    context = tracked(
        Promise.objects.public().for_topic(topic),
        Directive.objects.public().for_topic(topic),
        query=f"topic={topic.slug}",
    )
    return render(request, "politics/topic_detail.html", {"topic": topic, **context})


SEARCH_LENGTH = 10


@query_parameters("q")
def search(request):
    """One search over promises, directives, leaders and parties, grouped by kind: the first
    few of each, with a link to all of a kind. Items are searched as their lists search them
    (every word, in the title or action, quote and target); actors under any of their names.
    One query a kind."""
    query = " ".join(request.GET.get("q", "").split())[:200]
    groups = []
    if query:
        promises = PromiseFilter({"q": query}, queryset=Promise.objects.public().with_author()).qs
        directives = DirectiveFilter({"q": query}, queryset=Directive.objects.public().select_related("issuer")).qs
        leaders = Leader.objects.search(query)
        with_query = f"?{urlencode({'q': query})}"
        for name, title, rows, row, more in (
            ("promises", _("Promises"), promises, "includes/promise_row.html", reverse("promise_list") + with_query),
            ("directives", _("Directives"), directives, "includes/directive_row.html",
             reverse("directive_list") + with_query),
            ("leaders", _("Leaders"), leaders.order_by("full_name"), "includes/actor_row.html", reverse("leader_list")),
            ("parties", _("Parties"), Party.objects.search(query).order_by("name"), "includes/actor_row.html",
             reverse("party_list") + with_query),
        ):
            found = list(rows[: SEARCH_LENGTH + 1])
            # The first SEARCH_LENGTH of each kind, and the kind's full list when there are more.
            groups.append({"name": name, "title": title, "rows": found[:SEARCH_LENGTH], "row": row,
                           "more": more if len(found) > SEARCH_LENGTH or name in ("promises", "directives") else ""})
    context = {
        "query": query,
        "found": [group for group in groups if group["rows"]],
        "none": [group["title"] for group in groups if not group["rows"]],
    }
    return render(request, "search.html", context)


def methodology(request):
    # Each status under its name in every language: readers of one quote it to readers of another.
    statuses = [
        {"status": status, "meaning": STATUS_MEANINGS[status], "names": status_names(status)} for status in STATUS_ORDER
    ]
    return render(request, "methodology.html", {"statuses": statuses, **trust()})


def status_names(status):
    """``[{code, language, name}]``: the status's name in each language of the site."""
    names = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            names.append({"code": code, "language": LOCAL_NAMES.get(code, code), "name": str(Status(status).label)})
    return names


def trust():
    """Who runs the tracker and where corrections go (settings), for the pages that say so."""
    return {"site_owner": settings.SITE_OWNER, "corrections_email": settings.CORRECTIONS_EMAIL}


def about(request):
    return render(request, "about.html", trust())


CORRECTIONS_PAGE = 50


@query_parameters("page")
def corrections(request):
    """The public corrections log: every correction to a published item, newest first."""
    log = Correction.objects.public().newest_first().select_related("item__promise", "item__directive")
    page = Paginator(log, CORRECTIONS_PAGE).get_page(request.GET.get("page"))
    for correction in page.object_list:
        correction.item = correction.item.specific()
    return render(request, "corrections.html", {"page": page, **trust()})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def feed_stylesheet(request):
    """The XSL stylesheet the feeds name, so a browser shows a feed as a page (as text/xsl:
    browsers transform nothing else)."""
    return render(request, "feeds/feed.xsl", content_type="text/xsl; charset=utf-8")


def favicon(request):
    """``/favicon.ico``, which browsers and feed readers ask for whatever the page links: the static file."""
    return redirect(static("img/favicon.ico"))


def ping(request):
    """The smallest Django view, the benchmarks' yardstick."""
    return HttpResponse("pong", content_type="text/plain")
