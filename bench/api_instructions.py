"""What an API request costs in instructions: a count that the machine's other work does not move.

    .venv/bin/python bench/api_instructions.py [--requests 30] [--cached] [NAME ...]

On a shared virtual machine, times (even CPU times) of the same code swing by a third from one
run to the next; the number of instructions it executes does not. For each endpoint of
``bench/api_profile.py`` (all, or the NAMEs given), this runs Django's test client under
valgrind's cachegrind twice on the benchmark database of ``bench/common.py``: one process asks
the endpoint 10 times (warming), another 10 + ``--requests`` times; the difference, divided by
``--requests``, is what one request costs this process (PostgreSQL's and Redis's work excluded).
``--cached``: with the public cache on (a cached answer), else computed on every request.
Needs Debian's ``valgrind``; about half a minute per endpoint."""

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.api_profile import ENDPOINTS  # noqa: E402
from bench.common import OUT, prepare_data, server_env, setup_django  # noqa: E402

WARMING = 10


def ask(path, times):
    """In this process: the endpoint asked ``WARMING + times`` times (the valgrind side)."""
    import logging

    from django.test import Client

    logging.getLogger("mandate.request").setLevel(logging.WARNING)
    client = Client(HTTP_HOST="127.0.0.1")
    for _ in range(WARMING + times):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)


def instructions(path, times, cached):
    """Instructions executed by a process that starts Django and asks ``path`` ``WARMING + times`` times."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "BENCH_API_CACHED": "1" if cached else "0"}
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, __file__, "--ask", path, "--requests", str(times)],
        env=env, capture_output=True, text=True, check=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if not found:
        raise SystemExit(f"valgrind printed no instruction count:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*", help=f"endpoints, of: {', '.join(ENDPOINTS)} (default: all)")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--cached", action="store_true", help="with the public cache on")
    parser.add_argument("--ask", help=argparse.SUPPRESS)
    args = parser.parse_args()
    unknown = [name for name in args.names if name not in ENDPOINTS]
    if unknown:
        parser.error(f"unknown endpoint {unknown[0]!r}; choose from {', '.join(ENDPOINTS)}")
    cached = args.cached or os.environ.get("BENCH_API_CACHED") == "1"
    os.environ.update(server_env(page_cache=cached, static_root=OUT / "static"))
    if args.ask:
        setup_django()
        ask(args.ask, args.requests)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install -y valgrind)")
    prepare_data()
    for name in args.names or ENDPOINTS:
        path = ENDPOINTS[name]
        # A first process stores the answer (and warms what else persists between processes), so
        # that neither measured process is the one that computes it.
        instructions(path, 0, cached)
        per_request = (instructions(path, args.requests, cached) - instructions(path, 0, cached)) / args.requests
        print(f"{name:<11} {per_request / 1e6:7.2f} M instructions a request "
              f"({'cached' if cached else 'computed'})  {path}", flush=True)


if __name__ == "__main__":
    main()
