"""Fitting the weights, and measuring them honestly.

``build`` reads the annotated articles (the development corpus, the seed, the team's fixtures
and, optionally, editors' decisions), turns every sentence into features and a label (the kind of
the gold item it states, "none", or left out when the annotation says it may go either way),
measures the model by leave-one-article-out cross-validation on the development corpus — each
article scored by weights fitted without it — chooses the thresholds from those held-out
probabilities, then fits the weights on everything. The same inputs give the same file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import corpus, finder, model

C = 0.3  # inverse regularisation, chosen by cross-validation (see the card)
FIXTURE_WEIGHT = 1.0  # a sentence of the team's own fixtures weighs as much as a real one
REVIEW_RECALL = 0.9  # the review queue shows, by default, enough to find this share of statements
THRESHOLDS = [0.01, 0.02, 0.03, 0.04] + [round(0.05 * k, 2) for k in range(1, 20)]


@dataclass
class Row:
    """A sentence as training data: its features, its label, and what scoring needs."""

    features: dict
    label: str  # "none" | "directive" | "promise" | "either"
    quote: str
    speaker: str | None
    weight: float = 1.0
    span: tuple[int, int] = (0, 0)
    vetoed: bool = False  # never returned, whatever the model says (finder.vetoed)


@dataclass
class Document:
    article: corpus.Article
    rows: list[Row] = field(default_factory=list)


def featurize(article: corpus.Article, weight: float = 1.0, actors=()) -> Document:
    doc = Document(article)
    for reading in finder.read(article.text, on=article.on, actors=actors, country=article.country):
        s = reading.sentence
        quote = article.text[s.start : s.end]
        speaker = reading.speaker.entity.display if reading.speaker and reading.speaker.entity else None
        label = corpus.gold_kind(article, quote) or "none"
        doc.rows.append(Row(reading.features, label, quote, speaker, weight, (s.start, s.end), finder.vetoed(reading)))
    return doc


def judged_rows(
    text: str, judgements: dict[tuple[int, int], str], *, on=None, actors=(), weight: float = 1.0
) -> list[Row]:
    """Training rows from editors' decisions on one article's candidates: ``judgements`` maps a
    sentence's (start, end) to "directive" or "promise" (accepted or merged) or "none" (rejected).
    Sentences nobody judged are left out: an editor sees only what the finder proposed."""
    article = corpus.Article(name="review", text=text, on=on, gold=[])
    rows = featurize(article, weight, actors).rows
    out = []
    for row in rows:
        label = judgements.get(row.span)
        if label is not None:
            row.label = label
            out.append(row)
    return out


MIN_ARTICLES = 10  # a word is a feature only if the training articles of at least this many use it


def _fit(documents: Iterable[Document], extra: list[Row] = ()) -> model.Weights:
    documents = list(documents)
    # Words few articles use would learn an outlet's habits, not a statement's: they are left out.
    used: dict[str, int] = {}
    for d in documents:
        for word in {k for r in d.rows for k in r.features if k.startswith("w:")}:
            used[word] = used.get(word, 0) + 1
    rare = {word for word, n in used.items() if n < MIN_ARTICLES}
    rows = [r for d in documents for r in d.rows if r.label != "either"] + [r for r in extra if r.label != "either"]
    features = [{k: v for k, v in r.features.items() if k not in rare} if rare else r.features for r in rows]
    return model.fit(features, [r.label for r in rows], C=C, sample_weight=[r.weight for r in rows])


@dataclass
class _Found:
    kind: str
    quote: str
    speaker: str | None
    confidence: float


def cross_validate(dev: list[Document], others: list[Document], reviews: list[Row] = ()) -> list[list[_Found]]:
    """For each development article, what weights fitted without it find in it (at any confidence)."""
    out = []
    for i, held_out in enumerate(dev):
        weights = _fit([d for j, d in enumerate(dev) if j != i] + others, list(reviews))
        decisions = weights.decide([r.features for r in held_out.rows])
        out.append(
            [
                _Found(kind, r.quote, r.speaker, 0.0 if r.vetoed else confidence)
                for r, (kind, confidence, _) in zip(held_out.rows, decisions, strict=True)
            ]
        )
    return out


def tally_at(dev: list[Document], found: list[list[_Found]], threshold: float) -> corpus.Tally:
    total = corpus.Tally()
    for doc, candidates in zip(dev, found, strict=True):
        total.add(corpus.score(doc.article, [c for c in candidates if c.confidence >= threshold]))
    return total


def choose_thresholds(dev: list[Document], found: list[list[_Found]]) -> tuple[float, float, dict]:
    """The threshold of best typed F1 (what ``find_statements`` returns by default) and the highest
    threshold whose recall reaches REVIEW_RECALL (what the review queue shows by default)."""
    tallies = {t: tally_at(dev, found, t) for t in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda t: (round(tallies[t].f1, 3), t))
    review = max((t for t in THRESHOLDS if tallies[t].recall >= REVIEW_RECALL), default=THRESHOLDS[0])
    return best, review, tallies


def _figures(tally: corpus.Tally) -> dict:
    return {
        "precision": round(tally.precision, 3),
        "recall": round(tally.recall, 3),
        "typed_f1": round(tally.f1, 3),
        "speaker_accuracy": round(tally.speaker_accuracy, 3),
        "found": tally.found,
        "right": tally.right,
        "gold": tally.gold,
        "gold_found": tally.gold_found,
    }


def build(
    dev_articles: list[corpus.Article],
    other_articles: list[corpus.Article],
    reviews: list[Row] = (),
    *,
    measure: bool = True,
) -> tuple[model.Weights, dict]:
    """Cross-validate, choose the thresholds, fit on everything: the weights, with their card."""
    dev = [featurize(a) for a in dev_articles]
    others = [featurize(a, FIXTURE_WEIGHT if a.origin == "fixture" else 1.0) for a in other_articles]
    card = {
        "what": "multinomial logistic regression: none / directive / promise, per sentence",
        "trained_on": {
            "development corpus": len(dev),
            "seed and fixtures": len(others),
            "editors' decisions": len(reviews),
            "sentences": sum(len(d.rows) for d in dev + others) + len(reviews),
        },
        "C": C,
        "fixture_weight": FIXTURE_WEIGHT,
    }
    threshold, review = 0.5, 0.25
    if measure and dev:
        found = cross_validate(dev, others, reviews)
        threshold, review, tallies = choose_thresholds(dev, found)
        card["cross_validation"] = "leave one development article out: each article scored by weights fitted without it"
        card["at_threshold"] = _figures(tallies[threshold])
        card["at_review_threshold"] = _figures(tallies[review])
    weights = _fit(dev + others, list(reviews))
    weights.threshold = threshold
    card["review_threshold"] = review
    weights.card = card
    return weights, card


def default_sources(
    dev_dir: Path, seed: Path, fixtures: Path | None
) -> tuple[list[corpus.Article], list[corpus.Article]]:
    """The development corpus; the seed and the fixtures beside it."""
    dev = corpus.read_folder(dev_dir, "dev")
    others = [corpus.read_json_article(seed, "seed")]
    if fixtures is not None and fixtures.exists():
        others += corpus.read_folder(fixtures, "fixture")
    return dev, others
