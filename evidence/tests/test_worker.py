"""Suggesting evidence through a real Celery worker, after an ingested article's statements were found."""

import pytest

from evidence.models import Suggestion
from evidence.tests import evidence_set
from sources import tasks
from sources.models import Article
from tests.services import wait_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]


def test_a_real_worker_suggests_evidence_for_an_ingested_article(celery_worker):
    the_set = evidence_set.load()
    article = the_set.articles["a10"]  # measles vaccination
    Article.objects.filter(pk=article.pk).update(state=Article.State.FETCHED)
    tasks.find_statements.delay(article.pk)  # statement finding, then evidence suggestion
    wait_for(lambda: Suggestion.objects.filter(article=article).exists(), timeout=60, message="suggestions")
    best = Suggestion.objects.filter(article=article).order_by("-score").first()
    assert best.item_id == the_set.items[13].pk, celery_worker.output()[-3000:]
