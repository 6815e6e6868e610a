"""The public pages' cache: whole responses, keyed on a *version* that every write bumps.

Readers get a page from the cache until something changes; an editor's write
(any successful POST/PUT/PATCH/DELETE by a signed-in user: the admin and the
API) bumps the version, so the next reader gets a fresh page at once — pages
are invalidated by writes, not by a timer. Code that writes outside a request
(a task, a management command) calls ``bump_public_cache()``.

The version is read *before* the page is built: a page rendered while a write
lands is stored under the old version and never served again.

Every cache operation fails open: with Redis down the site serves uncached
pages and logs it, it does not show an error.

Responses also carry an ETag (a hash of the body), and a reader that sends it
back in ``If-None-Match`` gets a 304 without the body.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

VERSION_KEY = "public-pages:version"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
READ_METHODS = frozenset({"GET", "HEAD"})
# Paths never served from the cache: answers that depend on who asks, live checks,
# and the benchmarks' trivial view (the yardstick must not touch the cache).
UNCACHED_PREFIXES = ("/admin/", "/api/", "/healthz", "/ping/")
# Headers worth keeping with a cached body; the outer middleware add the rest again. A view that
# writes its own Content-Security-Policy (the embed cards, core/framing.py) keeps it from the cache.
KEPT_HEADERS = (
    "Content-Type", "Content-Language", "ETag", "Cache-Control", "Vary", "X-Frame-Options", "Last-Modified",
    "Content-Security-Policy",
)


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


def _etag(content):
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def _not_modified(request, etag):
    sent = request.META.get("HTTP_IF_NONE_MATCH", "")
    return bool(etag) and (sent == "*" or etag in [tag.strip().removeprefix("W/") for tag in sent.split(",")])


def _private(response):
    """A view said its answer is not for sharing (``never_cache``, ``cache_control(private=True)``)."""
    control = response.get("Cache-Control", "")
    return "private" in control or "no-store" in control


def _page_key(request, version):
    url = request.build_absolute_uri()
    digest = hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
    return f"public-pages:{version}:{get_language()}:{digest}"


def _cacheable(request):
    return (
        request.method in READ_METHODS
        and not request.path.startswith(UNCACHED_PREFIXES)
        and getattr(settings, "PUBLIC_PAGE_CACHE", True)
        and not request.user.is_authenticated
    )


class PublicCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache; bump the version after writes.

    Sits after AuthenticationMiddleware (it needs ``request.user``)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.last_version = None

    def __call__(self, request):
        if request.method in WRITE_METHODS:
            response = self.get_response(request)
            if response.status_code < 400 and request.user.is_authenticated:
                bump_public_cache()
            return response
        if not _cacheable(request):
            return self.get_response(request)

        key, cached = self._lookup(request)
        if cached is not None:
            status, headers, content = cached
            if _not_modified(request, headers.get("ETag")):
                return self._not_modified_response(headers)
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            return response

        response = self.get_response(request)
        if response.status_code != 200 or response.streaming or response.cookies or _private(response):
            return response
        if not response.has_header("ETag"):
            response["ETag"] = _etag(response.content)
        # Browsers and proxies may keep the page but must ask again each time: a write shows at once.
        patch_cache_control(response, public=True, no_cache=True)
        if key is not None:
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            self._set(key, (response.status_code, headers, response.content))
        if _not_modified(request, response["ETag"]):
            return self._not_modified_response(response)
        return response

    @staticmethod
    def _not_modified_response(headers):
        response = HttpResponseNotModified()
        # A browser updates its stored copy with the 304's headers: a card's own policy must be among
        # them, or the site's frame-ancestors 'none' would replace it and the next view is refused.
        for name in ("ETag", "Cache-Control", "Vary", "Content-Security-Policy"):
            if name in headers:
                response[name] = headers[name]
        return response

    def _lookup(self, request):
        """The page's key under the current version, and the cached page or None.

        One round trip in the usual case: the version this process saw last and
        the page under it are read together; only when a write has bumped the
        version since is the page read again under the new one."""
        guess = self.last_version
        try:
            if guess is None:
                version = public_cache_version()
                page = None
            else:
                found = cache.get_many([VERSION_KEY, _page_key(request, guess)])
                version = found.get(VERSION_KEY)
                page = found.get(_page_key(request, guess)) if version == guess else None
                if version is None:
                    version = public_cache_version()
            if version is None:
                return None, None
            self.last_version = version
            key = _page_key(request, version)
            if page is None and version != guess:
                page = cache.get(key)
            return key, page
        except Exception as error:  # noqa: BLE001
            logger.warning("event=public_cache_unavailable action=get error=%s", type(error).__name__)
            return None, None

    @staticmethod
    def _set(key, value):
        try:
            cache.set(key, value)
        except Exception as error:  # noqa: BLE001
            logger.warning("event=public_cache_unavailable action=set error=%s", type(error).__name__)
