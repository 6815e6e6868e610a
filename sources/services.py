"""Writes about feeds, articles and candidates."""

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from . import actors as actors_module
from . import cleaning
from .extraction import ExtractionError, extract
from .feeds import FeedError, normalise_url, parse_feed
from .fetching import FEED_TYPES, FetchError, FetchTransient, fetch
from .models import Article, Candidate, Feed, Outlet, content_hash


@transaction.atomic
def candidate_close(*, candidate, state, editor):
    """Mark an open candidate as judged (accepted, merged or rejected) by ``editor``.

    The conditional UPDATE claims the candidate: of two editors judging it at
    once, the second is told it was already judged instead of judging it twice.
    """
    if state not in (Candidate.State.ACCEPTED, Candidate.State.MERGED, Candidate.State.REJECTED):
        raise ValidationError({"state": _("A candidate is closed as accepted, merged or rejected.")})
    now = timezone.now()
    claimed = Candidate.objects.filter(pk=candidate.pk, state=Candidate.State.NEW).update(
        state=state, reviewed_by=editor, reviewed_at=now
    )
    if not claimed:
        raise ValidationError(_("This candidate has already been judged."))
    candidate.state, candidate.reviewed_by, candidate.reviewed_at = state, editor, now
    return candidate


def candidate_reject(*, candidate, editor):
    """Reject a candidate: it is not a directive or promise worth tracking."""
    return candidate_close(candidate=candidate, state=Candidate.State.REJECTED, editor=editor)


# --- ingestion -------------------------------------------------------------------
#
# The steps of the ingest flow, as plain functions that the Celery tasks
# (sources/tasks.py) and the ``ingest`` command call alike. None of them enqueues
# anything unless asked: the task layer decides what runs next.

logger = logging.getLogger(__name__)


def _is_web_url(value):
    return urlsplit(value).scheme in ("http", "https")


def _validate_web_url(url):
    if not _is_web_url(url) or not urlsplit(url).hostname:
        raise ValidationError({"url": _("Enter an http:// or https:// URL.")})
    if len(url) > cleaning.URL_MAX_LENGTH:
        raise ValidationError({"url": _("A URL is at most %(limit)s characters.") % {"limit": cleaning.URL_MAX_LENGTH}})


def claim_lease():
    """How long a worker's claim on an article holds.

    The broker hands an unacknowledged task to another worker only after its
    visibility timeout, so a claim older than that belongs to a worker that died."""
    from celery import current_app

    options = current_app.conf.broker_transport_options or {}
    return timedelta(seconds=options.get("visibility_timeout", 3600))


@transaction.atomic
def feed_add(*, url, outlet=None, title="", poll_interval=30):
    """Register a feed to poll (or return the one already registered under ``url``)."""
    url = url.strip()
    _validate_web_url(url)
    if poll_interval < 1:
        raise ValidationError({"poll_interval": _("The polling interval is at least one minute.")})
    feed, _created = Feed.objects.get_or_create(
        url=url, defaults={"outlet": outlet, "title": title, "poll_interval": poll_interval}
    )
    return feed


@dataclass
class PollResult:
    feed: Feed
    polled: bool = False  # False: not due, or another worker is polling it
    not_modified: bool = False
    entries: int = 0
    new_article_ids: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # entries refused, with the reason of each
    error: str = ""


