import datetime

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from core.cache import bump_public_cache
from politics.tests.factories import (
    ElectionFactory,
    LeaderFactory,
    PartyFactory,
    ProgrammeFactory,
    TopicFactory,
)
from promises.models import Promise, PromiseStatusUpdate
from promises.tests.factories import PromiseFactory
from tracking.models import Status
from tracking.services import record_status

pytestmark = pytest.mark.django_db

EVIDENCE = [{"url": "https://news.example/evidence", "title": "Report"}]


@pytest.fixture
def api():
    return APIClient()


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def record(promise, status, editor, on=datetime.date(2022, 1, 1)):
    return record_status(item=promise, status=status, explanation="Because.",
                                 evidence=["https://news.example/e"], editor=editor, on=on)


def slugs(response):
    assert response.status_code == 200, response.content
    return {item["slug"] for item in response.json()["results"]}


# --- filters: the public pages' vocabulary --------------------------------


def test_it_filters_promises_by_party_including_the_party_s_programmes(api):
    party = PartyFactory(slug="nur-otan")
    PromiseFactory(slug="direct", party=party)
    PromiseFactory(slug="via-programme", party=None, programme=ProgrammeFactory(party=party))
    PromiseFactory(slug="other")
    assert slugs(api.get("/api/v1/promises/", {"party": "nur-otan"})) == {"direct", "via-programme"}


def test_it_filters_promises_by_leader_election_programme_and_topic(api):
    leader = LeaderFactory(slug="tokayev")
    election = ElectionFactory(slug="majilis-2021")
    programme = ProgrammeFactory(slug="manifesto", election=election)
    topic = TopicFactory(slug="economy")
    PromiseFactory(slug="by-leader", party=None, leader=leader)
    PromiseFactory(slug="in-programme", programme=programme)
    PromiseFactory(slug="on-topic").topics.add(topic)
    assert slugs(api.get("/api/v1/promises/", {"leader": "tokayev"})) == {"by-leader"}
    assert slugs(api.get("/api/v1/promises/", {"election": "majilis-2021"})) == {"in-programme"}
    assert slugs(api.get("/api/v1/promises/", {"programme": "manifesto"})) == {"in-programme"}
    assert slugs(api.get("/api/v1/promises/", {"topic": "economy"})) == {"on-topic"}


def test_it_filters_promises_by_status_overdue_and_dates(api, editor):
    stalled = PromiseFactory(slug="stalled", target_date=datetime.date(2020, 1, 1), made_on=datetime.date(2019, 5, 1))
    record(stalled, Status.STALLED, editor, on=datetime.date(2021, 1, 1))
    PromiseFactory(slug="unrated", made_on=datetime.date(2021, 5, 1))
    assert slugs(api.get("/api/v1/promises/", {"status": "stalled"})) == {"stalled"}
    assert slugs(api.get("/api/v1/promises/?status=stalled&status=not_rated")) == {"stalled", "unrated"}
    assert slugs(api.get("/api/v1/promises/", {"overdue": "true"})) == {"stalled"}
    assert slugs(api.get("/api/v1/promises/", {"overdue": "false"})) == {"unrated"}
    assert slugs(api.get("/api/v1/promises/", {"updated_since": "2020-12-31"})) == {"stalled"}
    assert slugs(api.get("/api/v1/promises/", {"made_after": "2021-01-01"})) == {"unrated"}
    assert slugs(api.get("/api/v1/promises/", {"made_before": "2020-01-01"})) == {"stalled"}


def test_it_searches_every_word_of_the_query(api):
    PromiseFactory(slug="schools", title="Build schools in Almaty", quote="We will build 100 schools.")
    PromiseFactory(slug="taxes", title="Cut taxes", quote="Taxes will fall.")
    assert slugs(api.get("/api/v1/promises/", {"q": "schools almaty"})) == {"schools"}


