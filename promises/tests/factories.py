import datetime

import factory

from politics.tests.factories import PartyFactory
from promises.models import Promise, PromiseSource


class PromiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Promise

    title = factory.Sequence(lambda n: f"Build {n} schools")
    slug = factory.Sequence(lambda n: f"promise-{n}")
    quote = factory.LazyAttribute(lambda p: f"We will {p.title.lower()}.")
    party = factory.SubFactory(PartyFactory)
    made_on = datetime.date(2021, 1, 10)
    is_published = True


class PromiseSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PromiseSource

    item = factory.SubFactory(PromiseFactory)
    url = factory.Sequence(lambda n: f"https://news.example/promise-source/{n}")
