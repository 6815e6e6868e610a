"""``/healthz``: is this web node able to serve? For a load balancer and for people.

Each check is live (nothing is cached: a cached "ok" would keep a broken node in
rotation) and cheap: one ``SELECT 1``, one Redis PING for the cache, one for the
broker. The answer is 200 when every check named in ``HEALTHZ_REQUIRED`` is ok,
503 otherwise; the body always reports every check::

    {"status": "ok", "checks": {"database": {"ok": true, "ms": 1.2}, ...}}

The cache fails open (config/cache_backend.py), so a site whose Redis is down
still serves pages; an operator who wants nodes kept in rotation through a
Redis outage sets ``HEALTHZ_REQUIRED=database``.
"""

import time
import uuid

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

# One client (and connection pool) per broker URL, reused across requests; the answer is never reused.
_broker_clients = {}


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def check_cache():
    if hasattr(cache, "ping"):  # the fail-open Redis cache: ask Redis itself, not the fail-open layer
        cache.ping()
        return {}
    # Any other backend: a round trip through it.
    token = uuid.uuid4().hex
    cache.set("healthz", token, 10)
    if cache.get("healthz") != token:
        raise RuntimeError("the cache did not return what was written")
    return {}


def check_broker():
    url = settings.CELERY_BROKER_URL
    if url.startswith("memory://"):
        return {"kind": "embedded"}
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return {"kind": "unchecked"}
    client = _broker_clients.get(url)
    if client is None:
        client = _broker_clients[url] = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    client.ping()
    return {"kind": "redis"}


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def run_check(function):
    started = time.perf_counter()
    try:
        result = {"ok": True, **function()}
    except Exception as error:  # noqa: BLE001 — any failure is the answer, not a 500.
        result = {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


@never_cache
@require_safe
def healthz(request):
    checks = {name: run_check(function) for name, function in CHECKS.items()}
    required = getattr(settings, "HEALTHZ_REQUIRED", list(CHECKS))
    failing = [name for name in required if name in checks and not checks[name]["ok"]]
    body = {"status": "fail" if failing else "ok", "checks": checks}
    if failing:
        body["failing"] = failing
    return JsonResponse(body, status=503 if failing else 200)
