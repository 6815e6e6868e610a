"""The API's fast read path, for promises and directives alike: a response has exactly the
fields its serializer declares (the schema's), and a page costs the same number of queries
however many rows it holds."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from directives.tests.factories import DirectiveFactory
from politics.tests.factories import LeaderFactory, PartyFactory, ProgrammeFactory, TopicFactory
from promises.tests.factories import PromiseFactory
from tracking.models import Status
from tracking.services import record_status

pytestmark = pytest.mark.django_db

ROWS = 50


@pytest.fixture
def tracker(editor):
    """``ROWS`` promises and directives, each with topics, related items and a status update
    with evidence, so that anything read per row would show in the query count."""
    topics = [TopicFactory(), TopicFactory()]
    leader, party = LeaderFactory(), PartyFactory()
    programme = ProgrammeFactory(party=party)
    for n in range(ROWS):
        promise = PromiseFactory(leader=leader, programme=programme if n % 2 else None,
                                 target_date=datetime.date(2022, 1, 1))
        promise.topics.set(topics)
        directive = DirectiveFactory(issuer=leader, deadline=datetime.date(2030, 1, 1))
        directive.topics.set(topics[:1])
        directive.addressed_parties.set([party, promise.party])
        directive.addressed_leaders.set([leader])
        directive.promises.set([promise])
        directive.programmes.set([programme])
        for item in (promise, directive):
            record_status(item=item, status=Status.IN_PROGRESS, explanation="Started.", editor=editor,
                          evidence=["https://news.example/started"], on=datetime.date(2021, 5, 1))


EVERY_EXPANSION = {"promises": "party,status,latest_update", "directives": "issuer,status,latest_update"}


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


@pytest.mark.parametrize("kind", ["promises", "directives"])
@pytest.mark.parametrize("expand", [False, True])
def test_a_list_costs_the_same_queries_for_5_rows_as_for_50(tracker, kind, expand):
    client = APIClient()
    query = f"&expand={EVERY_EXPANSION[kind]}" if expand else ""
    client.get(f"/api/v1/{kind}/?page_size=1{query}")  # what a process reads once (content types, …)
    few, page = queries_for(client, f"/api/v1/{kind}/?page_size=5{query}")
    many, full_page = queries_for(client, f"/api/v1/{kind}/?page_size={ROWS}{query}")
    assert (len(page["results"]), len(full_page["results"])) == (5, ROWS)
    assert few == many
    # The same for a walk by cursor.
    few, page = queries_for(client, f"/api/v1/{kind}/?cursor=&page_size=5{query}")
    many, full_page = queries_for(client, f"/api/v1/{kind}/?cursor=&page_size={ROWS}{query}")
    assert (len(page["results"]), len(full_page["results"])) == (5, ROWS)
    assert few == many


@pytest.mark.parametrize("kind", ["promise", "directive"])
def test_a_status_history_page_costs_the_same_queries_for_5_rows_as_for_50(tracker, kind):
    client = APIClient()
    client.get(f"/api/v1/{kind}-updates/?page_size=1")
    few, page = queries_for(client, f"/api/v1/{kind}-updates/?page_size=5")
    many, full_page = queries_for(client, f"/api/v1/{kind}-updates/?page_size={ROWS}")
    assert (len(page["results"]), len(full_page["results"])) == (5, ROWS)
    assert few == many


def declared(schemas, name):
    return list(schemas[name]["properties"])


@pytest.mark.parametrize(("kind", "component"), [("promise", "PromiseRead"), ("directive", "DirectiveRead")])
def test_an_item_has_the_fields_its_schema_declares_in_their_order(tracker, kind, component):
    schemas = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    client = APIClient()
    plain = client.get(f"/api/v1/{kind}s/").json()["results"][0]
    assert list(plain) == [name for name in declared(schemas, component) if name != "expanded"]
    expanded = client.get(f"/api/v1/{kind}s/?expand={EVERY_EXPANSION[kind + 's']}").json()["results"][0]
    assert list(expanded) == declared(schemas, component)
    assert list(expanded["expanded"]["status"]) == declared(schemas, "CurrentStatus")
    latest = expanded["expanded"]["latest_update"]
    assert list(latest) == declared(schemas, "UpdateSummary")
    assert list(latest["evidence"][0]) == declared(schemas, "Evidence")
    assert latest["url"].endswith(f"/api/v1/{kind}-updates/{latest['id']}/")
    history = client.get(f"/api/v1/{kind}-updates/").json()["results"][0]
    assert list(history) == declared(schemas, f"{kind.capitalize()}StatusUpdateRead")
    assert history[f"{kind}_url"].endswith(f"/api/v1/{kind}s/{history[kind]}/")
    assert client.get(plain["url"]).json() == plain


@pytest.mark.parametrize("kind", ["promises", "directives", "promise-updates", "directive-updates"])
def test_a_list_asked_for_no_filter_is_the_one_every_empty_filter_gives(tracker, kind):
    # With no filter asked for, the FilterSet is not built; the list must not change for it.
    client = APIClient()
    bare = client.get(f"/api/v1/{kind}/?page_size=200").json()["results"]
    empty_filter = "on_after=" if kind.endswith("updates") else "q="
    response = client.get(f"/api/v1/{kind}/?page_size=200&{empty_filter}&ordering=&unknown=1")
    assert response.status_code == 200, response.content
    empty = response.json()["results"]
    assert len(bare) == ROWS
    assert [item["id"] for item in bare] == [item["id"] for item in empty]


def test_the_latest_update_expanded_has_all_its_evidence_as_its_history_entry_does(editor):
    promise = PromiseFactory()
    record_status(item=promise, status=Status.STALLED, explanation="Stopped.", editor=editor,
                  evidence=["https://news.example/one", "https://news.example/two"], on=datetime.date(2021, 5, 1))
    client = APIClient()
    latest = client.get(f"/api/v1/promises/{promise.pk}/?expand=latest_update").json()["expanded"]["latest_update"]
    entry = client.get(f"/api/v1/promise-updates/{latest['id']}/").json()
    assert [e["url"] for e in latest["evidence"]] == ["https://news.example/one", "https://news.example/two"]
    assert latest["evidence"] == entry["evidence"]
    assert {name: entry[name] for name in latest} == latest
