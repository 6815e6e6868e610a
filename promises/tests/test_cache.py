"""The public cache (core/cache.py) as readers, token holders and a flooding client meet it:
anonymous API reads served from it and made stale by every write, drafts and signed-in
answers kept out of it, a key that only the parameters a view reads can change, and a
limit on the pages one client can make the server build."""

import os
import uuid

import pytest
from django.test import Client
from django.urls import resolve, reverse
from rest_framework.authtoken.models import Token
from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from config.tests.test_settings import run_python, start_up
from core.cache import parameters_of
from politics.tests.factories import PartyFactory
from promises.models import Promise
from promises.tests.factories import PromiseFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/promises/"


def titles(response):
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["results"]}


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def rename_behind_the_caches_back(promise, title):
    """A write that bumps nothing: what a reader sees after it shows whether the answer came from the cache."""
    Promise.objects.filter(pk=promise.pk).update(title=title)


# --- the API, cached -------------------------------------------------------------


def test_an_anonymous_api_read_is_served_from_the_cache():
    promise = PromiseFactory(title="First title")
    reader = APIClient()
    assert titles(reader.get(LIST)) == {"First title"}
    rename_behind_the_caches_back(promise, "Second title")
    assert titles(reader.get(LIST)) == {"First title"}
    assert reader.get(f"{LIST}{promise.pk}/").json()["title"] == "Second title"  # another key: computed now


def test_a_cached_api_read_is_fresh_after_a_write_through_the_admin(reviewer_client):
    PromiseFactory(title="Shown")
    draft = PromiseFactory(title="Draft until a reviewer publishes it", is_published=False)
    reader = APIClient()
    assert titles(reader.get(LIST)) == {"Shown"}

    reviewer_client.post(
        reverse("admin:promises_promise_changelist"), {"action": "publish", "_selected_action": [draft.pk]}
    )

    assert titles(reader.get(LIST)) == {"Shown", "Draft until a reviewer publishes it"}


def test_a_cached_api_read_is_fresh_after_a_write_through_the_api(editor):
    promise = PromiseFactory(title="Before the patch")
    reader = APIClient()
    assert reader.get(f"{LIST}{promise.pk}/").json()["title"] == "Before the patch"

    patched = token_client(editor).patch(f"{LIST}{promise.pk}/", {"title": "After the patch"}, format="json")
    assert patched.status_code == 200, patched.content

    assert reader.get(f"{LIST}{promise.pk}/").json()["title"] == "After the patch"
    assert titles(reader.get(LIST)) == {"After the patch"}


def test_drafts_never_leak_into_a_cached_answer(editor, editor_client):
    PromiseFactory(title="Public")
    PromiseFactory(title="Secret draft", is_published=False)
    # The editor's reads come first: had they been stored, the reader below would get them.
    assert titles(editor_client.get(LIST)) == {"Public", "Secret draft"}
    assert titles(token_client(editor).get(LIST)) == {"Public", "Secret draft"}
    reader = APIClient()
    for _ in range(2):  # computed, then from the cache
        assert titles(reader.get(LIST)) == {"Public"}


def test_a_token_holder_or_a_signed_in_user_is_never_served_the_cached_anonymous_answer(editor, editor_client):
    PromiseFactory(title="Public")
    PromiseFactory(title="Secret draft", is_published=False)
    reader = APIClient()
    cached = reader.get(LIST)
    assert titles(cached) == {"Public"}
    for client in (token_client(editor), editor_client):
        answer = client.get(LIST, HTTP_IF_NONE_MATCH=cached["ETag"])
        assert titles(answer) == {"Public", "Secret draft"}
    # A token the API refuses is refused, not answered from the cache.
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert stranger.get(LIST).status_code == 401


