"""Every HTTP request Mandate makes goes through ``fetch()``.

What it guarantees, hop by hop (redirects are followed by hand so that each one
is checked like the first):

- only ``http``/``https``;
- the host is resolved once, each address is checked against the guard
  (loopback, private, link-local, reserved, multicast and other non-global
  addresses are refused unless ``FETCH_ALLOW_PRIVATE`` or ``FETCH_ALLOWED_NETWORKS``
  allows them), and the connection is made to the checked address itself, so a
  DNS answer that changes between the check and the connect (rebinding) cannot
  reach a refused address;
- connect and read timeouts, plus a deadline for the whole body so that a server
  trickling a byte at a time cannot hold a worker forever;
- at most ``FETCH_MAX_BYTES`` are read, streamed, whatever Content-Length claims;
- the content type must be one the caller accepts;
- a clear User-Agent; conditional requests (ETag / Last-Modified) when asked.

Failures are named exceptions; ``FetchTransient`` and its subclasses are the
ones worth retrying (timeouts, connection errors, 5xx).
"""

import functools
import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from django.conf import settings

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
)
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


class FetchError(Exception):
    """A fetch that did not give a usable response; ``str()`` is the reason recorded on the row."""

    status = None


class FetchRefused(FetchError):
    """The URL or the address it resolves to is not one Mandate may fetch."""


class FetchTooLarge(FetchError):
    """The response is larger than ``FETCH_MAX_BYTES``."""


class FetchWrongType(FetchError):
    """The response's content type is not one the caller accepts."""


class FetchTooManyRedirects(FetchError):
    """More than ``FETCH_MAX_REDIRECTS`` redirects, or a redirect without a Location."""


class FetchHTTPError(FetchError):
    """The server answered with an error status (4xx; 5xx is ``FetchServerError``)."""

    def __init__(self, status, url):
        self.status = status
        super().__init__(f"HTTP {status} from {url}")


class FetchTransient(FetchError):
    """A failure that may go away if we try again later."""


class FetchTimeout(FetchTransient):
    """The server did not connect, answer or finish in time."""


class FetchConnectionError(FetchTransient):
    """The connection could not be made or broke."""


class FetchServerError(FetchHTTPError, FetchTransient):
    """5xx (or 429): the server is in trouble now, perhaps not later."""


@dataclass
class Response:
    url: str  # after redirects
    status: int
    content: bytes = b""
    content_type: str = ""  # lower case, without parameters
    charset: str | None = None
    etag: str = ""
    last_modified: str = ""
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self):
        return self.status == 304


# --- the address guard -------------------------------------------------------


def _allowed_networks():
    return [ipaddress.ip_network(n, strict=False) for n in getattr(settings, "FETCH_ALLOWED_NETWORKS", ())]


