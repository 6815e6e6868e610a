"""The statement finder's quality, measured honestly, and its speed.

    cd /work/main && .venv/bin/python bench/statements.py [--corpus DIR] [--no-speed]

Quality: leave-one-article-out cross-validation on the development corpus (``FINDER_CORPUS``,
default ``../shared/corpus/dev``): each article is scored by weights fitted on every other
article (plus the seed and the team's fixtures), so no article is scored by a model that saw it.
Printed at the thresholds from 0.05 to 0.95, with precision, recall, typed F1 and the share of
the statements found right whose speaker is right. Then the seed article, scored by the
committed weights (which were fitted on it: a fitted figure, shown because the issue asks for it).

Speed: characters per second of ``find_statements`` over the development corpus and over
growing inputs, on one thread, and the resident memory with the model loaded. No assertions:
figures belong here, not in the tests.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as a worker process has
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sources.statements import corpus, find_statements, model, pipeline, training  # noqa: E402

SEED = ROOT / "sources" / "corpus" / "seed-trend-2022-01-28.json"
FIXTURES = ROOT / "sources" / "tests" / "fixtures" / "articles"


def quality(folder: Path) -> None:
    dev_articles, others = training.default_sources(folder, SEED, FIXTURES)
    print(f"Development corpus: {len(dev_articles)} articles in {folder}; also trained on {len(others)} others.")
    dev = [training.featurize(a) for a in dev_articles]
    extra = [training.featurize(a) for a in others]
    t0 = time.perf_counter()
    found = training.cross_validate(dev, extra)
    print(f"Leave-one-article-out cross-validation ({time.perf_counter() - t0:.0f} s):")
    committed = model.current()
    for t in training.THRESHOLDS:
        tally = training.tally_at(dev, found, t)
        mark = (
            "  <- default threshold"
            if t == committed.threshold
            else "  <- review queue"
            if t == committed.card.get("review_threshold")
            else ""
        )
        print(f"  confidence >= {t:.2f}: {tally.line()}{mark}")
    seed = corpus.read_json_article(SEED, "seed")
    tally = corpus.score(seed, find_statements(seed.text, on=seed.on))
    nots = [s for s in find_statements(seed.text, on=seed.on) if any(corpus.overlap(s.quote, n) for n in seed.not_)]
    print(
        f"Seed article (fitted: the weights were trained on it): {tally.line()}; 'not' sentences returned: {len(nots)}"
    )


def speed(folder: Path) -> None:
    texts = [a.text for a in corpus.read_folder(folder, "dev")]
    pipeline.nlp()  # loading is not finding
    find_statements(texts[0])
    base = "\n\n".join(texts)
    print(f"{'input':>24} {'chars':>9} {'found':>6} {'seconds':>8} {'chars/s':>9}")
    for n in (1, 2, 4):
        _row(f"dev corpus x{n}", "\n\n".join([base] * n))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak resident memory with the model loaded, after reading the corpus 4 times over: {rss:.0f} MB")
    _row("1 sentence, 20,000 words", "President Tokayev called on the party to " + "work and " * 20_000 + "rest.")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak resident memory after the enormous sentence too: {rss:.0f} MB")


def _row(label: str, text: str) -> None:
    t0 = time.perf_counter()
    found = find_statements(text, on=date(2022, 1, 28))
    dt = time.perf_counter() - t0
    print(f"{label:>24} {len(text):>9} {len(found):>6} {dt:>8.2f} {len(text) / dt:>9.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", default=os.environ.get("FINDER_CORPUS", str(ROOT.parent / "shared" / "corpus" / "dev"))
    )
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-quality", action="store_true")
    args = parser.parse_args()
    folder = Path(args.corpus)
    if not args.no_quality:
        quality(folder)
    if not args.no_speed:
        speed(folder)


if __name__ == "__main__":
    main()
