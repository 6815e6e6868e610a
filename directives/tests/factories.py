import datetime

import factory

from directives.models import Directive
from politics.tests.factories import LeaderFactory


class DirectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directive

    action = factory.Sequence(lambda n: f"Review structure {n}")
    slug = factory.Sequence(lambda n: f"directive-{n}")
    quote = factory.LazyAttribute(lambda d: f"The president instructed to {d.action.lower()}.")
    issuer = factory.SubFactory(LeaderFactory)
    issued_on = datetime.date(2022, 1, 28)
    is_published = True

