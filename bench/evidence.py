"""Evidence suggestion: how good, and how fast against a large tracker.

    .venv/bin/python bench/evidence.py

Quality: the team's annotated set (evidence/tests/fixtures/evidence_set.json: 16 published items,
32 articles, 10 of them evidence for nothing; the 8 marked "heldout" were written after the
matcher's two cut-offs were chosen on the other 24, and are reported apart) is loaded beside the benchmark tracker of
bench/common.py (10,000 promises and 10,000 directives, 95 % published; BENCH_DATABASE_URL,
default mandate_bench on PostgreSQL), and each of its articles is matched against all of them.
precision@3 = the share of the suggestions in each article's top 3 that the set marks right;
recall@10 = the share of the set's (article, item) pairs found in the article's top 10.

Speed: the time to match one article against the ~19,000 published items (the index built once
per process, as in a worker: its build time is printed apart), and the time to build the index.
No assertions: figures belong here.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import log, prepare_data  # noqa: E402

PREFIX = "evbench"


def main() -> None:
    prepare_data()
    from django.db import transaction

    from evidence import services
    from evidence.models import Suggestion
    from evidence.tests import evidence_set
    from sources.statements import pipeline
    from tracking.models import TrackedItem

    with transaction.atomic():
        # The set of the last run, if any, goes first (its items are the only ones with this prefix).
        TrackedItem.objects.filter(slug__startswith=PREFIX).delete()
        from politics.models import Leader, Party
        from sources.models import Article

        Article.objects.filter(url__contains=f"/{PREFIX}/").delete()
        Leader.objects.filter(slug__startswith=PREFIX).delete()
        Party.objects.filter(slug__startswith=PREFIX).delete()
        loaded = evidence_set.load(PREFIX)
    published = TrackedItem.objects.filter(is_published=True).count()
    pipeline.nlp()

    started = time.perf_counter()
    services.current_index()
    build = time.perf_counter() - started
    log(f"index of {published} published items built in {build:.2f} s")

    timings, suggested = [], {}
    for key, article in loaded.articles.items():
        started = time.perf_counter()
        services.article_suggest_evidence(article.pk, rescan=True)
        timings.append(time.perf_counter() - started)
        suggested[key] = list(
            Suggestion.objects.filter(article=article).order_by("-score", "item_id").values_list("item_id", flat=True)
        )
    score = evidence_set.score(loaded, suggested)
    if "--verbose" in sys.argv:
        for key in suggested:
            rows = Suggestion.objects.filter(article=loaded.articles[key]).order_by("-score", "item_id")
            marks = [f"{s.item.slug}{'*' if s.item_id in loaded.relevant[key] else ''}:{s.score:.2f}" for s in rows]
            log(f"{key} relevant={sorted(loaded.relevant[key])} -> {' '.join(marks)}")
    timings.sort()
    median, worst = timings[len(timings) // 2], timings[-1]
    print(f"items={published} articles={len(timings)} pairs={score.relevant}")
    tuned = evidence_set.score(loaded, suggested, keys=set(loaded.articles) - loaded.heldout)
    held = evidence_set.score(loaded, suggested, keys=loaded.heldout)
    for label, s in (("all", score), ("chosen_on", tuned), ("heldout", held)):
        print(f"{label}: precision_at_3={s.precision_at_3:.2f} ({s.shown_right}/{s.shown}) "
              f"recall_at_10={s.recall_at_10:.2f} ({s.found}/{s.relevant})")
    print(f"ms_per_article_median={1000 * median:.1f} ms_per_article_max={1000 * worst:.1f} index_build_s={build:.2f}")


if __name__ == "__main__":
    main()
