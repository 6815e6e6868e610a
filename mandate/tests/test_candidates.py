"""Accepting, merging and finding duplicates of ingested candidates (directives and promises)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from directives.models import Directive
from directives.services import directive_accept_candidate, directive_duplicates
from directives.tests.factories import DirectiveFactory
from politics.models import Leader
from politics.tests.factories import LeaderFactory, PartyFactory
from promises.models import Promise
from promises.services import promise_accept_candidate, promise_duplicates
from promises.tests.factories import PromiseFactory
from sources.models import Candidate
from sources.tests.factories import ArticleFactory, CandidateFactory
from tracking.models import Source
from tracking.services import balanced_quote, candidate_merge

pytestmark = pytest.mark.django_db

DAY = datetime.date(2022, 1, 28)
SENTENCE = "Besides, the president instructed to review the organizational structure of the party."


def candidate(**kwargs):
    article = kwargs.pop("article", None) or ArticleFactory(published_on=DAY, text=SENTENCE, title="Priorities")
    defaults = {"sentence": SENTENCE, "action": "review the party's organizational structure", "start": 0,
                "end": len(SENTENCE)}
    return CandidateFactory(article=article, **{**defaults, **kwargs})


def test_accepting_a_candidate_creates_a_directive_from_it_and_closes_it(editor):
    tokayev, party = LeaderFactory(full_name="Kassym-Jomart Tokayev"), PartyFactory(name="Nur Otan")
    found = candidate(speaker=tokayev, addressee_party=party)
    directive = directive_accept_candidate(candidate=found, editor=editor)
    assert (directive.quote, directive.action, directive.issuer, directive.issued_on) == (
        SENTENCE, "Review the party's organizational structure", tokayev, DAY,
    )
    assert list(directive.addressed_parties.all()) == [party]
    assert not directive.is_published
    source = directive.sources.get()
    assert (source.article, source.candidate, source.quote) == (found.article, found, SENTENCE)
    found.refresh_from_db()
    assert (found.state, found.reviewed_by) == (Candidate.State.ACCEPTED, editor)


def test_the_editor_s_corrections_override_the_candidate(editor):
    found = candidate(speaker=LeaderFactory())
    other = LeaderFactory()
    directive = directive_accept_candidate(
        candidate=found, editor=editor, action="Restructure the party", issuer=other, deadline=datetime.date(2022, 6, 1)
    )
    assert (directive.action, directive.issuer, directive.deadline) == ("Restructure the party", other, datetime.date(2022, 6, 1))


def test_an_unknown_speaker_is_found_by_alias_or_created_by_name(editor):
    directive = directive_accept_candidate(candidate=candidate(speaker_name="Kassym-Jomart Tokayev"), editor=editor)
    assert directive.issuer.full_name == "Kassym-Jomart Tokayev"
    again = directive_accept_candidate(
        candidate=candidate(article=ArticleFactory(published_on=DAY), speaker_name="Kassym-Jomart Tokayev"),
        editor=editor,
    )
    assert again.issuer == directive.issuer and Leader.objects.count() == 1


def test_a_candidate_is_accepted_once(editor):
    found = candidate(speaker=LeaderFactory())
    directive_accept_candidate(candidate=found, editor=editor)
    with pytest.raises(ValidationError, match="already been judged"):
        directive_accept_candidate(candidate=Candidate.objects.get(pk=found.pk), editor=editor)
    assert Directive.objects.count() == 1


def test_a_candidate_without_an_action_or_with_a_bad_deadline_is_refused_and_stays_open(editor):
    found = candidate(speaker=LeaderFactory(), action="")
    with pytest.raises(ValidationError) as error:
        directive_accept_candidate(candidate=found, editor=editor)
    assert "action" in error.value.message_dict
    with pytest.raises(ValidationError, match="deadline cannot be before"):
        directive_accept_candidate(candidate=found, editor=editor, action="x", deadline=datetime.date(2000, 1, 1))
    found.refresh_from_db()
    assert found.state == Candidate.State.NEW and not Directive.objects.exists()


def test_the_same_directive_from_another_outlet_is_found_as_a_duplicate_and_merged(editor):
    tokayev = LeaderFactory()
    existing = DirectiveFactory(
        issuer=tokayev, issued_on=DAY, action="review the party's organizational structure",
        quote="The president instructed to review the organizational structure of the party.",
    )
    DirectiveFactory(issuer=tokayev, issued_on=DAY, action="fight corruption", quote="Fight corruption in the ranks.")
    DirectiveFactory(issuer=tokayev, issued_on=DAY + datetime.timedelta(days=60), action=existing.action,
                     quote=existing.quote)
    report = candidate(speaker=tokayev, article=ArticleFactory(published_on=DAY + datetime.timedelta(days=1)),
                       sentence="Tokayev also instructed the party to review its organizational structure.")
    assert directive_duplicates.find(report) == [existing]
    source = candidate_merge(candidate=report, item=existing, editor=editor)
    assert source.article == report.article and existing.sources.count() == 1
    report.refresh_from_db()
    assert report.state == Candidate.State.MERGED


def test_merging_the_same_article_twice_is_refused_with_a_message(editor):
    existing = DirectiveFactory()
    article = ArticleFactory(published_on=DAY)
    candidate_merge(candidate=candidate(article=article), item=existing, editor=editor)
    second = CandidateFactory(article=article, start=1, end=5)
    with pytest.raises(ValidationError, match="is already a source of"):
        candidate_merge(candidate=second, item=existing, editor=editor)
    assert Source.objects.count() == 1
    second.refresh_from_db()
    assert second.state == Candidate.State.NEW


def test_a_promise_is_accepted_and_merged_the_same_way(editor):
    party = PartyFactory(name="Amanat")
    found = candidate(kind=Candidate.Kind.PROMISE, speaker_name="Amanat", action="build 100 schools",
                      sentence="We will build 100 schools by 2025.")
    promise = promise_accept_candidate(candidate=found, editor=editor)
    assert (promise.title, promise.party, promise.made_on, promise.target_date, promise.quote) == (
        "Build 100 schools", party, DAY, datetime.date(2025, 12, 31), "We will build 100 schools by 2025.",
    )
    assert promise.sources.get().candidate == found
    repeat = candidate(kind=Candidate.Kind.PROMISE, article=ArticleFactory(published_on=DAY),
                       sentence="The party will build 100 new schools by 2025.", addressee_party=party)
    assert promise_duplicates.find(repeat) == [promise]
    candidate_merge(candidate=repeat, item=promise, editor=editor)
    assert promise.sources.count() == 2 and Promise.objects.count() == 1


def test_a_promise_without_an_author_is_refused(editor):
    with pytest.raises(ValidationError, match="made by a party, a candidate or in a programme"):
        promise_accept_candidate(candidate=candidate(kind=Candidate.Kind.PROMISE), editor=editor)
    assert not Promise.objects.exists()


def test_unrelated_promises_are_not_duplicates(editor):
    PromiseFactory(title="Lower taxes", quote="We will lower taxes for small firms.", made_on=DAY)
    assert promise_duplicates.find(candidate(kind=Candidate.Kind.PROMISE)) == []


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("Therefore, the party will have to conduct a complete audit.”", "Therefore, the party will have to conduct a complete audit."),
        ("“We will build schools,” he said.", "“We will build schools,” he said."),
        ("It’s needed to take reality into account,” Tokayev also said. “", "It’s needed to take reality into account,” Tokayev also said."),
        ('He said: "We will act.', 'He said: "We will act.'),
    ],
)
def test_an_accepted_item_s_quote_drops_a_quotation_mark_the_sentence_only_closes_or_opens(sentence, quote):
    assert balanced_quote(sentence) == quote
