"""The review queue and the ingestion admin as an editor sees them."""

import pytest
from django.urls import reverse

from sources.models import Article, Candidate, Feed
from sources.tests.factories import ArticleFactory, CandidateFactory, FeedFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:sources_candidate_changelist")


def test_the_queue_opens_on_new_candidates_likeliest_first_then_newest(editor_client):
    older, newer = CandidateFactory(confidence=0.7), CandidateFactory(confidence=0.7)
    likeliest = CandidateFactory(confidence=0.95)
    CandidateFactory(state=Candidate.State.REJECTED)
    response = editor_client.get(QUEUE)
    assert list(response.context["cl"].result_list) == [likeliest, newer, older]


def test_the_queue_hides_the_unlikely_candidates_until_asked(editor_client, settings):
    settings.CANDIDATE_HIDE_BELOW = 0.3
    likely, unlikely = CandidateFactory(confidence=0.3), CandidateFactory(confidence=0.29)
    assert list(editor_client.get(QUEUE).context["cl"].result_list) == [likely]
    assert list(editor_client.get(QUEUE, {"confidence": "unlikely"}).context["cl"].result_list) == [unlikely]
    assert editor_client.get(QUEUE, {"confidence": "all"}).context["cl"].result_count == 2


def test_without_a_setting_the_queue_hides_below_the_threshold_cross_validation_chose(settings):
    from sources.models import review_threshold
    from sources.statements import model

    settings.CANDIDATE_HIDE_BELOW = None
    assert review_threshold() == model.current().card["review_threshold"]


def test_the_queue_can_show_every_state(editor_client):
    CandidateFactory()
    CandidateFactory(state=Candidate.State.REJECTED)
    assert editor_client.get(QUEUE, {"state": "all"}).context["cl"].result_count == 2
    assert editor_client.get(QUEUE, {"state": "rejected"}).context["cl"].result_count == 1


def test_the_sentence_is_highlighted_in_its_paragraph_and_escaped(editor_client):
    text = "First paragraph.\nBefore <b>. The party must act now. After.\nLast paragraph."
    sentence = "The party must act now."
    start = text.index(sentence)
    found = CandidateFactory(article=ArticleFactory(text=text), sentence=sentence, start=start, end=start + len(sentence))
    page = editor_client.get(reverse("admin:sources_candidate_change", args=[found.pk])).content.decode()
    assert "Before &lt;b&gt;. <mark>The party must act now.</mark> After." in page
    assert "First paragraph." not in page and "<b>" not in page


def test_ingested_fields_are_read_only_and_candidates_are_not_added_by_hand(editor_client):
    found = CandidateFactory()
    response = editor_client.get(reverse("admin:sources_candidate_change", args=[found.pk]))
    form_fields = set(response.context["adminform"].form.fields)
    assert {"sentence", "confidence", "state", "speaker_text"}.isdisjoint(form_fields)
    assert {"speaker", "addressee_party", "action"} <= form_fields
    assert editor_client.get(reverse("admin:sources_candidate_add")).status_code == 403


def test_feeds_and_articles_show_their_state_and_last_error(editor_client):
    FeedFactory(title="Trend feed", state=Feed.State.FAILED, last_error="HTTP 503 from the server")
    ArticleFactory(state=Article.State.FAILED, error="Connection reset by peer")
    feeds = editor_client.get(reverse("admin:sources_feed_changelist")).content.decode()
    articles = editor_client.get(reverse("admin:sources_article_changelist")).content.decode()
    assert "HTTP 503 from the server" in feeds and "Failed" in feeds
    assert "Connection reset by peer" in articles


def test_a_fetched_article_s_text_and_url_are_read_only(editor_client):
    article = ArticleFactory()
    response = editor_client.get(reverse("admin:sources_article_change", args=[article.pk]))
    assert {"url", "text", "state"}.isdisjoint(response.context["adminform"].form.fields)