def address_allowed(address, *, allow_private=None, allowed_networks=None):
    """Whether Mandate may connect to the IP ``address`` (a string)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if allow_private if allow_private is not None else settings.FETCH_ALLOW_PRIVATE:
        return True
    networks = allowed_networks if allowed_networks is not None else _allowed_networks()
    if any(ip in network for network in networks):
        return True
    return ip.is_global and not ip.is_multicast


class _GuardedBackend(httpcore.SyncBackend):
    """Resolves the host itself, checks every address, and connects to a checked one.

    Because the socket is opened to the address that was checked, nothing can
    re-resolve the name in between (DNS rebinding)."""

    def __init__(self, allow_private, allowed_networks):
        self.allow_private = allow_private
        self.allowed_networks = allowed_networks

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise httpcore.ConnectError(f"cannot resolve {host}: {error}") from error
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        allowed = [
            a
            for a in addresses
            if address_allowed(a, allow_private=self.allow_private, allowed_networks=self.allowed_networks)
        ]
        if not allowed:
            raise FetchRefused(f"refused: {host} resolves to {', '.join(addresses)}, a private or reserved address")
        last_error = None
        for address in allowed:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as error:
                last_error = error
        raise last_error


def _client():
    """The process's client for the current settings (connections are pooled per host).

    Creating one costs a TLS context (~100 ms, certificates loaded), so it is made
    once per set of settings, not per request. Pooling is safe with the guard: the
    pool is keyed by host name and every new connection goes through the check."""
    return _client_for(
        settings.FETCH_ALLOW_PRIVATE,
        tuple(getattr(settings, "FETCH_ALLOWED_NETWORKS", ())),
        settings.FETCH_CONNECT_TIMEOUT,
        settings.FETCH_READ_TIMEOUT,
        settings.FETCH_USER_AGENT,
    )


@functools.lru_cache(maxsize=4)
def _client_for(allow_private, allowed_networks, connect_timeout, read_timeout, user_agent):
    transport = httpx.HTTPTransport(retries=0)
    # httpx builds its connection pool without a way to pass a network backend;
    # the pool reads this attribute for every new connection (httpx 0.28, pinned).
    # test_fetching checks the guard is in effect, so an upgrade that breaks this
    # fails loudly.
    networks = [ipaddress.ip_network(n, strict=False) for n in allowed_networks]
    transport._pool._network_backend = _GuardedBackend(allow_private, networks)
    timeout = httpx.Timeout(connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout)
    # trust_env=False: an HTTP(S)_PROXY from the environment would connect for us
    # and bypass the guard.
    return httpx.Client(
        transport=transport, timeout=timeout, follow_redirects=False, trust_env=False, headers={"User-Agent": user_agent}
    )


# --- fetching -------------------------------------------------------------------


def _check_url(url):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"refused: only http and https URLs are fetched, not {url!r}")
    if not parts.hostname:
        raise FetchRefused(f"refused: no host in {url!r}")


def _content_type(headers):
    raw = headers.get("content-type", "")
    mime, _, params = raw.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"' ")
    return mime.strip().lower(), charset


def fetch(url, *, accept=HTML_TYPES + TEXT_TYPES, etag="", last_modified=""):
    """GET ``url`` under the rules above and return a ``Response``.

    ``accept`` lists the content types the caller can use (a response without a
    Content-Type is let through, to be sniffed). With ``etag``/``last_modified``
    the request is conditional and a 304 comes back as ``Response.not_modified``.
    """
    max_bytes = settings.FETCH_MAX_BYTES
    deadline_per_hop = settings.FETCH_CONNECT_TIMEOUT + 2 * settings.FETCH_READ_TIMEOUT
    headers = {"Accept": ", ".join(accept) + ", */*;q=0.1"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    redirects = []
    client = _client()
    while True:
        _check_url(url)
        try:
            with client.stream("GET", url, headers=headers) as response:
                if response.status_code in REDIRECT_STATUSES:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchTooManyRedirects(f"redirect without a Location from {url}")
                    if len(redirects) >= settings.FETCH_MAX_REDIRECTS:
                        raise FetchTooManyRedirects(
                            f"more than {settings.FETCH_MAX_REDIRECTS} redirects, last to {location}"
                        )
                    redirects.append(url)
                    url = urljoin(url, location)
                    continue
                return _read(response, url, redirects, accept, max_bytes, deadline_per_hop)
        except FetchError:
            raise
        except httpx.TimeoutException as error:
            raise FetchTimeout(f"timed out fetching {url} ({type(error).__name__})") from error
        except httpx.TransportError as error:
            raise FetchConnectionError(f"connection error fetching {url}: {error or type(error).__name__}") from error
        except httpx.InvalidURL as error:
            raise FetchRefused(f"refused: invalid URL {url!r}: {error}") from error


def _read(response, url, redirects, accept, max_bytes, deadline_seconds):
    status = response.status_code
    result = Response(
        url=url,
        status=status,
        etag=response.headers.get("etag", ""),
        last_modified=response.headers.get("last-modified", ""),
        redirects=redirects,
    )
    if status == 304:
        return result
    if status >= 500 or status == 429:
        raise FetchServerError(status, url)
    if status >= 400:
        raise FetchHTTPError(status, url)
    result.content_type, result.charset = _content_type(response.headers)
    if result.content_type and result.content_type not in accept:
        raise FetchWrongType(f"content type {result.content_type} from {url} is not one of {', '.join(accept)}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchTooLarge(f"{url} declares {declared} bytes, more than the {max_bytes} allowed")
    deadline = time.monotonic() + deadline_seconds
    chunks, size = [], 0
    # iter_bytes() decompresses, so the cap also stops a compression bomb.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchTooLarge(f"{url} sent more than the {max_bytes} bytes allowed")
        if time.monotonic() > deadline:
            raise FetchTimeout(f"{url} took longer than {deadline_seconds} s to send its body")
        chunks.append(chunk)
    result.content = b"".join(chunks)
    return result