def test_it_orders_by_the_named_field_with_ties_kept_stable(api):
    for n in range(3):
        PromiseFactory(slug=f"same-day-{n}", title=f"T{n}", made_on=datetime.date(2021, 1, 1))
    PromiseFactory(slug="later", title="A", made_on=datetime.date(2022, 1, 1))
    ordered = [p["slug"] for p in api.get("/api/v1/promises/", {"ordering": "-made_on"}).json()["results"]]
    assert ordered == ["later", "same-day-0", "same-day-1", "same-day-2"]
    by_title = [p["slug"] for p in api.get("/api/v1/promises/", {"ordering": "title"}).json()["results"]]
    assert by_title[0] == "later"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"party": "no-such-party"}, "party"),
        ({"status": "kept"}, "status"),
        ({"overdue": "maybe"}, "overdue"),
        ({"made_after": "last tuesday"}, "made_after"),
        ({"ordering": "colour"}, "ordering"),
        ({"expand": "everything"}, "expand"),
        ({"topic": "nothing"}, "topic"),
    ],
)
def test_an_unknown_filter_value_is_a_400_with_a_message_naming_it(api, query, field):
    PromiseFactory()
    response = api.get("/api/v1/promises/", query)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["code"] == "invalid"
    assert field in body["errors"]
    assert body["message"].startswith(f"{field}: ")


@pytest.mark.parametrize(
    ("path", "field"),
    [("/api/v1/promise-updates/", "promise"), ("/api/v1/directive-updates/", "directive"),
     ("/api/v1/candidates/", "article")],
)
@pytest.mark.parametrize("value", ["-1.7976931348623155e+308", "1.5", str(2**63), "0", "one"])
def test_an_id_filter_takes_only_a_whole_number_the_database_can_hold(api, editor, path, field, value):
    api.force_login(editor)  # candidates are for editors
    response = api.get(path, {field: value})
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_an_id_filter_finds_the_item_s_updates(api, editor):
    promise, other = PromiseFactory(), PromiseFactory()
    for item in (promise, other):
        record_status(item=item, status="stalled", explanation="x", evidence=["https://e.example/"],
                              editor=editor)
    found = api.get("/api/v1/promise-updates/", {"promise": promise.pk}).json()["results"]
    assert [update["promise"] for update in found] == [promise.pk]


# --- the shape of an item and its expansions --------------------------------


def test_a_promise_names_related_items_by_id_and_url(api):
    party = PartyFactory()
    promise = PromiseFactory(party=party)
    promise.topics.add(TopicFactory(slug="economy"))
    body = api.get(f"/api/v1/promises/{promise.pk}/").json()
    assert body["party"] == party.pk
    assert body["party_url"] == f"http://testserver/api/v1/parties/{party.pk}/"
    assert body["html_url"] == f"http://testserver/promises/{promise.slug}/"
    assert body["topics"][0]["slug"] == "economy"
    assert api.get(body["party_url"]).json()["name"] == party.name
    assert "expanded" not in body


def test_expand_brings_the_party_current_status_and_latest_update(api, editor):
    party = PartyFactory(name="Amanat")
    promise = PromiseFactory(party=None, programme=ProgrammeFactory(party=party), target_date=datetime.date(2020, 1, 1))
    record(promise, Status.IN_PROGRESS, editor, on=datetime.date(2021, 1, 1))
    latest = record(promise, Status.STALLED, editor, on=datetime.date(2021, 6, 1))
    body = api.get(f"/api/v1/promises/{promise.pk}/", {"expand": "party,status,latest_update"}).json()
    assert body["expanded"]["party"]["name"] == "Amanat"
    assert body["expanded"]["status"] == {"value": "stalled", "label": "Stalled", "since": "2021-06-01",
                                          "is_overdue": True}
    assert body["expanded"]["latest_update"]["id"] == latest.pk
    assert body["expanded"]["latest_update"]["evidence"][0]["url"] == "https://news.example/e"


# --- drafts ----------------------------------------------------------------


def test_anonymous_readers_never_see_drafts(api):
    draft = PromiseFactory(slug="draft", is_published=False)
    PromiseFactory(slug="published")
    assert slugs(api.get("/api/v1/promises/")) == {"published"}
    assert api.get(f"/api/v1/promises/{draft.pk}/").status_code == 404


def test_editors_see_drafts_and_their_history(editor):
    draft = PromiseFactory(slug="draft", is_published=False)
    record(draft, Status.IN_PROGRESS, editor)
    client = token_client(editor)
    assert slugs(client.get("/api/v1/promises/")) == {"draft"}
    assert client.get("/api/v1/promise-updates/").json()["count"] == 1
    assert APIClient().get("/api/v1/promise-updates/").json()["count"] == 0