def feed_poll(feed_id, *, force=False, final=True):
    """Poll one feed: conditional GET, parse, one article per new entry.

    The poll is claimed by moving ``next_poll_at`` forward with a conditional
    UPDATE, so the same feed polled twice at once is polled once. The claim
    holds for the claim lease; the poll's outcome sets the next poll one interval
    on. A worker that dies mid-poll thus leaves the feed due again when the broker
    hands its task to another worker, which polls it. A transient
    failure is raised (for the task to retry) unless ``final``; every failure is
    recorded on the feed. Returns None when the feed does not exist.
    """
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        return None
    result = PollResult(feed=feed)
    now = timezone.now()
    due = Feed.objects.filter(pk=feed.pk)
    if not force:
        due = due.filter(is_active=True).filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
    if not due.update(next_poll_at=now + claim_lease(), last_polled_at=now):
        return result
    next_poll_at = now + timedelta(minutes=feed.poll_interval)
    result.polled = True
    try:
        response = fetch(feed.url, accept=FEED_TYPES + ("text/html",), etag=feed.etag, last_modified=feed.last_modified)
        parsed = None if response.not_modified else parse_feed(response.content, url=response.url)
    except FetchTransient as error:
        result.error = str(error)
        _feed_failed(feed, result.error, retry=not final, next_poll_at=next_poll_at)
        if not final:
            raise
        return result
    except (FetchError, FeedError) as error:
        result.error = str(error)
        _feed_failed(feed, result.error, retry=False, next_poll_at=next_poll_at)
        return result
    with transaction.atomic():
        updates = {"state": Feed.State.OK, "last_error": "", "failure_count": 0, "next_poll_at": next_poll_at}
        if response.not_modified:
            result.not_modified = True
        else:
            updates.update(
                etag=cleaning.text(response.etag, max_length=300),
                last_modified=cleaning.text(response.last_modified, max_length=100),
            )
            if parsed.title and not feed.title:
                updates["title"] = parsed.title
            if parsed.skipped:
                # The poll succeeded; what it left out is said where editors look.
                result.skipped = parsed.skipped
                reasons = "; ".join(parsed.skipped)
                total = len(parsed.skipped) + len(parsed.entries)
                updates["last_error"] = f"skipped {len(parsed.skipped)} of {total} entries: {reasons}"[:2000]
            result.entries = len(parsed.entries)
            result.new_article_ids = _articles_for_entries(feed, parsed.entries)
        Feed.objects.filter(pk=feed.pk).update(**updates)
    logger.info("feed=%s polled entries=%s new=%s", feed.pk, result.entries, len(result.new_article_ids))
    return result


