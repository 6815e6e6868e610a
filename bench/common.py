"""What the page and API benchmarks share: a large tracker in a PostgreSQL database of
their own, gunicorn started on loopback with production settings, and wrk as the
load generator.

    BENCH_DATABASE_URL  default postgres://postgres@127.0.0.1:5432/mandate_bench (created if missing)
    BENCH_REDIS_URL     default redis://127.0.0.1:6379/10 (the cache; flushed at start)
    BENCH_DURATION      seconds per measurement, default 8
    BENCH_CONNECTIONS   concurrent connections, default 8

The data is made once (10,000 promises, 10,000 directives, 50,000 status
updates, 100 parties, 500 leaders) and kept for the next run; ``--refill``
makes it again.
"""

import datetime
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mandate_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10")
DURATION = int(os.environ.get("BENCH_DURATION", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))

SIZES = {"parties": 100, "leaders": 500, "promises": 10_000, "directives": 10_000, "updates": 50_000}


def log(message):
    print(message, file=sys.stderr, flush=True)


# --- the database -----------------------------------------------------------


def ensure_database():
    """Create the benchmark database on its server if it does not exist."""
    import psycopg

    parsed = urlparse(DATABASE_URL)
    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            log(f"creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')
        # The settings README.md recommends for production: JIT compiling adds ~20 ms to each
        # scorecard aggregate and saves nothing at this size; the tracker's tables sit in memory,
        # and at the default random_page_cost (4, for spinning disks) PostgreSQL scans all
        # 10,000 directives rather than look up a party's 100 by key (3.5 ms against 0.8 ms).
        connection.execute(f'ALTER DATABASE "{name}" SET jit = off')
        connection.execute(f'ALTER DATABASE "{name}" SET random_page_cost = 1.1')


def setup_django():
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare_data(*, refill=False):
    """Migrate the benchmark database and fill it, unless it already holds the tracker."""
    ensure_database()
    setup_django()
    from django.core.management import call_command

    from promises.models import Promise

    call_command("migrate", verbosity=0, interactive=False)
    if not refill and Promise.objects.count() == SIZES["promises"]:
        log("benchmark data already there")
        return
    started = time.perf_counter()
    fill()
    log(f"filled the benchmark database in {time.perf_counter() - started:.1f}s")


def _status_chain(rng, length):
    from tracking.models import Status

    rated = [s for s in Status.values if s != Status.NOT_RATED]
    chain, previous = [], Status.NOT_RATED.value
    for _ in range(length):
        status = rng.choice([s for s in rated if s != previous])
        chain.append((previous, status))
        previous = status
    return chain


def fill():  # noqa: PLR0915 — one straight script reads best here
    """A realistic large tracker, with bulk inserts."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from directives.models import Directive
    from politics.models import Election, Leader, LeaderAlias, Party, PartyName, Programme, Topic
    from promises.models import Promise
    from tracking.models import Evidence, StatusUpdate, TrackedItem

    rng = random.Random(20220128)
    tables = [
        "tracking_evidence",
        "tracking_statusupdate",
        "tracking_source",
        "tracking_trackeditem_topics",
        "directives_directive_promises",
        "directives_directive_addressed_parties",
        "directives_directive_programmes",
        "directives_directive_addressed_leaders",
        "directives_directive",
        "promises_promise",
        "tracking_trackeditem",
        "politics_programme",
        "politics_election",
        "politics_partyname",
        "politics_partyalias",
        "politics_party",
        "politics_leaderalias",
        "politics_office",
        "politics_leader",
        "politics_topic",
    ]
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE " + ", ".join(tables) + " RESTART IDENTITY CASCADE")
        editor, _ = get_user_model().objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
        topics = Topic.objects.bulk_create([Topic(name=f"Topic {n}", slug=f"topic-{n}") for n in range(20)])
        leaders = Leader.objects.bulk_create(
            [
                Leader(full_name=f"Leader Number{n}", slug=f"leader-{n}", country="Kazakhstan")
                for n in range(SIZES["leaders"])
            ]
        )
        LeaderAlias.objects.bulk_create([LeaderAlias(leader=leader, alias=f"L{leader.pk}") for leader in leaders])
        parties = Party.objects.bulk_create(
            [Party(name=f"Party {n}", slug=f"party-{n}", country="Kazakhstan") for n in range(SIZES["parties"])]
        )
        PartyName.objects.bulk_create(
            [
                PartyName(
                    party=party,
                    name=f"Old Party {party.pk}",
                    valid_from=datetime.date(2000, 1, 1),
                    valid_to=datetime.date(2015, 1, 1),
                )
                for party in parties
            ]
        )
        elections = Election.objects.bulk_create(
            [
                Election(
                    name=f"Election {year}",
                    slug=f"election-{year}",
                    country="Kazakhstan",
                    held_on=datetime.date(year, 3, 20),
                )
                for year in range(2012, 2024, 3)
            ]
        )
        programmes = Programme.objects.bulk_create(
            [
                Programme(
                    title=f"{party.name} programme {election.held_on.year}",
                    slug=f"{party.slug}-{election.slug}",
                    party=party,
                    election=election,
                    published_on=election.held_on - datetime.timedelta(days=40),
                )
                for party in parties
                for election in elections
            ]
        )
        today = datetime.date.today()
        promises = []
        for n in range(SIZES["promises"]):
            programme = rng.choice(programmes)
            made_on = programme.published_on
            promises.append(
                Promise(
                    title=f"Build {n} schools in region {n % 17}",
                    slug=f"promise-{n}",
                    quote=f"We will build {n} schools in region {n % 17} and train their teachers.",
                    programme=programme,
                    party=programme.party,
                    made_on=made_on,
                    target_date=made_on + datetime.timedelta(days=rng.randint(200, 2500)) if n % 3 else None,
                    is_published=n % 20 != 0,
                )
            )
        promises = Promise.objects.bulk_create(promises, batch_size=2000)
        directives = []
        for n in range(SIZES["directives"]):
            issued_on = today - datetime.timedelta(days=rng.randint(30, 4000))
            directives.append(
                Directive(
                    action=f"Review structure {n}",
                    slug=f"directive-{n}",
                    quote=f"The president instructed the government to review structure {n}.",
                    issuer=leaders[n % 50 if n % 4 else rng.randrange(len(leaders))],
                    issued_on=issued_on,
                    deadline=issued_on + datetime.timedelta(days=rng.randint(30, 700)) if n % 2 else None,
                    is_published=n % 20 != 0,
                )
            )
        directives = Directive.objects.bulk_create(directives, batch_size=2000)
        TrackedItem.topics.through.objects.bulk_create(
            [
                TrackedItem.topics.through(trackeditem_id=item.pk, topic_id=topics[n % len(topics)].pk)
                for items in (promises, directives)
                for n, item in enumerate(items, start=1)
            ],
            batch_size=5000,
        )
        Directive.addressed_parties.through.objects.bulk_create(
            [
                Directive.addressed_parties.through(directive_id=d.pk, party_id=parties[d.pk % len(parties)].pk)
                for d in directives
            ],
            batch_size=5000,
        )
        Directive.promises.through.objects.bulk_create(
            [
                Directive.promises.through(directive_id=d.pk, promise_id=promises[(d.pk * 7) % len(promises)].pk)
                for d in directives[::2]
            ],
            batch_size=5000,
        )
        per_kind = SIZES["updates"] // 2
        for items, start_field in ((promises, "made_on"), (directives, "issued_on")):
            updates = []
            for item in rng.sample(items, len(items)):
                remaining = per_kind - len(updates)
                if remaining <= 0:
                    break
                start = getattr(item, start_field)
                length = min(rng.randint(1, 5), remaining, (today - start).days - 1)
                days = sorted(rng.sample(range(1, (today - start).days), length))
                for day, (old, new) in zip(days, _status_chain(rng, length), strict=True):
                    updates.append(
                        StatusUpdate(
                            item_id=item.pk,
                            on=start + datetime.timedelta(days=day),
                            old_status=old,
                            new_status=new,
                            explanation="According to the ministry's report.",
                            editor=editor,
                        )
                    )
            created = StatusUpdate.objects.bulk_create(updates, batch_size=5000)
            # Each item's updates were appended in date order: the last one is its current status,
            # which the record service would have copied onto the item.
            newest = {update.item_id: update for update in created}
            rated = [item for item in items if item.pk in newest]
            for item in rated:
                item.current_status, item.status_changed_on = newest[item.pk].new_status, newest[item.pk].on
            TrackedItem.objects.bulk_update(rated, ["current_status", "status_changed_on"], batch_size=2000)
            Evidence.objects.bulk_create(
                [Evidence(update=u, url=f"https://news.example/{u.pk}", title=f"Report {u.pk}") for u in created],
                batch_size=5000,
            )
    with connection.cursor() as cursor:
        # As autovacuum would have by then: statistics, and the visibility map that index-only scans need.
        cursor.execute("VACUUM ANALYZE")


# --- the server and the load ---------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def collect_static():
    static_root = OUT / "static"
    env = server_env(page_cache=True, static_root=static_root)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    return static_root


def server_env(*, page_cache, static_root):
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "STATIC_ROOT": str(static_root),
            "PUBLIC_PAGE_CACHE": "1" if page_cache else "0",
            # Plain HTTP on loopback: no redirect to HTTPS, no proxy header.
            "SECURE_SSL_REDIRECT": "0",
            "BEHIND_TLS_PROXY": "0",
            "SECURE_HSTS_SECONDS": "0",
            "AXES_ENABLED": "0",
            # One client (wrk) asks for everything: lift its limits so the endpoints are measured, not
            # the 429s. The throttle is still counted on every request, as in production (a Redis sorted
            # set per window, core/throttling.py); per second, so it holds a second of requests.
            "API_ANON_RATE": "1000000000/second",
            "PAGE_RENDER_RATE": "1000000000/second",
        }
    )
    return env


class Server:
    """gunicorn with 2 workers on a free loopback port, stopped on exit."""

    def __init__(self, *, page_cache, static_root, workers=2):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        OUT.mkdir(parents=True, exist_ok=True)
        self.log_file = open(OUT / f"gunicorn-{'cached' if page_cache else 'uncached'}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--access-logfile",
                "-",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=server_env(page_cache=page_cache, static_root=static_root),
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        self._wait()

    def _wait(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.log_file.name}")
            try:
                with urllib.request.urlopen(self.base + "/ping/", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 30 s")

    def get(self, path):
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return response.status, response.read()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log_file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def flush_cache():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _millis(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(match.group(1)) * _UNITS[match.group(2)]


def wrk(url, *, duration=DURATION, connections=CONNECTIONS):
    """Requests per second, p50 and p99 latency in ms, and the count of non-2xx answers."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    if urlparse(url).hostname not in {"127.0.0.1", "localhost"}:
        raise SystemExit("the load generator only targets loopback")
    output = subprocess.run(
        ["wrk", "--latency", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _millis(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = _millis(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {"rps": rps, "p50": p50, "p99": p99, "errors": int(errors.group(1)) if errors else 0}


def measure(server, paths, label):
    """wrk on each of ``paths`` (name -> path), after one request that warms the cache (when it is
    on) and checks the answer is a 200, each between two readings of the trivial view on the same
    server: the machine's speed drifts within a run (by a third in a minute, seen here), so each
    path is compared with the readings beside it. Each result's ``yardstick`` is the faster of them."""
    results = {}
    trivial = wrk(server.base + "/ping/")
    print_row(f"trivial view ({label})", trivial)
    for name, path in paths.items():
        status, _ = server.get(path)
        assert status == 200, (path, status)
        result = results[name] = wrk(server.base + path)
        print_row(f"{name} ({label})", result)
        before, trivial = trivial, wrk(server.base + "/ping/")
        print_row(f"trivial view ({label})", trivial)
        result["yardstick"] = max(before["rps"], trivial["rps"])
    return results


def side_by_side(paths):
    """Each of ``paths`` computed on every request (the public cache off), then served from the
    cache, each between two readings of the trivial view (which never touches the cache); prints
    ``uncached_ratio=`` and ``ratio=``: the worst path's throughput over the faster trivial reading
    beside it. Also prints the ratios against the fastest trivial reading of the whole run (how this
    script reckoned before: one drift upwards anywhere in the run lowers every ratio)."""
    static_root = collect_static()
    flush_cache()
    with Server(page_cache=False, static_root=static_root) as server:
        uncached = measure(server, paths, "uncached")
    flush_cache()
    with Server(page_cache=True, static_root=static_root) as server:
        cached = measure(server, paths, "cached")
    fastest = max(result["yardstick"] for results in (uncached, cached) for result in results.values())
    for label, results in (("uncached_ratio", uncached), ("ratio", cached)):
        ratios = {name: result["rps"] / result["yardstick"] for name, result in results.items()}
        worst = min(ratios, key=ratios.get)
        log(
            f"{label}: worst is {worst}; against the fastest trivial reading of the run: "
            f"{min(result['rps'] for result in results.values()) / fastest:.3f}"
        )
        print(f"{label}={ratios[worst]:.3f}", flush=True)


def print_row(name, result):
    errors = f"  errors={result['errors']}" if result["errors"] else ""
    print(
        f"{name:<28} {result['rps']:>9.1f} req/s   p50 {result['p50']:>7.2f} ms   p99 {result['p99']:>7.2f} ms{errors}",
        flush=True,
    )
