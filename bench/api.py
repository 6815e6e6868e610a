"""Throughput of the REST API under gunicorn (2 workers) on the large tracker, measured with wrk.

    .venv/bin/python bench/api.py [--refill]

Rows: a trivial Django view (/ping/), the promise list (a page of 50), a filtered
list, the same list with every expansion, and a promise's detail, each computed
on every request (PUBLIC_PAGE_CACHE=0) and then served to an anonymous client
from the public cache (warmed by one request); each prints req/s, p50 and p99.
Before the load runs it times, in-process, the serialisation of one page of 50
promises two ways: the API's ``.values()`` fast path and a plain DRF
``ModelSerializer`` (for contrast). The last lines are the worst endpoint's
throughput as a fraction of the trivial view's, uncached (``uncached_ratio=``)
and cached (``ratio=``); the trivial view is read before and after each endpoint on
the same server, and the faster of the two readings beside an endpoint is its
yardstick (bench/common.py ``side_by_side``).

The anonymous throttle is lifted for the run (bench/common.py) so wrk measures the
endpoints, not the 429s; it still counts every request, cached or not (for a cached answer in
the same Redis round trip as the answer)."""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import prepare_data, side_by_side  # noqa: E402

ENDPOINTS = {
    "promise list (50)": "/api/v1/promises/",
    "filtered list": "/api/v1/promises/?party=party-7&status=in_progress&status=stalled&ordering=-made_on",
    "list, all expansions": "/api/v1/promises/?expand=party,status,latest_update",
    "promise detail": "/api/v1/promises/123/",
}


def time_serialisation(repeat=30):
    """Milliseconds to turn one page of 50 promises into response data (median of ``repeat``)."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from rest_framework import serializers

    from core.api import Links
    from promises.api import PromiseReadSerializer
    from promises.models import Promise

    request = RequestFactory().get("/api/v1/promises/", HTTP_HOST="127.0.0.1")
    request.user = AnonymousUser()
    rows = list(Promise.objects.public().order_by("-made_on", "title", "pk")
                .values(*PromiseReadSerializer.value_fields)[:50])
    instances = list(Promise.objects.public().order_by("-made_on", "title", "pk")
                     .prefetch_related("topics")[:50])

    class PlainPromiseSerializer(serializers.ModelSerializer):
        topics = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
        status = serializers.CharField(source="current_status")
        status_changed_on = serializers.DateField()

        class Meta:
            model = Promise
            fields = ["id", "slug", "title", "quote", "measurable_target", "made_on", "target_date", "party",
                      "leader", "programme", "topics", "status", "status_changed_on", "is_published", "created_at",
                      "updated_at"]

    def median_ms(work):
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            work()
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    fast = median_ms(lambda: PromiseReadSerializer.rows_to_dicts(
        rows, {"links": Links(request), "expand": set(), "request": request}))
    plain = median_ms(lambda: PlainPromiseSerializer(instances, many=True, context={"request": request}).data)
    print(f"serialise 50 promises: values() fast path {fast:.2f} ms (one topics query included), "
          f"DRF ModelSerializer {plain:.2f} ms (topics prefetched, no URLs)", flush=True)


def main():
    prepare_data(refill="--refill" in sys.argv)
    time_serialisation()
    side_by_side(ENDPOINTS)


if __name__ == "__main__":
    main()
