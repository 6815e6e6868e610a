"""The public cache: whole responses to anonymous reads of public pages and of the
API, keyed on a *version* that every write bumps.

Readers get a page from the cache until something changes; an editor's write
(any successful POST/PUT/PATCH/DELETE by a signed-in user or token holder: the
admin and the API) bumps the version, so the next reader gets a fresh answer at
once — answers are invalidated by writes, not by a timer. Code that writes outside
a request (a task, a management command) calls ``bump_public_cache()``.

The version is read *before* the page is built: a page rendered while a write
lands is stored under the old version and never served again.

The key is the URL with only the query parameters the view reads, in a fixed
order (``query_parameters``); the others are dropped from the request before the
view runs, so the body depends on nothing the key leaves out and ``?utm=<random>``
is the same entry as no query at all. The API's key adds the media type its
content negotiation picks; every key has the active language. A page that says
a filter was not understood is not stored (the view marks it ``no-store``).

Who bypasses it: signed-in users, and on the API anyone sending ``Authorization``
(token holders). A cached API answer still counts against the view's throttles
(the anonymous rate); over it, the view itself answers the 429. What a client can
make the server *render* is limited too: each anonymous page built (a miss)
counts against ``PAGE_RENDER_RATE`` per client address; over it, a 429 with
``Retry-After``. The API's renders are bounded by its anonymous throttle.

Every cache operation fails open: with Redis down the site serves uncached
pages and logs it, it does not show an error.

Pages also carry an ETag (a hash of the body), and a reader that sends it back
in ``If-None-Match`` gets a 304 without the body; the API's own conditional GET
(ETag, Last-Modified) answers the same way from a cached copy.
"""

import functools
import hashlib
import logging
import math
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified, QueryDict
from django.urls import Resolver404, get_urlconf, resolve
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.middleware import client_ip
from core.throttling import WindowThrottle, counts_in_one_trip, request_id

logger = logging.getLogger(__name__)

VERSION_KEY = "public-pages:version"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
READ_METHODS = frozenset({"GET", "HEAD"})
API_PREFIX = "/api/v1/"
# Paths never served from the cache: answers that depend on who asks, live checks, the
# API's schema and docs (served as they are), and the benchmarks' trivial view (the
# yardstick must not touch the cache).
UNCACHED_PREFIXES = ("/admin/", "/api/schema/", "/api/docs/", "/api/redoc/", "/healthz", "/ping/")
# Headers worth keeping with a cached body; the outer middleware add the rest again. A view that
# writes its own Content-Security-Policy (the embed cards, core/framing.py) keeps it from the cache.
KEPT_HEADERS = (
    "Content-Type", "Content-Language", "ETag", "Cache-Control", "Vary", "X-Frame-Options", "Last-Modified", "Allow",
    "Content-Security-Policy",
)
# Kept for every view: the language asked for in the URL (the language is in the key anyway).
SITE_PARAMETERS = ("lang",)
# Read by every API view: DRF's format override.
API_PARAMETERS = ("format",)


# --- the version -------------------------------------------------------------


def public_cache_version():
    """The current version, or None when the cache cannot be reached (then nothing is cached)."""
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            # Start from the clock, so a flushed cache never reuses an old version's keys.
            cache.add(VERSION_KEY, int(time.time() * 1000), timeout=None)
            version = cache.get(VERSION_KEY)
        return version
    except Exception as error:  # noqa: BLE001 — any cache failure: serve uncached rather than fail.
        logger.warning("event=public_cache_unavailable action=read error=%s", type(error).__name__)
        return None


def bump_public_cache():
    """Make every cached public page stale. Call after a write made outside a request."""
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # no version yet: the next read starts one
            cache.add(VERSION_KEY, int(time.time() * 1000), timeout=None)
    except Exception as error:  # noqa: BLE001
        logger.warning("event=public_cache_unavailable action=bump error=%s", type(error).__name__)


