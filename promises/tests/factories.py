import datetime

import factory

from politics.tests.factories import PartyFactory
from promises.models import Promise


class PromiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Promise

    title = factory.Sequence(lambda n: f"Build {n} schools")
    slug = factory.Sequence(lambda n: f"promise-{n}")
    quote = factory.LazyAttribute(lambda p: f"We will {p.title.lower()}.")
    party = factory.SubFactory(PartyFactory)
    made_on = datetime.date(2021, 1, 10)
    is_published = True

