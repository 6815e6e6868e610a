"""The API's uncached reads in one process: what a request costs and where it goes.

    .venv/bin/python bench/api_profile.py [--profile NAME] [--rounds 200] [--serialisation]

On the benchmark database of ``bench/common.py`` (same ``BENCH_DATABASE_URL``), with the
public cache off and ``DEBUG=0``, Django's test client asks each endpoint of
``bench/api.py`` ``--rounds`` times and prints, per endpoint, the fastest and the median
time, the median CPU time of the process (without the database's: steadier on a shared
machine) and the number of queries. It then times the serialisation of one page of 50
promises (``rows_to_dicts``) with and without its one topics query (``--serialisation``:
only that). ``--profile NAME``
(an endpoint's name, e.g. ``list``) also runs that endpoint under cProfile and prints the
functions that take the most time."""

import argparse
import cProfile
import logging
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import OUT, prepare_data, server_env  # noqa: E402

ENDPOINTS = {
    "list": "/api/v1/promises/",
    "filtered": "/api/v1/promises/?party=party-7&status=in_progress&status=stalled&ordering=-made_on",
    "expanded": "/api/v1/promises/?expand=party,status,latest_update",
    "cursor": "/api/v1/promises/?cursor=",
    "directives": "/api/v1/directives/?expand=issuer,status,latest_update",
    "detail": "/api/v1/promises/123/",
}


def timings(work, rounds):
    """Milliseconds: the fastest and the median wall time, and the median CPU time of this
    process (the database's excluded; steadier than wall time on a shared machine)."""
    times, cpu = [], []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return min(times), statistics.median(times), statistics.median(cpu)


def serialisation(rounds):
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from core.api import Links
    from promises.api import PromiseReadSerializer
    from promises.models import Promise
    from tracking import api as tracking

    request = RequestFactory().get("/api/v1/promises/", HTTP_HOST="127.0.0.1")
    request.user = AnonymousUser()
    rows = list(Promise.objects.public().order_by("-made_on", "title", "pk")
                .values(*PromiseReadSerializer.value_fields)[:50])

    def run():
        return PromiseReadSerializer.rows_to_dicts(rows, {"links": Links(request), "expand": set(),
                                                          "request": request})

    whole = timings(run, rounds)
    # The same without the database: the topics of the page read once, then served from memory.
    with CaptureQueriesContext(connection) as queries:
        topics = tracking.topics_by_item(Promise, [row["id"] for row in rows], Links(request))
    saved = tracking.topics_by_item
    tracking.topics_by_item = lambda model, ids, links: {pk: list(found) for pk, found in topics.items()}
    try:
        python = timings(run, rounds)
    finally:
        tracking.topics_by_item = saved
    print(f"serialise 50 promises: {whole[0]:.3f} ms fastest, {whole[1]:.3f} ms median, {whole[2]:.3f} ms CPU "
          f"({len(queries)} query); without the query {python[0]:.3f} / {python[1]:.3f} / {python[2]:.3f} ms",
          flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", choices=sorted(ENDPOINTS))
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--serialisation", action="store_true", help="time the serialisation only")
    args = parser.parse_args()
    # The uncached server's settings (production ones, the throttle lifted but still asked).
    os.environ.update(server_env(page_cache=False, static_root=OUT / "static"))
    prepare_data()
    from django.db import connection
    from django.test import Client

    logging.getLogger("mandate.request").setLevel(logging.WARNING)  # one line a request
    if True:
        client = Client(HTTP_HOST="127.0.0.1")
        for name, path in {} if args.serialisation else ENDPOINTS.items():
            assert client.get(path).status_code == 200, path
            queries = []
            with connection.execute_wrapper(lambda execute, sql, *rest, seen=queries: seen.append(sql) or execute(sql, *rest)):
                client.get(path)
            fastest, median, cpu = timings(lambda path=path: client.get(path), args.rounds)
            print(f"{name:<11} {fastest:6.2f} ms fastest, {median:6.2f} ms median, {cpu:6.2f} ms CPU (median), "
                  f"{len(queries):2} queries  {path}", flush=True)
        serialisation(args.rounds)
        if args.profile:
            path = ENDPOINTS[args.profile]
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.rounds):
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
