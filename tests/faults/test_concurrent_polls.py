"""The same feed polled by two workers at once, and two feeds carrying the same entries: each article
is created once and fetched once (hits counted on the local web server)."""

import pytest

from sources.models import Article, Feed
from tests.services import wait_for

from .conftest import hits_of

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.celery_worker]

FINAL = {Article.State.DONE, Article.State.FAILED, Article.State.DUPLICATE}


def test_one_feed_polled_twice_at_once_by_two_workers_and_two_feeds_with_the_same_entries_fetch_each_article_once(
    web, stack
):
    # hang-shared answers both workers at the same moment, when released; the mirror carries the same entries.
    shared = Feed.objects.create(url=web.url("/feed/hang-shared?from=0&to=8"))
    mirror = Feed.objects.create(url=web.url("/feed/hang-mirror?from=0&to=8"))
    stack.worker("a")
    stack.worker("b")
    stack.send("poll_feed", shared.pk)
    stack.send("poll_feed", shared.pk)
    stack.send("poll_feed", mirror.pk)
    # One worker holds the shared feed's poll; the other finds it claimed and moves on to the mirror.
    wait_for(lambda: web.hits["/feed/hang-shared"] + web.hits["/feed/hang-mirror"] == 2, message="both polls")
    web.release("hang-shared")
    web.release("hang-mirror")

    def settled():
        return Article.objects.count() == 8 and not Article.objects.exclude(state__in=FINAL).exists()

    wait_for(settled, timeout=90, message="the eight articles")
    assert hits_of(web, "/feed/") == {"/feed/hang-shared": 1, "/feed/hang-mirror": 1}
    assert hits_of(web, "/gen/") == {f"/gen/{n}": 1 for n in range(8)}
    assert set(Article.objects.values_list("state", flat=True)) == {Article.State.DONE}
    assert shared.articles.count() == mirror.articles.count() == 8
