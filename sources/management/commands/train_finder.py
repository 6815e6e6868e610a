"""``manage.py train_finder``: rebuild the statement finder's weights from annotated articles.

python manage.py train_finder            # write sources/statements/weights.json
python manage.py train_finder --check    # exit 1 if the committed file differs from a fresh build
python manage.py train_finder --reviews  # also learn from editors' decisions in the review queue
"""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sources.statements import model, training

SEED = Path(settings.BASE_DIR) / "sources" / "corpus" / "seed-trend-2022-01-28.json"
FIXTURES = Path(settings.BASE_DIR) / "sources" / "tests" / "fixtures" / "articles"
TOLERANCE = 1e-4  # weights are rounded to 5 decimals; a last-digit difference is the same model


class Command(BaseCommand):
    help = "Rebuild the statement finder's weights (a JSON file) from annotated articles and editors' decisions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus",
            default=settings.FINDER_CORPUS,
            help="The annotated development corpus (a folder of JSON files).",
        )
        parser.add_argument(
            "--reviews", action="store_true", help="Also train on editors' accepted, merged and rejected candidates."
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Build, compare with the committed weights, write nothing; exit 1 if they differ.",
        )
        parser.add_argument("--output", default=str(model.WEIGHTS_PATH), help="Where to write the weights.")

    def handle(self, *args, corpus: str, reviews: bool, check: bool, output: str, **options):
        folder = Path(corpus)
        if not folder.is_dir() or not any(folder.glob("*.json")):
            raise CommandError(f"no annotated articles in {folder} (set FINDER_CORPUS or pass --corpus)")
        dev, others = training.default_sources(folder, SEED, FIXTURES)
        judged = self._reviews() if reviews else []
        self.stderr.write(
            f"Training on {len(dev)} development articles, {len(others)} others, {len(judged)} judged sentences ..."
        )
        weights, card = training.build(dev, others, judged)
        at = card.get("at_threshold", {})
        self.stderr.write(
            f"Cross-validated (leave one article out): precision {at.get('precision')}, recall {at.get('recall')}, "
            f"typed F1 {at.get('typed_f1')}, speaker {at.get('speaker_accuracy')} at confidence ≥ {weights.threshold}; "
            f"review queue threshold {card['review_threshold']}."
        )
        if check:
            self._check(weights, Path(output))
            return
        Path(output).write_text(weights.to_json(), encoding="utf-8")
        self.stdout.write(f"Wrote {output} ({len(weights.weights)} features).")

    def _check(self, weights, path: Path):
        try:
            committed = model.Weights.from_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"cannot read the committed weights {path}: {error}") from error
        problems = differences(committed, weights)
        if problems:
            self.stderr.write(f"{path} differs from a fresh build ({len(problems)} differences), e.g.:")
            for line in problems[:10]:
                self.stderr.write("  " + line)
            self.stderr.write("Run `python manage.py train_finder` and commit the file.")
            sys.exit(1)
        self.stdout.write(f"{path} is what a fresh build gives.")

    def _reviews(self):
        from sources.actors import current_actors
        from sources.models import Article, Candidate

        judged_states = {Candidate.State.ACCEPTED, Candidate.State.MERGED, Candidate.State.REJECTED}
        articles = Article.objects.filter(candidates__state__in=judged_states).distinct()
        actors = current_actors()
        rows = []
        for article in articles.iterator():
            judgements = {
                (c.start, c.end): c.kind if c.state != Candidate.State.REJECTED else "none"
                for c in article.candidates.filter(state__in=judged_states)
            }
            rows += training.judged_rows(article.text, judgements, on=article.published_on, actors=actors)
        return rows


def differences(old: model.Weights, new: model.Weights) -> list[str]:
    """What differs between two sets of weights, beyond rounding."""
    out = []
    if old.threshold != new.threshold:
        out.append(f"threshold {old.threshold} != {new.threshold}")
    if old.card.get("review_threshold") != new.card.get("review_threshold"):
        out.append(f"review threshold {old.card.get('review_threshold')} != {new.card.get('review_threshold')}")
    for name in sorted(set(old.weights) | set(new.weights)):
        a, b = old.weights.get(name, [0.0] * 3), new.weights.get(name, [0.0] * 3)
        if any(abs(x - y) > TOLERANCE for x, y in zip(a, b, strict=True)):
            out.append(f"{name}: {a} != {b}")
    if any(abs(x - y) > TOLERANCE for x, y in zip(old.intercept, new.intercept, strict=True)):
        out.append(f"intercept: {old.intercept} != {new.intercept}")
    return out


