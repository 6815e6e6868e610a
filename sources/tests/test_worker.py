"""The ingest flow through a real Celery worker on the real Redis and PostgreSQL."""

import pytest

from sources import services, tasks
from sources.models import Article, Candidate
from sources.tests.factories import ArticleFactory
from tests.services import wait_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]

FINAL = {Article.State.DONE, Article.State.FAILED, Article.State.DUPLICATE}


def pending(url):
    return ArticleFactory(url=url, title="", text="", content_hash="", state=Article.State.PENDING)


def settled(article, *, timeout=30, states=FINAL):
    def done():
        article.refresh_from_db()
        return article.state in states

    wait_for(done, timeout=timeout, message=f"article {article.pk} to settle")
    return article


def test_the_seed_article_goes_from_feed_to_candidates_through_the_worker(web, celery_worker, tokayev_and_nur_otan):
    tokayev, nur_otan = tokayev_and_nur_otan
    services.feed_add(url=web.url("/pages/seed.rss"))
    tasks.poll_feeds.delay()
    article = settled(wait_for(lambda: Article.objects.first(), message="the feed's article"))
    assert article.state == Article.State.DONE, celery_worker.output()[-3000:]
    directives = article.candidates.filter(kind=Candidate.Kind.DIRECTIVE, speaker=tokayev, addressee_party=nur_otan)
    assert directives.count() >= 9


def test_404_is_recorded_and_not_retried(web, celery_worker):
    article = pending(web.url("/status/404"))
    tasks.fetch_article.delay(article.pk)
    settled(article)
    assert (article.state, article.http_status, article.attempts) == (Article.State.FAILED, 404, 1)
    assert web.hits["/status/404"] == 1


def test_503_is_retried_with_backoff_then_recorded(web, celery_worker):
    article = pending(web.url("/status/503"))
    tasks.fetch_article.delay(article.pk)
    settled(article, timeout=60)
    assert (article.state, article.http_status) == (Article.State.FAILED, 503)
    assert web.hits["/status/503"] == tasks.fetch_article.max_retries + 1, celery_worker.output()[-4000:]
    assert "Retry in" in celery_worker.output()


def test_503_then_200_is_fetched_on_the_retry(web, celery_worker):
    article = pending(web.url("/flaky/w"))
    tasks.fetch_article.delay(article.pk)
    settled(article)
    assert article.state == Article.State.DONE
    assert web.hits["/flaky/w"] == 2


def test_the_same_task_enqueued_twice_fetches_once(web, celery_worker):
    article = pending(web.url("/pages/seed.html"))
    tasks.fetch_article.delay(article.pk)
    tasks.fetch_article.delay(article.pk)
    tasks.find_statements.delay(article.pk)
    settled(article)
    count = article.candidates.count()
    # A marker task behind the duplicates: once it ran, they all have.
    marker = pending(web.url("/pages/cabinet.html"))
    tasks.fetch_article.delay(marker.pk)
    settled(marker)
    assert web.hits["/pages/seed.html"] == 1
    assert article.candidates.count() == count > 0


def test_a_worker_killed_mid_fetch_loses_nothing_and_the_article_is_fetched_once(web, celery_worker):
    article = pending(web.url("/hang/kill"))
    tasks.fetch_article.delay(article.pk)
    wait_for(lambda: web.hits["/hang/kill"] == 1, message="the worker to start fetching")
    celery_worker.kill()
    web.release("kill")  # the next request is answered at once
    article.refresh_from_db()
    assert article.state == Article.State.FETCHING
    celery_worker.start()
    settled(article, timeout=60)
    assert article.state == Article.State.DONE, celery_worker.output()[-3000:]
    assert web.hits["/hang/kill"] == 2  # the killed attempt, then one fetch
    candidates = article.candidates.count()
    # Nothing else is waiting to fetch it again.
    marker = pending(web.url("/pages/cabinet.html"))
    tasks.fetch_article.delay(marker.pk)
    settled(marker)
    assert web.hits["/hang/kill"] == 2 and article.candidates.count() == candidates


def test_a_task_whose_worker_keeps_dying_is_given_up_with_the_reason_on_the_article(web, celery_worker, settings):
    """acks_late hands the task of a dead worker to the next one: a document that kills every worker
    (out of memory) would loop. Here the limit is one delivery: the first worker is killed
    mid-fetch, and the redelivery gives up instead of fetching again (issue 13, finding 2)."""
    article = pending(web.url("/hang/dies"))
    tasks.fetch_article.delay(article.pk)
    wait_for(lambda: web.hits["/hang/dies"] == 1, message="the worker to start fetching")
    celery_worker.kill()
    celery_worker.env = {**celery_worker.env, "INGEST_MAX_DELIVERIES": "1"}
    celery_worker.start()
    settled(article, timeout=60)
    assert article.state == Article.State.FAILED, celery_worker.output()[-3000:]
    assert article.error.startswith("gave up: 1 deliveries of fetch_article did not finish")
    assert web.hits["/hang/dies"] == 1  # given up, not fetched again
    assert "event=task_given_up" in celery_worker.output()
