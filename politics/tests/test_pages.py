"""The actors' pages: parties (found under any of their names), leaders, elections, programmes, topics."""

import datetime

import pytest
from django.urls import reverse

from directives.tests.factories import DirectiveFactory
from politics.tests.factories import (
    ElectionFactory,
    LeaderAliasFactory,
    LeaderFactory,
    OfficeFactory,
    PartyAliasFactory,
    PartyFactory,
    PartyNameFactory,
    ProgrammeFactory,
    TopicFactory,
)
from promises.tests.factories import PromiseFactory
from tracking.models import Status
from tracking.services import record_status

pytestmark = pytest.mark.django_db


def rate_promise(promise, editor, status, on):
    record_status(
        item=promise,
        status=status,
        explanation="Because.",
        evidence=["https://news.example/e"],
        editor=editor,
        on=on,
    )


@pytest.fixture
def amanat():
    party = PartyFactory(name="Amanat", slug="amanat", abbreviation="AM")
    PartyNameFactory(
        party=party, name="Nur Otan", valid_from=datetime.date(1999, 3, 1), valid_to=datetime.date(2022, 3, 1)
    )
    PartyNameFactory(party=party, name="Amanat", valid_from=datetime.date(2022, 3, 1))
    PartyAliasFactory(party=party, alias="the ruling party")
    return party


@pytest.mark.parametrize("name", ["Nur Otan", "nur otan", "Amanat", "AM", "the ruling party"])
def test_a_party_is_found_under_each_of_its_names(reader, amanat, name):
    response = reader.get(reverse("party_list"), {"q": name})
    assert response.status_code == 302 and response["Location"] == amanat.get_absolute_url()


@pytest.mark.parametrize("key", ["nur-otan", "Nur Otan", "the-ruling-party", "am"])
def test_a_former_name_or_an_alias_filters_wherever_the_slug_does(reader, amanat, key):
    PromiseFactory(title="Raise pensions", party=amanat)
    PromiseFactory(title="Another party's")

    page = reader.get(reverse("promise_list"), {"party": key})
    assert [p.title for p in page.context["page"].object_list] == ["Raise pensions"]
    assert "not understood" not in page.content.decode()
    # The form shows the party chosen, whatever name the address used.
    assert '<option value="amanat" selected>' in page.content.decode()

    api = reader.get("/api/v1/promises/", {"party": key})
    assert api.status_code == 200, api.content
    assert [p["title"] for p in api.json()["results"]] == ["Raise pensions"]


def test_a_party_s_page_and_feed_answer_under_a_former_name(reader, amanat):
    response = reader.get(reverse("party_detail", args=["nur-otan"]))
    assert response.status_code == 301 and response["Location"] == amanat.get_absolute_url()
    assert reader.get(reverse("party_changes_atom", args=["nur-otan"])).status_code == 200
    assert reader.get(reverse("party_detail", args=["no-such-party"])).status_code == 404


def test_a_leader_s_alias_works_where_the_slug_does(reader):
    leader = LeaderFactory(full_name="Kassym-Jomart Tokayev", slug="kassym-jomart-tokayev")
    LeaderAliasFactory(leader=leader, alias="Tokayev")
    DirectiveFactory(action="Audit the promises", issuer=leader)
    assert reader.get(reverse("leader_detail", args=["tokayev"]))["Location"] == leader.get_absolute_url()
    page = reader.get(reverse("directive_list"), {"leader": "tokayev"})
    assert [d.action for d in page.context["page"].object_list] == ["Audit the promises"]


def test_a_name_two_parties_share_names_neither(reader, amanat):
    other = PartyFactory(name="Nur Otan Regional", slug="nor")
    PartyNameFactory(party=other, name="Nur Otan")
    response = reader.get(reverse("promise_list"), {"party": "nur-otan"})
    assert "Some filters were not understood" in response.content.decode()


def test_a_partial_name_lists_the_matching_parties_with_their_former_names(reader, amanat):
    PartyFactory(name="Otan Youth")
    page = reader.get(reverse("party_list"), {"q": "otan"}).content.decode()
    assert "Amanat" in page and "Nur Otan" in page and "Otan Youth" in page


def test_a_party_page_shows_its_names_scorecards_charts_and_items(reader, editor, amanat):
    kept = PromiseFactory(title="Raise pensions", party=amanat, made_on=datetime.date(2021, 1, 10))
    rate_promise(kept, editor, Status.FULFILLED, datetime.date(2022, 5, 1))
    PromiseFactory(title="Via programme", party=None, programme=ProgrammeFactory(party=amanat))
    directive = DirectiveFactory(action="Renew the party")
    directive.addressed_parties.add(amanat)
    PromiseFactory(title="Someone else's")

    response = reader.get(amanat.get_absolute_url())
    page = response.content.decode()

    assert "Nur Otan" in page and "the ruling party" in page
    assert response.context["promise_card"].total == 2 and response.context["promise_card"].count("fulfilled") == 1
    assert response.context["directive_card"].total == 1
    assert page.count('role="img"') == 4  # two meters, two histories
    assert "Raise pensions" in page and "Via programme" in page and "Renew the party" in page
    assert "Someone else" not in page
    assert 'href="/promises/?party=amanat"' in page
    assert reverse("party_changes_atom", args=["amanat"]) in page


