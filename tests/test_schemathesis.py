"""Property-based run of our own OpenAPI schema against the app (Schemathesis on WSGI).

Every read operation gets generated parameters, valid and not; no answer may be a
5xx, and every documented answer must match its schema. Bounded so it takes well
under two minutes."""

import datetime
import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.settings import api_settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

from directives.tests.factories import DirectiveFactory
from politics.tests.factories import LeaderAliasFactory, OfficeFactory, PartyNameFactory, ProgrammeFactory, TopicFactory
from promises.tests.factories import PromiseFactory
from sources.tests.factories import ArticleFactory
from tracking.models import Status
from tracking.services import record_status

pytestmark = pytest.mark.django_db


def load_schema():
    """Our schema, generated in-process (no database needed), with the WSGI app to call."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    from config.wsgi import application

    raw = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    loaded = schemathesis.openapi.from_dict(raw)
    loaded.app = application
    return loaded


schema = load_schema().include(method="GET")


@pytest.fixture(autouse=True)
def tracker(db, monkeypatch, superuser):
    """A small tracker with every kind of row, and no throttle in the way."""
    # The WSGI app is called directly, not through Django's test client: keep its
    # request signals from closing the test's database connection (and transaction),
    # as the test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "anon", "1000000/minute")
    fill_tracker(superuser)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def fill_tracker(superuser):
    topic = TopicFactory(slug="economy")
    programme = ProgrammeFactory(slug="manifesto")
    PartyNameFactory(party=programme.party)
    for n in range(3):
        promise = PromiseFactory(programme=programme, target_date=datetime.date(2020, 1, 1))
        promise.topics.add(topic)
        record_status(item=promise, status=Status.IN_PROGRESS, explanation="Begun.",
                              evidence=[{"url": "https://news.example/p", "article": ArticleFactory()}],
                              editor=superuser, on=datetime.date(2021, 1, n + 1))
        directive = DirectiveFactory()
        directive.addressed_parties.add(programme.party)
        directive.promises.add(promise)
        record_status(item=directive, status=Status.FULFILLED, explanation="Done.",
                                evidence=["https://news.example/d"], editor=superuser)
        OfficeFactory(leader=directive.issuer)
        LeaderAliasFactory(leader=directive.issuer)


@schema.parametrize()
@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_every_read_answers_without_a_server_error_and_as_documented(case):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance, content_type_conformance])
