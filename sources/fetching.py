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
- connect and read timeouts, plus one deadline for the whole fetch
  (``FETCH_TOTAL_TIMEOUT``: connecting, the headers, the body, every redirect) that
  bounds every socket operation, so a server trickling a byte at a time, headers
  included, cannot hold a worker longer;
- at most ``FETCH_MAX_BYTES`` are read, streamed, whatever Content-Length claims, and
  at most ``FETCH_MAX_BYTES`` are decoded: the body is decompressed here, bounded as
  it is produced, so a compression bomb stops at the cap. Only one content coding,
  gzip or deflate, is accepted; stacked (``gzip, gzip``) or unknown ones are refused;
- the content type must be one the caller accepts;
- a clear User-Agent; conditional requests (ETag / Last-Modified) when asked.

Failures are named exceptions; ``FetchTransient`` and its subclasses are the
ones worth retrying (timeouts, connection errors, 5xx).
"""

import contextvars
import functools
import ipaddress
import socket
import time
import zlib
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


class FetchBadEncoding(FetchError):
    """The body's Content-Encoding is stacked, unknown, or does not decode."""


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

# IPv6 prefixes whose last 32 bits are an IPv4 address a gateway forwards to: NAT64
# (RFC 6052, and the local-use prefix of RFC 8215). 6to4 (2002::/16), Teredo and
# IPv4-mapped addresses are read by ``ipaddress`` itself.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def _as_ipv4(ip):
    """The IPv4 address that an IPv6 address stands for, when it carries one; else ``ip``.

    A gateway or the host's own stack delivers these forms to the IPv4 address inside,
    so the guard judges that address: ``64:ff9b::a00:1`` is 10.0.0.1, not a global address."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return ip
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if any(ip in prefix for prefix in _NAT64) or (int(ip) >> 32 == 0 and int(ip) > 1):
        # NAT64, or IPv4-compatible (::a.b.c.d, deprecated but still routed by some stacks);
        # :: and ::1 are themselves.
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def allowed_network(entry):
    """One ``FETCH_ALLOWED_NETWORKS`` entry as ``(network, port or None)``.

    ``10.1.2.0/24`` allows every port of those addresses, ``10.1.2.3:8080`` or
    ``10.1.2.0/24:8080`` one port, ``[fd00::/64]:443`` the same for IPv6 (bracketed).
    Raises ``ValueError`` naming what is wrong."""
    entry = entry.strip()
    network, port = entry, None
    if entry.startswith("["):
        network, bracket, rest = entry[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise ValueError(f"{entry!r} is not [IPv6 network]:port")
        port = rest[1:] if rest else None
    elif entry.count(":") == 1:
        network, port = entry.split(":")
    if port is not None:
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(f"{entry!r} has no valid port (1-65535)")
        port = int(port)
    return ipaddress.ip_network(network, strict=False), port


def _allowed_networks():
    return [allowed_network(n) for n in getattr(settings, "FETCH_ALLOWED_NETWORKS", ())]


def address_allowed(address, *, port=None, allow_private=None, allowed_networks=None):
    """Whether Mandate may connect to the IP ``address`` (a string), on ``port``.

    ``allowed_networks`` is a list of ``(network, port or None)`` (``allowed_network()``);
    one with a port lets through that port only."""
    ip = _as_ipv4(ipaddress.ip_address(address.split("%", 1)[0]))
    if allow_private if allow_private is not None else settings.FETCH_ALLOW_PRIVATE:
        return True
    networks = allowed_networks if allowed_networks is not None else _allowed_networks()
    if any(ip in network and allowed_port in (None, port) for network, allowed_port in networks):
        return True
    return ip.is_global and not ip.is_multicast


# The deadline of the fetch running in this thread (a ``time.monotonic()`` value), set by
# ``fetch()``. httpx's timeouts bound each socket operation alone, so a server sending a
# header byte every few seconds never trips them; every operation here is given at most
# the time left until this deadline instead.
_deadline = contextvars.ContextVar("fetch_deadline", default=None)


def _time_left(timeout):
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the fetch's deadline has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the fetch's deadline."""

    def __init__(self, stream):
        self._stream = stream

    def read(self, max_bytes, timeout=None):
        return self._stream.read(max_bytes, _time_left(timeout))

    def write(self, buffer, timeout=None):
        return self._stream.write(buffer, _time_left(timeout))

    def close(self):
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, _time_left(timeout)))

    def get_extra_info(self, info):
        return self._stream.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """Resolves the host itself, checks every address, and connects to a checked one.

    Because the socket is opened to the address that was checked, nothing can
    re-resolve the name in between (DNS rebinding). The connection keeps to the
    fetch's deadline (``_DeadlineStream``)."""

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
            if address_allowed(a, port=port, allow_private=self.allow_private, allowed_networks=self.allowed_networks)
        ]
        if not allowed:
            raise FetchRefused(
                f"refused: {host} resolves to {', '.join(addresses)}, a private or reserved address"
                f" not allowed on port {port}"
            )
        last_error = None
        for address in allowed:
            try:
                stream = super().connect_tcp(address, port, _time_left(timeout), local_address, socket_options)
                return _DeadlineStream(stream)
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
    networks = [allowed_network(n) for n in allowed_networks]
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
    total = settings.FETCH_TOTAL_TIMEOUT
    deadline = time.monotonic() + total
    token = _deadline.set(deadline)
    try:
        return _fetch(url, accept=accept, etag=etag, last_modified=last_modified)
    except httpx.TimeoutException as error:
        if time.monotonic() >= deadline:
            raise FetchTimeout(f"{url} did not answer in full within {total} s") from error
        raise FetchTimeout(f"timed out fetching {url} ({type(error).__name__})") from error
    finally:
        _deadline.reset(token)


