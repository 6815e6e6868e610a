"""The API's inputs from Hypothesis: arbitrary query parameters on the lists and their filters, and
arbitrary (and arbitrarily wrong) bodies on the write endpoints, sent by an editor with a token.
Whatever comes in, the answer is a 2xx or a 4xx with the API's JSON error body, never a 5xx.
(tests/test_schemathesis.py drives the read operations from the schema; these go beyond it:
any text, NUL bytes and all, and the writes.)"""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from directives.tests.factories import DirectiveFactory
from politics.tests.factories import PartyFactory, TopicFactory
from promises.tests.factories import PromiseFactory
from sources.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/promises/",
    "/api/v1/directives/",
    "/api/v1/promise-updates/",
    "/api/v1/directive-updates/",
    "/api/v1/parties/",
    "/api/v1/leaders/",
    "/api/v1/articles/",
    "/api/v1/candidates/",
]
PARAMETERS = [
    "q",
    "status",
    "overdue",
    "topic",
    "updated_since",
    "party",
    "leader",
    "election",
    "programme",
    "made_after",
    "made_before",
    "issued_after",
    "issued_before",
    "ordering",
    "page",
    "page_size",
    "cursor",
    "expand",
    "on_after",
    "on_before",
    "search",
    "state",
    "kind",
    "format",
]
HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text as it comes over the wire: any code point, the NUL byte and lone surrogates' neighbours included.
wire_text = st.text(st.characters(codec="utf-8"), max_size=60)
values = st.one_of(
    wire_text,
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates(min_value=datetime.date(1, 1, 1)).map(str),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "true",
            "null",
            "none",
            "9999-99-99",
            "not_rated",
            "kept,broken",
            "-made_on",
            "\x00",
            "a" * 5000,
        ]
    ),
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | wire_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(wire_text, inner, max_size=3),
    max_leaves=8,
)


@pytest.fixture
def data(db):
    party = PartyFactory()
    topic = TopicFactory()
    promise = PromiseFactory(party=party)
    promise.topics.add(topic)
    directive = DirectiveFactory()
    article = ArticleFactory()
    return {"party": party, "topic": topic, "promise": promise, "directive": directive, "article": article}


@pytest.fixture
def editor_api(db):
    user = get_user_model().objects.create_user(username="api-editor", password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def assert_handled(response):
    assert response.status_code < 500, (response.status_code, response.content[:2000])
    if response.status_code >= 400 and response.status_code != 405:
        body = json.loads(response.content)
        assert body["status"] == response.status_code and isinstance(body["message"], str), body


@HYPOTHESIS
@given(path=st.sampled_from(LISTS), query=st.dictionaries(st.sampled_from(PARAMETERS) | wire_text, values, max_size=4))
def test_any_query_on_any_list_is_answered_or_refused_with_a_json_error(data, editor_api, path, query):
    for client in (APIClient(), editor_api):  # a reader, and an editor who also sees drafts
        assert_handled(client.get(path, query))


WRITES = {
    "/api/v1/promises/": lambda d: {
        "title": "Build a school",
        "quote": "We will build a school.",
        "party": d["party"].pk,
        "made_on": "2021-01-10",
        "topics": [d["topic"].slug],
    },
    "/api/v1/directives/": lambda d: {
        "action": "Review the budget",
        "quote": "Review the budget.",
        "issued_on": "2021-01-10",
        "issuer": d["directive"].issuer_id,
    },
    "/api/v1/promise-updates/": lambda d: {
        "promise": d["promise"].pk,
        "status": "in_progress",
        "explanation": "Work began.",
        "evidence": [{"url": "https://news.example/1"}],
    },
    "/api/v1/directive-updates/": lambda d: {
        "directive": d["directive"].pk,
        "status": "in_progress",
        "explanation": "Work began.",
        "evidence": [{"article": d["article"].pk}],
    },
}


@HYPOTHESIS
@given(
    path=st.sampled_from(sorted(WRITES)),
    changes=st.dictionaries(wire_text, json_values, max_size=4),
    drop=st.sets(st.text(max_size=12), max_size=3),
    as_form=st.booleans(),
)
def test_any_body_posted_by_an_editor_is_saved_or_refused_with_a_json_error(
    data, editor_api, path, changes, drop, as_form
):
    # A valid body with fields changed, added or left out, as JSON or (flattened) as a form.
    body = {k: v for k, v in WRITES[path](data).items() if k not in drop} | changes
    if as_form:
        form = {
            k: json.dumps(v) if isinstance(v, dict | list) else ("" if v is None else str(v)) for k, v in body.items()
        }
        response = editor_api.post(path, form)
    else:
        response = editor_api.post(path, body, format="json")
    assert_handled(response)


@HYPOTHESIS
@given(
    path=st.sampled_from(sorted(WRITES)),
    raw=st.binary(max_size=300),
    content_type=st.sampled_from(
        [
            "application/json",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "text/plain",
            "application/xml",
        ]
    ),
)
def test_a_body_that_is_not_even_json_is_refused_with_a_json_error(data, editor_api, path, raw, content_type):
    assert_handled(editor_api.post(path, raw, content_type=content_type))


@pytest.mark.parametrize("path", sorted(WRITES))
def test_the_unaltered_bodies_are_saved(data, editor_api, path):
    # So that the properties above start from bodies that reach the services, not from ones refused at once.
    response = editor_api.post(path, WRITES[path](data), format="json")
    assert response.status_code == 201, response.content
