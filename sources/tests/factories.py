import factory

from sources.models import Article, Candidate, Feed, Outlet, content_hash


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Outlet {n}")
    domain = factory.Sequence(lambda n: f"outlet{n}.example")


class FeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feed

    url = factory.Sequence(lambda n: f"http://feeds.example/{n}.xml")
    outlet = factory.SubFactory(OutletFactory)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    url = factory.Sequence(lambda n: f"https://news.example/articles/{n}")
    title = factory.Sequence(lambda n: f"Article {n}")
    text = factory.Sequence(lambda n: f"The text of article {n}.")
    content_hash = factory.LazyAttribute(lambda a: content_hash(a.text))
    state = Article.State.DONE


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    article = factory.SubFactory(ArticleFactory)
    kind = Candidate.Kind.DIRECTIVE
    sentence = factory.LazyAttribute(lambda c: c.article.text)
    start = 0
    end = factory.LazyAttribute(lambda c: len(c.sentence))
    confidence = 0.8
