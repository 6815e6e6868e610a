"""Ingestion throughput: N generated articles served on loopback, through the whole
pipeline with a real Celery worker, against bare text extraction of the same pages.

    .venv/bin/python bench/ingest.py [-n 1000] [-c 2] [--profile]

    BENCH_INGEST_DATABASE_URL  default postgres://postgres@127.0.0.1:5432/mandate_bench_ingest (created if missing;
                               its articles, feeds and candidates are deleted at start)
    BENCH_INGEST_REDIS_URL     default redis://127.0.0.1:6379/9 (flushed at start)

The pages are generated like real news pages: 50–150 KB of HTML (navigation, inline
scripts and styles, related links, comments) around 3–8 KB of text taken from the
statement finder's test articles and background prose.

Pipeline = one ``celery worker`` consuming the fetch and extract queues with ``-c``
processes (default 2, prefork: one per core; ``-c 1`` is the solo pool): poll_feed
(one feed of N entries) → N × fetch_article (HTTP GET on loopback, trafilatura) → N ×
find_statements (statement finding with the known actors, candidates written). Bare
extraction = trafilatura.bare_extraction on the same N pages, already in memory, in
this one process. It prints pipeline and extraction rates, then ``ratio=`` last (with
``-c 2`` the pipeline has both cores, bare extraction one). ``--profile`` also runs the
same steps in-process under cProfile and prints where the time goes.
"""

import argparse
import cProfile
import io
import os
import pstats
import random
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse, urlsplit

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


# --- realistic generated pages ---------------------------------------------------
#
# A real news page is 50–150 KB of HTML around 3–8 KB of text: navigation, inline
# scripts and styles, related links, a comment thread, a footer. The pages below are
# made that way (sizes drawn per page), their text drawn from the paragraphs of the
# statement finder's test articles (real news prose, with the directives, promises
# and near misses it finds) after an opening with a directive and a promise, so
# extraction and statement finding do the work they would do on a real feed.

ARTICLES = [ROOT / "sources" / "corpus" / "seed-trend-2022-01-28.txt",
            *sorted((ROOT / "sources" / "tests" / "fixtures" / "articles").glob("*.txt"))]
WORDS = ("region budget council ministry reform school hospital road harvest tariff energy water transport "
         "digital youth pension housing export grain steel oil gas rail airport bridge clinic teacher doctor").split()


def _paragraphs():
    paragraphs = []
    for path in ARTICLES:
        paragraphs += [p.strip() for p in path.read_text().split("\n") if len(p.strip()) > 80]
    return paragraphs


BACKGROUND = [
    "Officials in the {a} department said the {b} programme would cost {n} million tenge over {m} years.",
    "According to the statistics committee, {a} output rose by {m}.{n} percent in the first quarter.",
    "Residents of the {a} district complained about the state of the {b} for the {m}th winter in a row.",
    "The {a} ministry did not respond to a request for comment on Tuesday.",
    "Local media reported that {n} people had attended the meeting on the {a} and {b}.",
    "Experts at the {a} institute warned that {b} prices could rise further if the {a} plan is delayed.",
    "The report, published on {m} March, covers {n} {b} projects in {m} regions.",
    "Critics say the {a} and {b} reforms have been discussed for years without visible results.",
]


def _background(rng):
    return " ".join(
        rng.choice(BACKGROUND).format(a=rng.choice(WORDS), b=rng.choice(WORDS), n=rng.randint(2, 900), m=rng.randint(2, 28))
        for _ in range(rng.randint(2, 5))
    )


def _script(rng, size):
    chunks, total = [], 0
    while total < size:
        name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
        chunk = (f"function {name}(e,t){{var n=document.querySelectorAll('.{name}');for(var i=0;i<n.length;i++)"
                 f"{{n[i].addEventListener('click',function(){{window.dataLayer.push({{event:'{name}',id:e+t+i}})}})}}"
                 f"return n.length*{rng.randint(1, 999)}}};")
        chunks.append(chunk)
        total += len(chunk)
    return "".join(chunks)


def _links(rng, count, prefix):
    return "".join(
        f'<li><a href="/{prefix}/{rng.randint(1, 99999)}">{" ".join(rng.choices(WORDS, k=rng.randint(3, 9))).capitalize()}'
        "</a></li>"
        for _ in range(count)
    )


