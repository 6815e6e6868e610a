"""Who a name means on a date, what a party was called, and the rules the database keeps."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from politics.models import Leader, Party
from politics.services import leader_find_or_create
from politics.tests.factories import (
    LeaderAliasFactory,
    LeaderFactory,
    OfficeFactory,
    PartyAliasFactory,
    PartyFactory,
    PartyNameFactory,
)

pytestmark = pytest.mark.django_db

RENAMED = datetime.date(2022, 3, 1)


@pytest.fixture
def tokayev():
    leader = LeaderFactory(full_name="Kassym-Jomart Tokayev")
    LeaderAliasFactory(leader=leader, alias="Tokayev")
    LeaderAliasFactory(leader=leader, alias="the Head of State")
    OfficeFactory(leader=leader, title="President", jurisdiction="Kazakhstan", start=datetime.date(2019, 6, 12))
    OfficeFactory(leader=leader, title="Chairman", jurisdiction="Nur Otan", start=datetime.date(2022, 1, 28),
                  end=datetime.date(2022, 4, 26))
    return leader


def test_a_leader_is_resolved_by_name_and_by_alias(tokayev):
    day = datetime.date(2022, 1, 28)
    for text in ("Kassym-Jomart Tokayev", "tokayev", "the Head of State", " Tokayev "):
        assert Leader.objects.resolve(text, on=day) == tokayev


def test_an_office_title_resolves_to_whoever_held_it_that_day(tokayev):
    nazarbayev = LeaderFactory(full_name="Nursultan Nazarbayev")
    OfficeFactory(leader=nazarbayev, title="President", start=datetime.date(1991, 12, 16), end=datetime.date(2019, 3, 20))
    assert Leader.objects.resolve("the president", on=datetime.date(2022, 1, 28)) == tokayev
    assert Leader.objects.resolve("President", on=datetime.date(2010, 1, 1)) == nazarbayev
    assert Leader.objects.resolve("the president", on=datetime.date(2019, 5, 1)) is None  # nobody that day


def test_an_office_is_held_up_to_but_not_on_its_end_day(tokayev):
    assert Leader.objects.resolve("chairman", on=datetime.date(2022, 4, 25), jurisdiction="Nur Otan") == tokayev
    assert Leader.objects.resolve("chairman", on=datetime.date(2022, 4, 26), jurisdiction="Nur Otan") is None
    assert Leader.objects.resolve("chairman", on=datetime.date(2022, 1, 27)) is None


def test_an_ambiguous_name_resolves_to_no_one(tokayev):
    LeaderAliasFactory(alias="Tokayev")
    assert Leader.objects.resolve("Tokayev", on=datetime.date(2022, 1, 28)) is None
    with pytest.raises(ValidationError, match="More than one leader"):
        leader_find_or_create(name="Tokayev", on=datetime.date(2022, 1, 28))


def test_find_or_create_finds_a_known_leader_and_creates_an_unknown_one(tokayev):
    assert leader_find_or_create(name="the Head of State", on=datetime.date(2022, 1, 28)) == tokayev
    new = leader_find_or_create(name="Erlan  Koshanov", on=datetime.date(2022, 1, 28))
    assert (new.full_name, new.slug) == ("Erlan Koshanov", "erlan-koshanov")
    assert leader_find_or_create(name="Erlan Koshanov", on=datetime.date(2022, 1, 28)) == new


@pytest.fixture
def amanat():
    party = PartyFactory(name="Amanat", slug="amanat")
    PartyNameFactory(party=party, name="Nur Otan", valid_from=None, valid_to=RENAMED)
    PartyNameFactory(party=party, name="Amanat", valid_from=RENAMED)
    PartyAliasFactory(party=party, alias="the ruling party")
    return party


def test_a_renamed_party_is_found_under_both_names_and_its_aliases(amanat):
    for text in ("Nur Otan", "nur otan", "Amanat", "the ruling party"):
        assert list(Party.objects.named(text)) == [amanat]
    assert list(Party.objects.search("otan")) == [amanat]


def test_a_party_s_name_on_a_date(amanat):
    assert amanat.name_on(datetime.date(2022, 1, 28)) == "Nur Otan"
    assert amanat.name_on(datetime.date(2022, 2, 28)) == "Nur Otan"
    assert amanat.name_on(RENAMED) == "Amanat"
    assert Party.objects.prefetch_related("names").get().name_on(datetime.date(2021, 1, 10)) == "Nur Otan"


def test_a_youth_wing_belongs_to_its_party(amanat):
    wing = PartyFactory(name="Jas Otan", parent=amanat)
    assert list(amanat.wings.all()) == [wing]


def test_the_database_refuses_an_office_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficeFactory(start=datetime.date(2022, 1, 1), end=datetime.date(2021, 1, 1))


def test_validation_explains_a_name_used_after_it_stopped(amanat):
    name = PartyNameFactory.build(party=amanat, name="X", valid_from=RENAMED, valid_to=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError, match="stop being used after it starts"):
        name.full_clean()


def test_a_party_cannot_be_its_own_parent(amanat):
    amanat.parent = amanat
    with pytest.raises(ValidationError, match="cannot be its own parent"):
        amanat.full_clean()
