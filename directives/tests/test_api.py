import datetime

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from directives.models import Directive, DirectiveStatusUpdate
from directives.tests.factories import DirectiveFactory
from politics.tests.factories import ElectionFactory, LeaderFactory, PartyFactory, ProgrammeFactory, TopicFactory
from promises.tests.factories import PromiseFactory
from sources.models import Candidate
from sources.tests.factories import ArticleFactory, CandidateFactory
from tracking.models import Status
from tracking.services import record_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def slugs(response):
    assert response.status_code == 200, response.content
    return {item["slug"] for item in response.json()["results"]}


def test_it_filters_directives_by_addressed_party_issuer_topic_and_dates(api):
    party, issuer, topic = PartyFactory(slug="amanat"), LeaderFactory(slug="tokayev"), TopicFactory(slug="governance")
    addressed = DirectiveFactory(slug="addressed", issued_on=datetime.date(2022, 1, 28))
    addressed.addressed_parties.add(party)
    addressed.topics.add(topic)
    DirectiveFactory(slug="issued", issuer=issuer, issued_on=datetime.date(2021, 1, 1))
    assert slugs(api.get("/api/v1/directives/", {"party": "amanat"})) == {"addressed"}
    assert slugs(api.get("/api/v1/directives/", {"leader": "tokayev"})) == {"issued"}
    assert slugs(api.get("/api/v1/directives/", {"topic": "governance"})) == {"addressed"}
    assert slugs(api.get("/api/v1/directives/", {"issued_after": "2022-01-01"})) == {"addressed"}
    assert slugs(api.get("/api/v1/directives/", {"issued_before": "2022-01-01"})) == {"issued"}


def test_it_filters_directives_by_programme_election_status_overdue_and_search(api, editor):
    election = ElectionFactory(slug="majilis-2021")
    programme = ProgrammeFactory(slug="manifesto", election=election)
    audit = DirectiveFactory(slug="audit", action="Audit the election promises", deadline=datetime.date(2022, 6, 1))
    audit.programmes.add(programme)
    via_promise = DirectiveFactory(slug="via-promise")
    via_promise.promises.add(PromiseFactory(programme=programme))
    done = DirectiveFactory(slug="done", deadline=datetime.date(2022, 6, 1))
    record_status(item=done, status=Status.FULFILLED, explanation="Done.",
                            evidence=["https://news.example/done"], editor=editor, on=datetime.date(2022, 5, 1))
    assert slugs(api.get("/api/v1/directives/", {"programme": "manifesto"})) == {"audit"}
    assert slugs(api.get("/api/v1/directives/", {"election": "majilis-2021"})) == {"audit", "via-promise"}
    assert slugs(api.get("/api/v1/directives/", {"status": "fulfilled"})) == {"done"}
    assert slugs(api.get("/api/v1/directives/", {"overdue": "true"})) == {"audit"}
    assert slugs(api.get("/api/v1/directives/", {"updated_since": "2022-04-01"})) == {"done"}
    assert slugs(api.get("/api/v1/directives/", {"q": "audit promises"})) == {"audit"}


def test_an_unknown_addressed_party_is_a_400(api):
    response = api.get("/api/v1/directives/", {"party": "no-such-party"})
    assert response.status_code == 400 and "party" in response.json()["errors"]


def test_a_directive_lists_its_addressees_and_expands_its_issuer(api):
    issuer = LeaderFactory(full_name="Kassym-Jomart Tokayev")
    directive = DirectiveFactory(issuer=issuer)
    party = PartyFactory()
    directive.addressed_parties.add(party)
    body = api.get(f"/api/v1/directives/{directive.pk}/", {"expand": "issuer,status"}).json()
    assert body["addressed_parties"] == [{"id": party.pk, "url": f"http://testserver/api/v1/parties/{party.pk}/"}]
    assert body["expanded"]["issuer"]["full_name"] == "Kassym-Jomart Tokayev"
    assert body["expanded"]["status"]["value"] == "not_rated"


def test_an_editor_creates_a_directive_and_records_its_status(editor):
    issuer, party = LeaderFactory(), PartyFactory()
    client = token_client(editor)
    created = client.post("/api/v1/directives/", {
        "action": "Review the organizational structure", "quote": "The Head of State instructed...",
        "issuer": issuer.pk, "issued_on": "2022-01-28", "addressed_parties": [party.pk]}, format="json")
    assert created.status_code == 201, created.content
    directive = Directive.objects.get(pk=created.json()["id"])
    assert list(directive.addressed_parties.all()) == [party]
    recorded = client.post("/api/v1/directive-updates/", {
        "directive": directive.pk, "status": "fulfilled", "explanation": "Renamed to Amanat.", "on": "2022-03-01",
        "evidence": [{"url": "https://news.example/amanat"}]}, format="json")
    assert recorded.status_code == 201, recorded.content
    assert DirectiveStatusUpdate.objects.get().new_status == Status.FULFILLED
    assert client.get(f"/api/v1/directives/{directive.pk}/").json()["status"] == "fulfilled"