def feed_give_up(feed_id, reason):
    """Record that polling the feed was given up (its deliveries kept dying); poll it next in one interval."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is not None:
        _feed_failed(feed, reason, retry=False, next_poll_at=timezone.now() + timedelta(minutes=feed.poll_interval))


def _feed_failed(feed, reason, *, retry, next_poll_at):
    updates = {
        "state": Feed.State.FAILED,
        "last_error": reason[:2000],
        "failure_count": F("failure_count") + 1,
        # Due again at once on a retry, so the task's retry can claim the poll.
        "next_poll_at": None if retry else next_poll_at,
    }
    Feed.objects.filter(pk=feed.pk).update(**updates)
    logger.warning("feed=%s failed retry=%s reason=%s", feed.pk, retry, reason)


def _articles_for_entries(feed, entries):
    """Create the articles not seen before (by URL) and link every entry's article to ``feed``.

    Bulk, so a feed of a thousand entries costs a handful of queries. The same
    entry in two feeds is one article linked to both."""
    if not entries:
        return []
    urls = [entry.url for entry in entries]
    known = set(Article.objects.filter(url__in=urls).values_list("url", flat=True))
    Article.objects.bulk_create(
        [
            Article(url=e.url, title=e.title, published_on=e.published_on, outlet_id=feed.outlet_id)
            for e in entries
            if e.url not in known
        ],
        ignore_conflicts=True,  # another worker may have created it meanwhile: one row per URL.
    )
    ids = dict(Article.objects.filter(url__in=urls).values_list("url", "pk"))
    Through = Article.feeds.through
    Through.objects.bulk_create(
        [Through(article_id=pk, feed_id=feed.pk) for pk in ids.values()], ignore_conflicts=True
    )
    return [ids[url] for url in urls if url not in known and url in ids]


@transaction.atomic
def article_add_url(*, url, feed=None, outlet=None, title="", published_on=None):
    """The article at ``url`` (normalised), created waiting to be fetched if new.

    Returns ``(article, created)``. Queuing its fetch is the caller's (the tasks')."""
    url = url.strip()
    _validate_web_url(url)
    article, created = Article.objects.get_or_create(
        url=normalise_url(url), defaults={"title": title, "published_on": published_on, "outlet": outlet}
    )
    if feed is not None:
        article.feeds.add(feed)
    return article, created


def articles_requeue_stale(*, older_than, now=None, limit=1000):
    """The articles whose next step was lost, marked as requeued: ``(to_fetch, to_read)`` id lists.

    A step is lost when its task never reached the broker (Redis was down when it
    was enqueued) or the broker lost it (a Redis restarted without persistence):
    pending articles untouched for ``older_than``, fetching ones whose claim lapsed
    (their worker died) and fetched ones whose statements were never looked for.
    ``claimed_at`` of a pending or fetched article records when it was last queued
    this way, so one article is requeued at most once per ``older_than``. Queueing
    one twice is harmless: the claims of ``article_fetch`` and
    ``article_find_statements`` make the second run do nothing.
    """
    from django.db.models.functions import Coalesce

    now = now or timezone.now()
    cutoff = now - older_than
    touched = Article.objects.annotate(touched=Coalesce("claimed_at", "fetched_at", "created_at"))
    to_fetch = list(
        touched.filter(
            Q(state=Article.State.PENDING, touched__lt=cutoff)
            | Q(state=Article.State.FETCHING, claimed_at__lt=now - claim_lease())
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    to_read = list(
        touched.filter(state=Article.State.FETCHED, touched__lt=cutoff).order_by("pk").values_list("pk", flat=True)[:limit]
    )
    # Conditional, so a row a worker claimed meanwhile keeps its claim's time.
    Article.objects.filter(pk__in=to_fetch, state=Article.State.PENDING).update(claimed_at=now)
    Article.objects.filter(pk__in=to_read, state=Article.State.FETCHED).update(claimed_at=now)
    if to_fetch or to_read:
        logger.info("requeue stale to_fetch=%s to_read=%s", len(to_fetch), len(to_read))
    return to_fetch, to_read


def article_give_up(article_id, reason):
    """Record that the article's next step was given up (its deliveries kept dying): it is failed,
    with ``reason``, so that nothing queues it again."""
    Article.objects.filter(pk=article_id).exclude(
        state__in=[Article.State.DONE, Article.State.DUPLICATE, Article.State.FAILED]
    ).update(state=Article.State.FAILED, error=reason[:2000], claimed_at=None)


class Fetched(StrEnum):
    """What ``article_fetch`` did."""

    FETCHED = "fetched"
    FAILED = "failed"
    SKIPPED = "skipped"  # done already, or taken by another worker
    HELD = "held"  # another worker's claim still holds
    MISSING = "missing"  # no such article


@dataclass
class FetchOutcome:
    state: Fetched
    reason: str = ""
    retry_in: float = 0.0  # for HELD: seconds until the other worker's claim lapses


def article_fetch(article_id, *, final=True):
    """Fetch and extract one article, claimed so that it is fetched once.

    The claim moves the article from pending (or from a claim that lapsed: its
    worker died) to fetching with a conditional UPDATE; only the worker whose
    UPDATE changed a row goes on. A transient failure puts the article back to
    pending and is raised for the task to retry, unless ``final``, when it is
    recorded as failed like every other failure.
    """
    now = timezone.now()
    lease = claim_lease()
    claimed = (
        Article.objects.filter(pk=article_id)
        .filter(Q(state=Article.State.PENDING) | Q(state=Article.State.FETCHING, claimed_at__lt=now - lease))
        .update(state=Article.State.FETCHING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        current = Article.objects.filter(pk=article_id).values("state", "claimed_at").first()
        if current is None:
            return FetchOutcome(Fetched.MISSING)
        if current["state"] == Article.State.FETCHING and current["claimed_at"]:
            return FetchOutcome(Fetched.HELD, retry_in=max(1.0, (current["claimed_at"] + lease - now).total_seconds()))
        return FetchOutcome(Fetched.SKIPPED)
    mine = Article.objects.filter(pk=article_id, state=Article.State.FETCHING, claimed_at=now)
    row = mine.values("url", "title", "published_on", "outlet_id").first()
    if row is None:
        return FetchOutcome(Fetched.SKIPPED)
    url = row["url"]
    try:
        response = fetch(url)
        extracted = extract(response.content, content_type=response.content_type, charset=response.charset, url=url)
    except FetchTransient as error:
        if not final:
            mine.update(state=Article.State.PENDING, error=str(error)[:2000], http_status=error.status)
            raise
        mine.update(state=Article.State.FAILED, error=str(error)[:2000], http_status=error.status)
        return FetchOutcome(Fetched.FAILED, str(error))
    except (FetchError, ExtractionError) as error:
        mine.update(state=Article.State.FAILED, error=str(error)[:2000], http_status=getattr(error, "status", None))
        return FetchOutcome(Fetched.FAILED, str(error))
    stored = _store_extracted(mine, extracted, http_status=response.status, row=row)
    return FetchOutcome(Fetched.FETCHED if stored else Fetched.SKIPPED)


def _store_extracted(queryset, extracted, *, http_status=None, published_on=None, row=None):
    """Save the text on the claimed article (``queryset`` selects it while the claim holds)."""
    updates = {
        "text": extracted.text,
        "content_hash": content_hash(extracted.text),
        "language": extracted.language,
        "state": Article.State.FETCHED,
        "error": "",
        "http_status": http_status,
        "fetched_at": timezone.now(),
    }
    row = row or queryset.values("url", "title", "published_on", "outlet_id").first()
    if row is None:
        return False
    if extracted.title and not row["title"]:
        updates["title"] = extracted.title
    if not row["outlet_id"]:
        updates["outlet"] = outlet_for(row["url"], extracted.site_name)
    # The feed's date for the entry, when there is one, beats a date guessed from the page.
    if published_on or not row["published_on"]:
        updates["published_on"] = published_on or extracted.published_on
    return bool(queryset.update(**updates))


def outlet_for(url, name=""):
    """The outlet that publishes at ``url``: the one registered for its host or a parent
    domain (en.trend.az, then trend.az), else one made of the host and the name the page
    gives; None for a file, or a page that names no outlet."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    parts = host.split(".")
    domains = [".".join(parts[i:]) for i in range(len(parts) - 1)]
    if not domains:
        return None
    outlet = Outlet.objects.filter(domain__in=domains).order_by(Length("domain").desc()).first()
    if outlet is None and name:
        outlet, _created = Outlet.objects.get_or_create(domain=host, defaults={"name": name[:200]})
    return outlet


