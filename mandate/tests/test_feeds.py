"""Atom and RSS feeds of recent status changes, and the sitemap: only what is public."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from directives.tests.factories import DirectiveFactory
from politics.tests.factories import LeaderFactory, PartyFactory, ProgrammeFactory
from promises.tests.factories import PromiseFactory
from tracking.models import Status
from tracking.services import record_status

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def changes(editor):
    party = PartyFactory(slug="amanat")
    leader = LeaderFactory(slug="tokayev")
    pensions = PromiseFactory(title="Raise pensions", programme=ProgrammeFactory(party=party), party=None)
    record_status(
        item=pensions,
        status=Status.FULFILLED,
        explanation="Pensions rose 7%.",
        evidence=[{"url": "https://news.example/pensions", "title": "Pensions rose"}],
        editor=editor,
        on=datetime.date(2022, 5, 1),
    )
    audit = DirectiveFactory(action="Audit the programme", issuer=leader)
    audit.addressed_parties.add(party)
    record_status(
        item=audit,
        status=Status.IN_PROGRESS,
        explanation="The audit began.",
        evidence=["https://news.example/audit"],
        editor=editor,
        on=datetime.date(2022, 6, 1),
    )
    draft = PromiseFactory(title="Draft promise", party=party, is_published=False)
    record_status(
        item=draft,
        status=Status.STALLED,
        explanation="Hidden.",
        evidence=["https://news.example/hidden"],
        editor=editor,
        on=datetime.date(2022, 7, 1),
    )
    other = PromiseFactory(title="Other party's promise")
    record_status(
        item=other,
        status=Status.STALLED,
        explanation="Elsewhere.",
        evidence=["https://news.example/other"],
        editor=editor,
        on=datetime.date(2022, 4, 1),
    )
    return {"party": party, "leader": leader, "pensions": pensions, "audit": audit}


def atom_titles(reader, url):
    response = reader.get(url)
    # As XML, so a browser applies the feed's stylesheet; the root element says it is Atom.
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_the_atom_feed_lists_every_public_change_newest_first(reader, changes):
    assert atom_titles(reader, reverse("changes_atom")) == [
        "Audit the programme: In progress",
        "Raise pensions: Fulfilled",
        "Other party's promise: Stalled",
    ]


def test_the_rss_feed_carries_links_dates_and_the_evidence(reader, changes):
    response = reader.get(reverse("changes_rss"))
    assert response["Content-Type"].startswith("application/xml")
    channel = ET.fromstring(response.content).find("channel")
    first = channel.find("item")
    assert first.find("link").text.startswith(f"http://testserver{changes['audit'].get_absolute_url()}#update-")
    assert first.find("pubDate").text
    assert "https://news.example/audit" in first.find("description").text


def test_the_party_feed_has_the_party_s_promises_and_the_directives_addressed_to_it(reader, changes):
    titles = atom_titles(reader, reverse("party_changes_atom", args=["amanat"]))
    assert titles == ["Audit the programme: In progress", "Raise pensions: Fulfilled"]


def test_the_leader_feed_has_the_leader_s_directives(reader, changes):
    assert atom_titles(reader, reverse("leader_changes_rss", args=["tokayev"]).replace(".rss", ".atom")) == [
        "Audit the programme: In progress"
    ]
    assert reader.get(reverse("leader_changes_rss", args=["nobody"])).status_code == 404


def test_the_feed_costs_the_same_queries_however_many_changes(reader, editor, changes, django_assert_max_num_queries):
    for n in range(10):
        promise = PromiseFactory()
        record_status(
            item=promise,
            status=Status.STALLED,
            explanation="x",
            evidence=["https://news.example/n"],
            editor=editor,
            on=datetime.date(2022, 1, 1 + n),
        )
    with django_assert_max_num_queries(4):
        reader.get(reverse("changes_atom"))


def test_the_sitemap_lists_public_pages_only(reader, changes):
    content = reader.get(reverse("sitemap")).content.decode()
    assert f"http://testserver{changes['pensions'].get_absolute_url()}" in content
    assert f"http://testserver{changes['audit'].get_absolute_url()}" in content
    assert "http://testserver/parties/amanat/" in content and "http://testserver/methodology/" in content
    assert "promise-" in content and "Draft" not in content
    draft_url = PromiseFactory(is_published=False).get_absolute_url()
    assert draft_url not in reader.get(reverse("sitemap")).content.decode()
