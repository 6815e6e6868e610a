"""Rate windows counted in one Redis round trip (core/throttling.py): the same rule and the
same ``Retry-After`` as DRF's throttle, and a cached API answer read and counted in one trip."""

import os

import pytest
import redis
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from core.cache_backend import FailOpenRedisCache
from core.throttling import WindowThrottle
from promises.tests.factories import PromiseFactory

pytestmark = pytest.mark.redis


class Clock:
    def __init__(self):
        self.now = 1_700_000_000.0

    def __call__(self):
        return self.now


def throttle_class(base, cache):
    class Fixed(base):
        rate = "3/minute"

        def get_cache_key(self, request, view):
            return "throttle_test_client"

    Fixed.cache = cache
    return Fixed


@pytest.fixture
def redis_cache(monkeypatch):
    backend = FailOpenRedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "throttle-test"})
    backend.clear()
    monkeypatch.setattr("core.throttling.cache", backend)
    return backend


def test_a_window_in_redis_decides_and_reckons_the_wait_as_drfs_throttle_does(redis_cache):
    drf = throttle_class(SimpleRateThrottle, LocMemCache("drf-reference", {}))
    ours = throttle_class(WindowThrottle, redis_cache)
    clock = Clock()
    # Three in a minute, refusals that are not counted, the window sliding past its oldest request
    # (one exactly a minute old is forgotten), bursts at the edge.
    offsets = [0, 1, 2, 3, 30, 59.9, 60, 60.5, 61, 61.5, 62, 62, 122, 122.1, 122.2, 122.3, 181.9, 182.3]
    decisions = []
    for offset in offsets:
        clock.now = 1_700_000_000.0 + offset
        reference, throttle = drf(), ours()
        reference.timer = throttle.timer = clock
        allowed = reference.allow_request(None, None)
        assert throttle.allow_request(None, None) is allowed, offset
        if not allowed:
            assert throttle.wait() == pytest.approx(reference.wait()), offset
        decisions.append(allowed)
    assert decisions.count(False) >= 5  # the sequence does test refusals
    assert redis_cache.get("throttle_test_client") is None  # a sorted set of its own, not DRF's list


def count_round_trips(monkeypatch):
    """What is sent to Redis, one entry per round trip (a pipeline's commands go in one)."""
    sent = []
    original = redis.connection.AbstractConnection.send_packed_command

    def counted(connection, command, *args, **options):
        sent.append(command)
        return original(connection, command, *args, **options)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counted)
    return sent


def test_a_cached_api_answer_is_read_and_counted_in_one_round_trip(db, monkeypatch):
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "anon", "100/minute")
    promise = PromiseFactory()
    reader = APIClient()
    sent = count_round_trips(monkeypatch)
    for path in ("/api/v1/promises/", f"/api/v1/promises/{promise.pk}/", promise.get_absolute_url()):
        assert reader.get(path).status_code == 200  # computed, and stored
        assert reader.get(path).status_code == 200  # the script is known to Redis now
        sent.clear()
        assert reader.get(path).status_code == 200
        assert len(sent) == 1, (path, sent)


def test_the_throttle_counts_an_api_answer_computed_once_and_not_again(db, monkeypatch):
    """A miss is counted by the view's throttle alone: the trip that found no cached answer counted nothing."""
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "anon", "2/minute")
    PromiseFactory()
    reader = APIClient()
    statuses = [reader.get("/api/v1/promises/", {"ordering": order}).status_code for order in ("title", "-title")]
    assert statuses == [200, 200]  # two misses, each counted once
    assert reader.get("/api/v1/promises/", {"ordering": "title"}).status_code == 429  # a hit, over the limit


def test_a_redis_that_has_forgotten_the_script_is_given_it_again(redis_cache):
    window = [("throttle_test_client", 1, 60)]
    assert redis_cache.count_requests(window, 1_700_000_000.0, "first") == (None, None, [])
    redis_cache._cache.get_client(write=True).script_flush()  # a restarted Redis
    _, _, refusals = redis_cache.count_requests(window, 1_700_000_001.0, "second")
    assert refusals == [(0, 1, 1_700_000_000.0)]  # the window still holds the first request


def test_connections_redis_has_closed_are_replaced_without_counting_it_unreachable(redis_cache, caplog):
    """Redis closed the pooled connection (a restart): the next trip reconnects, counts and answers."""
    window = [("throttle_test_client", 5, 60)]
    assert redis_cache.count_requests(window, 1_700_000_000.0, "first") == (None, None, [])
    pooled = redis_cache._cache.get_client(write=True).client_id()  # the pool's one connection
    redis.Redis.from_url(os.environ["REDIS_URL"]).client_kill_filter(_id=pooled)
    with caplog.at_level("WARNING", logger="core.cache_backend"):
        assert redis_cache.count_requests(window, 1_700_000_001.0, "second") == (None, None, [])
    assert "cache_unavailable" not in caplog.text
    window = [("throttle_test_client", 2, 60)]
    assert redis_cache.count_requests(window, 1_700_000_002.0, "third")[2] == [(0, 2, 1_700_000_000.0)]