# --- what a view reads -------------------------------------------------------


def query_parameters(*names, filterset=None):
    """Declare the query parameters a public view reads (``filterset``: all of its filters'),
    so that the cache keeps those (and ``lang``) and drops the rest. A view that declares none reads none."""

    def declare(view):
        view.query_parameters = tuple(names) + filterset_parameters(filterset)
        return view

    return declare


def filterset_parameters(filterset):
    """The query parameters of a django-filter FilterSet, a range's suffixed halves included."""
    if filterset is None:
        return ()
    names = []
    for name, declared in filterset.base_filters.items():
        suffixes = getattr(declared.field_class.widget, "suffixes", None) or [""]
        names.extend(f"{name}_{suffix}" if suffix else name for suffix in suffixes)
    return tuple(names)


def api_view_parameters(view_class):
    """What a DRF view reads: its FilterSet's filters, its filter backends' and its
    pagination's parameters, ``expand``, and the ones every API view reads."""
    names = [*API_PARAMETERS, *filterset_parameters(getattr(view_class, "filterset_class", None))]
    for backend in getattr(view_class, "filter_backends", ()):
        names.extend(getattr(backend, attribute, None) for attribute in ("ordering_param", "search_param"))
    paginator = getattr(view_class, "pagination_class", None)
    names.extend(getattr(paginator, "query_parameters", ()))
    if hasattr(view_class, "requested_expand"):
        names.append("expand")
    return tuple(name for name in names if name)


_PARAMETERS = {}  # resolved view -> the parameters it reads


def parameters_of(view):
    """The query parameters a resolved view reads, worked out once per view."""
    known = _PARAMETERS.get(view)
    if known is None:
        view_class = getattr(view, "cls", None)
        declared = getattr(view, "query_parameters", None)
        if declared is None and view_class is not None:
            declared = api_view_parameters(view_class)
        known = _PARAMETERS[view] = tuple(sorted({*SITE_PARAMETERS, *(declared or ())}))
    return known


def keep_only(request, names):
    """Drop from ``request`` the query parameters outside ``names`` and put the rest in
    ``names``' order (each one's values in the order sent): the view then sees what the key says."""
    if not request.META.get("QUERY_STRING"):
        return
    query = urlencode([(name, value) for name in names for value in request.GET.getlist(name)])
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)


# --- limits --------------------------------------------------------------------


class RenderThrottle(WindowThrottle):
    """Pages one client address may have built in a window (``PAGE_RENDER_RATE``);
    answers from the cache do not count."""

    scope = "page-render"

    def get_rate(self):
        return settings.PAGE_RENDER_RATE or None

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


