import datetime

import factory

from politics.models import Election, Leader, LeaderAlias, Office, Party, PartyAlias, PartyName, Programme, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader

    full_name = factory.Sequence(lambda n: f"Leader Number{n}")
    slug = factory.Sequence(lambda n: f"leader-{n}")
    country = "Kazakhstan"


class LeaderAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaderAlias

    leader = factory.SubFactory(LeaderFactory)
    alias = factory.Sequence(lambda n: f"Alias{n}")


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    leader = factory.SubFactory(LeaderFactory)
    title = "President"
    jurisdiction = "Kazakhstan"
    start = datetime.date(2019, 6, 12)
    end = None


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    name = factory.Sequence(lambda n: f"Party {n}")
    slug = factory.Sequence(lambda n: f"party-{n}")
    country = "Kazakhstan"


class PartyNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyName

    party = factory.SubFactory(PartyFactory)
    name = factory.Sequence(lambda n: f"Former name {n}")


class PartyAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyAlias

    party = factory.SubFactory(PartyFactory)
    alias = factory.Sequence(lambda n: f"P{n}")


class ElectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Election

    name = factory.Sequence(lambda n: f"Election {n}")
    slug = factory.Sequence(lambda n: f"election-{n}")
    country = "Kazakhstan"
    held_on = factory.Sequence(lambda n: datetime.date(2000, 1, 1) + datetime.timedelta(days=n))
    kind = Election.Kind.PARLIAMENTARY


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    election = factory.SubFactory(ElectionFactory)
    party = factory.SubFactory(PartyFactory)