def _candidate_for(article, statement, known):
    speaker_kind, speaker_pk = actors_module.parse_key(statement.speaker_key)
    addressee_kind, addressee_pk = actors_module.parse_key(statement.addressee_key)
    return Candidate(
        article=article,
        kind=statement.kind,
        sentence=statement.quote,
        start=statement.start,
        end=statement.end,
        action=statement.action or "",
        speaker_text=(statement.speaker_text or "")[:300],
        speaker_name=(statement.speaker or statement.speaker_text or "")[:300],
        speaker_id=speaker_pk if speaker_kind == actors_module.LEADER and statement.speaker_key in known else None,
        addressee_text=(statement.addressee_text or "")[:300],
        addressee_name=(statement.addressee or statement.addressee_text or "")[:300],
        addressee_party_id=addressee_pk
        if addressee_kind == actors_module.PARTY and statement.addressee_key in known
        else None,
        addressee_leader_id=addressee_pk
        if addressee_kind == actors_module.LEADER and statement.addressee_key in known
        else None,
        confidence=min(1.0, max(0.0, statement.confidence)),
        rule=(statement.rule or "")[:100],
    )


def article_find_statements(article_id, *, actors=None, country=None):
    """Find the statements of a fetched article and queue them as candidates.

    The article of a syndicated story (same content hash as an older article)
    is marked as a duplicate of the oldest one and gets no candidates of its own.
    Creating the candidates and moving the article to done happen in one
    transaction whose conditional UPDATE is the claim: run twice, it creates
    nothing twice. Returns the candidates created.
    """
    from simple_history.utils import bulk_create_with_history

    from .statements import find_statements

    # One query: the article, the original it may copy and whether it had candidates.
    # Checked after this article's text was committed, so of two copies fetched
    # at once the newer always sees the older: the oldest row is the original.
    originals = (
        Article.objects.filter(content_hash=OuterRef("content_hash"), pk__lt=OuterRef("pk"))
        .exclude(content_hash="")
        .order_by("pk")
        .values("pk")[:1]
    )
    article = (
        Article.objects.filter(pk=article_id, state=Article.State.FETCHED)
        .annotate(
            original_id=Subquery(originals),
            had_candidates=Exists(Candidate.objects.filter(article=OuterRef("pk"))),
        )
        .first()
    )
    if article is None:
        return []
    if article.original_id is not None:
        Article.objects.filter(pk=article.pk, state=Article.State.FETCHED).update(
            state=Article.State.DUPLICATE, duplicate_of=article.original_id
        )
        return []
    if actors is None:
        actors = actors_module.current_actors()
    known = {actor.key for actor in actors}
    # Recall first: everything the finder gives some chance is kept; the queue hides the least likely.
    statements = find_statements(
        article.text,
        on=article.published_on,
        actors=actors,
        country=country,
        min_confidence=settings.FINDER_KEEP_ABOVE,
    )
    spans, candidates = set(), []
    for statement in statements:
        if (statement.start, statement.end) not in spans and statement.end > statement.start:
            spans.add((statement.start, statement.end))
            candidates.append(_candidate_for(article, statement, known))
    with transaction.atomic():
        if not Article.objects.filter(pk=article.pk, state=Article.State.FETCHED).update(state=Article.State.DONE):
            return []
        if not candidates:
            return []
        # An article sent back to be read again keeps the candidates it had.
        existing = (
            set(Candidate.objects.filter(article=article).values_list("start", "end")) if article.had_candidates else ()
        )
        new = [c for c in candidates if (c.start, c.end) not in existing]
        return bulk_create_with_history(new, Candidate) if new else []


