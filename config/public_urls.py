"""The public pages' routes: ``urlpatterns`` in each language (``/``, ``/ru/``, ``/kk/``), ``unprefixed`` once."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from core.i18n import switch_language
from directives import views as directive_views
from mandate import views
from mandate.feeds import StatusChangesAtomFeed, StatusChangesFeed
from mandate.sitemaps import SITEMAPS
from politics import views as politics_views
from promises import views as promise_views

urlpatterns = [
    path("", views.home, name="home"),
    path("methodology/", views.methodology, name="methodology"),
    path("search/", views.search, name="search"),
    path("about/", views.about, name="about"),
    path("corrections/", views.corrections, name="corrections"),
    path("promises/", promise_views.promise_list, name="promise_list"),
    path("promises/<slug:slug>/", promise_views.promise_detail, name="promise_detail"),
    path("directives/", directive_views.directive_list, name="directive_list"),
    path("directives/<slug:slug>/", directive_views.directive_detail, name="directive_detail"),
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
]

# The same in every language: no prefix (config/urls.py). The sitemap lists every page in each language.
unprefixed = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("ping/", views.ping, name="ping"),
    path("language/<str:code>/", switch_language, name="switch_language"),
]
