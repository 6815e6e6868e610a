"""A mixed load against the whole stack on loopback, for a bounded time, then a check that every write landed.

    cd /work/main && .venv/bin/python bench/load.py [--seconds 120] [--readers 6] [--editors 2]

    BENCH_LOAD_DATABASE_URL  default postgres://postgres@127.0.0.1:5432/mandate_bench_load (dropped and made anew)
    BENCH_LOAD_REDIS_URL     default redis://127.0.0.1:6379/11 (flushed at start)

What runs: gunicorn (2 sync workers, production settings, page cache on), one Celery worker
(``--pool=solo``, the fetch, extract and default queues), PostgreSQL and Redis, and a local
web server of generated news articles and feeds (sources/tests/webserver.py). Against them:

- readers (threads, one keep-alive httpx client each): public pages and API reads, at random;
- editors (threads, API token of an Editors member): status updates recorded through
  ``POST /api/v1/promise-updates/``, each on the editor's own promises;
- ingestion: every 5 s a new feed of 10 new articles is registered and polled through
  Celery; the worker polls it, fetches each article and finds its statements.

The anonymous API throttle is raised for the run (every reader comes from 127.0.0.1).
It prints requests served, errors (anything but 2xx/304, or no answer: must be 0), p50/p99
latency per kind, and then checks the database: every status update answered 201 is
there, each once, and every article announced by a feed was fetched once (hits on the
local server) and went through statement finding. Exit status 1 when a check fails.
"""

import argparse
import datetime
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("BENCH_LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mandate_bench_load")
REDIS_URL = os.environ.get("BENCH_LOAD_REDIS_URL", "redis://127.0.0.1:6379/11")
# bench.common's server reads these when imported.
os.environ["BENCH_DATABASE_URL"] = DATABASE_URL
os.environ["BENCH_REDIS_URL"] = REDIS_URL
os.environ.setdefault("LOG_LEVEL", "WARNING")  # not one line per request of the load generator

from bench import common  # noqa: E402

PROMISES, DIRECTIVES = 300, 300
FEED_EVERY, PER_FEED = 5.0, 10
log = common.log


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000 if ordered else 0.0


# --- set-up -------------------------------------------------------------------------------


def fresh_database():
    import psycopg

    parsed = urlparse(DATABASE_URL)
    name = parsed.path.lstrip("/")
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
        connection.execute(f'ALTER DATABASE "{name}" SET jit = off')


