import factory

from tracking.models import Source


class SourceFactory(factory.django.DjangoModelFactory):
    """A source of an item; give it ``item`` (a promise or a directive)."""

    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://news.example/source/{n}")
