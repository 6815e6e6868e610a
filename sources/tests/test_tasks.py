"""The tasks, run in-process: failures recorded on the row, retries only for
transient errors, and every task run twice creating nothing twice. The same
flows through a real worker are in test_worker.py."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from sources import actors, services, tasks
from sources.models import Article, Candidate, Feed, Outlet
from sources.tests.factories import ArticleFactory


def pending(url):
    return ArticleFactory(url=url, title="", text="", content_hash="", state=Article.State.PENDING)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run a task in-process together with what it enqueues after commit."""

    def run(task, *args):
        with django_capture_on_commit_callbacks(execute=True):
            task.delay(*args)

    return run


@pytest.mark.django_db
def test_the_seed_article_yields_its_directives_attributed_to_known_actors(web, run, tokayev_and_nur_otan):
    tokayev, nur_otan = tokayev_and_nur_otan
    feed = services.feed_add(url=web.url("/pages/seed.rss"))
    run(tasks.poll_feeds)
    article = Article.objects.get(feeds=feed)
    assert article.state == Article.State.DONE
    assert article.published_on.isoformat() == "2022-01-28"
    directives = article.candidates.filter(kind=Candidate.Kind.DIRECTIVE, speaker=tokayev, addressee_party=nur_otan)
    assert directives.count() >= 9
    assert all(article.text[c.start : c.end] == c.sentence for c in article.candidates.all())
    assert directives.filter(addressee_name="Nur Otan").count() == directives.count()


@pytest.mark.django_db
def test_a_fetched_article_gets_its_outlet_title_and_dateline_date(web, run):
    first = pending(web.url("/pages/dateline.html"))
    run(tasks.fetch_article, first.pk)
    first.refresh_from_db()
    assert (first.title, first.published_on) == ("Koshanov: Amanat will build 100 schools", date(2023, 3, 14))
    assert (first.outlet.name, first.outlet.domain) == ("The Astana Times", "127.0.0.1")
    # The next article from the same host is the same outlet's, whatever its page says.
    second = pending(web.url("/pages/seed.html"))
    run(tasks.fetch_article, second.pk)
    second.refresh_from_db()
    assert second.outlet == first.outlet and Outlet.objects.count() == 1


@pytest.mark.django_db
def test_an_outlet_registered_for_a_domain_is_found_for_its_subdomains():
    trend = Outlet.objects.create(name="Trend", domain="trend.az")
    assert services.outlet_for("https://en.trend.az/casia/kazakhstan/3547462.html") == trend
    assert services.outlet_for("https://www.trend.az/x") == trend
    assert services.outlet_for("file:///tmp/seed.txt") is None
    assert services.outlet_for("https://unknown.example/x") is None  # and no name to make one of
    assert Outlet.objects.count() == 1


@pytest.mark.django_db
def test_each_task_run_twice_creates_nothing_twice(web, run, tokayev_and_nur_otan):
    feed = services.feed_add(url=web.url("/pages/seed.rss"))
    run(tasks.poll_feed, feed.pk)
    Feed.objects.filter(pk=feed.pk).update(next_poll_at=None)  # due again
    run(tasks.poll_feed, feed.pk)
    article = Article.objects.get()
    candidates = article.candidates.count()
    run(tasks.fetch_article, article.pk)
    run(tasks.find_statements, article.pk)
    assert Article.objects.count() == 1
    assert web.hits["/pages/seed.html"] == 1
    assert article.candidates.count() == candidates > 0


@pytest.mark.django_db
def test_find_statements_twice_on_a_fetched_article_queues_each_sentence_once(web):
    article = pending(web.url("/pages/seed.html"))
    services.article_fetch(article.pk)
    first = services.article_find_statements(article.pk)
    Article.objects.filter(pk=article.pk).update(state=Article.State.FETCHED)  # as if the task ran again mid-way
    services.article_find_statements(article.pk)
    assert len(first) >= 9
    assert Candidate.objects.filter(article=article).count() == len(first)


