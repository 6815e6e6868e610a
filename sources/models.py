"""Where statements come from: outlets, their feeds, the articles fetched from
them, and the candidates statement finding proposes to editors.

This app depends on ``politics`` only. Accepting a candidate belongs to the app
that owns the result (``directives.services``, ``promises.services``)."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .cleaning import URL_MAX_LENGTH


def content_hash(text):
    """A hash of an article's text that ignores whitespace and case, so the same
    story syndicated under another URL is recognised."""
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class Outlet(models.Model):
    name = models.CharField(_("name"), max_length=200)
    domain = models.CharField(_("domain"), max_length=253, unique=True, help_text=_('e.g. "en.trend.az"'))
    country = models.CharField(_("country"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    website = models.URLField(_("website"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")

    def __str__(self):
        return self.name


class FeedQuerySet(models.QuerySet):
    def due(self, now):
        """Active feeds whose next poll time has come (or that were never polled)."""
        return self.filter(is_active=True).filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))


class Feed(models.Model):
    class State(models.TextChoices):
        NEW = "new", _("Never polled")
        OK = "ok", _("OK")
        FAILED = "failed", _("Failed")

    outlet = models.ForeignKey(Outlet, on_delete=models.SET_NULL, null=True, blank=True, related_name="feeds")
    url = models.URLField(_("URL"), max_length=URL_MAX_LENGTH, unique=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    poll_interval = models.PositiveIntegerField(_("polling interval (minutes)"), default=30)
    # Conditional GET: what the server told us last time.
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.NEW, editable=False)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True, editable=False)
    next_poll_at = models.DateTimeField(_("next poll"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    failure_count = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FeedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["etag", "last_modified", "last_polled_at", "next_poll_at"])

    class Meta:
        ordering = ["url"]
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")
        constraints = [
            models.CheckConstraint(condition=Q(poll_interval__gte=1), name="feed_poll_interval_positive"),
        ]
        indexes = [
            # FeedQuerySet.due(): the beat's scan for feeds to poll.
            models.Index(fields=["is_active", "next_poll_at"], name="feed_due_idx"),
        ]

    def __str__(self):
        return self.title or self.url


class Article(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be fetched")
        FETCHING = "fetching", _("Being fetched")
        FETCHED = "fetched", _("Fetched, statements not yet found")
        DONE = "done", _("Statements found")
        DUPLICATE = "duplicate", _("Duplicate of another article")
        FAILED = "failed", _("Failed")

    url = models.URLField(_("canonical URL"), max_length=URL_MAX_LENGTH, unique=True)
    outlet = models.ForeignKey(Outlet, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles")
    feeds = models.ManyToManyField(Feed, blank=True, related_name="articles")
    title = models.CharField(_("title"), max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True, editable=False)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="syndicated_copies",
        verbose_name=_("duplicate of"),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    error = models.TextField(_("error"), blank=True)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("fetch attempts"), default=0)
    # When a worker claimed the article for fetching: a claim older than the
    # broker's visibility timeout belongs to a dead worker and may be taken over.
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True, editable=False)
    fetched_at = models.DateTimeField(_("fetched at"), null=True, blank=True)
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # Syndication check: another article with the same text.
            models.Index(fields=["content_hash"], name="article_content_hash_idx"),
            # The admin's and the tasks' look-ups of work in a given state.
            models.Index(fields=["state", "created_at"], name="article_state_idx"),
        ]

    def __str__(self):
        return self.title or self.url


class CandidateQuerySet(models.QuerySet):
    def open(self):
        """Candidates no editor has judged yet: the review queue."""
        return self.filter(state=Candidate.State.NEW)

    def likely(self, threshold=None):
        """The candidates the queue shows by default: confidence at or above ``threshold``
        (default: ``review_threshold()``); the others are kept, and shown when asked."""
        return self.filter(confidence__gte=review_threshold() if threshold is None else threshold)


def review_threshold():
    """The confidence below which the review queue hides a candidate until asked: the
    CANDIDATE_HIDE_BELOW setting, else what cross-validation chose for a recall of 0.9."""
    if settings.CANDIDATE_HIDE_BELOW is not None:
        return settings.CANDIDATE_HIDE_BELOW
    from .statements import model

    return float(model.current().card.get("review_threshold", 0.0))


class Candidate(models.Model):
    class Kind(models.TextChoices):
        DIRECTIVE = "directive", _("Directive")
        PROMISE = "promise", _("Promise")

    class State(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        MERGED = "merged", _("Merged into an existing item")
        REJECTED = "rejected", _("Rejected")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="candidates")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sentence = models.TextField(_("sentence"), help_text=_("The statement, verbatim from the article."))
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    action = models.TextField(_("action"), blank=True)
    speaker_text = models.CharField(_("speaker as written"), max_length=300, blank=True)
    speaker_name = models.CharField(_("speaker"), max_length=300, blank=True)
    speaker = models.ForeignKey(
        "politics.Leader", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("speaker (known)")
    )
    addressee_text = models.CharField(_("addressee as written"), max_length=300, blank=True)
    addressee_name = models.CharField(_("addressee"), max_length=300, blank=True)
    addressee_party = models.ForeignKey(
        "politics.Party", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("addressee (party)")
    )
    addressee_leader = models.ForeignKey(
        "politics.Leader", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("addressee (official)")
    )
    confidence = models.FloatField(_("confidence"))
    rule = models.CharField(_("rule"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.NEW)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)

    objects = CandidateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        # The queue shows the likeliest statements first: a missed one is invisible, a wrong one a click.
        ordering = ["-confidence", "-created_at", "start"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            # Statement finding may run twice on one article: it must not queue a sentence twice.
            models.UniqueConstraint(fields=["article", "start", "end"], name="candidate_unique_per_sentence"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="candidate_span_not_empty"),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="candidate_confidence_in_range"
            ),
        ]
        indexes = [
            # CandidateQuerySet.open().likely(): the review queue, likeliest first.
            models.Index(fields=["state", "-confidence", "-created_at"], name="candidate_queue_idx"),
        ]

    def __str__(self):
        return self.sentence[:80]