def test_a_cached_api_answer_keeps_cors_etag_and_headers_and_answers_304():
    promise = PromiseFactory()
    reader = APIClient()
    origin = {"HTTP_ORIGIN": "https://newsroom.example"}
    fresh = reader.get(LIST, **origin)
    cached = reader.get(LIST, **origin)
    assert cached.content == fresh.content
    for header in ("Content-Type", "ETag", "Vary", "Allow", "Access-Control-Allow-Origin", "X-Frame-Options"):
        assert cached[header] == fresh[header], header
    assert cached.get("Cache-Control") == fresh.get("Cache-Control")
    not_modified = reader.get(LIST, HTTP_IF_NONE_MATCH=fresh["ETag"], **origin)
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == fresh["ETag"] and not_modified["Access-Control-Allow-Origin"] == "*"
    # One item's Last-Modified works from the cache as it does computed.
    detail = reader.get(f"{LIST}{promise.pk}/")
    assert reader.get(f"{LIST}{promise.pk}/", HTTP_IF_MODIFIED_SINCE=detail["Last-Modified"]).status_code == 304


def test_a_cached_api_read_still_counts_against_the_anonymous_throttle(monkeypatch):
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "anon", "3/minute")
    promise = PromiseFactory(title="Cached")
    reader = APIClient()
    first = reader.get(LIST)
    rename_behind_the_caches_back(promise, "Renamed")
    answers = [reader.get(LIST) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert titles(answers[0]) == {"Cached"}  # served from the cache, and counted
    assert int(answers[2]["Retry-After"]) > 0
    assert answers[2].json()["code"] == "throttled"  # the API's usual error body
    assert first.status_code == 200


def test_json_and_the_browsable_api_are_cached_apart():
    PromiseFactory(title="Listed")
    reader = APIClient()
    assert reader.get(LIST, HTTP_ACCEPT="application/json")["Content-Type"] == "application/json"
    page = reader.get(LIST, HTTP_ACCEPT="text/html")
    assert page["Content-Type"].startswith("text/html") and b"Listed" in page.content
    assert reader.get(LIST, HTTP_ACCEPT="application/json")["Content-Type"] == "application/json"
    assert reader.get(LIST, {"format": "json"}, HTTP_ACCEPT="text/html")["Content-Type"] == "application/json"


def test_a_format_or_accept_the_api_does_not_serve_gets_its_usual_error():
    reader = APIClient()
    unknown_format = reader.get(LIST, {"format": "yaml"})
    assert unknown_format.status_code == 404 and unknown_format.json()["status"] == 404
    assert reader.get(LIST, HTTP_ACCEPT="application/x-nothing").status_code == 406


def test_exports_keep_streaming_for_anonymous_readers():
    PromiseFactory()
    response = APIClient().get("/api/v1/export/promises.csv")
    assert response.status_code == 200 and response.streaming


# --- the key: only what a view reads -------------------------------------------------


def test_query_parameters_a_view_does_not_read_are_not_part_of_the_page(reader):
    promise = PromiseFactory(title="Before")
    first = reader.get("/promises/", {"utm_source": "mail", "fbclid": "x1"})
    assert b"Before" in first.content and b"utm_source" not in first.content
    rename_behind_the_caches_back(promise, "After")
    for _ in range(5):
        again = reader.get("/promises/", {"utm_source": uuid.uuid4().hex})
        assert b"Before" in again.content  # the same entry: no new one per random parameter
    assert b"Before" in reader.get("/promises/").content


def test_the_parameters_a_page_reads_are_kept_in_one_order(reader):
    party = PartyFactory(slug="amanat")
    promise = PromiseFactory(title="Before", party=party)
    assert b"Before" in reader.get("/promises/?party=amanat&ordering=-made_on").content
    rename_behind_the_caches_back(promise, "After")
    assert b"Before" in reader.get("/promises/?ordering=-made_on&party=amanat&utm=1").content
    assert b"After" in reader.get("/promises/?party=amanat").content  # another filter: another page


def test_an_api_list_keeps_its_filters_pagination_and_expansions():
    kept = parameters_of(resolve(LIST).func)
    for name in ("party", "status", "overdue", "q", "ordering", "page", "page_size", "cursor", "expand", "format"):
        assert name in kept, name
    assert "utm_source" not in kept


def test_a_page_that_says_a_filter_was_not_understood_is_not_stored(reader):
    promise = PromiseFactory(title="Before")
    first = reader.get("/promises/", {"party": "no-such-party"})
    assert b"not understood" in first.content and "no-store" in first["Cache-Control"]
    rename_behind_the_caches_back(promise, "After")
    assert b"After" in reader.get("/promises/", {"party": "no-such-party"}).content


def test_an_api_answer_to_a_filter_it_did_not_understand_is_not_stored():
    PromiseFactory()
    reader = APIClient()
    assert reader.get(LIST, {"party": "no-such-party"}).status_code == 400
    PartyFactory(slug="no-such-party")
    assert reader.get(LIST, {"party": "no-such-party"}).status_code == 200


@pytest.mark.redis
def test_random_query_strings_add_no_entries_to_redis(settings):
    import redis

    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache_backend.FailOpenRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "flood-test",
        }
    }
    settings.PAGE_RENDER_RATE = ""
    PromiseFactory()
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    client.flushdb()
    reader, api = Client(), APIClient()
    reader.get("/promises/")
    api.get(LIST)
    before = client.dbsize()
    for _ in range(50):
        noise = {"utm": uuid.uuid4().hex, uuid.uuid4().hex[:8]: "1"}
        assert reader.get("/promises/", noise).status_code == 200
        assert api.get(LIST, noise).status_code == 200
        assert reader.get("/promises/", {"party": uuid.uuid4().hex}).status_code == 200  # not understood
    assert client.dbsize() == before


