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

import hashlib
import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.functional import cached_property
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import NoScriptError, ResponseError
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

    # Rate windows, counted where they are kept (core/throttling.py).

    def count_requests(self, windows, now, request_id, *, page=None):
        """Count one request in each rate window, in one round trip, if every window still
        has room; ``windows``: (key, limit, seconds) each. With ``page`` (the version's key,
        the version the caller expects and the page's key under it) the same trip reads the
        version and that page, and counts only when the page is there to be served.

        Returns ``(version, content, refusals)``: the version and the page (None when not
        asked, not there or stored under another version), and for each window without room
        ``(index, count, oldest)``. Nothing was counted when ``refusals`` is not empty or the
        page was asked for and not found. Redis unreachable: ``(None, None, [])``, all let through."""
        version_key, guess, page_key = page or ("", "", "")
        keys = [
            self.make_key(version_key) if version_key else "",
            self.make_key(page_key) if page_key else "",
            *(self.make_key(f"window:{key}") for key, _, _ in windows),
        ]
        arguments = [str(guess), repr(now), request_id]
        for _, limit, seconds in windows:
            arguments += [limit, seconds]
        replies = self._call("count_requests", None, self._count_and_read, keys, arguments)
        if replies is None:
            return None, None, []
        content, (version, found, *refused) = replies
        loads = self._cache._serializer.loads
        return (
            None if version is None else loads(version),
            loads(content) if found and content is not None else None,
            [(int(refused[i]), int(refused[i + 1]), float(refused[i + 2])) for i in range(0, len(refused), 3)],
        )

    def _count_and_read(self, keys, arguments):
        """The page (a plain GET: a large value costs far more passed through a script) and the
        script's reply, sent together on one pooled connection: one round trip, without a redis-py
        pipeline (building and running one cost a third of the trip's time). The script is loaded
        when Redis lacks it."""
        client = self._cache.get_client(write=True)
        commands = [("GET", keys[1])] if keys[1] else []
        commands.append(("EVALSHA", COUNT_AND_READ_SHA, len(keys), *keys, *arguments))
        try:
            replies = _round_trip(client.connection_pool, commands)
        except NoScriptError:
            client.script_load(COUNT_AND_READ)
            replies = _round_trip(client.connection_pool, commands)
        return replies if keys[1] else [None, *replies]


def _round_trip(pool, commands):
    """The replies to ``commands``, sent at once on one connection of ``pool``, in their order.
    A reply that is an error is raised after every reply has been read, so the
    connection goes back to the pool with nothing left to read; any other failure drops it. (The
    pool replaces a connection Redis has closed, after a restart, when it hands it out.)"""
    connection = pool.get_connection()
    try:
        connection.send_packed_command(connection.pack_commands(commands))
        replies, error = [], None
        for _ in commands:
            try:
                replies.append(connection.read_response())
            except ResponseError as reply:
                replies.append(None)
                error = error or reply
    except BaseException:
        connection.disconnect()
        raise
    finally:
        pool.release(connection)
    if error is not None:
        raise error
    return replies


# KEYS: the version's key and the page's key ("": neither is read), then each window's key (a
# sorted set of request times). ARGV: the expected version, now, this request's id, then each
# window's limit and length in seconds. The reply: the version, 1 when the page is there (or was
# not asked for), then (index, count, oldest time) for each full window. A window forgets requests
# as old as its length or older, as DRF's SimpleRateThrottle does; a request is counted in every
# window or, when one is full, in none; when the page was asked for, only if it is there.
COUNT_AND_READ = """
local version = false
if KEYS[1] ~= '' then
    version = redis.call('GET', KEYS[1])
    if version ~= ARGV[1] or redis.call('EXISTS', KEYS[2]) == 0 then return {version, 0} end
end
local now = tonumber(ARGV[2])
local reply = {version, 1}
for i = 3, #KEYS do
    local limit, seconds = tonumber(ARGV[2 * i - 2]), tonumber(ARGV[2 * i - 1])
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - seconds)
    local count = redis.call('ZCARD', KEYS[i])
    if count >= limit then
        local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')[2]
        table.insert(reply, i - 3)
        table.insert(reply, count)
        table.insert(reply, oldest)
    end
end
if #reply == 2 then
    for i = 3, #KEYS do
        redis.call('ZADD', KEYS[i], now, ARGV[3])
        redis.call('PEXPIRE', KEYS[i], math.ceil(tonumber(ARGV[2 * i - 1]) * 1000))
    end
end
return reply
"""
COUNT_AND_READ_SHA = hashlib.sha1(COUNT_AND_READ.encode()).hexdigest()  # noqa: S324 — Redis names scripts by SHA-1