def _fetch(url, *, accept, etag, last_modified):
    # Only the codings _Decoder bounds (httpx would ask for brotli or zstd when installed).
    headers = {"Accept": ", ".join(accept) + ", */*;q=0.1", "Accept-Encoding": "gzip, deflate"}
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
                return _read(response, url, redirects, accept, settings.FETCH_MAX_BYTES)
        except (FetchError, httpx.TimeoutException):
            raise
        except httpx.TransportError as error:
            raise FetchConnectionError(f"connection error fetching {url}: {error or type(error).__name__}") from error
        except httpx.InvalidURL as error:
            raise FetchRefused(f"refused: invalid URL {url!r}: {error}") from error


class _Decoder:
    """The body's one content coding undone, never producing more than ``limit`` bytes.

    httpx decodes every coding listed, and a chunk at a time: 2 KB of ``gzip, gzip``
    on the wire is gigabytes in one chunk, before any cap could look at it. Here zlib
    is asked for at most what is left under the cap plus one byte, whatever the input."""

    CODINGS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}

    def __init__(self, header, url, limit):
        codings = [c.strip().lower() for c in header.split(",") if c.strip() and c.strip().lower() != "identity"]
        if len(codings) > 1:
            raise FetchBadEncoding(f"refused: {url} stacks content codings ({header}); one at most is accepted")
        if codings and codings[0] not in self.CODINGS:
            raise FetchBadEncoding(f"refused: {url} uses the content coding {codings[0]!r}; only gzip and deflate")
        self.coding = codings[0] if codings else None
        self.url = url
        self.limit = limit
        self.size = 0
        self._zlib = zlib.decompressobj(self.CODINGS[self.coding]) if self.coding else None
        self._started = False

    def decode(self, data):
        room = self.limit - self.size
        if self._zlib is None:
            out = data
        else:
            out = self._inflate(data, room + 1)
        self.size += len(out)
        if self.size > self.limit:
            raise FetchTooLarge(f"{self.url} sent more than the {self.limit} bytes allowed (decoded)")
        return out

    def _inflate(self, data, max_length):
        try:
            out = self._zlib.decompress(data, max_length)
        except zlib.error as error:
            if self.coding != "deflate" or self._started:
                raise FetchBadEncoding(f"{self.url}: the {self.coding} body does not decode ({error})") from error
            # "deflate" is sometimes sent raw, without the zlib header (as httpx allows).
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            self._started = True
            return self._inflate(data, max_length)
        self._started = True
        return out


def _read(response, url, redirects, accept, max_bytes):
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
    decoder = _Decoder(response.headers.get("content-encoding", ""), url, max_bytes)
    chunks, received = [], 0
    # Raw bytes: the decoder bounds what they decode to. Both counts are capped, so a
    # body that decodes to nothing cannot stream for ever either (the deadline aside).
    for raw in response.iter_raw():
        received += len(raw)
        if received > max_bytes:
            raise FetchTooLarge(f"{url} sent more than the {max_bytes} bytes allowed")
        chunks.append(decoder.decode(raw))
    result.content = b"".join(chunks)
    return result
