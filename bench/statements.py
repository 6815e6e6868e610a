"""Time the statement finder on inputs of growing size, and report its quality.

    cd /work/main && .venv/bin/python bench/statements.py

Prints sentences/s and chars/s for the seed article repeated 1x..64x (plus one
enormous sentence): the rates stay flat as the input grows, i.e. time is linear.
Then the precision/recall tables of the fixture articles and of the held-out rounds 3 to 8.  No assertions: timing
belongs here, not in the tests.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sources.statements import find_statements, split_sentences  # noqa: E402


def main() -> None:
    seed = json.loads((ROOT / "sources" / "corpus" / "seed-trend-2022-01-28.json").read_text(encoding="utf-8"))["text"]
    fixtures = "\n\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "sources/tests/fixtures/articles").glob("*.txt"))
    )
    base = seed + "\n\n" + fixtures
    print(f"{'input':>22} {'chars':>9} {'sentences':>9} {'found':>6} {'seconds':>8} {'sent/s':>8} {'chars/s':>9}")
    for n in (1, 2, 4, 8, 16, 32, 64):
        _row(f"articles x{n}", "\n\n".join([base] * n))
    for n in (10_000, 100_000):
        _row(f"1 sentence, {n} words", "President Tokayev called on the party to " + "work and " * n + "rest.")
    try:
        from sources.tests.test_statements import HELDOUT_ROUNDS, fixture_report

        print()
        print(fixture_report()[1])
        for held_out in HELDOUT_ROUNDS:
            print(f"\nheld-out, {held_out.label}")
            print(fixture_report(held_out.folder)[1])
    except Exception as exc:  # the report is a bonus; the timings stand alone
        print("fixture report unavailable:", exc)


def _row(label: str, text: str) -> None:
    t0 = time.perf_counter()
    found = find_statements(text, on=date(2022, 1, 28))
    dt = time.perf_counter() - t0
    sentences = len(split_sentences(text))
    print(
        f"{label:>22} {len(text):>9} {sentences:>9} {len(found):>6} {dt:>8.2f} {sentences / dt:>8.0f} {len(text) / dt:>9.0f}"
    )


if __name__ == "__main__":
    main()
