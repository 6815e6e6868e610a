"""The candidate review queue in the admin: accept as a directive or promise, merge, reject."""

import datetime

import pytest
from django.urls import reverse

from directives.models import Directive
from directives.services import directive_duplicates
from directives.tests.factories import DirectiveFactory
from politics.tests.factories import LeaderFactory, OfficeFactory, PartyFactory, PartyNameFactory, ProgrammeFactory
from promises.models import Promise
from promises.services import promise_duplicates
from promises.tests.factories import PromiseFactory
from sources.models import Candidate
from sources.tests.factories import ArticleFactory, CandidateFactory, OutletFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2022, 1, 28)
SENTENCE = "Besides, the president instructed to review the organizational structure of the party."


@pytest.fixture
def found():
    article = ArticleFactory(published_on=DAY, text=SENTENCE)
    return CandidateFactory(
        article=article, sentence=SENTENCE, start=0, end=len(SENTENCE), speaker=LeaderFactory(full_name="K. Tokayev"),
        addressee_party=PartyFactory(name="Nur Otan"), action="review the party's organizational structure",
    )


def candidate_url(found, suffix):
    return reverse(f"admin:sources_candidate_{suffix}", args=[found.pk])


def test_the_accept_form_is_pre_filled_from_the_candidate(editor_client, found):
    response = editor_client.get(candidate_url(found, "accept_directive"))
    form = response.context["form"]
    assert form.initial["action"] == "Review the party's organizational structure"
    assert form.initial["issuer"] == found.speaker_id
    assert form.initial["addressed_parties"] == [found.addressee_party_id]
    assert form.initial["issued_on"] == DAY
    assert "is_published" not in form.fields  # an editor does not publish
    assert "<mark>" in response.content.decode()


def test_the_accept_form_carries_the_addressee_in_words_and_the_deadline_the_sentence_sets(editor_client):
    sentence = "President Tokayev instructed the government to complete the audit of election promises by 1 July 2024."
    candidate = CandidateFactory(
        article=ArticleFactory(published_on=DAY, text=sentence), sentence=sentence, speaker=LeaderFactory(),
        addressee_text="the government", addressee_name="the government",
        action="to complete the audit of election promises by 1 July 2024",
    )
    form = editor_client.get(candidate_url(candidate, "accept_directive")).context["form"]
    assert form.initial["action"] == "Complete the audit of election promises by 1 July 2024"
    assert form.initial["other_addressees"] == "the government"
    assert form.initial["deadline"] == datetime.date(2024, 7, 1)


def test_the_promise_form_carries_the_party_the_speaker_speaks_for_and_the_target_date(editor_client):
    amanat = PartyFactory(name="Amanat")
    PartyNameFactory(party=amanat, name="Nur Otan", valid_to=datetime.date(2022, 3, 1))
    sentence = ("Amanat party chairman Yerlan Koshanov promised that the party would build 100 new schools "
                "by the end of 2023.")
    candidate = CandidateFactory(
        article=ArticleFactory(published_on=datetime.date(2023, 3, 14), text=sentence), sentence=sentence,
        kind=Candidate.Kind.PROMISE, speaker_text="Yerlan Koshanov", speaker_name="Yerlan Koshanov",
        action="that the party would build 100 new schools by the end of 2023",
    )
    form = editor_client.get(candidate_url(candidate, "accept_promise")).context["form"]
    assert form.initial["party"] == amanat.pk
    assert form.initial["made_on"] == datetime.date(2023, 3, 14)
    assert form.initial["target_date"] == datetime.date(2023, 12, 31)


def test_a_leader_s_party_office_on_the_day_names_the_party_of_their_promise(editor_client):
    nur_otan = PartyFactory(name="Nur Otan")
    tokayev = LeaderFactory(full_name="Kassym-Jomart Tokayev")
    OfficeFactory(leader=tokayev, title="Chairman", jurisdiction="Nur Otan", start=DAY)
    sentence = "Tokayev promised to hold a party congress."
    candidate = CandidateFactory(article=ArticleFactory(published_on=DAY, text=sentence), sentence=sentence,
                                 kind=Candidate.Kind.PROMISE, speaker=tokayev, speaker_text="Tokayev")
    form = editor_client.get(candidate_url(candidate, "accept_promise")).context["form"]
    assert form.initial["party"] == nur_otan.pk and form.initial["leader"] == tokayev.pk


def test_without_the_article_s_date_the_day_is_left_empty_and_required(editor_client, found):
    found.article.published_on = None
    found.article.save()
    response = editor_client.get(candidate_url(found, "accept_directive"))
    form = response.context["form"]
    assert form.initial["issued_on"] is None  # not today
    assert form.fields["issued_on"].required
    assert "The article gives no date" in response.content.decode()
    refused = editor_client.post(candidate_url(found, "accept_directive"), {
        "action": "Restructure the party", "quote": SENTENCE, "issuer": found.speaker_id})
    assert "issued_on" in refused.context["form"].errors and not Directive.objects.exists()
    promise_form = editor_client.get(candidate_url(found, "accept_promise")).context["form"]
    assert promise_form.initial["made_on"] is None and promise_form.fields["made_on"].required