def setup_django():
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["REDIS_URL"] = REDIS_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def fill(editors):
    """A small tracker, the editors with their tokens, and the actors of the generated articles."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    from directives.models import Directive
    from politics.models import Leader, LeaderAlias, Party, PartyName, Topic
    from promises.models import Promise

    topic = Topic.objects.create(name="Schools", slug="schools")
    tokayev = Leader.objects.create(full_name="Kassym-Jomart Tokayev", slug="tokayev", country="Kazakhstan")
    LeaderAlias.objects.create(leader=tokayev, alias="Tokayev")
    party = Party.objects.create(name="Amanat", slug="amanat", country="Kazakhstan")
    PartyName.objects.create(party=party, name="Nur Otan", valid_to=datetime.date(2022, 3, 1))
    promises = Promise.objects.bulk_create(
        Promise(
            title=f"Build {n} schools",
            slug=f"promise-{n}",
            quote=f"We will build {n} schools.",
            party=party,
            made_on=datetime.date(2021, 1, 10),
            is_published=True,
        )
        for n in range(PROMISES)
    )
    Promise.topics.through.objects.bulk_create(
        Promise.topics.through(promise_id=p.pk, topic_id=topic.pk) for p in promises
    )
    Directive.objects.bulk_create(
        Directive(
            action=f"Review structure {n}",
            slug=f"directive-{n}",
            quote=f"Review structure {n}.",
            issuer=tokayev,
            issued_on=datetime.date(2021, 3, 1),
            is_published=True,
        )
        for n in range(DIRECTIVES)
    )
    tokens = []
    for n in range(editors):
        user = get_user_model().objects.create_user(username=f"load-editor-{n}", password=None, is_staff=True)
        user.groups.add(Group.objects.get(name="Editors"))
        tokens.append(Token.objects.create(user=user).key)
    return [p.pk for p in promises], tokens


def start_web():
    """The local news site: /gen/N articles (webserver.py) and /feed/A-B feeds of articles A..B-1."""
    from sources.tests.webserver import WebServer, _Handler

    class Handler(_Handler):
        def do_GET(self):
            if not self.path.startswith("/feed/"):
                return super().do_GET()
            first, last = map(int, self.path[len("/feed/") :].split("-"))
            with self.server._lock:
                self.server.hits[self.path] += 1
            items = "".join(
                f"<item><title>Meeting {n}</title><link>{self.server.base}/gen/{n}</link></item>"
                for n in range(first, last)
            )
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Agency</title>{items}</channel></rss>'
            return self._send(200, body.encode(), "application/rss+xml")

    server = WebServer()
    server.RequestHandlerClass = Handler
    return server.start()


def start_worker():
    env = common.server_env(page_cache=True, static_root=common.OUT / "static")
    env.update({"FETCH_ALLOWED_NETWORKS": "127.0.0.1/32", "LOG_LEVEL": "WARNING"})
    log_file = open(common.OUT / "load-worker.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config.celery",
            "worker",
            "-Q",
            "fetch,extract,default",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    return process, log_file


# --- the load -------------------------------------------------------------------------------


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.statuses = Counter()
        self.errors = Counter()
        self.created_updates = []

    def record(self, kind, seconds, status, detail=""):
        with self.lock:
            self.latencies[kind].append(seconds)
            self.statuses[status] += 1
            if not (200 <= status < 300 or status == 304):
                self.errors[f"{kind} {status} {detail[:120]}"] += 1


def timed(tally, kind, call):
    started = time.perf_counter()
    try:
        response = call()
    except Exception as error:  # noqa: BLE001 - no answer at all is an error to count, not a crash
        tally.record(kind, time.perf_counter() - started, 0, f"{type(error).__name__}: {error}")
        return None
    tally.record(kind, time.perf_counter() - started, response.status_code, response.text[:200])
    return response


def reader(base, stop, tally, seed):
    import httpx

    rng = random.Random(seed)
    pages = [
        "/",
        "/promises/",
        "/directives/",
        "/promises/?status=in_progress",
        "/parties/amanat/",
        "/leaders/tokayev/",
        "/feeds/changes.rss",
        "/topics/schools/",
    ]
    api = [
        "/api/v1/promises/",
        "/api/v1/directives/?page=2",
        "/api/v1/promise-updates/",
        "/api/v1/promises/?status=fulfilled",
        "/api/v1/articles/",
        "/api/v1/parties/",
    ]
    with httpx.Client(base_url=base, timeout=30) as client:
        while not stop.is_set():
            if rng.random() < 0.5:
                path = rng.choice(pages + [f"/promises/promise-{rng.randrange(PROMISES)}/"])
                timed(tally, "page", lambda p=path: client.get(p))
            else:
                path = rng.choice(api + [f"/api/v1/promises/{rng.randrange(1, PROMISES + 1)}/"])
                timed(tally, "api", lambda p=path: client.get(p))


def editor(base, stop, tally, token, promise_ids):
    import httpx

    statuses = ["in_progress", "stalled", "partially_fulfilled", "in_progress", "fulfilled"]
    turn = Counter()
    with httpx.Client(base_url=base, timeout=30, headers={"Authorization": f"Token {token}"}) as client:
        while not stop.is_set():
            for promise_id in promise_ids:
                if stop.is_set():
                    break
                # Each update changes the status (the service refuses a non-change).
                status = statuses[turn[promise_id] % len(statuses)]
                turn[promise_id] += 1
                body = {
                    "promise": promise_id,
                    "status": status,
                    "explanation": f"Load update {turn[promise_id]}.",
                    "evidence": [{"url": f"https://news.example/{promise_id}/{turn[promise_id]}"}],
                }
                response = timed(tally, "write", lambda b=body: client.post("/api/v1/promise-updates/", json=b))
                if response is not None and response.status_code == 201:
                    with tally.lock:
                        tally.created_updates.append(response.json()["id"])
                time.sleep(0.05)


def ingestion(stop, feeds):
    """A new feed every FEED_EVERY seconds, polled through Celery."""
    from sources import services, tasks

    n = 0
    while not stop.is_set():
        first = n * PER_FEED
        feed = services.feed_add(url=f"{feeds.base}/feed/{first}-{first + PER_FEED}")
        tasks.poll_feed.delay(feed.pk)
        n += 1
        stop.wait(FEED_EVERY)
    return n


def main():  # noqa: PLR0915 - one straight script reads best here
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=120, help="length of the load (default 120, at most 900)")
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--editors", type=int, default=2)
    args = parser.parse_args()
    seconds = max(5, min(args.seconds, 900))
    for url in (DATABASE_URL, REDIS_URL):
        if urlparse(url).hostname not in {"127.0.0.1", "localhost"}:
            raise SystemExit(f"the load only targets loopback: {url}")

    log(f"fresh database {DATABASE_URL}")
    fresh_database()
    setup_django()
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    promise_ids, tokens = fill(args.editors)
    common.OUT.mkdir(parents=True, exist_ok=True)
    static_root = common.collect_static()
    feeds = start_web()
    worker, worker_log = start_worker()
    server = common.Server(page_cache=True, static_root=static_root)
    stop, tally = threading.Event(), Tally()
    shares = [promise_ids[n :: args.editors] for n in range(args.editors)]
    threads = [threading.Thread(target=reader, args=(server.base, stop, tally, n)) for n in range(args.readers)]
    threads += [
        threading.Thread(target=editor, args=(server.base, stop, tally, tokens[n], shares[n]))
        for n in range(args.editors)
    ]
    feeds_made = []
    threads.append(threading.Thread(target=lambda: feeds_made.append(ingestion(stop, feeds))))
    failures = []
    try:
        log(
            f"load for {seconds} s: {args.readers} readers, {args.editors} editors, a feed of {PER_FEED} every {FEED_EVERY:g} s"
        )
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        stop.wait(seconds)
        stop.set()
        for thread in threads:
            thread.join(60)
        elapsed = time.perf_counter() - started

        # Let ingestion finish what the feeds announced (bounded).
        from django.db.models import Count

        from promises.models import PromiseStatusUpdate
        from sources.models import Article

        expected_articles = feeds_made[0] * PER_FEED
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if Article.objects.filter(state=Article.State.DONE).count() >= expected_articles:
                break
            time.sleep(1)

        served = sum(tally.statuses.values())
        errors = sum(tally.errors.values())
        print(f"\nduration            {elapsed:.0f} s")
        print(f"requests served     {served} ({served / elapsed:.1f}/s)")
        for kind in ("page", "api", "write"):
            values = tally.latencies[kind]
            print(
                f"  {kind:<6} {len(values):>8}   p50 {percentile(values, 0.50):7.1f} ms   p99 {percentile(values, 0.99):7.1f} ms"
            )
        every = [v for values in tally.latencies.values() for v in values]
        print(f"p99 latency         {percentile(every, 0.99):.1f} ms (all requests)")
        print(f"errors              {errors}")
        for detail, count in tally.errors.most_common(10):
            print(f"  {count} × {detail}")
        if errors:
            failures.append(f"{errors} errors")

        # Every write is in the database, once.
        created = set(tally.created_updates)
        stored = set(
            PromiseStatusUpdate.objects.filter(editor__username__startswith="load-editor-").values_list("pk", flat=True)
        )
        print(f"status updates      {len(created)} answered 201, {len(stored)} in the database", end="")
        if created != stored or len(created) != len(tally.created_updates):
            failures.append("status updates answered 201 and stored differ")
            print("  MISMATCH")
        else:
            print("  (same ids)")
        states = Counter(Article.objects.values_list("state", flat=True))
        gen_hits = {path: count for path, count in feeds.hits.items() if path.startswith("/gen/")}
        repeated = {path: count for path, count in gen_hits.items() if count != 1}
        print(
            f"articles            {feeds_made[0]} feeds announced {expected_articles}; in the database "
            f"{sum(states.values())} {dict(states)}; fetched {len(gen_hits)}, more than once: {len(repeated)}"
        )
        candidates = Article.objects.aggregate(n=Count("candidates"))["n"]
        print(f"candidates          {candidates}")
        if states.get(Article.State.DONE, 0) != expected_articles or sum(states.values()) != expected_articles:
            failures.append("not every announced article went through ingestion")
        if repeated or len(gen_hits) != expected_articles:
            failures.append("an article was fetched more than once, or not at all")
    finally:
        stop.set()
        server.stop()
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()
        worker_log.close()
        feeds.stop()
    print("OK: every write is in the database" if not failures else "FAILED: " + "; ".join(failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
