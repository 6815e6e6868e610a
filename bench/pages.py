"""Throughput of the public pages under gunicorn (2 workers) on a large tracker, measured with wrk.

    .venv/bin/python bench/pages.py [--refill]

Rows: a trivial Django view, then the home page, a filtered list, a promise page
and a party page, each uncached (PUBLIC_PAGE_CACHE=0) and cached (the page cache on
Redis, warmed by one request). The last lines are the worst page's throughput as a
fraction of the trivial view's, uncached (``uncached_ratio=``) and cached (``ratio=``),
each page against the faster of the trivial view's readings just before and after it."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import prepare_data, side_by_side  # noqa: E402

PAGES = {
    "home": "/",
    "filtered list": "/promises/?party=party-7&status=in_progress&status=stalled&ordering=-made_on",
    "promise page": "/promises/promise-123/",
    "party page": "/parties/party-7/",
}


def main():
    prepare_data(refill="--refill" in sys.argv)
    side_by_side(PAGES)


if __name__ == "__main__":
    main()
