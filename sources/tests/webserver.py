"""A local, threaded HTTP server on 127.0.0.1 (ephemeral port) that misbehaves on request.

Used by the ingestion tests and by bench/ingest.py. Routes:

    /pages/NAME            a file of fixtures/web ("{base}" in feeds becomes the server's root)
    /gen/N                 a generated article (bench); /gen-feed?n=N a feed of N of them
    /slow                  answers after 3 s (longer than the tests' 1 s read timeout)
    /hang/KEY              answers only once ``release(KEY)`` is called (or after 60 s)
    /huge                  streams 8 MB of HTML; /huge-declared claims 1 GB in Content-Length
    /status/CODE           that status; /flaky/KEY 503 the first time, the seed page after
    /redirect?to=URL       302 to URL; /loop redirects to itself
    /pdf                   application/pdf; /undecodable HTML declared UTF-8 with Latin-1 bytes
    /etag-feed             the seed feed with an ETag, 304 on If-None-Match
    /gzip-bomb             50 MB of zeros, gzip-encoded once (about 50 KB on the wire)
    /stacked-gzip          ``Content-Encoding: gzip, gzip``: 50 MB of zeros in a few hundred bytes
    /gzip/NAME, /deflate/NAME  a file of fixtures/web, gzip- or (raw) deflate-encoded
    /brotli                ``Content-Encoding: br`` (unknown to Mandate)
    /header-drip           a header byte every 0.2 s, for 8 s (FETCH_TOTAL_TIMEOUT in the tests is 2 s)
    /bad-feed              a feed whose entries have an over-long link, a NUL (``&#0;``) and a lone
                           surrogate in titles, and two good entries
    /nul.txt               a plain-text article with a NUL byte

``hits`` counts requests per path, ``user_agents`` records the User-Agent of each.
"""

import functools
import gzip
import threading
import time
import zlib
from collections import Counter, defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

WEB = Path(__file__).parent / "fixtures" / "web"
TYPES = {".html": "text/html; charset=utf-8", ".rss": "application/rss+xml", ".atom": "application/atom+xml",
         ".xml": "application/xml", ".txt": "text/plain; charset=utf-8"}


def generated_article(n):
    """A news page of about 3 KB: a directive, a promise and filler, different for each ``n``."""
    paragraphs = [
        f"ASTANA, Jan. {n % 28 + 1} — President Kassym-Jomart Tokayev chaired meeting number {n} of the "
        f"Security Council on the situation in region {n % 17}.",
        f"Tokayev instructed the government to prepare a plan for the renovation of {n} schools by the end of the year.",
        f"The Nur Otan party pledged to open {n % 40 + 2} new public receptions in the regions.",
        "Participants discussed the economic outlook, the harvest, transport links and the heating season. " * 3,
        f"Analysts expect growth of {n % 5}.{n % 10} percent next year, according to the ministry's forecast.",
        "The meeting was attended by members of the government and heads of regions. " * 2,
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Meeting {n}</title>'
        f'<meta property="article:published_time" content="2022-01-{n % 28 + 1:02d}T10:00:00Z"></head>'
        f'<body><nav><a href="/">Home</a> <a href="/p">Politics</a></nav><article><h1>Security Council meeting {n}</h1>'
        f"{body}</article><footer>© Agency</footer></body></html>"
    ).encode()


@functools.cache
def zeros_gzipped(layers):
    """50 MB of zeros, gzip-compressed ``layers`` times (made once per process)."""
    body = gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=9)
    for _ in range(layers - 1):
        body = gzip.compress(body, compresslevel=9)
    return body