def test_a_deadline_before_the_issue_date_is_refused_with_its_message(editor):
    response = token_client(editor).post("/api/v1/directives/", {
        "action": "Act", "quote": "Q", "issuer": LeaderFactory().pk, "issued_on": "2022-01-28",
        "deadline": "2021-01-01"}, format="json")
    assert response.status_code == 400
    assert "deadline cannot be before" in response.json()["message"]


def test_a_directive_issued_in_the_future_is_refused(editor):
    response = token_client(editor).post("/api/v1/directives/", {
        "action": "Act", "quote": "Q", "issuer": LeaderFactory().pk, "issued_on": "2099-01-01"}, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == "issued_on: The date cannot be in the future."


def test_directive_status_updates_are_append_only(editor, superuser):
    directive = DirectiveFactory()
    update = record_status(item=directive, status=Status.IN_PROGRESS, explanation="Started.",
                                     evidence=["https://news.example/s"], editor=editor)
    client = token_client(superuser)
    url = f"/api/v1/directive-updates/{update.pk}/"
    assert client.patch(url, {"explanation": "x"}, format="json").status_code == 405
    assert client.delete(url).status_code == 405
    assert DirectiveStatusUpdate.objects.get().explanation == "Started."


# --- judging candidates -----------------------------------------------------


def test_an_editor_accepts_a_candidate_as_a_directive(editor):
    issuer = LeaderFactory()
    candidate = CandidateFactory(action="Review the party structure", speaker=issuer,
                                 article=ArticleFactory(published_on=datetime.date(2022, 1, 28)))
    response = token_client(editor).post(f"/api/v1/candidates/{candidate.pk}/accept-directive/", {}, format="json")
    assert response.status_code == 201, response.content
    directive = Directive.objects.get(pk=response.json()["id"])
    assert (directive.issuer, directive.issued_on) == (issuer, datetime.date(2022, 1, 28))
    candidate.refresh_from_db()
    assert candidate.state == Candidate.State.ACCEPTED


def test_an_editor_merges_a_candidate_into_an_existing_directive(editor):
    directive = DirectiveFactory()
    candidate = CandidateFactory()
    client = token_client(editor)
    response = client.post(f"/api/v1/candidates/{candidate.pk}/merge-into-directive/",
                           {"directive": directive.pk}, format="json")
    assert response.status_code == 200, response.content
    assert directive.sources.get().article == candidate.article
    again = client.post(f"/api/v1/candidates/{candidate.pk}/merge-into-directive/",
                        {"directive": directive.pk}, format="json")
    assert again.status_code == 400


def test_readers_cannot_judge_candidates(api, django_user_model):
    candidate = CandidateFactory()
    assert api.post(f"/api/v1/candidates/{candidate.pk}/accept-directive/", {}).status_code == 401
    plain = django_user_model.objects.create_user("plain", password="pw-for-tests-only")
    assert token_client(plain).post(f"/api/v1/candidates/{candidate.pk}/accept-directive/", {}).status_code == 403
    candidate.refresh_from_db()
    assert candidate.state == Candidate.State.NEW


def test_readers_see_only_the_published_promises_a_directive_concerns(api, editor):
    directive = DirectiveFactory()
    published, draft = PromiseFactory(), PromiseFactory(is_published=False)
    directive.promises.add(published, draft)
    assert api.get(f"/api/v1/promises/{draft.pk}/").status_code == 404
    for response in (api.get(f"/api/v1/directives/{directive.pk}/"), api.get("/api/v1/directives/")):
        body = response.json()
        item = body["results"][0] if "results" in body else body
        assert [ref["id"] for ref in item["promises"]] == [published.pk]
    # Editors, who see drafts, see every promise it concerns.
    item = token_client(editor).get(f"/api/v1/directives/{directive.pk}/").json()
    assert [ref["id"] for ref in item["promises"]] == sorted([published.pk, draft.pk])


@pytest.mark.parametrize("rows", [3, 30])
def test_the_directive_list_costs_the_same_queries_for_3_or_30_rows(api, django_assert_max_num_queries, rows):
    party, leader, topic = PartyFactory(), LeaderFactory(), TopicFactory()
    for _ in range(rows):
        directive = DirectiveFactory()
        directive.addressed_parties.add(party)
        directive.addressed_leaders.add(leader)
        directive.topics.add(topic)
    # count, page, topics, four many-to-many fields, the issuers
    with django_assert_max_num_queries(8):
        response = api.get("/api/v1/directives/", {"expand": "issuer,status"})
    assert len(response.json()["results"]) == rows
