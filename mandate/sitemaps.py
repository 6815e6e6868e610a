"""sitemap.xml: every public page in each language, and only those (items start from ``public()``)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from directives.models import Directive
from politics.models import Election, Leader, Party, Programme, Topic
from promises.models import Promise


class InEachLanguage(Sitemap):
    """Every page once per language (/, /ru/, /kk/), each with its alternates (hreflang)."""

    i18n = True
    alternates = True
    x_default = True


class TrackedSitemap(InEachLanguage):
    changefreq = "weekly"

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.public().order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class ActorSitemap(InEachLanguage):
    changefreq = "weekly"
    priority = 0.6

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.order_by("pk").only("slug")


class PagesSitemap(InEachLanguage):
    changefreq = "daily"

    def items(self):
        return [
            "home",
            "promise_list",
            "directive_list",
            "party_list",
            "leader_list",
            "election_list",
            "topic_list",
            "methodology",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PagesSitemap(),
    "promises": TrackedSitemap(Promise),
    "directives": TrackedSitemap(Directive),
    "parties": ActorSitemap(Party),
    "leaders": ActorSitemap(Leader),
    "elections": ActorSitemap(Election),
    "programmes": ActorSitemap(Programme),
    "topics": ActorSitemap(Topic),
}
