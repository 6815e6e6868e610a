import datetime

import pytest

from directives.filters import DirectiveFilter
from directives.models import Directive
from directives.tests.factories import DirectiveFactory
from politics.tests.factories import PartyFactory, ProgrammeFactory, TopicFactory
from promises.filters import PromiseFilter
from promises.models import Promise
from promises.tests.factories import PromiseFactory
from tracking.models import Status
from tracking.services import record_status

pytestmark = pytest.mark.django_db


def filtered(data):
    filterset = PromiseFilter(data, queryset=Promise.objects.all())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs)


def test_it_filters_promises_by_party_including_the_party_s_programmes():
    party = PartyFactory(slug="nur-otan")
    direct = PromiseFactory(party=party)
    via_programme = PromiseFactory(party=None, programme=ProgrammeFactory(party=party))
    PromiseFactory()
    assert filtered({"party": "nur-otan"}) == {direct, via_programme}


def test_it_filters_by_status_and_overdue(editor):
    stalled = PromiseFactory(target_date=datetime.date(2020, 1, 1))
    record_status(item=stalled, status=Status.STALLED, explanation="No money.",
                          evidence=["https://news.example/x"], editor=editor, on=datetime.date(2021, 1, 1))
    unrated = PromiseFactory()
    assert filtered({"status": ["stalled"]}) == {stalled}
    assert filtered({"status": ["not_rated", "stalled"]}) == {stalled, unrated}
    assert filtered({"overdue": "true"}) == {stalled}
    assert filtered({"overdue": "false"}) == {unrated}
    assert filtered({"updated_since": "2020-12-31"}) == {stalled}


def test_it_searches_every_word_in_title_or_quote():
    schools = PromiseFactory(title="Build schools in Almaty", quote="We will build 100 schools.")
    PromiseFactory(title="Cut taxes", quote="Taxes will fall.")
    assert filtered({"q": "schools almaty"}) == {schools}
    assert filtered({"q": "100 schools"}) == {schools}


def test_an_unknown_party_or_status_is_an_error_not_an_empty_list():
    filterset = PromiseFilter({"party": "no-such-party", "status": ["kept"]}, queryset=Promise.objects.all())
    assert not filterset.is_valid()
    assert set(filterset.errors) == {"party", "status"}


def test_it_filters_directives_by_addressed_party_topic_and_issue_date():
    party = PartyFactory(slug="amanat")
    topic = TopicFactory(slug="governance")
    matching = DirectiveFactory(issued_on=datetime.date(2022, 1, 28))
    matching.addressed_parties.add(party)
    matching.topics.add(topic)
    DirectiveFactory(issued_on=datetime.date(2022, 1, 28))
    filterset = DirectiveFilter(
        {"party": "amanat", "topic": "governance", "issued_after": "2022-01-01"}, queryset=Directive.objects.all()
    )
    assert filterset.is_valid(), filterset.errors
    assert list(filterset.qs) == [matching]


def test_filtersets_built_one_after_another_each_filter_with_their_own_values():
    """The filters are copied shallow for each FilterSet: a method filter must still call its own."""
    first, second = PartyFactory(slug="first"), PartyFactory(slug="second")
    mine, theirs = PromiseFactory(party=first), PromiseFactory(party=second)
    kept = PromiseFilter({"party": "first"}, queryset=Promise.objects.all())
    assert filtered({"party": "second"}) == {theirs}
    assert kept.is_valid() and set(kept.qs) == {mine}
    assert kept.filters["party"].parent is kept and not hasattr(PromiseFilter.base_filters["party"], "parent")


def test_the_filter_form_speaks_the_language_it_is_built_in():
    from django.utils.translation import override

    with override("ru"):
        russian = PromiseFilter({}, queryset=Promise.objects.all()).form
        assert str(russian.fields["status"].label) == "Статус"
    english = PromiseFilter({}, queryset=Promise.objects.all()).form
    assert str(english.fields["status"].label) == "Status"
    assert type(russian) is not type(english)
