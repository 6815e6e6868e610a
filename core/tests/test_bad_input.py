"""Bad input from outside is a 400 with a clear message, never a 500; and on API routes every
error, the server's own included, has the API's one error body (README, API)."""

import base64

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from promises.tests.factories import PromiseFactory
from tracking.api import TrackedItemViewSet

pytestmark = pytest.mark.django_db


def client():
    return Client(raise_request_exception=False)


def assert_api_error(response, status, code):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == status and body["code"] == code and body["message"]
    return body


@pytest.mark.parametrize("path", ["/parties/?q=%00", "/search/?q=%00", "/promises/?q=a%00b", "/leaders/?%00=1"])
def test_a_nul_in_a_page_s_query_is_a_400_that_says_so(path):
    response = client().get(path)
    assert response.status_code == 400
    assert "The address contains a NUL character (%00)." in response.content.decode()


def test_a_nul_in_an_api_query_is_a_400_with_the_error_body():
    body = assert_api_error(client().get("/api/v1/parties/?q=%00"), 400, "bad_request")
    assert "NUL" in body["message"]


def encoded(raw):
    return base64.b64encode(raw.encode()).decode()


@pytest.mark.parametrize("raw", ["p=abc", "p=1e309", "p=99999999999999999999999", "o=abc"])
def test_a_tampered_cursor_is_a_400_with_the_error_body(raw):
    PromiseFactory(is_published=True)
    body = assert_api_error(client().get("/api/v1/promises/", {"cursor": encoded(raw)}), 400, "invalid")
    assert "cursor" in body["errors"]


def test_a_cursor_the_api_wrote_still_walks():
    promises = [PromiseFactory(is_published=True) for _ in range(3)]
    first = client().get("/api/v1/promises/", {"cursor": "", "page_size": 2}).json()
    second = client().get(first["next"]).json()
    assert [p["id"] for p in first["results"] + second["results"]] == [p.pk for p in promises]


def test_deeply_nested_json_from_a_token_holder_is_a_400(editor):
    token = Token.objects.create(user=editor)
    body = '{"title": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = client().post("/api/v1/promises/", body, content_type="application/json",
                             HTTP_AUTHORIZATION=f"Token {token.key}")
    assert_api_error(response, 400, "parse_error")


def test_a_server_error_on_an_api_route_has_the_error_body(monkeypatch):
    def broken(self, rows):
        raise RuntimeError("a bug")

    monkeypatch.setattr(TrackedItemViewSet, "_represent", broken)
    assert_api_error(client().get("/api/v1/promises/"), 500, "server_error")


def test_an_unknown_api_route_has_the_error_body():
    assert_api_error(client().get("/api/v1/no-such-thing/"), 404, "not_found")


def test_an_unknown_page_is_still_the_site_s_page():
    response = client().get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
