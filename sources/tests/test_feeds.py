"""Feeds: parsing, polling, failures recorded on the feed, one article per entry."""

from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from sources import services
from sources.feeds import FeedError, normalise_url, parse_feed
from sources.models import Article, Feed

WEB = Path(__file__).parent / "fixtures" / "web"


def _fixture(name, base="http://news.example"):
    return (WEB / name).read_bytes().replace(b"{base}", base.encode())


def test_it_reads_rss_entries_with_their_dates_and_without_tracking_parameters():
    parsed = parse_feed(_fixture("seed.rss"))
    assert parsed.title == "Trend: Kazakhstan"
    [entry] = parsed.entries
    assert entry.url == "http://news.example/pages/seed.html"
    assert entry.published_on == date(2022, 1, 28)


def test_it_reads_atom_entries_and_drops_the_fragment():
    [entry] = parse_feed(_fixture("agency.atom")).entries
    assert entry.url == "http://news.example/pages/cabinet.html"


def test_a_malformed_feed_is_an_error_not_a_crash():
    with pytest.raises(FeedError, match="malformed"):
        parse_feed(_fixture("malformed.xml"))


def test_an_html_page_is_not_a_feed():
    with pytest.raises(FeedError):
        parse_feed(_fixture("seed.html"))


def test_normalise_url_keeps_real_parameters():
    assert normalise_url("HTTPS://News.Example/a?id=3&utm_source=x#c") == "https://news.example/a?id=3"


@pytest.mark.django_db
def test_polling_a_feed_creates_one_pending_article_per_entry(web):
    feed = services.feed_add(url=web.url("/pages/news.rss"))
    result = services.feed_poll(feed.pk)
    assert result.polled and result.entries == 2
    articles = Article.objects.filter(pk__in=result.new_article_ids)
    assert {a.url for a in articles} == {web.url("/pages/cabinet.html"), web.url("/pages/empty.html")}
    assert {a.state for a in articles} == {Article.State.PENDING}
    feed.refresh_from_db()
    assert feed.state == Feed.State.OK and feed.title == "Pressline: Moldova"
    assert feed.next_poll_at > timezone.now()


@pytest.mark.django_db
def test_the_same_entry_in_two_feeds_is_one_article_of_both(web):
    news = services.feed_add(url=web.url("/pages/news.rss"))
    agency = services.feed_add(url=web.url("/pages/agency.atom"))
    services.feed_poll(news.pk)
    second = services.feed_poll(agency.pk)
    assert second.new_article_ids == []
    article = Article.objects.get(url=web.url("/pages/cabinet.html"))
    assert set(article.feeds.all()) == {news, agency}
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_a_malformed_feed_is_recorded_as_failed(web):
    feed = services.feed_add(url=web.url("/pages/malformed.xml"))
    result = services.feed_poll(feed.pk)
    feed.refresh_from_db()
    assert result.error and feed.state == Feed.State.FAILED
    assert "malformed feed" in feed.last_error
    assert feed.failure_count == 1
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_feed_that_answers_404_is_recorded_as_failed(web):
    feed = services.feed_add(url=web.url("/status/404"))
    services.feed_poll(feed.pk)
    feed.refresh_from_db()
    assert feed.state == Feed.State.FAILED and "HTTP 404" in feed.last_error


@pytest.mark.django_db
def test_a_feed_is_polled_with_a_conditional_request(web):
    feed = services.feed_add(url=web.url("/etag-feed"))
    services.feed_poll(feed.pk)
    again = services.feed_poll(feed.pk, force=True)
    assert again.not_modified and again.new_article_ids == []
    assert web.request_headers["/etag-feed"][1]["If-None-Match"] == '"v1"'
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_a_feed_that_is_not_due_is_not_polled_twice(web):
    feed = services.feed_add(url=web.url("/pages/news.rss"))
    services.feed_poll(feed.pk)
    assert services.feed_poll(feed.pk).polled is False
    assert web.hits["/pages/news.rss"] == 1


@pytest.mark.django_db
def test_a_private_feed_address_is_refused_and_recorded(web, settings):
    settings.FETCH_ALLOWED_NETWORKS = []
    feed = services.feed_add(url=web.url("/pages/news.rss"))
    services.feed_poll(feed.pk)
    feed.refresh_from_db()
    assert feed.state == Feed.State.FAILED and feed.last_error.startswith("refused")
    assert web.hits["/pages/news.rss"] == 0


@pytest.mark.django_db
def test_feed_add_accepts_only_web_urls():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.feed_add(url="file:///etc/passwd")


# --- bad fields from outside (issue 13, finding 4) --------------------------------------------


def test_a_feed_entry_whose_link_cannot_be_stored_is_refused_alone():
    content = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>Long</title><link>http://news.example/" + b"x" * 1100 + b"</link></item>"
        b"<item><title>Good&#0; &#x1;one&#xD800;</title><link>http://news.example/good</link></item>"
        b"</channel></rss>"
    )
    parsed = parse_feed(content)
    assert [(e.url, e.title) for e in parsed.entries] == [("http://news.example/good", "Good one")]
    [reason] = parsed.skipped
    assert reason.startswith("URL longer than 1000 characters")


@pytest.mark.django_db
def test_a_feed_with_bad_entries_stores_the_good_ones_and_says_what_it_skipped(web):
    """An over-long link, a NUL (``&#0;``) and a lone surrogate in titles: on PostgreSQL each
    raised a database error that lost the whole poll, the feed left "new" without an error."""
    feed = services.feed_add(url=web.url("/bad-feed"))
    result = services.feed_poll(feed.pk)
    titles = dict(Article.objects.values_list("url", "title"))
    assert titles == {
        web.url("/pages/cabinet.html"): "Cabinet prepares for the heating season",
        web.url("/pages/seed.html"): "Budget approved",
        web.url("/pages/dateline.html"): "Half a character  here",
        web.url("/pages/empty.html"): "Menu",
    }
    assert len(result.new_article_ids) == 4
    feed.refresh_from_db()
    assert (feed.state, feed.title) == (Feed.State.OK, "Bad feed")
    assert feed.last_error.startswith("skipped 1 of 5 entries: URL longer than 1000 characters")
