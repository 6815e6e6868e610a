"""The public pages' routes: ``urlpatterns`` in each language (``/``, ``/ru/``, ``/kk/``), ``unprefixed`` once."""

from csp.decorators import csp_update
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from core.cache import query_parameters
from core.i18n import switch_language
from directives import views as directive_views
from mandate import embeds, views
from mandate.feeds import StatusChangesAtomFeed, StatusChangesFeed
from mandate.sitemaps import SITEMAPS
from politics import views as politics_views
from promises import views as promise_views

# A browser shows sitemap.xml with its own XML viewer, which styles its page inline (Chromium
# no longer applies an XSL stylesheet, as the feeds have). Scripts stay 'self' only; the XML
# holds nothing but the public pages' escaped addresses.
SITEMAP_CSP = {"style-src": ["'unsafe-inline'"]}

urlpatterns = [
    path("", views.home, name="home"),
    path("methodology/", views.methodology, name="methodology"),
    path("search/", views.search, name="search"),
    path("about/", views.about, name="about"),
    path("corrections/", views.corrections, name="corrections"),
    path("promises/", promise_views.promise_list, name="promise_list"),
    path("promises/<slug:slug>/", promise_views.promise_detail, name="promise_detail"),
    path("promises/<slug:slug>/badge.svg", embeds.badge, {"kind": "promise"}, name="promise_badge"),
    path("directives/", directive_views.directive_list, name="directive_list"),
    path("directives/<slug:slug>/", directive_views.directive_detail, name="directive_detail"),
    path("directives/<slug:slug>/badge.svg", embeds.badge, {"kind": "directive"}, name="directive_badge"),
    path("leaders/", politics_views.leader_list, name="leader_list"),
    path("leaders/<slug:slug>/", views.leader_detail, name="leader_detail"),
    path("parties/", politics_views.party_list, name="party_list"),
    path("parties/<slug:slug>/", views.party_detail, name="party_detail"),
    path("elections/", politics_views.election_list, name="election_list"),
    path("elections/<slug:slug>/", views.election_detail, name="election_detail"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("topics/", politics_views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("feeds/changes.rss", StatusChangesFeed(), name="changes_rss"),
    path("feeds/changes.atom", StatusChangesAtomFeed(), name="changes_atom"),
    path("feeds/feed.xsl", views.feed_stylesheet, name="feed_stylesheet"),
    path("feeds/parties/<slug:slug>.rss", StatusChangesFeed(scope="party"), name="party_changes_rss"),
    path("feeds/parties/<slug:slug>.atom", StatusChangesAtomFeed(scope="party"), name="party_changes_atom"),
    path("feeds/leaders/<slug:slug>.rss", StatusChangesFeed(scope="leader"), name="leader_changes_rss"),
    path("feeds/leaders/<slug:slug>.atom", StatusChangesAtomFeed(scope="leader"), name="leader_changes_atom"),
    # What other sites embed: cards for their iframes (these pages alone may be framed), and oEmbed.
    path("embed/promises/<slug:slug>/", embeds.item_card, {"kind": "promise"}, name="promise_embed"),
    path("embed/directives/<slug:slug>/", embeds.item_card, {"kind": "directive"}, name="directive_embed"),
    path("embed/parties/<slug:slug>/", embeds.party_card, name="party_embed"),
    path("oembed", embeds.oembed, name="oembed"),
]

# The same in every language: no prefix (config/urls.py). The sitemap lists every page in each language.
unprefixed = [
    # Browsers show the XML with a viewer that styles it inline; the relaxation is this route's.
    path("sitemap.xml", query_parameters("p")(csp_update(SITEMAP_CSP)(sitemap)), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("ping/", views.ping, name="ping"),
    path("language/<str:code>/", switch_language, name="switch_language"),
]