# --- what one client can make the server render -------------------------------------


def test_one_client_can_have_only_so_many_pages_built(settings):
    settings.PAGE_RENDER_RATE = "3/minute"
    promises = [PromiseFactory() for _ in range(4)]
    flooder = Client(REMOTE_ADDR="203.0.113.7")
    for promise in promises[:3]:
        assert flooder.get(promise.get_absolute_url()).status_code == 200
    refused = flooder.get(promises[3].get_absolute_url())
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "no-store" in refused["Cache-Control"]
    # Pages already built are still served to it, from the cache.
    assert flooder.get(promises[0].get_absolute_url()).status_code == 200
    # Another address has its own allowance.
    neighbour = Client(REMOTE_ADDR="198.51.100.20")
    assert neighbour.get(promises[3].get_absolute_url()).status_code == 200


def test_the_render_limit_counts_the_address_client_ip_gives(settings, monkeypatch):
    settings.PAGE_RENDER_RATE = "1/minute"
    seen = []

    def fake_client_ip(request):
        seen.append(request.path)
        return "192.0.2.1"

    monkeypatch.setattr("core.cache.client_ip", fake_client_ip)
    first, second = PromiseFactory(), PromiseFactory()
    assert Client(REMOTE_ADDR="10.0.0.1").get(first.get_absolute_url()).status_code == 200
    # Another socket address, but the same client as client_ip tells it.
    assert Client(REMOTE_ADDR="10.0.0.2").get(second.get_absolute_url()).status_code == 429
    assert seen == [first.get_absolute_url(), second.get_absolute_url()]


def test_signed_in_editors_are_not_limited(settings, editor_client):
    settings.PAGE_RENDER_RATE = "1/minute"
    for promise in (PromiseFactory(), PromiseFactory()):
        assert editor_client.get(promise.get_absolute_url()).status_code == 200


def test_the_limit_is_off_when_the_rate_is_empty(settings):
    settings.PAGE_RENDER_RATE = ""
    reader = Client()
    for promise in [PromiseFactory() for _ in range(5)]:
        assert reader.get(promise.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("rate", ["lots", "0/minute", "10/fortnight", "10 per minute"])
def test_a_bad_render_rate_stops_start_up_with_its_name(rate):
    code, stderr = start_up(PAGE_RENDER_RATE=rate)
    assert code != 0 and "PAGE_RENDER_RATE" in stderr.strip().splitlines()[-1]


def test_the_cache_may_have_a_redis_of_its_own_while_celery_keeps_the_broker():
    shown = run_python(
        "from config import settings as s; print(s.CACHES['default']['LOCATION'], s.CELERY_BROKER_URL)",
        REDIS_URL="redis://broker:6379/1", CACHE_REDIS_URL="redis://cache:6379/0",
    )
    assert shown.stdout.split() == ["redis://cache:6379/0", "redis://broker:6379/1"]
    code, stderr = start_up(CACHE_REDIS_URL="http://cache:6379/0")
    assert code != 0 and "CACHE_REDIS_URL" in stderr.strip().splitlines()[-1]