def test_a_day_in_the_future_is_refused_on_the_accept_form(editor_client, found):
    response = editor_client.post(candidate_url(found, "accept_directive"), {
        "action": "Restructure the party", "quote": SENTENCE, "issuer": found.speaker_id, "issued_on": "2099-01-01"})
    assert response.context["form"].errors["issued_on"] == ["The date cannot be in the future."]
    assert not Directive.objects.exists()


def test_accepting_through_the_admin_creates_the_directive_and_links_back(editor_client, found):
    response = editor_client.post(candidate_url(found, "accept_directive"), {
        "action": "Restructure the party", "quote": SENTENCE, "issuer": found.speaker_id,
        "addressed_parties": [found.addressee_party_id], "issued_on": "2022-01-28",
    })
    directive = Directive.objects.get()
    assert response.status_code == 302 and response.url == reverse("admin:directives_directive_change", args=[directive.pk])
    assert directive.action == "Restructure the party"
    found.refresh_from_db()
    assert found.state == Candidate.State.ACCEPTED
    page = editor_client.get(response.url).content.decode()
    assert candidate_url(found, "change") in page and reverse("admin:sources_article_change", args=[found.article_id]) in page


def test_a_refused_accept_shows_the_errors_and_writes_nothing(editor_client, found):
    response = editor_client.post(candidate_url(found, "accept_directive"), {
        "action": "x", "quote": SENTENCE, "issuer": found.speaker_id, "issued_on": "2022-01-28", "deadline": "2021-01-01",
    })
    assert response.status_code == 200
    assert "deadline cannot be before" in str(response.context["form"].errors)
    assert not Directive.objects.exists()
    found.refresh_from_db()
    assert found.state == Candidate.State.NEW


def test_accepting_as_a_promise(reviewer_client, found):
    response = reviewer_client.post(candidate_url(found, "accept_promise"), {
        "title": "Reorganise the party", "quote": SENTENCE, "party": found.addressee_party_id, "made_on": "2022-01-28",
        "is_published": "on",
    })
    assert response.status_code == 302
    promise = Promise.objects.get()
    assert promise.is_published and promise.sources.get().candidate == found


def test_the_merge_page_offers_the_likely_duplicates_and_merges(editor_client, found):
    existing = DirectiveFactory(issuer=found.speaker, issued_on=DAY, action="review the organizational structure",
                                quote="The president instructed to review the organizational structure.")
    DirectiveFactory(issuer=found.speaker, issued_on=DAY, action="fight corruption", quote="Fight corruption.")
    page = editor_client.get(candidate_url(found, "merge"))
    assert page.context["duplicates"] == [existing]
    change_page = editor_client.get(candidate_url(found, "change")).content.decode()
    assert "May duplicate" in change_page and existing.get_absolute_url() not in change_page
    assert reverse("admin:directives_directive_change", args=[existing.pk]) in change_page
    changelist = editor_client.get(reverse("admin:sources_candidate_changelist"))
    assert str(existing) in changelist.content.decode()  # the "may duplicate" column
    response = editor_client.post(candidate_url(found, "merge"), {"target": existing.pk})
    assert response.status_code == 302
    assert existing.sources.get().article == found.article
    found.refresh_from_db()
    assert found.state == Candidate.State.MERGED
    # The judged candidate links to what it became.
    change_page = editor_client.get(candidate_url(found, "change")).content.decode()
    assert "Became:" in change_page


def test_the_accept_action_opens_the_form_for_one_candidate(editor_client, found):
    response = editor_client.post(
        reverse("admin:sources_candidate_changelist"), {"action": "accept_as_directive", "_selected_action": [found.pk]}
    )
    assert response.status_code == 302 and response.url.endswith("/accept-directive/")


def test_bulk_reject_from_the_queue(editor_client, editor, found):
    other = CandidateFactory()
    editor_client.post(
        reverse("admin:sources_candidate_changelist"), {"action": "reject", "_selected_action": [found.pk, other.pk]}
    )
    assert set(Candidate.objects.values_list("state", flat=True)) == {Candidate.State.REJECTED}
    assert Candidate.objects.filter(reviewed_by=editor).count() == 2