def bad_feed(base):
    long_link = f"{base}/pages/{'x' * 1100}.html"
    items = [
        ("Cabinet prepares for the heating season", f"{base}/pages/cabinet.html"),
        ("A link longer than any URL column", long_link),
        ("Budget&#0; approved", f"{base}/pages/seed.html"),
        ("Half a character &#xD800; here", f"{base}/pages/dateline.html"),
        ("Menu", f"{base}/pages/empty.html"),
    ]
    body = "".join(f"<item><title>{title}</title><link>{link}</link></item>" for title, link in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bad&#0; feed</title>{body}</channel></rss>'


class WebServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits = Counter()
        self.user_agents = []
        self.request_headers = defaultdict(list)
        self._releases = defaultdict(threading.Event)
        self._lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path):
        return self.base + path

    def release(self, key):
        self._releases[key].set()

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        for event in list(self._releases.values()):
            event.set()
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do

    def log_message(self, *args):
        pass

    def _send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _file(self, name):
        path = (WEB / name).resolve()
        if path.parent != WEB.resolve() or not path.is_file():
            return self._send(404, b"not found")
        body = path.read_bytes().replace(b"{base}", self.server.base.encode())
        return self._send(200, body, TYPES.get(path.suffix, "application/octet-stream"))

    def do_GET(self):  # noqa: C901 - one branch per route reads best here
        server = self.server
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        with server._lock:
            server.hits[path] += 1
            count = server.hits[path]
            server.user_agents.append(self.headers.get("User-Agent", ""))
            server.request_headers[path].append(dict(self.headers))
        if path.startswith("/pages/"):
            return self._file(path[len("/pages/") :])
        if path.startswith("/gen/"):
            return self._send(200, generated_article(int(path[len("/gen/") :])))
        if path == "/gen-feed":
            n = int(query.get("n", ["10"])[0])
            items = "".join(
                f"<item><title>Meeting {i}</title><link>{server.base}/gen/{i}</link></item>" for i in range(n)
            )
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Generated</title>{items}</channel></rss>'
            return self._send(200, body.encode(), "application/rss+xml")
        if path == "/slow":
            time.sleep(3)
            return self._file("seed.html")
        if path.startswith("/hang/"):
            server._releases[path[len("/hang/") :]].wait(60)
            return self._file("seed.html")
        if path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                self.wfile.write(b"<html><body>")
                for _ in range(8 * 64):
                    self.wfile.write(b"<p>" + b"x" * 16377 + b"</p>")
            except OSError:
                pass  # the client hung up, as it should
            self.close_connection = True
            return
        if path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(10**9))
            self.end_headers()
            self.close_connection = True
            return
        if path.startswith("/status/"):
            return self._send(int(path[len("/status/") :]), b"<html><body>error</body></html>")
        if path.startswith("/flaky/"):
            if count == 1:
                return self._send(503, b"busy", headers=[("Retry-After", "1")])
            return self._file("seed.html")
        if path == "/redirect":
            return self._send(302, b"", headers=[("Location", query["to"][0])])
        if path == "/loop":
            return self._send(302, b"", headers=[("Location", "/loop")])
        if path == "/pdf":
            return self._send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "application/pdf")
        if path == "/undecodable":
            body = (
                "<html><head><title>Caf\xe9 politics</title></head><body><article><p>"
                "The mayor of Mont\xe9al\xe8gre called on the council to renovate the old caf\xe9 "
                "on the main square before the summer festival, the town hall said.</p>"
                "<p>Residents welcomed the d\xe9cision of the municipal council.</p></article></body></html>"
            ).encode("latin-1") + b"\xff\xfe\x81"
            return self._send(200, body, "text/html; charset=utf-8")
        if path == "/etag-feed":
            if self.headers.get("If-None-Match") == '"v1"':
                return self._send(304, b"", content_type=None, headers=[("ETag", '"v1"')])
            body = (WEB / "seed.rss").read_bytes().replace(b"{base}", server.base.encode())
            return self._send(200, body, "application/rss+xml", headers=[("ETag", '"v1"')])
        if path.startswith(("/gzip/", "/deflate/")):
            coding, _, name = path[1:].partition("/")
            body = (WEB / name).read_bytes()
            if coding == "gzip":
                body = gzip.compress(body)
            else:
                compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
                body = compressor.compress(body) + compressor.flush()
            return self._send(200, body, TYPES[Path(name).suffix], headers=[("Content-Encoding", coding)])
        if path in ("/gzip-bomb", "/stacked-gzip"):
            layers, coding = (1, "gzip") if path == "/gzip-bomb" else (2, "gzip, gzip")
            return self._send(200, zeros_gzipped(layers), headers=[("Content-Encoding", coding)])
        if path == "/brotli":
            return self._send(200, b"\x1b\x03\x00\xf8\xa5", headers=[("Content-Encoding", "br")])
        if path == "/header-drip":
            try:
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Drip: ")
                for _ in range(40):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
                self.wfile.write(b"\r\nContent-Length: 2\r\n\r\nok")
            except OSError:
                pass  # the client gave up, as it should
            self.close_connection = True
            return
        if path == "/bad-feed":
            return self._send(200, bad_feed(server.base).encode(), "application/rss+xml")
        if path == "/nul.txt":
            body = (
                "Council backs the school plan\n\nThe mayor called on the council\x00 to renovate "
                "twelve schools before the winter, and the council agreed to vote on the plan next week, "
                "after a debate on the budget of the city."
            )
            return self._send(200, body.encode(), "text/plain; charset=utf-8")
        return self._send(404, b"<html><body>not found</body></html>")
