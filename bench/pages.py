"""Throughput of the public pages under gunicorn (2 workers) on a large tracker, measured with wrk.

    .venv/bin/python bench/pages.py [--refill]

Rows: a trivial Django view, then the home page, a filtered list, a promise page
and a party page, each uncached (PUBLIC_PAGE_CACHE=0) and cached (the page cache on
Redis, warmed by one request). The last line is the worst cached page's throughput
as a fraction of the trivial view's."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Server, collect_static, flush_cache, prepare_data, print_row, wrk  # noqa: E402

PAGES = {
    "home": "/",
    "filtered list": "/promises/?party=party-7&status=in_progress&status=stalled&ordering=-made_on",
    "promise page": "/promises/promise-123/",
    "party page": "/parties/party-7/",
}


def measure(server, label):
    results = {}
    for name, path in PAGES.items():
        status, _ = server.get(path)  # warms the page cache, and checks the page works
        assert status == 200, (path, status)
        results[name] = wrk(server.base + path)
        print_row(f"{name} ({label})", results[name])
    return results


def main():
    prepare_data(refill="--refill" in sys.argv)
    static_root = collect_static()
    flush_cache()
    # The trivial view never touches the page cache; it is measured on both servers and the
    # faster run is the yardstick, so a burst of other load on the machine flatters no ratio.
    with Server(page_cache=False, static_root=static_root) as server:
        trivial = [wrk(server.base + "/ping/")]
        print_row("trivial view", trivial[0])
        uncached = measure(server, "uncached")
    flush_cache()
    with Server(page_cache=True, static_root=static_root) as server:
        cached = measure(server, "cached")
        trivial.append(wrk(server.base + "/ping/"))
        print_row("trivial view (again)", trivial[1])
    yardstick = max(result["rps"] for result in trivial)
    print(f"uncached_ratio={min(result['rps'] for result in uncached.values()) / yardstick:.3f}")
    print(f"ratio={min(result['rps'] for result in cached.values()) / yardstick:.3f}")


if __name__ == "__main__":
    main()
