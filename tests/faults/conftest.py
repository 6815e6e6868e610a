"""Fixtures of the fault tests: a private Redis (stopped and started by the test), workers and
gunicorn on it and on the test database, and a local web server with a feed that hangs."""

from urllib.parse import parse_qs, urlsplit

import pytest

from sources.tests.conftest import tokayev_and_nur_otan  # noqa: F401 - a fixture, used by the tests
from sources.tests.webserver import WebServer, _Handler
from tests.services import (
    CeleryWorker,
    Gunicorn,
    PrivateRedis,
    app_env,
    missing_service,
    redis_missing,
    sender,
    shared_test_database_url,
)


def gen_feed(base, numbers):
    items = "".join(f"<item><title>Meeting {n}</title><link>{base}/gen/{n}</link></item>" for n in numbers)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Generated</title>{items}</channel></rss>'


class _FaultHandler(_Handler):
    """The ingestion tests' routes, and ``/feed/KEY?from=A&to=B`` (a feed of the generated articles A..B-1)
    which, when KEY starts with ``hang``, answers only once ``release(KEY)`` is called."""

    def do_GET(self):
        parts = urlsplit(self.path)
        if not parts.path.startswith("/feed/"):
            return super().do_GET()
        key = parts.path[len("/feed/") :]
        with self.server._lock:
            self.server.hits[parts.path] += 1
        if key.startswith("hang"):
            self.server._releases[key].wait(60)
        query = parse_qs(parts.query)
        numbers = range(int(query["from"][0]), int(query["to"][0]))
        return self._send(200, gen_feed(self.server.base, numbers).encode(), "application/rss+xml")


@pytest.fixture
def web():
    server = WebServer()
    server.RequestHandlerClass = _FaultHandler
    server.start()
    yield server
    server.stop()


@pytest.fixture
def private_redis():
    reason = redis_missing()
    if reason:
        missing_service(reason)
    server = PrivateRedis().start()
    yield server
    server.stop()


@pytest.fixture
def stack(transactional_db, private_redis, tmp_path):
    """Start workers (``stack.worker(name)``) and gunicorn (``stack.web()``) on the test database and the
    private Redis; send tasks with ``stack.send(name, *args)``. Everything is stopped after the test."""
    running = []

    class Stack:
        redis = private_redis
        env = app_env(
            database_url=shared_test_database_url(),
            redis_url=private_redis.url(),
            FETCH_READ_TIMEOUT="10",
            TEST_HANG_DIR=str(tmp_path),
        )
        client = sender(private_redis.url())
        hang_dir = tmp_path

        def worker(self, name="w", **env):
            worker = CeleryWorker({**self.env, **env}, tmp_path, name=name)
            running.append(worker)
            return worker.start()

        def web(self, **env):
            server = Gunicorn({**self.env, **env}, tmp_path)
            running.append(server)
            return server.start()

        def send(self, task, *args, **kwargs):
            return self.client.send_task(f"sources.tasks.{task}", args=args, kwargs=kwargs)

        def reached(self, step):
            return (tmp_path / step).exists()

    yield Stack()
    for process in reversed(running):
        process.stop()
    Stack.client.close()


def hits_of(web, prefix):
    """Requests the web server answered per path under ``prefix``."""
    return {path: count for path, count in web.hits.items() if path.startswith(prefix)}