def test_lists_without_filters_give_each_reader_their_own_items_whoever_asked_before(editor):
    """An unfiltered list's SQL is built once per shape (core/prepared.py): drafts are part of it."""
    PromiseFactory(slug="draft", is_published=False)
    PromiseFactory(slug="published", made_on=datetime.date(2021, 1, 1))
    PromiseFactory(slug="older", made_on=datetime.date(2020, 1, 1))
    reader, editing = APIClient(), token_client(editor)
    for expand in ("", "status,latest_update"):
        for _ in range(2):  # the second time from the SQL built the first
            assert slugs(reader.get("/api/v1/promises/", {"expand": expand})) == {"published", "older"}
            assert slugs(editing.get("/api/v1/promises/", {"expand": expand})) == {"draft", "published", "older"}
            pages = [reader.get("/api/v1/promises/", {"expand": expand, "page_size": 1, "page": page}).json()
                     for page in (1, 2)]
            assert [page["count"] for page in pages] == [2, 2]
            assert [page["results"][0]["slug"] for page in pages] == ["published", "older"]


# --- writes and permissions -------------------------------------------------


def test_an_editor_with_a_token_creates_a_draft_promise(editor):
    party = PartyFactory()
    TopicFactory(slug="economy")
    response = token_client(editor).post(
        "/api/v1/promises/",
        {"title": "Raise the minimum wage", "quote": "We will raise it.", "party": party.pk, "topics": ["economy"]},
        format="json",
    )
    assert response.status_code == 201, response.content
    promise = Promise.objects.get(pk=response.json()["id"])
    assert promise.slug == "raise-the-minimum-wage"
    assert not promise.is_published
    assert list(promise.topics.values_list("slug", flat=True)) == ["economy"]


def test_a_promise_without_an_author_is_refused_with_the_rule_s_message(editor):
    response = token_client(editor).post("/api/v1/promises/", {"title": "Orphan", "quote": "Q"}, format="json")
    assert response.status_code == 400
    assert "party, a candidate or in a programme" in response.json()["message"]


def test_an_over_long_quote_or_explanation_is_refused_with_a_message(editor):
    party, client = PartyFactory(), token_client(editor)
    quote = "x" * 100_000
    created = client.post("/api/v1/promises/", {"title": "T", "quote": quote, "party": party.pk}, format="json")
    assert created.status_code == 400
    assert created.json()["message"] == "quote: Ensure this field has no more than 5000 characters."
    promise = PromiseFactory()
    recorded = client.post("/api/v1/promise-updates/", {"promise": promise.pk, "status": "in_progress",
                                                        "explanation": quote, "evidence": EVIDENCE}, format="json")
    assert recorded.status_code == 400
    assert recorded.json()["message"] == "explanation: Ensure this field has no more than 5000 characters."
    assert not Promise.objects.filter(quote=quote).exists() and not PromiseStatusUpdate.objects.exists()


