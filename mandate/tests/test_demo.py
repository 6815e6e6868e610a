"""``load_demo`` and ``demo_admin``: a coherent demo, loaded any number of times."""

import datetime
import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from directives.models import Directive
from politics.models import Leader, Party
from promises.models import Promise
from sources.models import Article
from tracking.models import Status

pytestmark = pytest.mark.django_db

DAY = datetime.date(2022, 1, 28)


def row_counts():
    """Rows of every model of the project's apps, history tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"politics", "sources", "promises", "directives", "auth"}
    }


def test_loading_the_demo_twice_changes_nothing():
    call_command("load_demo", stdout=StringIO())
    first = row_counts()
    call_command("load_demo", stdout=StringIO())
    assert row_counts() == first
    assert first["directives.HistoricalDirective"] == 8  # one creation row each, none added by the second run


def test_the_demo_holds_the_seed_article_and_its_directives_found_by_ingestion():
    call_command("load_demo", stdout=StringIO())
    article = Article.objects.get()
    assert article.url == "https://en.trend.az/casia/kazakhstan/3547462.html"
    # Read from the article as ingestion reads any: the date from its dateline, the outlet from its domain;
    # its first line is a dateline, not a title.
    assert article.published_on == DAY and article.outlet.name == "Trend" and article.title == ""
    assert "Nur Otan party to focus on a number of priorities" in article.text
    tokayev = Leader.objects.get()
    directives = Directive.objects.public()
    assert directives.count() == 8
    for directive in directives:
        assert directive.issuer == tokayev and directive.issued_on == DAY
        source = directive.sources.get()
        assert source.article == article
        # Found by the ingestion pipeline, not typed in: each came from a candidate of the article.
        assert source.candidate.article == article and source.candidate.state == "accepted"
        assert source.candidate.speaker == tokayev and source.candidate.kind == "directive"
        assert directive.quote in article.text
        assert [p.name_on(directive.issued_on) for p in directive.addressed_parties.all()] == ["Nur Otan"]
    # Real candidates wait in the review queue for whoever tries the demo: one of the
    # article's directives among them, with its pre-filled form ready.
    waiting = article.candidates.filter(state="new")
    assert waiting.count() >= 3 and not article.candidates.filter(state="rejected").exists()
    assert waiting.filter(kind="directive", sentence__contains="anti-corruption strategy").exists()
    audit = directives.get(action__startswith="audit")
    assert audit.programmes.get().election.held_on == datetime.date(2021, 1, 10)


def test_the_demo_s_actors_resolve_as_the_design_says():
    call_command("load_demo", stdout=StringIO())
    tokayev = Leader.objects.get()
    for text in ("Tokayev", "the Head of State", "the president"):
        assert Leader.objects.resolve(text, on=DAY) == tokayev
    assert Leader.objects.resolve("chairman", on=DAY, jurisdiction="Nur Otan") == tokayev
    assert Leader.objects.resolve("chairman", on=datetime.date(2022, 5, 1), jurisdiction="Nur Otan") is None
    party = Party.objects.named("Nur Otan").get()
    assert party == Party.objects.named("Amanat").get()
    assert party.name_on(datetime.date(2022, 3, 1)) == "Amanat"
    assert Party.objects.get(slug="jas-otan").parent == party


def test_illustrative_promises_are_labelled_and_give_every_status_page_something():
    call_command("load_demo", stdout=StringIO())
    promises = Promise.objects.public()
    assert promises.count() >= 4
    for promise in promises:
        assert promise.title.startswith("Illustrative example") and "Illustrative example" in promise.quote
        for update in promise.status_updates.all():
            assert update.explanation.startswith("Illustrative example")
            assert all(e.url.startswith("https://example.org/") for e in update.evidence.all())
    assert {p.current_status for p in promises} >= {Status.PARTIALLY_FULFILLED, Status.FULFILLED, Status.NOT_RATED}
    assert Promise.objects.overdue(datetime.date(2024, 1, 1)).exists()


def test_demo_admin_prints_a_working_login_and_resets_it(client):
    out = StringIO()
    call_command("demo_admin", stdout=out)
    password = re.search(r"password:\s+(\S+)", out.getvalue()).group(1)
    assert "/admin/" in out.getvalue() and "user:     admin" in out.getvalue()
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.check_password(password)
    login = client.post(reverse("admin:login"), {"username": "admin", "password": password, "next": "/admin/"})
    assert login.status_code == 302 and login.url == "/admin/"
    call_command("demo_admin", stdout=StringIO())
    admin.refresh_from_db()
    assert not admin.check_password(password)
