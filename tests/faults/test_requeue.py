"""The recovery sweep that queues again the articles whose task was lost (sources.services.articles_requeue_stale,
sources.tasks.requeue_stale), and what enqueueing does when the broker is unreachable."""

from datetime import timedelta

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from sources import services, tasks
from sources.models import Article
from sources.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
OLD = timedelta(minutes=15)


def aged(state, minutes, **fields):
    article = ArticleFactory(state=state, **fields)
    Article.objects.filter(pk=article.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))
    return article


def test_stale_pending_and_fetched_articles_are_requeued_fresh_ones_and_finished_ones_are_not():
    pending = aged(Article.State.PENDING, 20)
    fetched = aged(Article.State.FETCHED, 20)
    aged(Article.State.PENDING, 1)
    aged(Article.State.DONE, 60)
    aged(Article.State.FAILED, 60)
    to_fetch, to_read = services.articles_requeue_stale(older_than=OLD)
    assert (to_fetch, to_read) == ([pending.pk], [fetched.pk])


def test_a_requeued_article_is_not_requeued_again_before_the_delay_has_passed_again():
    pending = aged(Article.State.PENDING, 20)
    assert services.articles_requeue_stale(older_than=OLD) == ([pending.pk], [])
    assert services.articles_requeue_stale(older_than=OLD) == ([], [])
    later = timezone.now() + OLD + timedelta(minutes=1)
    assert services.articles_requeue_stale(older_than=OLD, now=later) == ([pending.pk], [])


def test_a_fetch_whose_worker_died_is_requeued_once_its_claim_has_lapsed(settings):
    lease = services.claim_lease()
    dead = aged(Article.State.FETCHING, 0, claimed_at=timezone.now() - lease - timedelta(seconds=1))
    aged(Article.State.FETCHING, 0, claimed_at=timezone.now() - timedelta(seconds=30))  # its worker is still at it
    assert services.articles_requeue_stale(older_than=OLD) == ([dead.pk], [])


def test_the_requeued_article_is_fetched_by_the_claim_as_any_pending_one(monkeypatch):
    pending = aged(Article.State.PENDING, 20, url="https://news.example/requeued")
    services.articles_requeue_stale(older_than=OLD)
    fetched = []

    def fetch(url, **kwargs):
        fetched.append(url)
        raise services.FetchError("gone")

    monkeypatch.setattr(services, "fetch", fetch)
    assert services.article_fetch(pending.pk).state == "failed"
    assert services.article_fetch(pending.pk).state == "skipped"  # a second delivery does nothing
    assert fetched == ["https://news.example/requeued"]


def test_with_the_broker_down_enqueued_articles_stay_pending_with_the_reason(monkeypatch):
    first, second = aged(Article.State.PENDING, 0), aged(Article.State.PENDING, 0)
    sent = []

    def delay(article_id):
        if sent:
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        sent.append(article_id)

    monkeypatch.setattr(tasks.fetch_article, "delay", delay)
    tasks.enqueue(tasks.fetch_article, [first.pk, second.pk])
    first.refresh_from_db()
    second.refresh_from_db()
    assert sent == [first.pk] and first.error == ""
    assert second.state == Article.State.PENDING
    assert "broker unavailable" in second.error and "Connection refused" in second.error