def test_a_promise_made_in_the_future_is_refused(editor):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = token_client(editor).post("/api/v1/promises/", {
        "title": "T", "quote": "Q", "party": PartyFactory().pk, "made_on": tomorrow.isoformat()}, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == "made_on: The date cannot be in the future."


def test_publishing_needs_the_reviewer_s_permission(editor, reviewer):
    promise = PromiseFactory(is_published=False)
    refused = token_client(editor).patch(f"/api/v1/promises/{promise.pk}/", {"is_published": True}, format="json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"
    allowed = token_client(reviewer).patch(f"/api/v1/promises/{promise.pk}/", {"is_published": True}, format="json")
    assert allowed.status_code == 200, allowed.content
    assert allowed.json()["is_published"] is True


def test_an_editor_changes_a_promise_but_cannot_delete_it(editor):
    promise = PromiseFactory()
    client = token_client(editor)
    changed = client.patch(f"/api/v1/promises/{promise.pk}/", {"title": "A better title"}, format="json")
    assert changed.status_code == 200 and changed.json()["title"] == "A better title"
    # Refused by permission (editors may not delete) before the missing method is reached.
    assert client.delete(f"/api/v1/promises/{promise.pk}/").status_code in (403, 405)
    assert Promise.objects.filter(pk=promise.pk).exists()


def test_anonymous_readers_and_plain_users_cannot_write(api, django_user_model):
    promise = PromiseFactory()
    assert api.post("/api/v1/promises/", {"title": "x"}, format="json").status_code == 401
    plain = token_client(django_user_model.objects.create_user("plain", password="pw-for-tests-only"))
    assert plain.patch(f"/api/v1/promises/{promise.pk}/", {"title": "x"}, format="json").status_code == 403
    assert plain.get(f"/api/v1/promises/{promise.pk}/").status_code == 200


def test_a_revoked_token_is_refused(editor):
    client = token_client(editor)
    assert client.get("/api/v1/promises/").status_code == 200
    Token.objects.filter(user=editor).delete()
    response = client.get("/api/v1/promises/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


# --- the append-only status history -------------------------------------------


def test_an_editor_records_a_status_update_with_evidence(editor):
    promise = PromiseFactory()
    response = token_client(editor).post(
        "/api/v1/promise-updates/",
        {"promise": promise.pk, "status": "in_progress", "explanation": "The bill passed.", "on": "2022-03-01",
         "evidence": EVIDENCE},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["old_status"], body["new_status"], body["promise"]) == ("not_rated", "in_progress", promise.pk)
    assert body["evidence"][0]["url"] == "https://news.example/evidence"
    update = PromiseStatusUpdate.objects.get()
    assert update.editor == editor


def test_a_status_update_without_evidence_is_refused(editor):
    promise = PromiseFactory()
    response = token_client(editor).post(
        "/api/v1/promise-updates/",
        {"promise": promise.pk, "status": "in_progress", "explanation": "Trust me.", "evidence": []},
        format="json",
    )
    assert response.status_code == 400
    assert "evidence" in response.json()["errors"]
    assert not PromiseStatusUpdate.objects.exists()


def test_a_status_update_that_changes_nothing_or_goes_back_in_time_is_refused(editor):
    promise = PromiseFactory()
    record(promise, Status.IN_PROGRESS, editor, on=datetime.date(2022, 1, 1))
    client = token_client(editor)
    same = client.post("/api/v1/promise-updates/", {"promise": promise.pk, "status": "in_progress",
                                                    "explanation": "x", "evidence": EVIDENCE}, format="json")
    assert same.status_code == 400 and "status" in same.json()["errors"]
    earlier = client.post("/api/v1/promise-updates/", {"promise": promise.pk, "status": "stalled", "on": "2021-01-01",
                                                       "explanation": "x", "evidence": EVIDENCE}, format="json")
    assert earlier.status_code == 400 and "on" in earlier.json()["errors"]


def test_nobody_changes_or_deletes_a_status_update_through_the_api(editor, superuser):
    promise = PromiseFactory()
    update = record(promise, Status.IN_PROGRESS, editor)
    url = f"/api/v1/promise-updates/{update.pk}/"
    # An editor lacks the permission; even a superuser, who has every permission, finds no such method.
    for user, refusals in ((editor, (403, 405)), (superuser, (405,))):
        client = token_client(user)
        assert client.put(url, {"status": "fulfilled"}, format="json").status_code in refusals
        assert client.patch(url, {"explanation": "rewritten"}, format="json").status_code in refusals
        assert client.delete(url).status_code in refusals
    update.refresh_from_db()
    assert (update.new_status, update.explanation) == (Status.IN_PROGRESS, "Because.")


def test_anonymous_readers_cannot_record_a_status(api):
    promise = PromiseFactory()
    response = api.post("/api/v1/promise-updates/", {"promise": promise.pk, "status": "fulfilled",
                                                     "explanation": "x", "evidence": EVIDENCE}, format="json")
    assert response.status_code == 401


def test_a_status_update_for_a_draft_an_editor_cannot_see_is_refused(django_user_model):
    from django.contrib.auth.models import Permission

    draft = PromiseFactory(is_published=False)
    recorder = django_user_model.objects.create_user("recorder", password="pw-for-tests-only")
    recorder.user_permissions.add(Permission.objects.get(codename="add_promisestatusupdate"))
    response = token_client(recorder).post("/api/v1/promise-updates/", {
        "promise": draft.pk, "status": "fulfilled", "explanation": "x", "evidence": EVIDENCE}, format="json")
    assert response.status_code == 400
    assert not PromiseStatusUpdate.objects.exists()


def test_status_updates_filter_by_promise_status_and_date(api, editor):
    first, second = PromiseFactory(), PromiseFactory()
    record(first, Status.IN_PROGRESS, editor, on=datetime.date(2021, 1, 1))
    record(second, Status.STALLED, editor, on=datetime.date(2022, 1, 1))

    def ids(query):
        return [u["promise"] for u in api.get("/api/v1/promise-updates/", query).json()["results"]]

    assert ids({"promise": first.pk}) == [first.pk]
    assert ids({"status": "stalled"}) == [second.pk]
    assert ids({"on_after": "2021-06-01"}) == [second.pk]
    assert ids({"on_before": "2021-06-01"}) == [first.pk]
    assert ids({"ordering": "on"}) == [first.pk, second.pk]


# --- pagination -------------------------------------------------------------


def test_a_cursor_walks_every_promise_once_in_a_stable_order(api):
    created = [PromiseFactory().pk for _ in range(7)]
    seen, url = [], "/api/v1/promises/?cursor=&page_size=3"
    while url:
        body = api.get(url).json()
        assert body["count"] is None
        seen += [item["id"] for item in body["results"]]
        url = body["next"]
    assert seen == sorted(created)


def test_page_numbers_browse_with_a_count(api):
    for _ in range(5):
        PromiseFactory()
    body = api.get("/api/v1/promises/", {"page": 2, "page_size": 2}).json()
    assert body["count"] == 5 and len(body["results"]) == 2 and body["next"] and body["previous"]


# --- what every consumer relies on ------------------------------------------


def test_a_client_that_has_the_current_version_gets_a_304(api, editor):
    promise = PromiseFactory()
    first = api.get("/api/v1/promises/")
    etag = first["ETag"]
    assert api.get("/api/v1/promises/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    record(promise, Status.IN_PROGRESS, editor)
    bump_public_cache()  # a write outside a request (core/cache.py)
    changed = api.get("/api/v1/promises/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_client_that_checks_by_date_gets_a_304_until_a_write(api):
    promise = PromiseFactory()
    first = api.get(f"/api/v1/promises/{promise.pk}/")
    assert first["Last-Modified"]
    assert api.get(f"/api/v1/promises/{promise.pk}/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    Promise.objects.filter(pk=promise.pk).update(updated_at=timezone.now() + datetime.timedelta(seconds=5))
    bump_public_cache()  # a write outside a request (core/cache.py)
    assert api.get(f"/api/v1/promises/{promise.pk}/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 200


def test_anonymous_readers_are_throttled_and_told_when_to_come_back(api, monkeypatch):
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "anon", "3/minute")
    PromiseFactory()
    statuses = [api.get("/api/v1/promises/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api.get("/api/v1/promises/")
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["code"] == "throttled"


def test_editors_with_a_token_are_not_throttled_like_anonymous_readers(editor, monkeypatch):
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "anon", "1/minute")
    client = token_client(editor)
    assert [client.get("/api/v1/promises/").status_code for _ in range(3)] == [200, 200, 200]


def test_read_endpoints_allow_other_origins(api):
    response = api.get("/api/v1/promises/", HTTP_ORIGIN="https://journalist.example")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_missing_promise_has_the_common_error_body(api):
    response = api.get("/api/v1/promises/999999/")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "code": "not_found", "message": "No Promise matches the given query."} \
        or response.json()["code"] == "not_found"


# --- cost -----------------------------------------------------------------


@pytest.mark.parametrize("rows", [3, 30])
def test_the_promise_list_costs_the_same_queries_for_3_or_30_rows(api, editor, django_assert_max_num_queries, rows):
    topic = TopicFactory()
    for n in range(rows):
        promise = PromiseFactory(programme=ProgrammeFactory())
        promise.topics.add(topic)
        if n % 2:
            record(promise, Status.IN_PROGRESS, editor)
    # count, page, topics, party expansion, latest updates, their evidence
    with django_assert_max_num_queries(6):
        response = api.get("/api/v1/promises/", {"expand": "party,status,latest_update"})
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_the_status_history_list_costs_the_same_queries_for_any_length(api, editor, django_assert_max_num_queries,
                                                                        rows):
    for _ in range(rows):
        record(PromiseFactory(), Status.IN_PROGRESS, editor)
    with django_assert_max_num_queries(3):
        response = api.get("/api/v1/promise-updates/")
    assert response.json()["count"] == rows
