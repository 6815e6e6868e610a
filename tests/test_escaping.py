"""Everything an editor typed or ingestion brought in is inert wherever it is shown,
and anonymous readers never see what is not public.

One set of records carries a script, an attribute break-out and markup in every
text field; then every public route that exists is requested as an anonymous
reader — pages, feeds, the sitemap, exports, the API — and each answer is read:

- HTML and XML: the payload appears only escaped; a feed's HTML-bearing elements
  (``description``, ``content``, ``summary``), once XML-decoded as a feed reader
  does, hold no live markup either; no link has a ``javascript:`` target.
- JSON: the payload may appear, as a JSON string, under a JSON content type.
- Anything else (CSV, plain text): never served as HTML, always ``nosniff``.
- No answer shows an unpublished promise or directive, or an ingestion candidate.

Routes are discovered from the URL configuration, so pages and API endpoints added
later are covered without editing this file; a route whose parameters no planted
record fills (404 for all of them) is skipped.
"""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

from directives.tests.factories import DirectiveFactory
from politics.tests.factories import (
    ElectionFactory,
    LeaderAliasFactory,
    LeaderFactory,
    OfficeFactory,
    PartyAliasFactory,
    PartyFactory,
    PartyNameFactory,
    ProgrammeFactory,
    TopicFactory,
)
from promises.tests.factories import PromiseFactory
from sources.tests.factories import ArticleFactory, CandidateFactory, FeedFactory, OutletFactory
from tracking.services import record_status
from tracking.tests.factories import SourceFactory

PAYLOAD = "<script>alert(1)</script>\"onmouseover=alert(2) x='<b>bold</b>"
# A URL that passes as a URL but breaks out of an unescaped href attribute.
QUOTED_URL = 'https://news.example/a?b="onmouseover=alert(4)&c=<script>alert(1)</script>'
# A URL no validator in the input paths accepts, but that a careless import could store.
HOSTILE_URL = "javascript:alert(3)//"
# Words that only records hidden from the public carry.
HIDDEN = ("HIDDEN-PROMISE-7c1", "HIDDEN-DIRECTIVE-7c1", "HIDDEN-CANDIDATE-7c1")

# Fields that are identifiers, not text shown to readers.
NOT_TEXT = {"slug", "content_hash", "etag", "last_modified", "password", "username"}
SKIPPED_PREFIXES = ("admin/",)
HTML_BEARING = ("description", "content", "summary", "subtitle")


def plant(instance, label, url=QUOTED_URL):
    """Put the payload, after ``label``, into every free-text field of ``instance``, and ``url`` in its URL fields."""
    for field in instance._meta.concrete_fields:
        if field.name in NOT_TEXT or field.choices or isinstance(field, models.SlugField | models.EmailField):
            continue
        if isinstance(field, models.URLField):
            setattr(instance, field.attname, url)
        elif isinstance(field, models.CharField | models.TextField):
            value = f"{label} {PAYLOAD}"
            setattr(instance, field.attname, value[: field.max_length] if field.max_length else value)
    instance.save()
    return instance


