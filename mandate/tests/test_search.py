"""The header search: one search over promises, directives, leaders and parties, grouped by kind."""

import pytest
from django.urls import reverse

from directives.tests.factories import DirectiveFactory
from politics.tests.factories import LeaderAliasFactory, LeaderFactory, PartyFactory, PartyNameFactory
from promises.tests.factories import PromiseFactory

pytestmark = pytest.mark.django_db


def found(response, kind):
    """The names of what a search found of ``kind``, in order."""
    return [str(row) for group in response.context["found"] if group["name"] == kind for row in group["rows"]]


def test_one_search_finds_directives_promises_leaders_and_parties_grouped_by_kind(reader):
    DirectiveFactory(action="audit the fulfilment of election promises")
    DirectiveFactory(action="audit the party's finances", is_published=False)
    PromiseFactory(title="Publish an audit of the budget every year")
    PromiseFactory(title="Build schools")
    LeaderAliasFactory(leader=LeaderFactory(full_name="Kassym-Jomart Tokayev"), alias="Tokayev")
    PartyNameFactory(party=PartyFactory(name="Amanat"), name="Nur Otan")

    response = reader.get(reverse("search"), {"q": "audit"})
    assert found(response, "directives") == ["Audit the fulfilment of election promises"]
    assert found(response, "promises") == ["Publish an audit of the budget every year"]
    page = response.content.decode()
    assert page.index('id="found-promises"') < page.index("Publish an audit") < page.index('id="found-directives"')
    assert page.index('id="found-directives"') < page.index("Audit the fulfilment")
    assert 'href="/directives/?q=audit"' in page
    assert "No leaders, parties match." in page  # the kinds without a match, in one line

    assert found(reader.get(reverse("search"), {"q": "tokayev"}), "leaders") == ["Kassym-Jomart Tokayev"]
    assert found(reader.get(reverse("search"), {"q": "nur otan"}), "parties") == ["Amanat"]
    nothing = reader.get(reverse("search"), {"q": "zebra"}).content.decode()
    assert "Nothing matches “zebra”" in nothing


def test_the_header_search_goes_to_the_search_of_every_kind(reader):
    page = reader.get(reverse("home")).content.decode()
    assert f'<form class="site-search" action="{reverse("search")}"' in page


def test_a_search_costs_the_same_queries_however_many_match(reader, django_assert_max_num_queries):
    for n in range(15):
        DirectiveFactory(action=f"audit region {n}")
        PromiseFactory(title=f"Audit region {n}")
    with django_assert_max_num_queries(5):
        response = reader.get(reverse("search"), {"q": "audit"})
    assert len(found(response, "directives")) == 10