# --- one document, in the foreground ----------------------------------------------


@dataclass
class Document:
    url: str  # http(s) URL or file:// URI
    extracted: object  # extraction.Extracted
    http_status: int | None = None


def document_load(source):
    """Fetch (URL) or read (file) one document and extract its text. Writes nothing.

    Raises ``FetchError``, ``ExtractionError`` or ``OSError`` with a reason."""
    if _is_web_url(source):
        response = fetch(source)
        extracted = extract(response.content, content_type=response.content_type, charset=response.charset, url=source)
        return Document(url=response.url, extracted=extracted, http_status=response.status)
    path = Path(source).expanduser().resolve()
    with path.open("rb") as handle:
        content = handle.read(settings.FETCH_MAX_BYTES + 1)
    if len(content) > settings.FETCH_MAX_BYTES:
        raise ExtractionError(f"{path} is larger than the {settings.FETCH_MAX_BYTES} bytes allowed")
    suffix = path.suffix.lower()
    content_type = "text/html" if suffix in (".html", ".htm", ".xhtml") else "text/plain" if suffix == ".txt" else ""
    return Document(url=path.as_uri(), extracted=extract(content, content_type=content_type))


@dataclass
class IngestResult:
    article: Article | None
    created: bool = False
    state: str = ""
    reason: str = ""
    candidates: list = field(default_factory=list)


def document_ingest(source, *, on=None, actors=None, canonical_url=None):
    """The whole pipeline for one URL or file, in the foreground: article, text, candidates.

    Ingesting the same document again creates nothing new. ``on`` overrides the
    document's date (plain-text files rarely carry one); ``canonical_url`` is the
    web address of a file that is a saved copy of an article."""
    if _is_web_url(source):
        article, created = article_add_url(url=source)
        if on:
            Article.objects.filter(pk=article.pk).update(published_on=on)
        outcome = article_fetch(article.pk, final=True)
        if outcome.state == Fetched.FAILED:
            article.refresh_from_db()
            return IngestResult(article, created, article.state, outcome.reason)
    else:
        document = document_load(source)
        if canonical_url:
            _validate_web_url(canonical_url)
        article, created = Article.objects.get_or_create(url=canonical_url or document.url)
        claimed = Article.objects.filter(pk=article.pk, state__in=[Article.State.PENDING, Article.State.FAILED])
        claimed.update(state=Article.State.FETCHING, claimed_at=timezone.now(), attempts=F("attempts") + 1)
        _store_extracted(
            Article.objects.filter(pk=article.pk, state=Article.State.FETCHING),
            document.extracted,
            published_on=on,
        )
    candidates = article_find_statements(article.pk, actors=actors)
    article.refresh_from_db()
    return IngestResult(article, created, article.state, article.error, candidates)
