"""The fail-open Redis cache: Redis unreachable means misses and dropped writes, never an error."""

import logging
import os
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import cache

from core.cache_backend import FailOpenRedisCache
from tests.services import missing_service, program, redis_missing


def unused_loopback_port():
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fail_open_cache(location, **options):
    return FailOpenRedisCache(
        location,
        {"KEY_PREFIX": "mandate-test", "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1, **options}},
    )


@pytest.fixture
def unreachable_cache_settings(settings):
    """The site's cache setting pointed at a port where no Redis listens."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache_backend.FailOpenRedisCache",
            "LOCATION": f"redis://127.0.0.1:{unused_loopback_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    return settings


@pytest.mark.redis
def test_with_redis_up_it_caches_like_djangos_redis_cache():
    backend = fail_open_cache(os.environ["REDIS_URL"])
    backend.clear()
    assert backend.get("k") is None
    backend.set("k", {"a": 1})
    assert backend.get("k") == {"a": 1}
    assert backend.add("k", "other") is False
    assert backend.add("n", 1) is True
    assert backend.incr("n") == 2
    assert backend.get("n") == 2
    assert backend.get_many(["k", "n"]) == {"k": {"a": 1}, "n": 2}
    backend.delete_many(["k", "n"])
    assert backend.has_key("k") is False
    with pytest.raises(ValueError):
        backend.incr("missing")
    assert backend.ping() is True


@pytest.mark.redis
def test_with_redis_unreachable_reads_are_misses_and_writes_do_nothing():
    backend = fail_open_cache(f"redis://127.0.0.1:{unused_loopback_port()}/0", RETRY_AFTER=0)
    assert backend.get("k") is None
    assert backend.get("k", "default") == "default"
    assert backend.set("k", "v") is None
    assert backend.add("k", "v") is False
    assert backend.get_many(["a", "b"]) == {}
    assert backend.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert backend.has_key("k") is False
    assert backend.touch("k") is False
    assert backend.delete("k") is False
    assert backend.delete_many(["a"]) is None
    assert backend.clear() is False
    assert backend.get_or_set("k", "computed") == "computed"
    # A rate window it cannot reach lets the request through.
    assert backend.count_requests([("window", 1, 60)], time.time(), "id", page=("v", 1, "p")) == (None, None, [])
    # incr() of a key the cache cannot find raises ValueError, as for any missing key.
    with pytest.raises(ValueError):
        backend.incr("n")
    # The health check, and only it, hears the truth.
    with pytest.raises(redis.ConnectionError):
        backend.ping()


@pytest.mark.redis
def test_an_outage_logs_one_warning_not_one_per_call(caplog):
    backend = fail_open_cache(f"redis://127.0.0.1:{unused_loopback_port()}/0", RETRY_AFTER=0)
    with caplog.at_level(logging.WARNING, logger="core.cache_backend"):
        for _ in range(20):
            backend.get("k")
            backend.set("k", "v")
    warnings = [r.getMessage() for r in caplog.records if r.name == "core.cache_backend"]
    assert len(warnings) == 1
    assert warnings[0].startswith("event=cache_unavailable error=ConnectionError operation=get ")


@pytest.mark.redis
def test_after_a_failure_redis_is_left_alone_for_retry_after_seconds(monkeypatch):
    backend = fail_open_cache(f"redis://127.0.0.1:{unused_loopback_port()}/0", RETRY_AFTER=60)
    attempts = []
    original = backend._cache.get
    monkeypatch.setattr(backend._cache, "get", lambda *a: attempts.append(a) or original(*a))
    for _ in range(5):
        assert backend.get("k") is None
    assert len(attempts) == 1


@pytest.mark.redis
def test_public_pages_render_when_the_cache_is_unreachable(db, reader, unreachable_cache_settings):
    assert cache.get("anything") is None
    response = reader.get("/")
    assert response.status_code == 200
    # A second read too: nothing was cached, nothing raised.
    assert reader.get("/").status_code == 200


@pytest.fixture
def own_redis_server():
    """A redis-server of the test's own on a free loopback port, so the test can stop and restart it."""
    binary = program("redis-server")
    if binary is None:
        missing_service(redis_missing())
    port = unused_loopback_port()
    processes = []

    def start():
        process = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        processes.append(process)
        client = redis.Redis(port=port, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop():
        processes[-1].terminate()
        processes[-1].wait(timeout=10)

    start()
    yield port, start, stop
    for process in processes:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


@pytest.mark.redis
def test_the_cache_works_again_once_redis_is_back(own_redis_server, caplog):
    port, start, stop = own_redis_server
    backend = fail_open_cache(f"redis://127.0.0.1:{port}/0", RETRY_AFTER=0)
    backend.set("k", "before")
    assert backend.get("k") == "before"

    stop()
    with caplog.at_level(logging.WARNING, logger="core.cache_backend"):
        assert backend.get("k") is None
        backend.set("k", "during")
        start()
        backend.set("k", "after")
    assert backend.get("k") == "after"
    messages = [r.getMessage() for r in caplog.records if r.name == "core.cache_backend"]
    assert messages[0].startswith("event=cache_unavailable")
    assert messages[-1].startswith("event=cache_recovered")
