"""The public directive pages: the filtered list and a page per directive."""

import datetime

import pytest
from django.urls import reverse

from directives.tests.factories import DirectiveFactory
from politics.tests.factories import LeaderFactory, PartyFactory, PartyNameFactory, ProgrammeFactory, TopicFactory
from promises.tests.factories import PromiseFactory
from tracking.models import Status
from tracking.services import record_status
from tracking.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def rate(directive, editor, status, on, url="https://news.example/evidence", title=""):
    return record_status(
        item=directive,
        status=status,
        explanation=f"Rated {status}.",
        evidence=[{"url": url, "title": title}],
        editor=editor,
        on=on,
    )


def test_the_list_filters_by_addressed_party_issuer_and_status(reader, editor):
    party = PartyFactory(slug="amanat")
    president = LeaderFactory(slug="tokayev")
    wanted = DirectiveFactory(action="Reform the party", issuer=president)
    wanted.addressed_parties.add(party)
    rate(wanted, editor, Status.IN_PROGRESS, datetime.date(2022, 2, 1))
    DirectiveFactory(action="Other issuer's").addressed_parties.add(party)
    DirectiveFactory(action="Unaddressed", issuer=president)

    response = reader.get(reverse("directive_list"), {"party": "amanat", "leader": "tokayev", "status": "in_progress"})

    assert [d.action for d in response.context["page"].object_list] == ["Reform the party"]
    assert response.context["card"].count("in_progress") == 1
    assert '<option value="tokayev" selected>' in response.content.decode()


def test_the_list_shows_overdue_directives(reader):
    DirectiveFactory(action="Late", issued_on=datetime.date(2022, 1, 28), deadline=datetime.date(2022, 3, 1))
    DirectiveFactory(action="No deadline")
    page = reader.get(reverse("directive_list"), {"overdue": "true"})
    assert [d.action for d in page.context["page"].object_list] == ["Late"]
    assert "Overdue" in page.content.decode()


def test_the_list_costs_the_same_queries_however_many_rows(reader, editor, django_assert_max_num_queries):
    party = PartyFactory(slug="amanat")
    for n in range(15):
        directive = DirectiveFactory()
        directive.addressed_parties.add(party, PartyFactory())
        rate(directive, editor, Status.STALLED, datetime.date(2022, 2, 1 + n))
    with django_assert_max_num_queries(11):
        response = reader.get(reverse("directive_list"), {"party": "amanat"})
    assert response.context["page"].paginator.count == 15


def test_a_directive_page_shows_who_ordered_whom_what_by_when_with_its_history_and_promises(reader, editor):
    president = LeaderFactory(full_name="Kassym-Jomart Tokayev")
    party = PartyFactory(name="Amanat")
    PartyNameFactory(party=party, name="Nur Otan", valid_from=None, valid_to=datetime.date(2022, 3, 1))
    programme = ProgrammeFactory(title="Path of Change")
    directive = DirectiveFactory(
        action="Audit the election programme",
        quote="Audit the fulfilment of the election programme.",
        issuer=president,
        issued_on=datetime.date(2022, 1, 28),
        deadline=datetime.date(2022, 6, 1),
        other_addressees="the government",
        responsible_official="the Prime Minister",
    )
    directive.addressed_parties.add(party)
    directive.programmes.add(programme)
    directive.promises.add(PromiseFactory(title="Raise pensions"))
    directive.topics.add(TopicFactory(name="Governance"))
    SourceFactory(item=directive, url="https://en.trend.az/x", title="Trend report")
    rate(directive, editor, Status.IN_PROGRESS, datetime.date(2022, 2, 10), title="Audit begun")
    rate(directive, editor, Status.FULFILLED, datetime.date(2022, 5, 10), title="Audit published")

    page = reader.get(directive.get_absolute_url()).content.decode()

    assert "Audit the fulfilment of the election programme." in page
    assert "Kassym-Jomart Tokayev" in page and "the Prime Minister" in page and "the government" in page
    assert "Nur Otan" in page and "now Amanat" in page  # the name it had when the order was given
    assert "1 June 2022" in page and "Overdue" not in page
    assert page.index("Audit begun") < page.index("Audit published")
    assert "Trend report" in page and "Path of Change" in page and "Raise pensions" in page and "Governance" in page


def test_a_directive_page_costs_the_same_queries_however_much_it_links(reader, editor, django_assert_max_num_queries):
    directive = DirectiveFactory()
    for day in range(1, 7):
        rate(directive, editor, Status.IN_PROGRESS if day % 2 else Status.STALLED, datetime.date(2022, 2, day))
        directive.addressed_parties.add(PartyFactory())
        directive.addressed_leaders.add(LeaderFactory())
        directive.promises.add(PromiseFactory(programme=ProgrammeFactory()))
        directive.programmes.add(ProgrammeFactory())
        SourceFactory(item=directive)
    with django_assert_max_num_queries(12):
        assert reader.get(directive.get_absolute_url()).status_code == 200


def test_unpublished_directives_and_their_promises_are_hidden(reader):
    hidden = DirectiveFactory(action="Secret order", is_published=False)
    shown = DirectiveFactory(action="Public order")
    shown.promises.add(PromiseFactory(title="Draft promise", is_published=False))
    assert reader.get(hidden.get_absolute_url()).status_code == 404
    assert "Secret order" not in reader.get(reverse("directive_list")).content.decode()
    assert "Draft promise" not in reader.get(shown.get_absolute_url()).content.decode()