@pytest.mark.django_db
def test_404_is_recorded_and_not_retried(web, run):
    article = pending(web.url("/status/404"))
    run(tasks.fetch_article, article.pk)
    article.refresh_from_db()
    assert (article.state, article.http_status) == (Article.State.FAILED, 404)
    assert "HTTP 404" in article.error
    assert web.hits["/status/404"] == 1


@pytest.mark.django_db
def test_503_is_retried_then_recorded(web, run):
    article = pending(web.url("/status/503"))
    run(tasks.fetch_article, article.pk)
    article.refresh_from_db()
    assert (article.state, article.http_status) == (Article.State.FAILED, 503)
    assert web.hits["/status/503"] == tasks.fetch_article.max_retries + 1
    assert article.attempts == tasks.fetch_article.max_retries + 1


@pytest.mark.django_db
def test_503_then_200_is_fetched_on_the_retry(web, run):
    article = pending(web.url("/flaky/a"))
    run(tasks.fetch_article, article.pk)
    article.refresh_from_db()
    assert article.state == Article.State.DONE and article.error == ""
    assert web.hits["/flaky/a"] == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/pdf", "content type application/pdf"),
        ("/huge", "bytes allowed"),
        ("/pages/empty.html", "no extractable text"),
        ("/redirect?to=http://10.0.0.1/", "refused"),
        ("/hang/forever", "timed out"),
    ],
)
def test_a_failed_fetch_is_recorded_with_its_reason(web, settings, path, reason):
    settings.FETCH_MAX_BYTES = 200_000
    article = pending(web.url(path))
    outcome = services.article_fetch(article.pk, final=True)
    article.refresh_from_db()
    assert outcome.state == "failed"
    assert article.state == Article.State.FAILED
    assert reason in article.error


@pytest.mark.django_db
def test_undecodable_bytes_are_fetched_with_replacement_characters(web, run):
    article = pending(web.url("/undecodable"))
    run(tasks.fetch_article, article.pk)
    article.refresh_from_db()
    assert article.state == Article.State.DONE
    assert "renovate the old caf" in article.text


@pytest.mark.django_db
def test_a_syndicated_copy_is_a_duplicate_of_the_first_article(web, run):
    first = pending(web.url("/pages/seed.html"))
    copy = pending(web.url("/pages/seed-syndicated.html"))
    run(tasks.fetch_article, first.pk)
    run(tasks.fetch_article, copy.pk)
    copy.refresh_from_db()
    assert copy.state == Article.State.DUPLICATE and copy.duplicate_of_id == first.pk
    assert not copy.candidates.exists() and first.candidates.exists()


@pytest.mark.django_db
def test_tasks_on_a_missing_row_return_quietly(run):
    run(tasks.poll_feed, 987654)
    run(tasks.fetch_article, 987654)
    run(tasks.find_statements, 987654)


@pytest.mark.django_db
def test_a_claim_left_by_a_dead_worker_is_taken_over_once_it_lapses(web):
    article = pending(web.url("/pages/seed.html"))
    Article.objects.filter(pk=article.pk).update(
        state=Article.State.FETCHING, claimed_at=timezone.now() - services.claim_lease() - timedelta(seconds=1)
    )
    assert services.article_fetch(article.pk).state == "fetched"
    assert services.article_fetch(article.pk).state == "skipped"
    assert web.hits["/pages/seed.html"] == 1


@pytest.mark.django_db
def test_a_live_claim_is_left_alone(web):
    article = pending(web.url("/pages/seed.html"))
    Article.objects.filter(pk=article.pk).update(state=Article.State.FETCHING, claimed_at=timezone.now())
    outcome = services.article_fetch(article.pk)
    assert outcome.state == "held" and outcome.retry_in > 0
    assert web.hits["/pages/seed.html"] == 0


