import datetime

import pytest
from rest_framework.test import APIClient

from politics.tests.factories import (
    ElectionFactory,
    LeaderAliasFactory,
    LeaderFactory,
    OfficeFactory,
    PartyFactory,
    PartyNameFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_a_leader_comes_with_aliases_and_offices(api):
    leader = LeaderFactory(full_name="Kassym-Jomart Tokayev")
    LeaderAliasFactory(leader=leader, alias="the Head of State")
    OfficeFactory(leader=leader, title="President", start=datetime.date(2019, 6, 12))
    body = api.get(f"/api/v1/leaders/{leader.pk}/").json()
    assert body["aliases"] == ["the Head of State"]
    assert body["offices"] == [{"title": "President", "jurisdiction": "Kazakhstan", "start": "2019-06-12",
                                "end": None}]


def test_leaders_filter_by_office_and_search_aliases(api):
    president = LeaderFactory()
    OfficeFactory(leader=president, title="President")
    LeaderAliasFactory(leader=president, alias="Tokayev")
    LeaderFactory()
    assert [x["id"] for x in api.get("/api/v1/leaders/", {"office": "president"}).json()["results"]] == [president.pk]
    assert [x["id"] for x in api.get("/api/v1/leaders/", {"search": "tokayev"}).json()["results"]] == [president.pk]


def test_a_party_comes_with_its_dated_names_and_its_parent(api):
    parent = PartyFactory(slug="nur-otan")
    party = PartyFactory(name="Amanat", parent=parent)
    PartyNameFactory(party=party, name="Nur Otan", valid_from=None, valid_to=datetime.date(2022, 3, 1))
    body = api.get(f"/api/v1/parties/{party.pk}/").json()
    assert body["names"] == [{"name": "Nur Otan", "valid_from": None, "valid_to": "2022-03-01"}]
    assert body["parent_url"] == f"http://testserver/api/v1/parties/{parent.pk}/"
    assert [x["id"] for x in api.get("/api/v1/parties/", {"parent": "nur-otan"}).json()["results"]] == [party.pk]


def test_elections_and_programmes_filter_by_their_vocabulary(api):
    election = ElectionFactory(slug="majilis-2021", kind="parliamentary", held_on=datetime.date(2021, 1, 10))
    ElectionFactory(kind="presidential", held_on=datetime.date(2019, 6, 9))
    programme = ProgrammeFactory(election=election)
    ProgrammeFactory()
    assert [e["slug"] for e in api.get("/api/v1/elections/", {"held_after": "2020-01-01"}).json()["results"]] == [
        "majilis-2021"]
    assert len(api.get("/api/v1/elections/", {"kind": "presidential"}).json()["results"]) == 1
    assert [p["id"] for p in api.get("/api/v1/programmes/", {"election": "majilis-2021"}).json()["results"]] == [
        programme.pk]


def test_unknown_values_and_sort_fields_are_refused_with_a_message(api):
    assert api.get("/api/v1/elections/", {"kind": "coronation"}).status_code == 400
    response = api.get("/api/v1/parties/", {"ordering": "popularity"})
    assert response.status_code == 400
    assert "popularity" in response.json()["message"]


def test_the_actors_are_read_only(api, superuser):
    api.force_authenticate(superuser)
    assert api.post("/api/v1/parties/", {"name": "New"}, format="json").status_code == 405


@pytest.mark.parametrize("rows", [2, 20])
def test_the_party_list_costs_the_same_queries_for_any_length(api, django_assert_max_num_queries, rows):
    for _ in range(rows):
        PartyNameFactory(party=PartyFactory())
    with django_assert_max_num_queries(4):
        assert len(api.get("/api/v1/parties/").json()["results"]) == rows