def plant_everything(editor, url):
    """Records of every kind with the payload in each text field, plus hidden ones."""

    def put(instance, label):
        return plant(instance, label, url)

    topic = put(TopicFactory(slug="planted-topic"), "Topic")
    leader = put(LeaderFactory(slug="planted-leader"), "Leader")
    put(LeaderAliasFactory(leader=leader), "Alias")
    put(OfficeFactory(leader=leader), "Office")
    party = put(PartyFactory(slug="planted-party"), "Party")
    put(PartyNameFactory(party=party), "Former")
    put(PartyAliasFactory(party=party), "PAlias")
    election = put(ElectionFactory(slug="planted-election"), "Election")
    programme = put(ProgrammeFactory(slug="planted-programme", election=election, party=party), "Programme")
    outlet = put(OutletFactory(), "Outlet")
    put(FeedFactory(outlet=outlet), "Feed")
    article = put(ArticleFactory(outlet=outlet), "Article")

    promise = put(PromiseFactory(slug="planted-promise", party=party, leader=leader, programme=programme), "Promise")
    promise.topics.add(topic)
    put(SourceFactory(item=promise, article=article), "Source")
    record_status(
        item=promise,
        status="in_progress",
        explanation=f"Explanation {PAYLOAD}",
        evidence=[{"url": "https://news.example/evidence", "title": f"Evidence {PAYLOAD}", "article": article}],
        editor=editor,
        on=datetime.date(2023, 5, 1),
    )
    directive = put(DirectiveFactory(slug="planted-directive", issuer=leader), "Directive")
    directive.addressed_parties.add(party)
    directive.addressed_leaders.add(leader)
    directive.promises.add(promise)
    directive.programmes.add(programme)
    directive.topics.add(topic)
    put(SourceFactory(item=directive, article=article), "DSource")
    record_status(
        item=directive,
        status="in_progress",
        explanation=f"Explanation {PAYLOAD}",
        evidence=[{"url": "https://news.example/evidence-2", "title": f"Evidence {PAYLOAD}"}],
        editor=editor,
        on=datetime.date(2023, 5, 2),
    )
    # Evidence rows are validated by the record service; write the URL under test past it.
    for update in (promise.status_updates.get(), directive.status_updates.get()):
        update.evidence.update(url=url)

    # What the public must never see.
    hidden_promise = PromiseFactory(
        slug="hidden-promise",
        title=HIDDEN[0],
        quote=HIDDEN[0],
        party=party,
        leader=leader,
        programme=programme,
        is_published=False,
    )
    hidden_promise.topics.add(topic)
    hidden_directive = DirectiveFactory(
        slug="hidden-directive", action=HIDDEN[1], quote=HIDDEN[1], issuer=leader, is_published=False
    )
    hidden_directive.addressed_parties.add(party)
    hidden_directive.topics.add(topic)
    record_status(
        item=hidden_directive,
        status="stalled",
        explanation=HIDDEN[1],
        evidence=["https://news.example/hidden"],
        editor=editor,
        on=datetime.date(2023, 5, 3),
    )
    CandidateFactory(article=article, sentence=HIDDEN[2], action=HIDDEN[2])
    return [topic, leader, party, election, programme, promise, directive, hidden_promise, hidden_directive, article]


@pytest.fixture
def planted(db, editor):
    return plant_everything(editor, QUOTED_URL)


@pytest.fixture
def planted_with_hostile_urls(db, editor):
    return plant_everything(editor, HOSTILE_URL)


# --- route discovery -----------------------------------------------------------


