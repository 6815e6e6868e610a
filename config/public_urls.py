"""The public pages' routes."""

from django.http import HttpResponse
from django.urls import path


def placeholder(request, **kwargs):
    return HttpResponse("Mandate")


urlpatterns = [
    path("", placeholder, name="home"),
    path("promises/<slug:slug>/", placeholder, name="promise_detail"),
    path("directives/<slug:slug>/", placeholder, name="directive_detail"),
    path("leaders/<slug:slug>/", placeholder, name="leader_detail"),
    path("parties/<slug:slug>/", placeholder, name="party_detail"),
    path("elections/<slug:slug>/", placeholder, name="election_detail"),
    path("programmes/<slug:slug>/", placeholder, name="programme_detail"),
    path("topics/<slug:slug>/", placeholder, name="topic_detail"),
]
