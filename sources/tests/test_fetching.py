"""fetch(): every request Mandate makes, against the local misbehaving server."""

import socket

import pytest

from sources import fetching
from sources.fetching import (
    FEED_TYPES,
    FetchBadEncoding,
    FetchHTTPError,
    FetchRefused,
    FetchServerError,
    FetchTimeout,
    FetchTooLarge,
    FetchTooManyRedirects,
    FetchTransient,
    FetchWrongType,
    fetch,
)


def test_it_fetches_a_page_with_its_content_type_and_charset(web):
    response = fetch(web.url("/pages/seed.html"))
    assert response.status == 200
    assert response.content_type == "text/html"
    assert response.charset == "utf-8"
    assert b"Nur Otan" in response.content


def test_it_sends_its_user_agent(web, settings):
    settings.FETCH_USER_AGENT = "MandateBot/test (+mailto:editors@example.org)"
    fetch(web.url("/pages/seed.html"))
    assert web.user_agents == ["MandateBot/test (+mailto:editors@example.org)"]


def test_it_refuses_loopback_when_private_addresses_are_not_allowed(web, settings):
    settings.FETCH_ALLOWED_NETWORKS = []
    with pytest.raises(FetchRefused, match="127.0.0.1"):
        fetch(web.url("/pages/seed.html"))
    assert web.hits["/pages/seed.html"] == 0


def test_fetch_allow_private_lets_loopback_through(web, settings):
    settings.FETCH_ALLOWED_NETWORKS = []
    settings.FETCH_ALLOW_PRIVATE = True
    assert fetch(web.url("/pages/seed.html")).status == 200


@pytest.mark.parametrize(
    "target",
    ["http://10.20.30.40/admin", "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/", "http://0.0.0.0:22/",
     "http://167772161/"],
)
def test_it_refuses_a_redirect_to_a_private_address(web, target):
    with pytest.raises(FetchRefused):
        fetch(web.url(f"/redirect?to={target}"))
    assert web.hits["/redirect"] == 1


def test_it_refuses_schemes_other_than_http(web):
    with pytest.raises(FetchRefused, match="only http"):
        fetch(web.url("/redirect?to=file:///etc/passwd"))


def test_it_connects_to_the_address_it_checked_so_dns_rebinding_cannot_redirect_it(web, monkeypatch):
    """The first answer is allowed; any later one points at a private address. The
    connection must go to the first, checked, answer."""
    real = socket.getaddrinfo
    answers = []

    def rebinding(host, port, *args, **kwargs):
        if host == "rebind.test":
            address = "127.0.0.1" if not answers else "10.0.0.1"
            answers.append(address)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    port = web.server_address[1]
    assert fetch(f"http://rebind.test:{port}/pages/seed.html").status == 200
    assert answers == ["127.0.0.1"]


def test_a_host_whose_only_address_is_private_is_refused_before_connecting(monkeypatch, web):
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda host, port, *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.1.1", port))]
    )
    with pytest.raises(FetchRefused, match="192.168.1.1"):
        fetch("http://intranet.example/")


def test_it_follows_redirects_and_reports_the_final_url(web):
    response = fetch(web.url("/redirect?to=/pages/seed.html"))
    assert response.url == web.url("/pages/seed.html")
    assert response.redirects == [web.url("/redirect?to=/pages/seed.html")]


def test_it_stops_after_the_redirect_limit(web, settings):
    settings.FETCH_MAX_REDIRECTS = 3
    with pytest.raises(FetchTooManyRedirects):
        fetch(web.url("/loop"))
    assert web.hits["/loop"] == 4


def test_a_response_over_the_size_cap_is_cut_off(web, settings):
    settings.FETCH_MAX_BYTES = 100_000
    with pytest.raises(FetchTooLarge):
        fetch(web.url("/huge"))


def test_a_declared_length_over_the_cap_is_refused_without_reading(web, settings):
    settings.FETCH_MAX_BYTES = 100_000
    with pytest.raises(FetchTooLarge, match="declares"):
        fetch(web.url("/huge-declared"))


def test_a_server_that_never_answers_times_out(web):
    with pytest.raises(FetchTimeout):
        fetch(web.url("/hang/never"))


def test_a_slow_server_times_out_and_the_error_is_transient(web):
    with pytest.raises(FetchTransient):
        fetch(web.url("/slow"))


def test_a_non_html_response_is_refused_by_type(web):
    with pytest.raises(FetchWrongType, match="application/pdf"):
        fetch(web.url("/pdf"))


def test_feeds_accept_feed_types(web):
    assert fetch(web.url("/pages/seed.rss"), accept=FEED_TYPES).content_type == "application/rss+xml"


def test_404_is_an_http_error_that_is_not_transient(web):
    with pytest.raises(FetchHTTPError) as raised:
        fetch(web.url("/status/404"))
    assert raised.value.status == 404
    assert not isinstance(raised.value, FetchTransient)


def test_503_is_a_transient_server_error(web):
    with pytest.raises(FetchServerError) as raised:
        fetch(web.url("/status/503"))
    assert raised.value.status == 503
    assert isinstance(raised.value, FetchTransient)


def test_a_conditional_request_gets_not_modified(web):
    first = fetch(web.url("/etag-feed"), accept=FEED_TYPES)
    again = fetch(web.url("/etag-feed"), accept=FEED_TYPES, etag=first.etag)
    assert first.etag == '"v1"' and first.content
    assert again.not_modified and again.content == b""
    assert web.request_headers["/etag-feed"][1]["If-None-Match"] == '"v1"'


def test_a_connection_refused_is_transient(settings):
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(fetching.FetchConnectionError):
        fetch(f"http://127.0.0.1:{port}/")