@pytest.mark.django_db
def test_known_actors_cost_a_fixed_number_of_queries(tokayev_and_nur_otan, django_assert_num_queries):
    with django_assert_num_queries(6):
        known = actors.known_actors()
    tokayev = next(a for a in known if a.kind == "leader")
    party = next(a for a in known if a.kind == "party")
    assert [n.text for n in party.names] == ["Nur Otan", "Amanat"]
    chairman = next(o for o in tokayev.offices if o.title == "Chairman")
    assert chairman.end.isoformat() == "2022-04-26"  # the first day out of office, as politics stores it
    assert chairman.held_on(date(2022, 4, 25)) and not chairman.held_on(chairman.end)


@pytest.mark.django_db
def test_current_actors_are_rebuilt_only_when_politics_changes(tokayev_and_nur_otan, django_assert_num_queries):
    from politics.tests.factories import LeaderAliasFactory

    first = actors.current_actors()
    with django_assert_num_queries(1):
        assert actors.current_actors() is first
    LeaderAliasFactory(leader=tokayev_and_nur_otan[0], alias="the President of Kazakhstan")
    tokayev = next(a for a in actors.current_actors() if a.kind == "leader")
    assert "the President of Kazakhstan" in tokayev.aliases


@pytest.mark.django_db
def test_a_plain_text_article_with_a_nul_byte_is_stored_without_it(web, run):
    """On PostgreSQL the NUL made saving the text fail, and the article stayed "fetching"."""
    article = pending(web.url("/nul.txt"))
    run(tasks.fetch_article, article.pk)
    article.refresh_from_db()
    assert article.state == Article.State.DONE, article.error
    assert article.title == "Council backs the school plan"
    assert "the council to renovate twelve schools" in article.text and "\x00" not in article.text


@pytest.mark.django_db
def test_a_bad_feed_through_the_tasks_fetches_every_good_entry(web, run):
    feed = services.feed_add(url=web.url("/bad-feed"))
    run(tasks.poll_feed, feed.pk)
    assert Article.objects.count() == 4
    assert not Article.objects.exclude(state__in=[Article.State.DONE, Article.State.FAILED]).exists()
    assert Article.objects.get(url=web.url("/pages/seed.html")).state == Article.State.DONE


@pytest.mark.django_db
def test_deliveries_that_finish_are_not_counted_against_the_delivery_limit(web, run, settings):
    """Only deliveries whose worker died count: retries and runs that end, however they end, do not."""
    settings.INGEST_MAX_DELIVERIES = 1
    failing, fetched = pending(web.url("/status/503")), pending(web.url("/pages/cabinet.html"))
    run(tasks.fetch_article, failing.pk)
    run(tasks.fetch_article, fetched.pk)
    run(tasks.fetch_article, fetched.pk)
    failing.refresh_from_db()
    fetched.refresh_from_db()
    assert (failing.state, failing.http_status) == (Article.State.FAILED, 503)
    assert web.hits["/status/503"] == tasks.fetch_article.max_retries + 1
    assert fetched.state == Article.State.DONE


@pytest.mark.django_db
def test_a_delivery_past_the_limit_records_the_failure_on_its_row(web, run, settings):
    """What a worker that died leaves behind, as the next delivery finds it (the real kill: test_worker)."""
    from django.core.cache import cache

    settings.INGEST_MAX_DELIVERIES = 2
    article = pending(web.url("/pages/cabinet.html"))
    feed = services.feed_add(url=web.url("/pages/news.rss"))
    for task, pk in ((tasks.fetch_article, article.pk), (tasks.poll_feed, feed.pk)):
        cache.set(f"deliveries:{task.name}:{pk}:0", 2)  # two deliveries whose worker died
        run(task, pk)
    article.refresh_from_db()
    feed.refresh_from_db()
    assert article.state == Article.State.FAILED and article.error.startswith("gave up: 2 deliveries of fetch_article")
    assert feed.state == Feed.State.FAILED and feed.last_error.startswith("gave up: 2 deliveries of poll_feed")
    assert web.hits["/pages/cabinet.html"] == 0 and web.hits["/pages/news.rss"] == 0
