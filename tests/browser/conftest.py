"""The browser the tests drive (Debian's Chromium through Playwright), and where they leave their
screenshots, named per run and printed at the end of it."""

import datetime
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
_folders = []
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's ORM calls stay synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page at a laptop's width."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@contextmanager
def loopback_site(page_for):
    """Another site than the live server's: an HTTP server on 127.0.0.1 that answers each GET with
    the HTML ``page_for(path)`` returns. Yields its root URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 — the name http.server calls
            body = page_for(self.path).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def screenshots():
    folder = ROOT / "test-artifacts" / "screenshots" / datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=True)
    _folders.append(folder)
    return folder


def pytest_terminal_summary(terminalreporter):
    for folder in _folders:
        terminalreporter.write_line(f"screenshots for a person to look at: {folder}")