def test_each_row_of_the_queue_offers_its_judgements_and_says_who_where_and_when(editor_client, found):
    found.article.outlet = OutletFactory(name="Trend")
    found.article.save()
    page = editor_client.get(reverse("admin:sources_candidate_changelist")).content.decode()
    for suffix in ("accept-directive/", "accept-promise/", "merge/", "reject/"):
        assert f'href="{candidate_url(found, "change").removesuffix("change/")}{suffix}"' in page
    assert "K. Tokayev → Nur Otan · Trend, 28 Jan 2022" in page


def test_one_candidate_is_rejected_from_its_row_after_a_confirmation(editor_client, editor, found):
    confirm = editor_client.get(candidate_url(found, "reject"))
    assert confirm.status_code == 200 and "<mark>" in confirm.content.decode()
    found.refresh_from_db()
    assert found.state == Candidate.State.NEW  # asking is not rejecting
    response = editor_client.post(candidate_url(found, "reject"))
    assert response.status_code == 302 and response.url == reverse("admin:sources_candidate_changelist")
    found.refresh_from_db()
    assert (found.state, found.reviewed_by) == (Candidate.State.REJECTED, editor)
    queue = editor_client.get(reverse("admin:sources_candidate_changelist", query={"state": "all"})).content.decode()
    assert "Rejected" in queue


def test_a_judged_candidate_cannot_be_accepted_again(editor_client, found):
    editor_client.post(reverse("admin:sources_candidate_changelist"), {"action": "reject", "_selected_action": [found.pk]})
    response = editor_client.post(candidate_url(found, "accept_directive"), {"action": "x"})
    assert response.status_code == 302 and not Directive.objects.exists()


def test_the_directive_list_names_the_party_as_it_was_called_that_day(editor_client):
    party = PartyFactory(name="Amanat")
    PartyNameFactory(party=party, name="Nur Otan", valid_from=None, valid_to=datetime.date(2022, 3, 1))
    DirectiveFactory(issued_on=DAY).addressed_parties.add(party)
    page = editor_client.get(reverse("admin:directives_directive_changelist")).content.decode()
    assert "<td class=\"field-addressees\">Nur Otan</td>" in page


def a_queue_of_candidates(count):
    """Open candidates of both kinds, by a leader, for a party or by no one known, each with likely duplicates
    (dated, undated, through a programme) and near misses (another day, another actor, other words)."""
    leader, party = LeaderFactory(full_name="K. Tokayev"), PartyFactory(name="Amanat")
    programme = ProgrammeFactory(party=party, leader=leader)
    for n in range(count):
        day = DAY + datetime.timedelta(days=3 * n)
        words = f"build {n} schools in region number {n}"
        DirectiveFactory(issuer=leader, issued_on=day, action=words, quote=f"The president ordered to {words}.")
        DirectiveFactory(issuer=leader, issued_on=day + datetime.timedelta(days=30), action=words, quote=words)
        PromiseFactory(party=None, programme=programme, made_on=day, title=words.capitalize(), quote=f"We will {words}.")
        PromiseFactory(party=party, made_on=None, title=f"Open {n} clinics", quote=f"We will {words} and open clinics.")
        PromiseFactory(party=PartyFactory(), made_on=day, title=words, quote=words)
        actor = [{"speaker": leader}, {"addressee_party": party}, {}][n % 3]
        for kind in (Candidate.Kind.DIRECTIVE, Candidate.Kind.PROMISE):
            sentence = f"The president said they will {words}."
            CandidateFactory(
                article=ArticleFactory(published_on=day, text=sentence), kind=kind, sentence=sentence, action=words,
                **actor,
            )
    return Candidate.objects.select_related("article", "speaker", "addressee_party").order_by("pk")


def test_the_queue_finds_a_pages_likely_duplicates_in_a_few_queries_whatever_its_length(
    editor_client, django_assert_max_num_queries
):
    candidates = a_queue_of_candidates(15)
    with django_assert_max_num_queries(13):  # 41 when each row ran its own search
        page = editor_client.get(reverse("admin:sources_candidate_changelist")).content.decode()
    for candidate in candidates:
        for item in (directive_duplicates if candidate.kind == Candidate.Kind.DIRECTIVE
                     else promise_duplicates).find(candidate):
            assert f'{reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk])}' in page


def test_the_batched_duplicate_search_answers_as_the_one_by_one_search():
    candidates = list(a_queue_of_candidates(9))
    for kind, one, many in (
        (Candidate.Kind.DIRECTIVE, directive_duplicates.find, directive_duplicates.find_many),
        (Candidate.Kind.PROMISE, promise_duplicates.find, promise_duplicates.find_many),
    ):
        of_kind = [c for c in candidates if c.kind == kind]
        batched = many(of_kind)
        expected = {c.pk: [(item.pk, item.similarity) for item in one(c)] for c in of_kind}
        assert {pk: [(item.pk, item.similarity) for item in found] for pk, found in batched.items()} == expected
        assert any(expected.values()) and not all(len(found) == len(of_kind) for found in expected.values())
