"""A worker killed (SIGKILL) in the middle of each kind of task: when a worker is back, the task
completes once. (``fetch_article`` killed mid-download: sources/tests/test_worker.py.)

The tests' worker app gives tasks back to the queue 4 s after their worker died (the
broker's visibility timeout; an hour in production), and ``TEST_HANG_AT`` stops a worker
at a point inside a task for the test to kill it there."""

import datetime

import pytest

from sources.models import Article, Candidate, Feed
from sources.statements import find_statements
from sources.tests.factories import ArticleFactory
from tests.services import wait_for

from .conftest import hits_of

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.celery_worker]

FINAL = {Article.State.DONE, Article.State.FAILED, Article.State.DUPLICATE}


def all_settled(count):
    return Article.objects.count() == count and not Article.objects.exclude(state__in=FINAL).exists()


def feed(web, key, first, last):
    return Feed.objects.create(url=web.url(f"/feed/{key}?from={first}&to={last}"), poll_interval=30)


def test_a_worker_killed_mid_fan_out_of_poll_feeds_polls_every_feed_once(web, stack):
    feeds = [feed(web, f"fan{n}", 10 * n, 10 * n + 3) for n in range(3)]
    worker = stack.worker(TEST_HANG_AT="poll_feeds")
    stack.send("poll_feeds")
    wait_for(lambda: stack.reached("poll_feeds"), message="the fan-out to have queued its first feed")
    worker.kill()
    stack.worker()
    wait_for(lambda: all_settled(9), timeout=90, message="every article of the three feeds")

    assert hits_of(web, "/feed/") == {f"/feed/fan{n}": 1 for n in range(3)}
    assert hits_of(web, "/gen/") == {f"/gen/{10 * n + i}": 1 for n in range(3) for i in range(3)}
    assert set(Article.objects.values_list("state", flat=True)) == {Article.State.DONE}
    assert all(f.articles.count() == 3 for f in feeds)


def test_a_worker_killed_mid_poll_feed_leaves_the_feed_to_the_next_worker_which_polls_it_once(web, stack):
    polled = feed(web, "hang-poll", 0, 4)
    worker = stack.worker()
    stack.send("poll_feed", polled.pk)
    wait_for(lambda: web.hits["/feed/hang-poll"] == 1, message="the worker to request the feed")
    worker.kill()
    web.release("hang-poll")
    assert Article.objects.count() == 0
    stack.worker()
    wait_for(lambda: all_settled(4), timeout=90, message="the feed's four articles")

    assert web.hits["/feed/hang-poll"] == 2  # the killed attempt, then one poll
    assert hits_of(web, "/gen/") == {f"/gen/{n}": 1 for n in range(4)}
    polled.refresh_from_db()
    assert polled.state == Feed.State.OK and polled.articles.count() == 4


def test_a_worker_killed_mid_find_statements_creates_each_candidate_once(stack, tokayev_and_nur_otan):
    from django.conf import settings

    text = (settings.BASE_DIR / "sources/corpus/seed-trend-2022-01-28.txt").read_text(encoding="utf-8")
    article = ArticleFactory(
        url="https://en.trend.az/seed", text=text, state=Article.State.FETCHED, published_on=datetime.date(2022, 1, 28)
    )
    worker = stack.worker(TEST_HANG_AT="find_statements")
    stack.send("find_statements", article.pk)
    wait_for(lambda: stack.reached("find_statements"), message="the worker to be finding statements")
    worker.kill()
    assert not Candidate.objects.exists()
    stack.worker()

    def done():
        article.refresh_from_db()
        return article.state == Article.State.DONE

    wait_for(done, timeout=60, message="the article's statements")
    found = list(article.candidates.values_list("start", "end"))
    assert len(found) == len(set(found)) > 0
    # The same statements as one uninterrupted run finds (with the same actors, from the database).
    from sources.actors import current_actors

    kept = find_statements(text, on=article.published_on, actors=current_actors(), min_confidence=settings.FINDER_KEEP_ABOVE)
    expected = {(s.start, s.end) for s in kept}
    assert set(found) == expected

    # Sent again (a duplicate delivery): nothing new.
    stack.send("find_statements", article.pk)
    marker = ArticleFactory(url="https://en.trend.az/marker", text=text[:2000], state=Article.State.FETCHED)
    stack.send("find_statements", marker.pk)
    wait_for(lambda: Article.objects.get(pk=marker.pk).state != Article.State.FETCHED, message="the marker")
    assert article.candidates.count() == len(found)
