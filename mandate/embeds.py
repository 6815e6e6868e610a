"""What newsrooms put in their own pages: a status badge (SVG), a compact card for an
``<iframe>`` (a promise, a directive, a party), and the oEmbed endpoint that turns a pasted
link to one of our pages into that card.

Every answer here is an anonymous GET, so the public-page cache serves it under the write
version (``core/cache.py``): a badge or a card is current as soon as an editor's write lands.
The cards alone may be framed by other sites (``core.framing.embeddable``)."""

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.cache import query_parameters
from core.framing import embeddable
from directives.models import Directive
from politics.models import Party
from promises.models import Promise
from tracking import charts
from tracking.models import StatusUpdate
from tracking.scorecards import scorecard

from .views import known_as_or_404

ITEM_MODELS = {"promise": Promise, "directive": Directive}


@dataclass(frozen=True)
class Shape:
    """How one kind of page is embedded: its page, card and badge (URL names), and the card's size."""

    page: str
    card: str
    badge: str | None
    width: int
    height: int


SHAPES = {
    "promise": Shape("promise_detail", "promise_embed", "promise_badge", 480, 210),
    "directive": Shape("directive_detail", "directive_embed", "directive_badge", 480, 210),
    "party": Shape("party_detail", "party_embed", None, 480, 300),
}
# The pages (and cards) a pasted link may point at, by URL name, for the oEmbed endpoint.
EMBEDDABLE_URLS = {name: kind for kind, shape in SHAPES.items() for name in (shape.page, shape.card)}


@dataclass(frozen=True)
class Embed:
    """The ways to show ``obj`` elsewhere: absolute URLs, the card's ``<iframe>`` and the badge's ``<img>``."""

    obj: object
    kind: str
    page_url: str
    card_url: str
    badge_url: str
    badge_path: str  # the badge on our own pages: a path, as every link of theirs
    width: int
    height: int

    @property
    def title(self):
        return _("%(site)s: %(name)s") % {"site": settings.SITE_NAME, "name": self.obj}

    def iframe(self, width=None, height=None):
        return render_to_string(
            "embed/iframe.html",
            {"embed": self, "width": width or self.width, "height": height or self.height},
        ).strip()

    def badge_alt(self):
        return _("%(site)s: %(name)s — %(status)s") % {
            "site": settings.SITE_NAME,
            "name": self.obj,
            "status": self.obj.get_status_display(),
        }

    def badge_html(self):
        return render_to_string("embed/badge_snippet.html", {"embed": self}).strip() if self.badge_url else ""


def embed_for(request, obj):
    """The ``Embed`` of a promise, a directive or a party, with URLs in the active language."""
    kind = "party" if isinstance(obj, Party) else obj.kind
    shape = SHAPES[kind]

    def path(name):
        return reverse(name, kwargs={"slug": obj.slug}) if name else ""

    def absolute(name):
        return request.build_absolute_uri(path(name)) if name else ""

    return Embed(
        obj=obj,
        kind=kind,
        page_url=absolute(shape.page),
        card_url=absolute(shape.card),
        badge_url=absolute(shape.badge),
        badge_path=path(shape.badge),
        width=shape.width,
        height=shape.height,
    )


def _public_item(kind, slug):
    """A published promise or directive, or a 404: drafts never show in a badge or a card."""
    return get_object_or_404(ITEM_MODELS[kind].objects.public(), slug=slug)


@require_safe
def badge(request, kind, slug):
    """``/promises/<slug>/badge.svg``: the item's current status as a small SVG image."""
    item = _public_item(kind, slug)
    title = _("%(site)s: %(kind)s “%(name)s” — %(status)s") % {
        "site": settings.SITE_NAME,
        "kind": item._meta.verbose_name,
        "name": item,
        "status": item.get_status_display(),
    }
    svg = charts.status_badge(item.current_status, label=settings.SITE_NAME, title=title)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@require_safe
@embeddable
def item_card(request, kind, slug):
    """``/embed/promises/<slug>/``: the card of one item (status, title, last change, a link back)."""
    item = _public_item(kind, slug)
    return render(request, "embed/item_card.html", {"item": item, "embed": embed_for(request, item)})