def too_many_renders(wait):
    seconds = max(1, math.ceil(wait or 1))
    response = HttpResponse(
        _("Too many pages asked for from your address. Please try again in %(seconds)s seconds.") % {"seconds": seconds},
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(seconds)
    patch_cache_control(response, no_store=True)
    return response


class ApiThrottles:
    """The throttles a DRF view would run, to run them on a request answered from the cache.

    Their rate windows (``WindowThrottle``, on Redis) are counted in the round trip that
    reads the cached answer (``windows``, then ``allow(refusals)``); any other throttle, or
    every one when that trip did not count them, runs as the view would run it. A refused
    request is not counted, so the view, asked next, refuses it too and answers its usual 429."""

    def __init__(self, request, view_class):
        self.request = request
        self.view = view_class()
        self.throttles = [throttle() for throttle in view_class.throttle_classes]
        windowed = [throttle for throttle in self.throttles if isinstance(throttle, WindowThrottle)]
        self.windows = [window for throttle in windowed if (window := throttle.window(request, self.view))]
        self.others = [throttle for throttle in self.throttles if throttle not in windowed]

    def allow(self, refusals):
        """True when every throttle lets the request through. ``refusals``: what the trip that
        read the answer said of ``windows`` (empty: counted, room in each), or None when it did
        not count them."""
        if refusals:
            return False
        throttles = self.throttles if refusals is None else self.others
        return all(throttle.allow_request(self.request, self.view) for throttle in throttles)


@functools.lru_cache(maxsize=4096)
def _resolved(urlconf, path):
    match = resolve(path, urlconf)
    return match.func, match.kwargs.get("format")


def api_media_type(request, view_class, format_suffix):
    """The media type the view's content negotiation picks for this request, or None when
    none fits (the view answers its 406, or its 404 for an unknown ``?format=``). It depends
    on ``Accept`` and ``?format=`` only."""
    return _negotiated(view_class, format_suffix, request.META.get("HTTP_ACCEPT"), request.GET.get("format"))


@functools.lru_cache(maxsize=256)
def _negotiated(view_class, format_suffix, accept, format_parameter):
    from rest_framework.exceptions import NotAcceptable
    from rest_framework.request import Request

    asking = HttpRequest()
    if accept is not None:
        asking.META["HTTP_ACCEPT"] = accept
    if format_parameter is not None:
        asking.GET = QueryDict(urlencode({"format": format_parameter}))
    negotiator = view_class.content_negotiation_class()
    try:
        return negotiator.select_renderer(
            Request(asking), [renderer() for renderer in view_class.renderer_classes], format_suffix
        )[1]
    except (NotAcceptable, Http404):
        return None


# --- the middleware ------------------------------------------------------------


def _etag(content):
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def _keep_own_policy(not_modified, headers):
    """A browser updates its stored copy with a 304's headers: a view's own Content-Security-Policy
    (an embed card's frame-ancestors) must be among them, or the site's 'none' replaces it and the
    next view is refused."""
    if "Content-Security-Policy" in headers:
        not_modified["Content-Security-Policy"] = headers["Content-Security-Policy"]
    return not_modified


def _not_modified(request, etag):
    sent = request.META.get("HTTP_IF_NONE_MATCH", "")
    return bool(etag) and (sent == "*" or etag in [tag.strip().removeprefix("W/") for tag in sent.split(",")])


def _private(response):
    """A view said its answer is not for sharing (``never_cache``, ``cache_control(private=True)``)."""
    control = response.get("Cache-Control", "")
    return "private" in control or "no-store" in control


def _page_address(request, variant):
    """What names an answer under any version: the language, the variant (the API's media
    type) and the URL with its kept query."""
    url = request.build_absolute_uri()
    digest = hashlib.blake2b(f"{variant}\n{url}".encode(), digest_size=16).hexdigest()
    return f"{get_language()}:{digest}"


def _page_key(version, address):
    return f"public-pages:{version}:{address}"


class PublicCacheMiddleware:
    """Serve anonymous GETs of public pages and of the API from the cache; bump the
    version after writes; limit the pages one client makes the server build.

    Sits after AuthenticationMiddleware (it needs ``request.user``)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.last_version = None

    def __call__(self, request):
        if request.method in WRITE_METHODS:
            response = self.get_response(request)
            # A token holder's user is known only after DRF authenticated them, i.e. now.
            if response.status_code < 400 and request.user.is_authenticated:
                bump_public_cache()
            return response
        if (
            request.method not in READ_METHODS
            or request.path.startswith(UNCACHED_PREFIXES)
            or request.user.is_authenticated
        ):
            return self.get_response(request)
        api = request.path.startswith(API_PREFIX)
        if api and "HTTP_AUTHORIZATION" in request.META:
            return self.get_response(request)  # a token holder: DRF says who it is, and it may see drafts
        if not getattr(settings, "PUBLIC_PAGE_CACHE", True):
            return self._render(request, api, None)
        try:
            # Resolved once per path and URLconf: the handler resolves again only on a miss.
            view, format_suffix = _resolved(get_urlconf(settings.ROOT_URLCONF), request.path_info)
        except Resolver404:
            return self._render(request, api, None)
        keep_only(request, parameters_of(view))
        variant, throttles = "", None
        view_class = getattr(view, "cls", None) if api else None
        if view_class is not None:
            variant = api_media_type(request, view_class, format_suffix)
            if variant is None:
                return self.get_response(request)  # the view answers its 406
            throttles = ApiThrottles(request, view_class)
        key, cached, refusals = self._lookup(request, variant, throttles.windows if throttles else ())
        if cached is not None and (throttles is None or throttles.allow(refusals)):
            return self._from_cache(request, cached)
        return self._render(request, api, key)

    def _render(self, request, api, key):
        """Build the answer (within the client's render limit, for pages) and store it under ``key``."""
        if not api:
            refused = self._renders_refused(request)
            if refused:
                return refused
        response = self.get_response(request)
        if key is None or response.status_code != 200 or response.streaming or response.cookies or _private(response):
            return response
        if not api:
            if not response.has_header("ETag"):
                response["ETag"] = _etag(response.content)
            # Browsers and proxies may keep the page but must ask again each time: a write shows at once.
            patch_cache_control(response, public=True, no_cache=True)
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        self._set(key, (response.status_code, headers, response.content))
        if not api and _not_modified(request, response["ETag"]):
            return self._not_modified_response(response)
        return response

    @staticmethod
    def _renders_refused(request):
        """The 429 when this client has had its share of pages built, else None (and one more counted)."""
        throttle = RenderThrottle()
        try:
            allowed = throttle.allow_request(request, None)
        except Exception as error:  # noqa: BLE001 — no cache, no count: serve rather than fail.
            logger.warning("event=public_cache_unavailable action=count error=%s", type(error).__name__)
            return None
        return None if allowed else too_many_renders(throttle.wait())

    @staticmethod
    def _from_cache(request, cached):
        status, headers, content = cached
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        modified = parse_http_date_safe(headers["Last-Modified"]) if "Last-Modified" in headers else None
        answer = get_conditional_response(request, etag=headers.get("ETag"), last_modified=modified, response=response)
        return _keep_own_policy(answer, headers) if answer.status_code == 304 else answer

    @staticmethod
    def _not_modified_response(headers):
        response = HttpResponseNotModified()
        for name in ("ETag", "Cache-Control", "Vary"):
            if name in headers:
                response[name] = headers[name]
        return _keep_own_policy(response, headers)

    def _lookup(self, request, variant, windows=()):
        """The page's key under the current version, the cached page or None, and what the
        rate ``windows`` (``ApiThrottles.windows``) were told: the refused ones, or None when
        they were not counted.

        One round trip in the usual case: the version this process saw last and the page
        under it are read together and, on Redis, the request is counted in the windows in
        the same trip when the page is there; only when a write has bumped the version since
        is the page read again under the new one."""
        guess = self.last_version
        page = refusals = None
        address = _page_address(request, variant)
        try:
            if guess is None:
                version = None
            elif windows and counts_in_one_trip():
                version, page, refused = cache.count_requests(
                    windows, time.time(), request_id(), page=(VERSION_KEY, guess, _page_key(guess, address))
                )
                refusals = refused if page is not None else None
            else:
                guessed_key = _page_key(guess, address)
                found = cache.get_many([VERSION_KEY, guessed_key])
                version = found.get(VERSION_KEY)
                page = found.get(guessed_key) if version == guess else None
            if version is None:
                version = public_cache_version()
            if version is None:
                return None, None, None
            self.last_version = version
            key = _page_key(version, address)
            if page is None and version != guess:
                page = cache.get(key)
            return key, page, refusals
        except Exception as error:  # noqa: BLE001
            logger.warning("event=public_cache_unavailable action=get error=%s", type(error).__name__)
            return None, None, None

    @staticmethod
    def _set(key, value):
        try:
            cache.set(key, value)
        except Exception as error:  # noqa: BLE001
            logger.warning("event=public_cache_unavailable action=set error=%s", type(error).__name__)
