"""Redis stops under the running application (a private redis-server, without persistence, so that
when it comes back every queued task and cached page is gone, the worst case):

- gunicorn keeps serving the public pages and the API from the database (the cache fails
  open), /healthz says the cache is down, and the cache is used again once Redis is back;
- an article found while the broker is down stays pending with the reason on it, and once
  Redis is back the recovery sweep (requeue_stale, run by beat) queues it and a worker
  fetches it, once.
"""

import json

import pytest

from promises.tests.factories import PromiseFactory
from sources.models import Article, Feed
from tests.services import wait_for

from .conftest import hits_of

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.celery_worker]

PAGES = ["/", "/promises/", "/promises/{slug}/", "/api/v1/promises/", "/feeds/changes.rss"]


def test_public_pages_are_served_while_redis_is_down_and_cached_again_when_it_is_back(stack):
    promise = PromiseFactory(title="Build a bridge over the Ishim")
    web = stack.web()
    pages = [page.format(slug=promise.slug) for page in PAGES]
    before = {page: web.get(page) for page in pages}
    assert {page: status for page, (status, _) in before.items()} == dict.fromkeys(pages, 200)
    assert stack.redis.client().dbsize() > 0  # the pages were cached

    stack.redis.stop()
    during = {page: web.get(page) for page in pages * 2}
    assert {page: status for page, (status, _) in during.items()} == dict.fromkeys(pages, 200), web.output()[-3000:]
    assert b"Build a bridge over the Ishim" in during["/promises/"][1]
    status, body = web.get("/healthz")
    health = json.loads(body)
    assert status == 503 and health["checks"]["database"]["ok"] and not health["checks"]["cache"]["ok"]

    stack.redis.start()

    def cached_again():
        # After a failure the cache leaves Redis alone for RETRY_AFTER (2 s), per web worker.
        assert all(web.get(page)[0] == 200 for page in pages)
        return stack.redis.client().dbsize() > 0

    wait_for(cached_again, timeout=20, interval=0.5, message="pages to be cached again")
    assert web.get("/healthz")[0] == 200
    assert web.worker_pids() == web.pids  # no web worker was restarted


def test_articles_found_while_the_broker_is_down_are_fetched_once_when_it_is_back(web, stack):
    feed = Feed.objects.create(url=web.url("/feed/hang-outage?from=0&to=3"))
    worker = stack.worker()
    stack.send("poll_feed", feed.pk)
    wait_for(lambda: web.hits["/feed/hang-outage"] == 1, message="the worker to request the feed")
    # Redis goes away while the worker reads the feed: the articles it finds cannot be queued.
    stack.redis.stop()
    web.release("hang-outage")

    def stranded():
        articles = list(Article.objects.all())
        return len(articles) == 3 and all(a.error for a in articles) and articles

    articles = wait_for(stranded, timeout=30, message="the feed's articles, not queued")
    assert {a.state for a in articles} == {Article.State.PENDING}
    assert all("broker unavailable" in a.error for a in articles), articles[0].error
    assert hits_of(web, "/gen/") == {}

    # Redis is back, empty; the worker reconnects by itself. Beat's sweep (here sent by hand, with
    # no delay so the test need not wait fifteen minutes) queues the stranded articles.
    stack.redis.start()
    stack.send("requeue_stale", older_than_minutes=0)

    def settled():
        return not Article.objects.exclude(state=Article.State.DONE).exists()

    wait_for(settled, timeout=90, message=f"the articles to be fetched\n{worker.output()[-3000:]}")
    assert hits_of(web, "/gen/") == {f"/gen/{n}": 1 for n in range(3)}
    assert worker.alive() and worker.runs == 1

    # A second sweep finds nothing to do; a marker behind it shows it ran.
    stack.send("requeue_stale", older_than_minutes=0)
    marker = Article.objects.create(url=web.url("/gen/99"))
    stack.send("fetch_article", marker.pk)
    wait_for(lambda: Article.objects.get(pk=marker.pk).state == Article.State.DONE, message="the marker")
    assert hits_of(web, "/gen/") == {**{f"/gen/{n}": 1 for n in range(3)}, "/gen/99": 1}
