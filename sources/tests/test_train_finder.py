"""Training the statement finder: deterministic, checkable, and learning from editors' decisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sources.management.commands.train_finder import differences
from sources.models import Candidate
from sources.statements import corpus, model, training
from sources.tests.factories import ArticleFactory, CandidateFactory

HERE = Path(__file__).parent
SEED = HERE.parent / "corpus" / "seed-trend-2022-01-28.json"
SOME_FIXTURES = sorted((HERE / "fixtures" / "articles").glob("*.json"))[:4]


def small_build():
    articles = [corpus.read_json_article(SEED, "seed")] + [corpus.read_json_article(p, "fixture") for p in SOME_FIXTURES]
    weights, _ = training.build(articles[:2], articles[2:], measure=True)
    return weights


def test_training_twice_on_the_same_articles_gives_the_same_file():
    assert small_build().to_json() == small_build().to_json()


def test_the_check_sees_a_weight_that_moved_and_ignores_rounding():
    weights = model.current()
    same = model.Weights.from_json(weights.to_json())
    name = next(iter(same.weights))
    same.weights[name] = [w + 0.00004 for w in same.weights[name]]
    assert differences(weights, same) == []
    moved = model.Weights.from_json(weights.to_json())
    moved.weights[name] = [w + 0.01 for w in moved.weights[name]]
    assert [line.split(": [")[0] for line in differences(weights, moved)] == [name]


def test_train_finder_refuses_a_corpus_folder_without_articles(tmp_path):
    with pytest.raises(CommandError, match="no annotated articles"):
        call_command("train_finder", "--check", "--corpus", str(tmp_path))


@pytest.mark.django_db
def test_editors_decisions_become_training_rows_of_their_kind():
    text = (
        "President Amara Okafor instructed the finance ministry to publish the budget by June.\n\n"
        "Heavy rain flooded several streets in the capital on Friday."
    )
    article = ArticleFactory(text=text)
    first, second = text.split("\n\n")
    start = text.index(second)
    CandidateFactory(article=article, sentence=first, start=0, end=len(first), state=Candidate.State.ACCEPTED)
    CandidateFactory(
        article=article, sentence=second, start=start, end=start + len(second), state=Candidate.State.REJECTED
    )
    CandidateFactory(article=ArticleFactory(text="Nobody judged this one yet."), state=Candidate.State.NEW)
    from sources.management.commands.train_finder import Command

    rows = Command()._reviews()
    assert sorted((r.quote, r.label) for r in rows) == sorted([(first, "directive"), (second, "none")])
    assert all(r.features for r in rows)


def test_the_committed_weights_are_plain_json_with_their_thresholds():
    data = json.loads(model.WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert set(data) == {"card", "classes", "threshold", "intercept", "weights"}
    assert data["card"]["review_threshold"] <= data["threshold"]