@pytest.mark.parametrize(
    ("address", "allowed"),
    [("93.184.216.34", True), ("2606:4700::1111", True), ("127.0.0.1", False), ("10.1.2.3", False),
     ("172.16.0.1", False), ("192.168.0.1", False), ("169.254.169.254", False), ("100.64.0.1", False),
     ("224.0.0.1", False), ("::1", False), ("fe80::1", False), ("fd00::1", False), ("::ffff:127.0.0.1", False),
     ("0.0.0.0", False), ("240.0.0.1", False)],
)
def test_the_guard_allows_only_global_addresses(address, allowed):
    assert fetching.address_allowed(address, allow_private=False, allowed_networks=[]) is allowed


# --- encodings, the overall deadline (issue 13, findings 2 and 3) ---------------------------


def peak_memory_of(function):
    """The most memory (bytes) Python held at once while ``function()`` ran, and what it raised."""
    import tracemalloc

    tracemalloc.start()
    try:
        function()
    except Exception as error:  # noqa: BLE001 - returned for the test to check
        raised = error
    else:
        raised = None
    finally:
        _size, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak, raised


def test_a_gzip_bomb_is_cut_off_at_the_cap_as_it_is_decoded(web, settings):
    """50 MB of zeros in 50 KB of gzip: the decoded bytes are capped as zlib produces them, not
    after a whole chunk was decoded (which held ~50 MB at once)."""
    settings.FETCH_MAX_BYTES = 100_000
    from sources.tests.webserver import zeros_gzipped

    zeros_gzipped(1)  # built before measuring
    peak, raised = peak_memory_of(lambda: fetch(web.url("/gzip-bomb")))
    assert isinstance(raised, FetchTooLarge) and "decoded" in str(raised)
    assert peak < 5_000_000


def test_stacked_content_codings_are_refused(web):
    """``Content-Encoding: gzip, gzip`` of a few hundred bytes was gigabytes once decoded twice."""
    from sources.tests.webserver import zeros_gzipped

    zeros_gzipped(2)  # built before measuring
    peak, raised = peak_memory_of(lambda: fetch(web.url("/stacked-gzip")))
    assert isinstance(raised, FetchBadEncoding) and "stacks content codings" in str(raised)
    assert not isinstance(raised, FetchTransient)
    assert peak < 5_000_000


def test_an_unknown_content_coding_is_refused(web):
    with pytest.raises(FetchBadEncoding, match="'br'"):
        fetch(web.url("/brotli"))


@pytest.mark.parametrize("coding", ["gzip", "deflate"])
def test_a_compressed_page_is_decoded(web, coding):
    response = fetch(web.url(f"/{coding}/seed.html"))
    assert b"Nur Otan" in response.content
    assert web.request_headers[f"/{coding}/seed.html"][0]["Accept-Encoding"] == "gzip, deflate"


def test_headers_sent_a_byte_at_a_time_are_cut_off_by_the_overall_deadline(web, settings):
    """Each byte comes well within the 1 s read timeout; the headers would take 8 s."""
    settings.FETCH_TOTAL_TIMEOUT = 2
    with pytest.raises(FetchTimeout, match="within 2 s"):
        fetch(web.url("/header-drip"))


# --- the address guard's IPv6 forms and ports (issue 13, finding 10) -----------------------


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("64:ff9b::a00:1", False),  # NAT64 of 10.0.0.1
        ("64:ff9b:1::c0a8:1", False),  # local-use NAT64 of 192.168.0.1
        ("2002:7f00:1::1", False),  # 6to4 of 127.0.0.1
        ("2002:a9fe:a9fe::", False),  # 6to4 of 169.254.169.254
        ("::7f00:1", False),  # IPv4-compatible 127.0.0.1
        ("::a00:1", False),  # IPv4-compatible 10.0.0.1
        ("64:ff9b::808:808", True),  # NAT64 of 8.8.8.8
        ("2002:808:808::1", True),  # 6to4 of 8.8.8.8
    ],
)
def test_the_guard_judges_the_ipv4_address_inside_ipv6_forms(address, allowed):
    assert fetching.address_allowed(address, allow_private=False, allowed_networks=[]) is allowed


def test_an_allowed_network_with_a_port_lets_through_that_port_only():
    networks = [fetching.allowed_network("127.0.0.1:8080"), fetching.allowed_network("[fd00::/64]:443")]
    assert fetching.address_allowed("127.0.0.1", port=8080, allow_private=False, allowed_networks=networks)
    assert not fetching.address_allowed("127.0.0.1", port=6379, allow_private=False, allowed_networks=networks)
    assert fetching.address_allowed("fd00::5", port=443, allow_private=False, allowed_networks=networks)
    assert not fetching.address_allowed("fd00::5", port=80, allow_private=False, allowed_networks=networks)


@pytest.mark.parametrize(
    "entry", ["127.0.0.1:0", "127.0.0.1:99999", "127.0.0.1:http", "[::1]443", "[::1", "10.0.0.0/33"]
)
def test_a_bad_allowed_network_is_refused(entry):
    with pytest.raises(ValueError):
        fetching.allowed_network(entry)


def test_a_port_in_fetch_allowed_networks_keeps_other_local_services_out(web, settings):
    from sources.tests.webserver import WebServer

    other = WebServer().start()
    try:
        settings.FETCH_ALLOWED_NETWORKS = [f"127.0.0.1:{web.server_address[1]}"]
        assert fetch(web.url("/pages/seed.html")).status == 200
        with pytest.raises(FetchRefused, match=f"port {other.server_address[1]}"):
            fetch(other.url("/pages/seed.html"))
        assert other.hits["/pages/seed.html"] == 0
    finally:
        other.stop()