def generated_page(n, paragraphs):
    """One news page, different for each ``n``: 50–150 KB of HTML, 3–8 KB of text."""
    rng = random.Random(n)
    day = n % 28 + 1
    text = [
        f"ASTANA, Jan. {day} — President Kassym-Jomart Tokayev chaired meeting number {n} of the Security Council "
        f"on the situation in region {n % 17}.",
        f"Tokayev instructed the government to prepare a plan for the renovation of {n} schools by the end of the year.",
        f"The Nur Otan party pledged to open {n % 40 + 2} new public receptions in the regions.",
    ]
    target = rng.randint(3000, 8000)
    quoted = iter(rng.sample(paragraphs, len(paragraphs)))
    while sum(map(len, text)) < target:
        # Half the paragraphs are the test articles' prose, half background of the kind that fills a news page.
        paragraph = next(quoted, None) if rng.random() < 0.5 else None
        text.insert(rng.randint(1, len(text)), paragraph or _background(rng))
    body = "".join(f"<p>{p}</p>" for p in text)
    comments = "".join(
        f'<div class="comment"><span class="author">reader{rng.randint(1, 9999)}</span><p>'
        f'{" ".join(rng.choices(WORDS, k=rng.randint(8, 40)))}.</p></div>'
        for _ in range(rng.randint(5, 40))
    )
    target_size = rng.randint(50_000, 150_000)
    head = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Security Council meeting {n} | Agency</title>'
        f'<meta property="article:published_time" content="2022-01-{day:02d}T10:00:00Z">'
        f'<meta name="description" content="Meeting {n}"><link rel="stylesheet" href="/static/site.css">'
        f"<style>{'.c%d{margin:0 auto;padding:4px 8px;font:14px/1.4 sans-serif;color:#333}' * rng.randint(60, 200)}"
        "</style>"
    )
    page = (
        f"{head}<script>window.dataLayer=[];</script></head><body>"
        f'<header><nav class="menu"><ul>{_links(rng, rng.randint(60, 180), "section")}</ul></nav></header>'
        f'<main><article><h1>Security Council meeting {n}</h1><div class="byline">By Agency staff</div>{body}</article>'
        f'<aside class="related"><h2>Related</h2><ul>{_links(rng, rng.randint(20, 60), "news")}</ul></aside>'
        f'<section class="comments"><h2>Comments</h2>{comments}</section></main>'
        f'<footer><ul>{_links(rng, rng.randint(30, 80), "about")}</ul><p>© Agency</p></footer>'
    )
    scripts = f"<script>{_script(rng, max(1000, target_size - len(page)))}</script>"
    return (page + scripts + "</body></html>").encode()


class PageServer(ThreadingHTTPServer):
    """The generated pages and their feed, made up front and served from memory on loopback."""

    daemon_threads = True

    def __init__(self, n):
        super().__init__(("127.0.0.1", 0), _PageHandler)
        paragraphs = _paragraphs()
        self.pages = [generated_page(i, paragraphs) for i in range(n)]
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def feed(self, count):
        items = "".join(
            f"<item><title>Meeting {i}</title><link>{self.url(f'/gen/{i}')}</link></item>" for i in range(count)
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Generated</title>{items}</channel></rss>'.encode()

    def url(self, path):
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def stop(self):
        self.shutdown()
        self.server_close()


class _PageHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = urlsplit(self.path).path
        if path == "/gen-feed":
            count = int(parse_qs(urlsplit(self.path).query).get("n", [len(self.server.pages)])[0])
            body, content_type = self.server.feed(count), "application/rss+xml"
        elif path.startswith("/gen/") and path[5:].isdigit() and int(path[5:]) < len(self.server.pages):
            body, content_type = self.server.pages[int(path[5:])], "text/html; charset=utf-8"
        else:
            body, content_type = b"not found", "text/plain"
        self.send_response(200 if content_type != "text/plain" else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


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


def start_worker(concurrency):
    log_path = ROOT / "bench" / "out" / "ingest-worker.log"
    log_path.parent.mkdir(exist_ok=True)
    pool = ["--pool=solo"] if concurrency == 1 else ["--pool=prefork", f"--concurrency={concurrency}"]
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "fetch,extract,default", *pool,
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info"],
        cwd=ROOT, env={**os.environ, **ENV, "LOG_LEVEL": "INFO"}, stdout=log_path.open("w"), stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while "ready." not in log_path.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the worker did not start; see {log_path}")
        time.sleep(0.1)
    return process


def pipeline_rate(server, n, concurrency):
    from sources import services, tasks
    from sources.models import Article

    final = [Article.State.DONE, Article.State.FAILED, Article.State.DUPLICATE]
    feed = services.feed_add(url=server.url(f"/gen-feed?n={n}"))
    worker = start_worker(concurrency)
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
    parser.add_argument("-c", "--concurrency", type=int, default=2,
                        help="worker processes (default 2, one per core; 1 = the solo pool)")
    args = parser.parse_args()
    setup()
    server = PageServer(args.n)
    try:
        pages = server.pages
        log(f"{args.n} pages of {sum(map(len, pages)) // args.n} bytes on average "
            f"({min(map(len, pages))}–{max(map(len, pages))})")
        extraction = bare_extraction_rate(pages)
        log(f"bare extraction: {extraction:.1f} articles/s")
        pipeline, failed = pipeline_rate(server, args.n, args.concurrency)
        if args.profile:
            profile(server, min(args.n, 300))
    finally:
        server.stop()
    print(f"articles={args.n} failed={failed} worker_processes={args.concurrency}")
    print(f"pipeline_articles_per_s={pipeline:.1f}")
    print(f"extraction_articles_per_s={extraction:.1f}")
    print(f"ratio={pipeline / extraction:.3f}")


if __name__ == "__main__":
    main()
