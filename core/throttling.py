"""Rate limits whose count costs one Redis round trip.

DRF's ``SimpleRateThrottle`` keeps each client's request times as a pickled list in the
cache: every request reads the whole list and writes it back, two round trips whose size
grows with the rate. ``WindowThrottle`` keeps the same sliding window as a Redis sorted
set and counts a request with one script (``FailOpenRedisCache.count_requests``): the
same rule (at most ``num_requests`` in any ``duration`` seconds; a refused request is
not counted) and the same ``wait()``, in one trip of a few bytes. The public cache uses
the same trip to read a cached answer and count its request (core/cache.py).

On a cache without that script (the embedded default's local memory) it is DRF's
throttle unchanged."""

import itertools
import os

from django.core.cache import cache
from rest_framework.throttling import SimpleRateThrottle

# What makes one request's entry in a window unique across processes and hosts.
_PROCESS = os.urandom(6).hex()
_SEQUENCE = itertools.count()


def counts_in_one_trip():
    """True when the cache counts rate windows itself (Redis)."""
    return hasattr(cache, "count_requests")


def request_id():
    return f"{_PROCESS}-{next(_SEQUENCE)}"


class WindowThrottle(SimpleRateThrottle):
    """A ``SimpleRateThrottle`` counted in one round trip where the cache can."""

    refused = False  # True once a full window refused the request; count and oldest then kept for wait()

    def window(self, request, view):
        """This request's window as ``(key, limit, seconds)``, or None when it is not limited."""
        if self.rate is None:
            return None
        self.key = self.get_cache_key(request, view)
        return None if self.key is None else (self.key, self.num_requests, self.duration)

    def allow_request(self, request, view):
        if not counts_in_one_trip():
            return super().allow_request(request, view)
        window = self.window(request, view)
        if window is None:
            return True
        self.now = self.timer()
        _, _, refusals = cache.count_requests([window], self.now, request_id())
        return self.judge(refusals[0] if refusals else None)

    def judge(self, refusal):
        """True when the window had room (``refusal`` None), else keep what ``wait()`` needs."""
        if refusal is None:
            return True
        _, self.count, self.oldest = refusal
        self.refused = True
        return False

    def wait(self):
        if not self.refused:
            return super().wait()
        # DRF's reckoning, from the window's size and its oldest request.
        available = self.num_requests - self.count + 1
        if available <= 0:
            return None
        return (self.duration - (self.now - self.oldest)) / available
