"""A Redis cache that fails open: with Redis unreachable, reads are misses and
writes are dropped, so the site keeps serving (uncached) pages instead of errors.

Only the errors that mean "Redis cannot be reached" are swallowed (connection
refused or reset, timeouts); any other Redis error is a bug and still raises.
The first failure of each kind logs one warning, and recovery logs one line;
between them the calls fail quietly. After a failure Redis is not tried again
for ``RETRY_AFTER`` seconds (OPTIONS key), so a host that drops packets costs
one connect timeout per interval, not one per cache call.

``ping()`` bypasses all this: /healthz uses it to report the truth.

Kept rather than django-redis's IGNORE_EXCEPTIONS, which swallows every Redis error,
logs each failure and retries on every call: tests/faults/test_redis_outage.py would
pay a connect timeout per cache call against a host that drops packets.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.functional import cached_property
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from core.logging import logfmt_value

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django builds a new redis-py client for every cache call, and building one (it copies
    its table of response callbacks) costs more than the GET itself: a third of a cached
    page's time (bench/pages.py). A client is thread-safe, so keep one per connection pool."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._reused.get(id(pool))
        if client is None:
            client = self._reused[id(pool)] = self._client(connection_pool=pool)
        return client

    @cached_property
    def _reused(self):
        return {}


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("RETRY_AFTER", 2.0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClientRedisCacheClient
        self._lock = threading.Lock()
        self._failing = set()  # the kinds of failure already logged
        self._down_until = 0.0

    def _call(self, operation, default, function, *args, **kwargs):
        if self._down_until and time.monotonic() < self._down_until:
            return default
        try:
            result = function(*args, **kwargs)
        except UNREACHABLE as error:
            self._failed(operation, error)
            return default
        if self._failing:
            self._recovered()
        return result

    def _failed(self, operation, error):
        kind = type(error).__name__
        with self._lock:
            self._down_until = time.monotonic() + self.retry_after
            first = kind not in self._failing
            self._failing.add(kind)
        if first:
            logger.warning(
                "event=cache_unavailable error=%s operation=%s detail=%s retry_after_s=%s",
                kind,
                operation,
                logfmt_value(str(error)),
                self.retry_after,
            )

    def _recovered(self):
        with self._lock:
            kinds, self._failing = self._failing, set()
            self._down_until = 0.0
        if kinds:
            logger.warning("event=cache_recovered after=%s", ",".join(sorted(kinds)))

    def ping(self):
        """True when Redis answers; raises the client's error when it does not."""
        return self._cache.get_client(write=True).ping()

    # Reads answer a miss, writes do nothing, when Redis is unreachable.

    def get(self, key, default=None, version=None):
        return self._call("get", default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # The keys that could not be stored: all of them.
        return self._call("set_many", list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, super().delete_many, keys, version)

    def clear(self):
        return self._call("clear", False, super().clear)

    def incr(self, key, delta=1, version=None):
        # An unreachable key is a missing key, and incr() of a missing key raises ValueError.
        missing = object()
        result = self._call("incr", missing, super().incr, key, delta, version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unreachable).")
        return result