@require_safe
@embeddable
def party_card(request, slug):
    """``/embed/parties/<slug>/``: a party's promises and directives by status, and its latest change."""
    party = Party.objects.filter(slug=slug).first()
    if party is None:
        return redirect("party_embed", slug=known_as_or_404(Party, slug).slug)
    promises, directives = Promise.objects.public().for_party(party), Directive.objects.public().for_party(party)
    latest = (
        StatusUpdate.objects.filter(Q(item__in=promises.values("pk")) | Q(item__in=directives.values("pk")))
        .select_related("item__promise", "item__directive")
        .order_by("-on", "-pk")
        .first()
    )
    context = {
        "party": party,
        "embed": embed_for(request, party),
        "cards": [(_("Promises"), scorecard(promises)), (_("Directives"), scorecard(directives))],
        "latest": latest,
        "latest_item": latest.item.specific() if latest else None,
    }
    return render(request, "embed/party_card.html", context)


# --- oEmbed (https://oembed.com/) ----------------------------------------------------


def _dimension(request, name):
    """``maxwidth``/``maxheight`` as a positive integer, None when absent; ValueError when malformed."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    value = int(raw)
    if value < 1:
        raise ValueError(name)
    return value


def _embedded_object(request, url):
    """The public promise, directive or party a pasted URL of this site shows, with the language
    of its address; None for another site's URL, any other page, a draft or an unknown slug."""
    parts = urlsplit(url)
    own_hosts = {request.get_host().lower(), urlsplit(settings.SITE_URL).netloc.lower()}
    if parts.scheme not in {"http", "https"} or parts.netloc.lower() not in own_hosts:
        return None, None
    # A page in another language (/ru/promises/…) resolves, and gets its card, in that language; an
    # address without a language prefix is the default language's.
    language = translation.get_language_from_path(parts.path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(parts.path)
        except Resolver404:
            return None, None
    kind = EMBEDDABLE_URLS.get(match.url_name)
    slug = match.kwargs.get("slug")
    if kind is None or not slug:
        return None, None
    if kind == "party":
        found = Party.objects.filter(slug=slug).first() or Party.objects.by_key(slug)
    else:
        found = ITEM_MODELS[kind].objects.public().filter(slug=slug).first()
    return found, language


@require_safe
@query_parameters("url", "format", "maxwidth", "maxheight")
def oembed(request):
    """``/oembed?url=…&format=json``: a ``rich`` oEmbed answer whose HTML is the card's ``<iframe>``.

    As the oEmbed spec says: 404 for a URL we have nothing for (another site's, a draft, an
    unknown page), 501 for a format other than JSON; ``maxwidth`` and ``maxheight`` bound the size."""
    if request.GET.get("format", "json") != "json":
        return HttpResponse(_("Only format=json is supported."), status=501, content_type="text/plain; charset=utf-8")
    url = request.GET.get("url", "").strip()
    if not url:
        return HttpResponseBadRequest(_("The url parameter is required."), content_type="text/plain; charset=utf-8")
    try:
        max_width, max_height = _dimension(request, "maxwidth"), _dimension(request, "maxheight")
    except ValueError:
        return HttpResponseBadRequest(
            _("maxwidth and maxheight must be positive whole numbers of pixels."),
            content_type="text/plain; charset=utf-8",
        )
    obj, language = _embedded_object(request, url)
    if obj is None:
        return HttpResponse(
            _("No embeddable page of this site has that URL."), status=404, content_type="text/plain; charset=utf-8"
        )
    with translation.override(language):
        try:
            embed = embed_for(request, obj)
        except NoReverseMatch:  # a slug the URLs would not accept
            return HttpResponse(status=404)
        width, height = min(embed.width, max_width or embed.width), min(embed.height, max_height or embed.height)
        body = {
            "version": "1.0",
            "type": "rich",
            "title": str(obj),
            "provider_name": settings.SITE_NAME,
            "provider_url": request.build_absolute_uri(reverse("home")),
            "html": embed.iframe(width, height),
            "width": width,
            "height": height,
        }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def oembed_discovery_url(request, page_url):
    """The oEmbed endpoint's URL for ``page_url``, for the discovery ``<link>`` of a page."""
    return request.build_absolute_uri(reverse("oembed")) + "?" + urlencode({"url": page_url, "format": "json"})

