"""The public promise pages, the home page, methodology, robots.txt, and the page cache."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.decorators.cache import never_cache

from core.cache import PublicCacheMiddleware, bump_public_cache, public_cache_version
from directives.tests.factories import DirectiveFactory
from politics.tests.factories import PartyFactory, PartyNameFactory, ProgrammeFactory, TopicFactory
from promises.tests.factories import PromiseFactory
from tracking.models import Status
from tracking.services import record_status
from tracking.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def rate(promise, editor, status, on, url="https://news.example/evidence", title=""):
    return record_status(
        item=promise,
        status=status,
        explanation=f"Rated {status}.",
        evidence=[{"url": url, "title": title}],
        editor=editor,
        on=on,
    )


def make_promises(editor, count, **kwargs):
    for n in range(count):
        promise = PromiseFactory(target_date=datetime.date(2021, 6, 1), **kwargs)
        promise.topics.add(TopicFactory(slug=f"t-{n % 2}", name=f"T {n % 2}"))
        SourceFactory(item=promise)
        rate(promise, editor, Status.IN_PROGRESS, datetime.date(2021, 2, 1))
        rate(promise, editor, Status.STALLED, datetime.date(2021, 3, 1))


# --- home ------------------------------------------------------------------


def test_the_home_page_shows_the_scorecard_recent_changes_overdue_and_ways_in(reader, editor):
    party = PartyFactory(name="Amanat")
    kept = PromiseFactory(title="Raise pensions", party=party)
    rate(
        kept,
        editor,
        Status.FULFILLED,
        datetime.date(2022, 5, 1),
        url="https://news.example/pensions",
        title="Pensions raised",
    )
    PromiseFactory(title="Build a bridge", target_date=datetime.date(2020, 1, 1))
    DirectiveFactory(action="Audit the programme")

    page = reader.get(reverse("home")).content.decode()

    assert "<svg" in page and 'role="img"' in page
    assert "Fulfilled</a>: <strong>1</strong>" in page
    assert "Pensions raised" in page and 'href="https://news.example/pensions"' in page
    assert "Build a bridge" in page and "Overdue" in page
    assert party.get_absolute_url() in page and reverse("topic_list") in page


def test_the_home_page_costs_the_same_queries_however_many_items(reader, editor, django_assert_max_num_queries):
    make_promises(editor, 12)
    for _ in range(6):
        DirectiveFactory(deadline=datetime.date(2023, 1, 1))
    with django_assert_max_num_queries(14):
        assert reader.get(reverse("home")).status_code == 200


def test_every_page_is_server_rendered_and_asks_no_other_host(reader, editor):
    promise = PromiseFactory()
    rate(promise, editor, Status.IN_PROGRESS, datetime.date(2022, 1, 1))
    for url in (reverse("home"), reverse("promise_list"), promise.get_absolute_url(), reverse("methodology")):
        page = reader.get(url).content.decode()
        assert "<script" not in page
        for attribute in ('src="http', 'src="//', 'href="//'):
            assert attribute not in page
        # Stylesheets and icons come from this site.
        assert '<link rel="stylesheet" href="/static/' in page


def test_pages_carry_canonical_opengraph_and_twitter_metadata(reader):
    promise = PromiseFactory(title="Cut taxes", quote="We will cut taxes.")
    page = reader.get(promise.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://testserver{promise.get_absolute_url()}">' in page
    assert '<meta property="og:title" content="Cut taxes — Not yet rated">' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<meta name="twitter:card" content="summary">' in page
    assert '<meta name="description" content="We will cut taxes.">' in page


def test_the_methodology_page_explains_every_status(reader):
    page = reader.get(reverse("methodology")).content.decode()
    for status in Status:
        assert str(status.label) in page


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(reader):
    response = reader.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


# --- the promise list --------------------------------------------------------


def test_the_list_filters_by_party_and_status_and_keeps_the_state_in_the_url(reader, editor):
    party = PartyFactory(slug="amanat")
    stalled = PromiseFactory(title="Stalled one", party=party)
    rate(stalled, editor, Status.STALLED, datetime.date(2022, 1, 1))
    PromiseFactory(title="Unrated one", party=party)
    PromiseFactory(title="Other party's")

    page = reader.get(reverse("promise_list"), {"party": "amanat", "status": "stalled"}).content.decode()

    assert "Stalled one" in page and "Unrated one" not in page and "Other party" not in page
    assert '<option value="amanat" selected>' in page
    assert 'value="stalled" checked' in page
    assert '<link rel="canonical" href="http://testserver/promises/?party=amanat&amp;status=stalled">' in page


def test_the_list_counts_each_status_for_the_current_filter_whatever_status_is_chosen(reader, editor):
    party = PartyFactory(slug="amanat")
    for status in (Status.STALLED, Status.STALLED, Status.FULFILLED):
        rate(PromiseFactory(party=party), editor, status, datetime.date(2022, 1, 1))
    PromiseFactory(party=party)
    rate(PromiseFactory(), editor, Status.STALLED, datetime.date(2022, 1, 1))

    response = reader.get(reverse("promise_list"), {"party": "amanat", "status": "fulfilled"})

    card = response.context["card"]
    assert (card.count("stalled"), card.count("fulfilled"), card.count("not_rated"), card.total) == (2, 1, 1, 4)
    assert response.context["page"].paginator.count == 1
    # The chart and the count say which set each counts: not "4 in all" beside "1 promise".
    page = response.content.decode()
    assert "4 match the other filters" in page and "4 in all" not in page
    assert '1 promise<span class="muted">: Fulfilled, of the 4 above</span>' in page
    assert '<a href="/promises/?party=amanat">Show all 4</a>' in page
    # A legend entry narrows the list to its status and keeps the other filters.
    assert 'href="/promises/?party=amanat&amp;status=stalled"' in response.content.decode()


def test_the_list_searches_sorts_filters_by_topic_programme_overdue_and_date(reader, editor):
    topic = TopicFactory(slug="education")
    programme = ProgrammeFactory(slug="plan-2021")
    schools = PromiseFactory(
        title="Build schools",
        made_on=datetime.date(2021, 3, 1),
        programme=programme,
        target_date=datetime.date(2021, 12, 31),
    )
    schools.topics.add(topic)
    PromiseFactory(title="Build roads", made_on=datetime.date(2019, 3, 1))

    def titles(**query):
        return [p.title for p in reader.get(reverse("promise_list"), query).context["page"].object_list]

    assert titles(q="schools") == ["Build schools"]
    assert titles(topic="education") == ["Build schools"]
    assert titles(programme="plan-2021") == ["Build schools"]
    assert titles(overdue="true") == ["Build schools"]
    assert titles(made_after="2020-01-01") == ["Build schools"]
    assert titles(ordering="made_on") == ["Build roads", "Build schools"]
    assert titles(ordering="-made_on") == ["Build schools", "Build roads"]


def test_the_list_paginates_and_its_links_keep_the_filters(reader):
    party = PartyFactory(slug="amanat")
    for _ in range(25):
        PromiseFactory(party=party)
    first = reader.get(reverse("promise_list"), {"party": "amanat"})
    assert len(first.context["page"].object_list) == 20
    assert 'href="?party=amanat&amp;page=2"' in first.content.decode()
    second = reader.get(reverse("promise_list"), {"party": "amanat", "page": "2"})
    assert len(second.context["page"].object_list) == 5


def test_an_unknown_filter_value_is_explained_not_an_error(reader):
    PromiseFactory(title="Still listed")
    response = reader.get(reverse("promise_list"), {"party": "no-such-party"})
    assert response.status_code == 200
    assert "Some filters were not understood" in response.content.decode()


def test_the_list_costs_the_same_queries_however_many_rows(reader, editor, django_assert_max_num_queries):
    party = PartyFactory(slug="amanat")
    make_promises(editor, 15, party=party)
    with django_assert_max_num_queries(11):
        response = reader.get(reverse("promise_list"), {"party": "amanat", "status": "stalled", "q": "build"})
    assert response.context["page"].paginator.count == 15


# --- a promise's page ------------------------------------------------------


def test_a_promise_page_shows_the_quote_author_deadline_status_timeline_sources_and_directives(reader, editor):
    party = PartyFactory(name="Amanat")
    PartyNameFactory(party=party, name="Nur Otan", valid_from=None, valid_to=datetime.date(2022, 3, 1))
    promise = PromiseFactory(
        title="Raise the minimum wage",
        quote="We will raise the minimum wage.",
        party=party,
        made_on=datetime.date(2021, 1, 10),
        target_date=datetime.date(2021, 12, 31),
        measurable_target="100,000 tenge",
    )
    SourceFactory(item=promise, url="https://news.example/manifesto", title="The manifesto")
    rate(
        promise,
        editor,
        Status.IN_PROGRESS,
        datetime.date(2021, 3, 1),
        url="https://news.example/bill",
        title="Bill introduced",
    )
    rate(
        promise,
        editor,
        Status.STALLED,
        datetime.date(2021, 9, 1),
        url="https://news.example/shelved",
        title="Bill shelved",
    )
    directive = DirectiveFactory(action="Audit the wage promise")
    directive.promises.add(promise)

    page = reader.get(promise.get_absolute_url()).content.decode()

    assert "We will raise the minimum wage." in page and "100,000 tenge" in page
    assert "Amanat" in page and "then called Nur Otan" in page
    assert "31 December 2021" in page and "Overdue" in page
    assert page.index("Bill introduced") < page.index("Bill shelved")  # oldest first
    assert 'href="https://news.example/shelved"' in page and "The manifesto" in page
    assert "Audit the wage promise" in page
    assert page.count("status--stalled") >= 2  # the current status and the timeline


def test_a_promise_page_costs_the_same_queries_however_long_its_history(reader, editor, django_assert_max_num_queries):
    promise = PromiseFactory(programme=ProgrammeFactory())
    statuses = [Status.IN_PROGRESS, Status.STALLED] * 4
    for day, status in enumerate(statuses, start=1):
        rate(promise, editor, status, datetime.date(2021, 1, day))
        SourceFactory(item=promise)
        DirectiveFactory().promises.add(promise)
        promise.topics.add(TopicFactory())
    with django_assert_max_num_queries(8):
        assert reader.get(promise.get_absolute_url()).status_code == 200


def test_unpublished_promises_are_on_no_page(reader):
    hidden = PromiseFactory(title="Secret draft", is_published=False)
    assert reader.get(hidden.get_absolute_url()).status_code == 404
    for url in (reverse("home"), reverse("promise_list"), hidden.party.get_absolute_url()):
        assert "Secret draft" not in reader.get(url).content.decode()


# --- the page cache ------------------------------------------------------------


def test_pages_are_served_from_the_cache_until_a_write_bumps_its_version(reader, editor):
    promise = PromiseFactory(title="Cached title")
    first = reader.get(promise.get_absolute_url())
    promise.title = "Changed title"
    promise.save()
    assert b"Cached title" in reader.get(promise.get_absolute_url()).content

    bump_public_cache()

    assert b"Changed title" in reader.get(promise.get_absolute_url()).content
    assert first["Cache-Control"] == "public, no-cache"


def test_an_editors_successful_write_makes_every_cached_page_stale_at_once(editor):
    version = public_cache_version()
    factory = RequestFactory()

    def post(user, status):
        request = factory.post("/admin/promises/promise/1/change/")
        request.user = user
        PublicCacheMiddleware(lambda request: HttpResponse(status=status))(request)

    post(AnonymousUser(), 200)
    post(editor, 403)
    assert public_cache_version() == version
    post(editor, 302)
    assert public_cache_version() == version + 1


def test_a_reader_sending_back_the_etag_gets_304(reader):
    url = PromiseFactory().get_absolute_url()
    etag = reader.get(url)["ETag"]
    assert reader.get(url, headers={"if-none-match": etag}).status_code == 304
    bump_public_cache()
    assert reader.get(url, headers={"if-none-match": etag}).status_code == 304  # same content, same tag
    assert reader.get(url, headers={"if-none-match": '"something-else"'}).status_code == 200


def test_signed_in_editors_are_never_served_a_cached_page(editor_client):
    anonymous = Client()
    promise = PromiseFactory(title="Old title")
    anonymous.get(promise.get_absolute_url())
    promise.title = "New title"
    promise.save()
    assert b"Old title" in anonymous.get(promise.get_absolute_url()).content
    assert b"New title" in editor_client.get(promise.get_absolute_url()).content


def test_pages_are_served_when_the_cache_is_unreachable(reader, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    promise = PromiseFactory(title="Still served")
    response = reader.get(promise.get_absolute_url())
    assert response.status_code == 200 and b"Still served" in response.content


@pytest.mark.redis
def test_the_cache_on_redis_serves_pages_and_a_write_shows_at_once(reader, settings, editor):
    import os

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "pages-test",
        }
    }
    cache.clear()
    promise = PromiseFactory(title="Before")
    assert b"Before" in reader.get(promise.get_absolute_url()).content
    promise.title = "After"
    promise.save()
    assert b"Before" in reader.get(promise.get_absolute_url()).content
    rate(promise, editor, Status.FULFILLED, datetime.date(2022, 1, 1))
    bump_public_cache()
    page = reader.get(promise.get_absolute_url()).content
    assert b"After" in page and b"status--fulfilled" in page


def test_stored_links_that_are_not_http_are_shown_as_text_not_links(reader, editor):
    promise = PromiseFactory()
    SourceFactory(item=promise, url="javascript:alert(1)", title="Hostile source")
    page = reader.get(promise.get_absolute_url()).content.decode()
    assert "Hostile source" in page and "javascript:" not in page


def test_an_answer_a_view_marks_private_or_never_cache_is_not_stored(rf):
    calls = []

    @never_cache
    def live_check(request):
        calls.append(1)
        return HttpResponse(f"call {len(calls)}")

    middleware = PublicCacheMiddleware(live_check)

    def get():
        request = rf.get("/status-of-something/")
        request.user = AnonymousUser()
        return middleware(request).content

    assert (get(), get()) == (b"call 1", b"call 2")