def _routes(patterns=None, prefix="", namespace=""):
    """(route text, URL name with namespace, parameter names) of every pattern."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else pattern.namespace or namespace
            )
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            params = set(getattr(pattern.pattern, "converters", {})) | set(pattern.pattern.regex.groupindex)
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name, params


def _values_for(param, route, objects):
    """Values of ``param`` taken from the planted records that the route is about."""
    about = [
        o
        for o in objects
        if o._meta.model_name in route.lower().replace("_", "") or str(o._meta.verbose_name_plural) in route.lower()
    ] or objects
    attribute = "pk" if param in {"pk", "id"} or param.endswith("_id") else param
    return [getattr(o, attribute) for o in about if hasattr(o, attribute)]


def public_urls(objects):
    """Every public URL the configuration can build from the planted records."""
    from django.urls import NoReverseMatch, reverse

    urls = []
    for route, name, params in _routes():
        if route.startswith(SKIPPED_PREFIXES) or (name or "").startswith("admin:") or "format" in params:
            continue
        if not params:
            if name:
                try:
                    urls.append((route, [reverse(name)]))
                except NoReverseMatch:
                    continue
            elif "(" not in route and "<" not in route and "^" not in route:
                urls.append((route, ["/" + route]))
            continue
        if not name or len(params) > 1:
            continue
        (param,) = params
        built = []
        for value in _values_for(param, route, objects):
            try:
                built.append(reverse(name, kwargs={param: value}))
            except NoReverseMatch:
                continue
        if built:
            urls.append((route, built))
    return urls


# --- what an answer may contain ------------------------------------------------

_ATTRIBUTE_BREAK = re.compile(r'(?<!\\)"onmouseover=')


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def assert_inert(url, response):
    body = _body(response)
    content_type = response.get("Content-Type", "")
    for word in HIDDEN:
        assert word not in body, f"{url} shows a record the public must not see ({word})"
    if "json" in content_type:
        if body:
            json.loads(body)
        return
    if "html" in content_type or "xml" in content_type:
        assert "<script>alert(1)" not in body, f"{url}: script not escaped"
        assert "<b>bold</b>" not in body, f"{url}: markup not escaped"
        if "html" in content_type:
            # (In XML a quote in text is harmless; a broken attribute would fail the parse below.)
            assert not _ATTRIBUTE_BREAK.search(body), f"{url}: quote not escaped, an attribute can be broken out of"
        assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", body, re.I), f"{url}: javascript: link"
        if "xml" in content_type and "html" not in content_type:
            _assert_feed_markup_inert(url, body)
        return
    assert response["X-Content-Type-Options"] == "nosniff", url


def _assert_feed_markup_inert(url, body):
    """A feed reader renders these elements' decoded text as HTML: it must hold no live markup."""
    root = ET.fromstring(body.encode())
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in HTML_BEARING and element.text:
            assert "<script" not in element.text.lower(), f"{url}: <{tag}> carries a live script"
            assert "<b>bold" not in element.text, f"{url}: <{tag}> carries live markup"
        if tag == "link" and element.get("href", "").lower().startswith("javascript:"):
            raise AssertionError(f"{url}: a javascript: link")


# --- the test ------------------------------------------------------------------


def test_planted_script_and_markup_are_inert_and_hidden_records_stay_hidden_everywhere(planted, reader):
    checked, skipped = check_every_public_route(planted, reader)
    # The API's browsable pages too, as a browser would ask for them.
    for _route, urls in public_urls(planted):
        for url in urls:
            if url.startswith("/api/"):
                response = reader.get(url, HTTP_ACCEPT="text/html")
                if response.status_code == 200:
                    assert_inert(f"{url} (text/html)", response)
    # The core of the site must have been seen, or the discovery is broken.
    assert "" in checked
    assert any(route.startswith("promises/<") for route in checked), checked
    assert any(route.startswith("directives/<") for route in checked), checked
    print(f"\nchecked {len(checked)} routes: {checked}\nskipped (nothing planted fills them): {skipped}")


def check_every_public_route(objects, client, check=None):
    """Request every public route built from ``objects``; return (routes served, routes skipped)."""
    checked, skipped = [], []
    for route, urls in public_urls(objects):
        served = False
        for url in urls:
            variants = [url] if "?" in url else [url, f"{url}?q={PAYLOAD}&search={PAYLOAD}&page=1"]
            for variant in variants:
                response = client.get(variant)
                assert response.status_code < 500, f"{variant} answered {response.status_code}"
                if response.status_code in (404, 405, 301, 302, 400):
                    continue
                (check or assert_inert)(variant, response)
                served = True
        (checked if served else skipped).append(route)
    return checked, skipped


def test_a_stored_javascript_url_is_never_made_a_link(planted_with_hostile_urls, reader):
    def no_javascript_links(url, response):
        body = _body(response)
        if "html" in response.get("Content-Type", ""):
            assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", body, re.I), url

    checked, _ = check_every_public_route(planted_with_hostile_urls, reader, no_javascript_links)
    assert "" in checked


def test_hidden_items_have_no_public_page_of_their_own(planted, reader):
    hidden_promise, hidden_directive = planted[7], planted[8]
    assert reader.get(hidden_promise.get_absolute_url()).status_code == 404
    assert reader.get(hidden_directive.get_absolute_url()).status_code == 404
