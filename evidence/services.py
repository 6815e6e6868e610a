"""Suggesting evidence: matching an ingested article against the published promises and directives,
and the editors' two answers — use it (record a status citing the article) or set it aside."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from directives.models import Directive
from promises.models import Promise
from sources.models import Article
from sources.statements import pipeline, sentences

from . import matching
from .models import Scan, Suggestion

STALE_CLAIM = timedelta(minutes=15)  # a scan held longer than this was left by a dead worker


def _party_names(party):
    if party is None:
        return []
    names = [party.name, *(n.name for n in party.names.all()), *(a.alias for a in party.aliases.all())]
    return names + ([party.abbreviation] if party.abbreviation else [])


def _leader_names(leader):
    if leader is None:
        return []
    return [leader.full_name, leader.full_name.split()[-1], *(a.alias for a in leader.aliases.all())]


def item_texts() -> list[matching.ItemText]:
    """Every published promise and directive as the matcher reads it. A fixed number of queries."""
    out = []
    promises = Promise.objects.public().select_related("party", "leader").prefetch_related(
        "topics", "party__names", "party__aliases", "leader__aliases"
    )
    for p in promises:
        topics = [t.name for t in p.topics.all()]
        names = _party_names(p.party) + _leader_names(p.leader) + topics
        out.append(matching.ItemText(p.pk, " ".join([p.title, p.quote, *topics]), tuple(names)))
    directives = Directive.objects.public().select_related("issuer").prefetch_related(
        "topics", "issuer__aliases", "addressed_parties__names", "addressed_parties__aliases", "addressed_leaders__aliases"
    )
    for d in directives:
        topics = [t.name for t in d.topics.all()]
        names = _leader_names(d.issuer) + topics
        for party in d.addressed_parties.all():
            names += _party_names(party)
        for leader in d.addressed_leaders.all():
            names += _leader_names(leader)
        out.append(matching.ItemText(d.pk, " ".join([d.action, d.quote, d.other_addressees, *topics]), tuple(names)))
    return out


# The index is built once per process and rebuilt when the published items change: a fingerprint of
# one query (count and latest edit) tells, and MAX_AGE bounds what an edit in place could hide.
MAX_AGE = 300
_lock = threading.Lock()
_cached = {"fingerprint": None, "at": 0.0, "index": None}


def current_index() -> matching.Index:
    from tracking.models import TrackedItem

    row = TrackedItem.objects.filter(is_published=True).aggregate(n=Count("pk"), latest=Max("updated_at"))
    fingerprint = (row["n"], row["latest"])
    with _lock:
        if _cached["fingerprint"] == fingerprint and time.monotonic() - _cached["at"] < MAX_AGE:
            return _cached["index"]
    index = matching.Index.build(item_texts())
    with _lock:
        _cached.update(fingerprint=fingerprint, at=time.monotonic(), index=index)
    return index


def _claim(article_id) -> bool:
    """Take the article's scan: a new one, or one a dead worker left. False when it is done or held."""
    now = timezone.now()
    scan, created = Scan.objects.get_or_create(article_id=article_id, defaults={"claimed_at": now})
    if created:
        return True
    return bool(
        Scan.objects.filter(pk=scan.pk, state=Scan.State.WORKING, claimed_at__lt=now - STALE_CLAIM).update(claimed_at=now)
    )


def scan_give_up(article_id, reason) -> None:
    """Close the article's scan without suggestions: its deliveries kept dying (``sources.tasks.RowTask``,
    which logs ``reason``). ``manage.py suggest_evidence ARTICLE_ID`` tries it again."""
    now = timezone.now()
    Scan.objects.update_or_create(article_id=article_id, defaults={"state": Scan.State.DONE, "claimed_at": now, "done_at": now})


def article_suggest_evidence(article_id, *, rescan: bool = False) -> list[Suggestion]:
    """Match one fetched article against the published items and queue what it may be evidence for.

    Idempotent: the scan is claimed first, and a pair (article, item) is suggested once — one an
    editor set aside is never suggested again. ``rescan`` matches an article scanned before (new
    items may have been published since). Returns the suggestions created."""
    article = Article.objects.filter(pk=article_id).exclude(text="").only("pk", "text").first()
    if article is None:
        return []
    if rescan:
        Scan.objects.filter(article_id=article_id).delete()
    if not _claim(article_id):
        return []
    found = sentences.split(article.text, pipeline.nlp())
    matches = current_index().match(article.text, [(s.start, s.end) for s in found if not s.heading])
    rows = [
        Suggestion(article_id=article_id, item_id=m.item, score=min(1.0, m.score), sentence=article.text[m.start : m.end], start=m.start, end=m.end)
        for m in matches
    ]
    with transaction.atomic():
        existing = set(Suggestion.objects.filter(article_id=article_id).values_list("item_id", flat=True))
        new = [row for row in rows if row.item_id not in existing]
        Suggestion.objects.bulk_create(new, ignore_conflicts=True)
        Scan.objects.filter(article_id=article_id).update(state=Scan.State.DONE, done_at=timezone.now())
    return new


@transaction.atomic
def suggestion_dismiss(*, suggestion: Suggestion, editor) -> Suggestion:
    """"Not relevant": the pair is set aside and never suggested again."""
    Suggestion.objects.filter(pk=suggestion.pk, state=Suggestion.State.NEW).update(
        state=Suggestion.State.DISMISSED, decided_by=editor, decided_at=timezone.now()
    )
    suggestion.refresh_from_db()
    return suggestion
