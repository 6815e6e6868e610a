"""The ingest flow as Celery tasks: poll_feeds → poll_feed → fetch_article → find_statements.

Thin: each takes an id and calls the service that does the work (sources.services),
where the claims that make a second run do nothing live. ``acks_late`` (also the
project default) gives a task back to the queue when its worker dies. Only the
named transient errors are retried, with exponential backoff and a maximum; the
last attempt records the failure on the row instead of raising. Whatever comes
next is enqueued after the transaction that made it possible has committed.

The tasks about one row count their deliveries (``RowTask``): one whose worker keeps
dying is given up after ``INGEST_MAX_DELIVERIES``, with the reason on the row.
"""

import logging
from datetime import timedelta
from functools import partial

from celery import Task, shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnavailable

from . import services
from .fetching import FetchTransient
from .models import Article, Feed

logger = logging.getLogger(__name__)

RETRY = {
    "autoretry_for": (FetchTransient,),
    "retry_backoff": 10,  # seconds before the first retry, doubling (with jitter) up to the max
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 4,
}


def _last_attempt(task):
    return task.request.retries >= task.max_retries


def enqueue(task, article_ids):
    """``task.delay(id)`` for each article. With the broker unreachable the rest are left as they
    are, with the reason on the article, for ``requeue_stale`` to queue once it is back."""
    for n, article_id in enumerate(article_ids):
        try:
            task.delay(article_id)
        except BrokerUnavailable as error:
            left = list(article_ids[n:])
            reason = f"not queued for {task.name.rsplit('.', 1)[-1]}, broker unavailable ({error}); requeued later"
            Article.objects.filter(pk__in=left).update(error=reason[:2000])
            logger.warning("enqueue failed task=%s articles=%s reason=%s", task.name, len(left), error)
            return


class RowTask(Task):
    """A task about one row (its first argument is the row's id) that gives up on the row when the
    workers that run it keep dying.

    ``acks_late`` gives a task back to the queue when its worker dies: right when the worker died of
    something else, a loop when the task itself kills it (a document that exhausts the memory limit,
    the kernel kills the worker, the broker hands the task to the next one, and so on). So each
    delivery is counted, in the cache, per task, row and retry (a retry is a new delivery of its own),
    and a delivery that ends, by returning or raising, clears the count. What is counted is thus the
    deliveries in a row whose worker died; when this one would be one more than
    ``INGEST_MAX_DELIVERIES``, the task runs no more and ``give_up(row_id, reason)`` records the
    failure on the row.
    A requeued task (``requeue_stale``) is counted with the deliveries it repeats."""

    abstract = True
    give_up = None  # (row_id, reason) -> None, set by each task

    def __call__(self, *args, **kwargs):
        limit = settings.INGEST_MAX_DELIVERIES
        row_id = (args or tuple(kwargs.values()))[0]
        key = f"deliveries:{self.name}:{row_id}:{self.request.retries or 0}"
        cache.add(key, 0, timeout=7 * 24 * 3600)
        try:
            count = cache.incr(key)
        except ValueError:  # the cache is unreachable: count nothing, run
            count = 1
        if count > limit:
            reason = (
                f"gave up: {limit} deliveries of {self.name.rsplit('.', 1)[-1]} did not finish, their worker "
                "died (out of memory, or killed); the worker's log says more"
            )
            logger.error("event=task_given_up task=%s row=%s deliveries=%s", self.name, row_id, limit)
            self.give_up(row_id, reason)
            cache.delete(key)
            return None
        try:
            # self.run, not super().__call__(): that would push a request without the
            # delivery's retries over the one the worker pushed.
            return self.run(*args, **kwargs)
        finally:
            cache.delete(key)


@shared_task(acks_late=True)
def poll_feeds():
    """Fan out: one poll_feed per feed that is due (run by Celery beat)."""
    for feed_id in Feed.objects.due(timezone.now()).values_list("pk", flat=True):
        poll_feed.delay(feed_id)


@shared_task(bind=True, acks_late=True, base=RowTask, give_up=staticmethod(services.feed_give_up), **RETRY)
def poll_feed(self, feed_id):
    result = services.feed_poll(feed_id, final=_last_attempt(self))
    if result is None:
        return
    transaction.on_commit(partial(enqueue, fetch_article, result.new_article_ids))


@shared_task(bind=True, acks_late=True, base=RowTask, give_up=staticmethod(services.article_give_up), **RETRY)
def fetch_article(self, article_id):
    outcome = services.article_fetch(article_id, final=_last_attempt(self))
    if outcome.state == services.Fetched.FETCHED:
        transaction.on_commit(partial(enqueue, find_statements, [article_id]))
    elif outcome.state == services.Fetched.HELD and not self.app.conf.task_always_eager:
        # Another worker holds the claim. If it is alive it will finish and this
        # later run will find nothing to do; if it died, the claim will have
        # lapsed and this run takes over.
        fetch_article.apply_async((article_id,), countdown=outcome.retry_in)


@shared_task(bind=True, acks_late=True, base=RowTask, give_up=staticmethod(services.article_give_up))
def find_statements(self, article_id):
    services.article_find_statements(article_id)
    # What the layers above do with a read article (INGEST_FOLLOW_UPS, wired in config: suggesting
    # evidence), named rather than imported, as sources imports nothing above it.
    for name in settings.INGEST_FOLLOW_UPS:
        transaction.on_commit(partial(enqueue, self.app.tasks[name], [article_id]))


@shared_task(acks_late=True)
def requeue_stale(older_than_minutes=None):
    """Queue again the articles whose next step was lost (run by Celery beat): see
    ``services.articles_requeue_stale``."""
    minutes = settings.INGEST_REQUEUE_AFTER if older_than_minutes is None else older_than_minutes
    to_fetch, to_read = services.articles_requeue_stale(older_than=timedelta(minutes=minutes))
    enqueue(fetch_article, to_fetch)
    enqueue(find_statements, to_read)