def test_a_party_page_costs_the_same_queries_however_many_items(reader, editor, amanat, django_assert_max_num_queries):
    for n in range(12):
        promise = PromiseFactory(party=amanat, programme=ProgrammeFactory(party=amanat))
        rate_promise(promise, editor, Status.IN_PROGRESS, datetime.date(2021, 1 + n % 12, 1))
        DirectiveFactory().addressed_parties.add(amanat)
        PartyFactory(parent=amanat)
    with django_assert_max_num_queries(16):
        assert reader.get(amanat.get_absolute_url()).status_code == 200


def test_a_leader_page_shows_offices_aliases_and_what_they_ordered_and_promised(reader, editor):
    leader = LeaderFactory(full_name="Kassym-Jomart Tokayev", slug="tokayev")
    LeaderAliasFactory(leader=leader, alias="the Head of State")
    OfficeFactory(leader=leader, title="President", jurisdiction="Kazakhstan")
    directive = DirectiveFactory(action="Reform the party", issuer=leader)
    record_status(
        item=directive,
        status=Status.STALLED,
        explanation="No news.",
        evidence=["https://news.example/s"],
        editor=editor,
        on=datetime.date(2022, 9, 1),
    )
    PromiseFactory(title="Hold fair elections", party=None, leader=leader)

    response = reader.get(leader.get_absolute_url())
    page = response.content.decode()

    assert "the Head of State" in page and "President, Kazakhstan" in page
    assert "Reform the party" in page and "Hold fair elections" in page
    assert response.context["directive_card"].count("stalled") == 1


def test_a_leader_with_no_promises_gets_no_empty_chart_for_them(reader):
    leader = LeaderFactory()
    DirectiveFactory(action="audit the promises", issuer=leader)
    page = reader.get(leader.get_absolute_url()).content.decode()
    promises = page[page.index('id="promises-title"'):page.index('id="directives-title"')]
    assert "<svg" not in promises and "none yet" in promises and "No published promises yet." in promises
    directives = page[page.index('id="directives-title"'):]
    assert "<svg" in directives
    # A directive's action is a heading wherever it is listed.
    assert ">Audit the promises</a>" in directives


def test_a_leader_page_costs_the_same_queries_however_many_items(reader, editor, django_assert_max_num_queries):
    leader = LeaderFactory()
    for _ in range(10):
        DirectiveFactory(issuer=leader)
        PromiseFactory(party=None, leader=leader)
        LeaderAliasFactory(leader=leader)
    with django_assert_max_num_queries(14):
        assert reader.get(leader.get_absolute_url()).status_code == 200


def test_election_programme_and_topic_pages_show_their_promises(reader):
    election = ElectionFactory(name="2021 Majilis election")
    programme = ProgrammeFactory(title="Path of Change", election=election)
    topic = TopicFactory(name="Pensions", slug="pensions")
    promise = PromiseFactory(title="Raise pensions", programme=programme)
    promise.topics.add(topic)
    for url in (election.get_absolute_url(), programme.get_absolute_url(), topic.get_absolute_url()):
        page = reader.get(url).content.decode()
        assert "Raise pensions" in page, url
    assert "Path of Change" in reader.get(election.get_absolute_url()).content.decode()


def test_the_index_pages_list_the_actors(reader, amanat):
    LeaderFactory(full_name="Kassym-Jomart Tokayev")
    ElectionFactory(name="2021 Majilis election")
    TopicFactory(name="Pensions")
    assert "Amanat" in reader.get(reverse("party_list")).content.decode()
    assert "Kassym-Jomart Tokayev" in reader.get(reverse("leader_list")).content.decode()
    assert "2021 Majilis election" in reader.get(reverse("election_list")).content.decode()
    assert "Pensions" in reader.get(reverse("topic_list")).content.decode()


def test_an_unknown_actor_is_a_404(reader):
    for name in ("party_detail", "leader_detail", "election_detail", "programme_detail", "topic_detail"):
        assert reader.get(reverse(name, args=["nobody"])).status_code == 404


def test_an_editor_s_write_in_the_admin_makes_cached_pages_fresh_at_once(client, editor, amanat):
    from django.test import Client

    reader = Client()
    reader.get(amanat.get_absolute_url())  # now cached
    amanat.name = "Renamed party"
    amanat.save()  # a change made behind the cache's back
    assert "Renamed party" not in reader.get(amanat.get_absolute_url()).content.decode()

    client.force_login(editor)
    response = client.post(reverse("admin:politics_topic_add"), {"name": "Water", "slug": "water", "description": ""})

    assert response.status_code == 302
    assert "Renamed party" in reader.get(amanat.get_absolute_url()).content.decode()
