"""Ingestion throughput: N generated articles served on loopback, through the whole
pipeline with a real Celery worker, against bare text extraction of the same pages.

    .venv/bin/python bench/ingest.py [-n 1000] [--profile]

    BENCH_INGEST_DATABASE_URL  default postgres://postgres@127.0.0.1:5432/mandate_bench_ingest (created if missing;
                               its articles, feeds and candidates are deleted at start)
    BENCH_INGEST_REDIS_URL     default redis://127.0.0.1:6379/9 (flushed at start)

Pipeline = one ``celery worker --pool=solo`` process: poll_feed (one feed of N entries)
→ N × fetch_article (HTTP GET on loopback, trafilatura) → N × find_statements
(statement finding with the known actors, candidates written). Bare extraction =
trafilatura.bare_extraction on the same N pages, already in memory, in this process.
Both are single processes, so the ratio is the pipeline's share of time spent on
extraction itself; it prints pipeline and extraction rates, then ``ratio=`` last.
``--profile`` also runs the same steps in-process under cProfile and prints where the
time goes.
"""

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("BENCH_INGEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mandate_bench_ingest")
REDIS_URL = os.environ.get("BENCH_INGEST_REDIS_URL", "redis://127.0.0.1:6379/9")
ENV = {
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "FETCH_ALLOWED_NETWORKS": "127.0.0.1/32",
    "LOG_LEVEL": "WARNING",
    "DEBUG": "1",
}


def log(message):
    print(message, file=sys.stderr, flush=True)


def ensure_database():
    import psycopg

    parsed = urlparse(DATABASE_URL)
    name = parsed.path.lstrip("/")
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            log(f"creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def setup():
    os.environ.update(ENV)
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    from politics.models import Leader, LeaderAlias, Office, Party, PartyName
    from sources.models import Article, Candidate, Feed

    Candidate.objects.all().delete()
    Article.objects.all().delete()
    Feed.objects.all().delete()
    tokayev, _ = Leader.objects.get_or_create(slug="tokayev", defaults={"full_name": "Kassym-Jomart Tokayev"})
    LeaderAlias.objects.get_or_create(leader=tokayev, alias="Tokayev")
    Office.objects.get_or_create(leader=tokayev, title="President", jurisdiction="Kazakhstan", start="2019-06-12")
    party, _ = Party.objects.get_or_create(slug="amanat", defaults={"name": "Amanat"})
    PartyName.objects.get_or_create(party=party, name="Nur Otan", valid_to="2022-03-01")


def bare_extraction_rate(pages):
    import trafilatura

    started = time.perf_counter()
    for page in pages:
        trafilatura.bare_extraction(page.decode(), with_metadata=True, include_comments=False, include_tables=False)
    return len(pages) / (time.perf_counter() - started)


def start_worker():
    log_path = ROOT / "bench" / "out" / "ingest-worker.log"
    log_path.parent.mkdir(exist_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "fetch,extract,default", "--pool=solo",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info"],
        cwd=ROOT, env={**os.environ, **ENV, "LOG_LEVEL": "INFO"}, stdout=log_path.open("w"), stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while "ready." not in log_path.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the worker did not start; see {log_path}")
        time.sleep(0.1)
    return process


def pipeline_rate(server, n):
    from sources import services, tasks
    from sources.models import Article

    final = [Article.State.DONE, Article.State.FAILED, Article.State.DUPLICATE]
    feed = services.feed_add(url=server.url(f"/gen-feed?n={n}"))
    worker = start_worker()
    try:
        started = time.perf_counter()
        tasks.poll_feed.delay(feed.pk)
        last_report = started
        while (done := Article.objects.filter(state__in=final).count()) < n:
            if time.perf_counter() - last_report > 5:
                log(f"  {done}/{n} articles")
                last_report = time.perf_counter()
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(30)
    failed = Article.objects.filter(state=Article.State.FAILED).count()
    return n / elapsed, failed


def profile(server, n):
    """The same steps, in-process, under cProfile: where the time goes."""
    from sources import services
    from sources.models import Article

    Article.objects.all().delete()
    feed = services.feed_add(url=server.url(f"/gen-feed?n={n}&profile=1"))
    profiler = cProfile.Profile()
    profiler.enable()
    result = services.feed_poll(feed.pk, force=True)
    for article_id in result.new_article_ids:
        services.article_fetch(article_id)
        services.article_find_statements(article_id)
    profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    total = stats.total_tt
    rows = {
        "fetch (httpx, loopback)": ("fetching.py", "fetch"),
        "extraction (trafilatura)": ("extraction.py", "extract_html"),
        "statement finding": ("statements.py", "find_statements"),
        "known actors (DB, cached)": ("actors.py", "current_actors"),
    }
    log(f"profile of {n} articles in-process: {total:.2f} s")
    for label, (filename, function) in rows.items():
        cumulative = sum(
            ct for (path, _, name), (_, _, _, ct, _) in stats.stats.items() if path.endswith(filename) and name == function
        )
        log(f"  {label:28} {cumulative:7.2f} s  {100 * cumulative / total:5.1f} %")
    stream.seek(0)
    stream.truncate()
    stats.sort_stats("cumulative").print_stats(25)
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    (ROOT / "bench" / "out" / "ingest-profile.txt").write_text(stream.getvalue())
    log("  full profile: bench/out/ingest-profile.txt")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--profile", action="store_true", help="also profile the steps in-process")
    args = parser.parse_args()
    setup()
    import httpx

    from sources.tests.webserver import WebServer

    server = WebServer().start()
    try:
        with httpx.Client() as client:
            pages = [client.get(server.url(f"/gen/{i}")).content for i in range(args.n)]
        log(f"{args.n} pages of {sum(map(len, pages)) // args.n} bytes on {server.base}")
        extraction = bare_extraction_rate(pages)
        log(f"bare extraction: {extraction:.1f} articles/s")
        pipeline, failed = pipeline_rate(server, args.n)
        if args.profile:
            profile(server, min(args.n, 300))
    finally:
        server.stop()
    print(f"articles={args.n} failed={failed}")
    print(f"pipeline_articles_per_s={pipeline:.1f}")
    print(f"extraction_articles_per_s={extraction:.1f}")
    print(f"ratio={pipeline / extraction:.3f}")


if __name__ == "__main__":
    main()
