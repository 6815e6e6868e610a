"""How the time of statement finding, page extraction and feed parsing grows with the input.

    cd /work/main && .venv/bin/python bench/growth.py [--max 64] [--repeat 3]

Each step gets inputs 1x, 2x, 4x … 64x a base unit (the seed article and the fixture
articles for statement finding; a news page of paragraphs for extraction; a feed of 50
entries for parsing). It prints the best of ``--repeat`` times per size and the time
per unit: a flat per-unit column is linear growth. The last line per step, ``ratio=``,
is the per-unit cost at the largest size over the smallest (about 1 for linear time;
4x would be quadratic's 64 / 16 long before 64x). No assertion: timing lives here.
"""

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sources.extraction import extract  # noqa: E402
from sources.feeds import parse_feed  # noqa: E402
from sources.statements import find_statements  # noqa: E402
from sources.tests.webserver import generated_article  # noqa: E402


def statements_input(n):
    seed = (ROOT / "sources/corpus/seed-trend-2022-01-28.txt").read_text(encoding="utf-8")
    fixtures = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sources/tests/fixtures/articles").glob("*.txt"))]
    unit = "\n\n".join([seed, *fixtures])
    return "\n\n".join([unit] * n), len(unit)


def page_input(n):
    # n blocks of distinct paragraphs (extraction drops repeated ones), in one article.
    paragraphs = "".join(
        f"<p>Meeting {i}: the president instructed the government of region {i} to renovate {i % 90 + 10} schools, "
        f"the ministry said on day {i}; the governor promised a report by the end of quarter {i % 4 + 1}.</p>"
        for i in range(40 * n)
    )
    page = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Report</title></head><body>'
        f"<nav><a href='/'>Home</a></nav><article><h1>Report</h1>{paragraphs}</article><footer>Agency</footer></body></html>"
    ).encode()
    return page, len(page) // n


def feed_input(n):
    items = "".join(
        f"<item><title>Meeting {i} &amp; more</title><link>https://news.example/{i}?utm_source=rss</link>"
        f"<pubDate>Fri, 28 Jan 2022 10:00:00 GMT</pubDate><description>Summary {i}</description></item>"
        for i in range(50 * n)
    )
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{items}</channel></rss>'.encode()
    return feed, len(feed) // n


STEPS = {
    "statement finding": (statements_input, lambda text: find_statements(text, on=date(2022, 1, 28)), "chars"),
    "page extraction": (page_input, lambda page: extract(page, content_type="text/html"), "bytes"),
    "feed parsing": (feed_input, parse_feed, "bytes"),
}


def best_time(function, value, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(value)
        times.append(time.perf_counter() - started)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max", type=int, default=64, help="largest multiple of the base unit (default 64)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best is kept (default 3)")
    args = parser.parse_args()
    sizes = [n for n in (1, 2, 4, 8, 16, 32, 64, 128) if n <= args.max]
    generated_article(0)  # warm imports
    for name, (make, function, unit) in STEPS.items():
        function(make(1)[0])  # warm-up: imports, compiled patterns, caches
        print(f"\n{name}")
        print(f"{'size':>6} {unit:>12} {'seconds':>9} {'ms per 1x':>10}")
        per_unit = []
        for n in sizes:
            value, _unit_size = make(n)
            seconds = best_time(function, value, args.repeat if n <= 16 else 1)
            per_unit.append(seconds / n)
            print(f"{n:>5}x {len(value):>12} {seconds:>9.3f} {1000 * seconds / n:>10.2f}", flush=True)
        print(f"ratio={per_unit[-1] / per_unit[0]:.2f} (per-unit cost at {sizes[-1]}x over 1x)")


if __name__ == "__main__":
    main()
