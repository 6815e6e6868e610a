import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from sources.models import Article, Candidate
from sources.tests.factories import ArticleFactory, CandidateFactory, OutletFactory

pytestmark = pytest.mark.django_db


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_articles_show_their_public_fields_but_not_their_text():
    article = ArticleFactory(outlet=OutletFactory(name="Trend", domain="en.trend.az"), text="Full text.")
    body = APIClient().get(f"/api/v1/articles/{article.pk}/").json()
    assert body["link"] == article.url
    assert (body["outlet"], body["outlet_domain"]) == ("Trend", "en.trend.az")
    assert "text" not in body


def test_articles_not_yet_fetched_are_not_listed():
    ArticleFactory(state=Article.State.PENDING)
    fetched = ArticleFactory()
    assert [a["id"] for a in APIClient().get("/api/v1/articles/").json()["results"]] == [fetched.pk]


def test_articles_filter_by_outlet_and_search_the_title():
    ArticleFactory(title="Amanat congress", outlet=OutletFactory(domain="en.trend.az"))
    ArticleFactory(title="Football results")
    client = APIClient()
    assert [a["title"] for a in client.get("/api/v1/articles/", {"outlet": "en.trend.az"}).json()["results"]] == [
        "Amanat congress"]
    assert [a["title"] for a in client.get("/api/v1/articles/", {"search": "football"}).json()["results"]] == [
        "Football results"]


def test_candidates_are_hidden_from_anonymous_readers_and_plain_users(django_user_model):
    CandidateFactory()
    assert APIClient().get("/api/v1/candidates/").status_code == 401
    plain = django_user_model.objects.create_user("plain", password="pw-for-tests-only")
    assert token_client(plain).get("/api/v1/candidates/").status_code == 403


def test_editors_and_reviewers_read_the_queue_filtered_by_state(editor, reviewer):
    CandidateFactory(state=Candidate.State.REJECTED)
    open_one = CandidateFactory()
    for user in (editor, reviewer):
        body = token_client(user).get("/api/v1/candidates/", {"state": "new"}).json()
        assert [c["id"] for c in body["results"]] == [open_one.pk]


def test_an_editor_rejects_a_candidate_once(editor):
    candidate = CandidateFactory()
    client = token_client(editor)
    response = client.post(f"/api/v1/candidates/{candidate.pk}/reject/")
    assert response.status_code == 200 and response.json()["state"] == "rejected"
    again = client.post(f"/api/v1/candidates/{candidate.pk}/reject/")
    assert again.status_code == 400
    assert "already been judged" in again.json()["message"]


def test_a_revoked_token_cannot_judge(editor):
    candidate = CandidateFactory()
    client = token_client(editor)
    Token.objects.filter(user=editor).delete()
    assert client.post(f"/api/v1/candidates/{candidate.pk}/reject/").status_code == 401
    candidate.refresh_from_db()
    assert candidate.state == Candidate.State.NEW
