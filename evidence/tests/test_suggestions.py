"""Suggested evidence: what an editor relies on."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from evidence.models import Suggestion
from evidence.services import article_suggest_evidence, suggestion_dismiss
from evidence.tests import evidence_set
from sources.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def the_set():
    return evidence_set.load()


def suggested(article):
    return list(Suggestion.objects.filter(article=article).order_by("-score").values_list("item_id", flat=True))


def test_an_article_reporting_progress_suggests_its_item_first_with_the_sentence_that_matched(the_set):
    article = the_set.articles["a02"]  # boiler repairs behind schedule
    article_suggest_evidence(article.pk)
    best = Suggestion.objects.filter(article=article).order_by("-score").first()
    assert best.item_id == the_set.items[6].pk
    assert article.text[best.start : best.end] == best.sentence
    assert "boiler houses" in best.sentence


def test_an_article_about_nothing_tracked_suggests_nothing(the_set):
    for key in ("a20", "a22"):  # a cup final, a snow storm
        assert article_suggest_evidence(the_set.articles[key].pk) == []


def test_the_annotated_set_is_mostly_found(the_set):
    for article in the_set.articles.values():
        article_suggest_evidence(article.pk)
    score = evidence_set.score(the_set, {key: suggested(a) for key, a in the_set.articles.items()})
    # Behaviour, not a fitted score: most of what the set marks is among an article's ten suggestions.
    assert score.found > score.relevant / 2


def test_a_suggestion_set_aside_is_never_suggested_again(the_set, editor):
    article = the_set.articles["a04"]
    article_suggest_evidence(article.pk)
    suggestion = Suggestion.objects.get(article=article, item=the_set.items[8])
    suggestion_dismiss(suggestion=suggestion, editor=editor)
    article_suggest_evidence(article.pk, rescan=True)
    call_command("suggest_evidence", str(article.pk))
    pair = Suggestion.objects.get(article=article, item=the_set.items[8])
    assert pair.state == Suggestion.State.DISMISSED and pair.decided_by == editor
    assert not Suggestion.objects.open().filter(pk=pair.pk).exists()


def test_running_twice_suggests_each_pair_once(the_set):
    article = the_set.articles["a17"]
    first = article_suggest_evidence(article.pk)
    assert first and article_suggest_evidence(article.pk) == []
    assert Suggestion.objects.filter(article=article).count() == len(first)


def test_a_suggestion_cited_as_evidence_leaves_the_queue(the_set, editor):
    from tracking.services import record_status

    article = the_set.articles["a01"]
    article_suggest_evidence(article.pk)
    item = the_set.items[3]
    assert Suggestion.objects.open().filter(article=article, item=item).exists()
    record_status(item=item, status="fulfilled", explanation="The hotline opened.", evidence=[{"article": article}], editor=editor)
    assert not Suggestion.objects.open().filter(article=article, item=item).exists()


def test_the_queue_shows_the_article_and_use_as_evidence_fills_in_the_record_form(the_set, editor_client):
    article = the_set.articles["a05"]
    article_suggest_evidence(article.pk)
    page = editor_client.get(reverse("admin:evidence_suggestion_changelist")).content.decode()
    assert "Budget published ahead of deadline" in page and "Norland Business" in page
    suggestion = Suggestion.objects.filter(article=article).order_by("-score").first()
    assert f"record-status/?article={article.pk}" in page
    item = suggestion.item
    url = reverse(f"admin:{item.kind}s_{item.kind}_record_status", args=[item.pk]) + f"?article={article.pk}"
    form = editor_client.get(url).context["form"]
    assert list(form.initial["evidence_articles"]) == [article.pk]
    assert form.initial["on"] == article.published_on


def test_not_relevant_from_the_queue_sets_the_pair_aside(the_set, editor_client):
    article = the_set.articles["a03"]
    article_suggest_evidence(article.pk)
    suggestion = Suggestion.objects.filter(article=article).first()
    url = reverse("admin:evidence_suggestion_dismiss", args=[suggestion.pk])
    assert editor_client.get(url).status_code == 200  # asks first
    editor_client.post(url)
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.DISMISSED


def test_the_back_fill_command_names_what_it_did_and_refuses_bad_input(the_set, capsys):
    call_command("suggest_evidence", "--since", "2026-09-01")
    assert "new suggestion(s) from" in capsys.readouterr().out
    with pytest.raises(Exception, match="no article with id"):
        call_command("suggest_evidence", "999999")
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        call_command("suggest_evidence", "--since", "yesterday")


def test_an_article_without_text_is_left_alone():
    assert article_suggest_evidence(ArticleFactory(text="").pk) == []


def test_an_items_page_lists_its_suggestions_and_still_saves_as_before(the_set, editor_client):
    article = the_set.articles["a11"]
    article_suggest_evidence(article.pk)
    item = the_set.items[15]
    page = editor_client.get(reverse("admin:directives_directive_change", args=[item.pk])).content.decode()
    assert "Street cameras switched on" in page and f"record-status/?article={article.pk}" in page


def test_a_scan_whose_workers_kept_dying_is_given_up_and_the_back_fill_tries_it_again(the_set, settings):
    """The ingestion tasks' delivery limit (sources.tasks.RowTask) covers this follow-up too."""
    from django.core.cache import cache

    from evidence.models import Scan
    from evidence.tasks import suggest_evidence

    settings.INGEST_MAX_DELIVERIES = 1
    article = the_set.articles["a02"]
    cache.set(f"deliveries:{suggest_evidence.name}:{article.pk}:0", 1)  # one delivery whose worker died
    suggest_evidence.delay(article.pk)
    assert Scan.objects.get(article=article).state == Scan.State.DONE and suggested(article) == []
    call_command("suggest_evidence", str(article.pk))
    assert suggested(article)[0] == the_set.items[6].pk
