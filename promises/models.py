"""Election promises, and what promises and directives share: the status
vocabulary, the append-only status history with its evidence, and the sources
that reported an item.

``directives`` builds on the abstract bases here; nothing here imports it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from politics.links import slug_url


class Status(models.TextChoices):
    """One vocabulary for promises and directives, the one readers know from the best trackers."""

    NOT_RATED = "not_rated", _("Not yet rated")
    IN_PROGRESS = "in_progress", _("In progress")
    STALLED = "stalled", _("Stalled")
    PARTIALLY_FULFILLED = "partially_fulfilled", _("Partially fulfilled")
    FULFILLED = "fulfilled", _("Fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")


class TrackedQuerySet(models.QuerySet):
    """Queryset methods shared by promises and directives.

    Subclasses name their deadline field in ``deadline_field``. ``public()`` is
    the one definition of what readers may see; pages, feeds, sitemaps and the
    API all start from it."""

    deadline_field = "deadline"

    def public(self):
        return self.filter(is_published=True)

    def with_status_in(self, statuses):
        return self.filter(current_status__in=list(statuses))

    def overdue(self, today):
        """Past the deadline and not fulfilled (derived from the date, never stored)."""
        return self.filter(**{f"{self.deadline_field}__lt": today}).exclude(current_status=Status.FULFILLED)

    def not_overdue(self, today):
        return self.exclude(Q(**{f"{self.deadline_field}__lt": today}) & ~Q(current_status=Status.FULFILLED))

    def for_topic(self, topic):
        return self.filter(topics=topic)


# The stored copy of the newest status update is not part of an item's edit
# history: the status history is.
STATUS_COPY_FIELDS = ["current_status", "status_changed_on"]


class TrackedItem(models.Model):
    """What a promise and a directive have in common. Concrete models add the
    actors, the deadline field and a ``status_updates`` relation."""

    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    quote = models.TextField(_("quote"), help_text=_("The words as said or written, verbatim."))
    topics = models.ManyToManyField("politics.Topic", blank=True, verbose_name=_("topics"))
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published items are shown to the public.")
    )
    # A copy of the newest status update, written by the record service in the
    # same transaction as the update (and rewritten from the history when a
    # superuser deletes one), so lists and scorecards filter and count on an
    # index instead of a per-row subquery. The history stays the record.
    current_status = models.CharField(
        _("current status"), max_length=20, choices=Status.choices, default=Status.NOT_RATED, editable=False
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True

    def deadline_date(self):
        raise NotImplementedError

    def latest_update(self):
        """The newest status update, or None. Uses prefetched ``status_updates`` when present."""
        updates = sorted(self.status_updates.all(), key=lambda u: (u.on, u.pk), reverse=True)
        return updates[0] if updates else None

    def status(self):
        """The current status: the newest update's, or Not yet rated."""
        return self.current_status

    def get_status_display(self):
        return Status(self.status()).label

    def is_overdue(self, today):
        deadline = self.deadline_date()
        return deadline is not None and deadline < today and self.status() != Status.FULFILLED


class StatusUpdateBase(models.Model):
    """One entry of an item's append-only status history.

    Rows are written only by the record service (``promise_record_status``,
    ``directive_record_status``); nobody but a superuser may change or delete
    one. Concrete models add ``item``, a foreign key to what they rate."""

    on = models.DateField(_("date"), help_text=_("The day the status changed, as the evidence shows."))
    old_status = models.CharField(_("old status"), max_length=20, choices=Status.choices)
    new_status = models.CharField(_("new status"), max_length=20, choices=Status.choices)
    explanation = models.TextField(_("explanation"))
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("editor")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-on", "-pk"]

    def __str__(self):
        return f"{self.on}: {self.get_old_status_display()} → {self.get_new_status_display()}"


def status_update_constraints(prefix):
    """The database's share of the record service's validation, for each concrete update model."""
    return [
        models.CheckConstraint(
            condition=Q(new_status__in=Status.values) & Q(old_status__in=Status.values),
            name=f"{prefix}_update_status_known",
        ),
        models.CheckConstraint(
            condition=~Q(new_status=Status.NOT_RATED),
            name=f"{prefix}_update_rates_something",
            violation_error_message=_("A status update must give a rating."),
        ),
        models.CheckConstraint(
            condition=~Q(new_status=models.F("old_status")),
            name=f"{prefix}_update_changes_status",
            violation_error_message=_("A status update must change the status."),
        ),
    ]


class CitationQuerySet(models.QuerySet):
    def with_article(self):
        """With the article each cites, but not its text: tens of kilobytes a page never shows."""
        return self.select_related("article").defer("article__text")


class EvidenceBase(models.Model):
    """A source that shows a status update is right: an ingested article, a URL, or both.
    Concrete models add ``update``."""

    article = models.ForeignKey(
        "sources.Article", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("article")
    )
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)

    objects = CitationQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.title or self.link() or "—"

    def link(self):
        return self.url or (self.article.url if self.article_id else "")


class SourceBase(models.Model):
    """An article or URL that reported an item; the candidate it was accepted
    from, when it came through ingestion. Concrete models add ``item``."""

    article = models.ForeignKey(
        "sources.Article", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("article")
    )
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    quote = models.TextField(_("quote in this source"), blank=True)
    candidate = models.ForeignKey(
        "sources.Candidate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted from candidate"),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    objects = CitationQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.title or self.link() or "—"

    def link(self):
        return self.url or (self.article.url if self.article_id else "")


# --- promises -------------------------------------------------------------


class PromiseQuerySet(TrackedQuerySet):
    deadline_field = "target_date"

    # The programme ids are read first (one small query) and given as a list: with a
    # sub-select, "party = X OR programme IN (SELECT ...)" defeats both indexes and
    # PostgreSQL scans every promise (2.4 ms against 0.1 ms for a party's scorecard).
    # The ids are those of when the queryset is built: build it per request.
    def for_party(self, party):
        return self._by_author(party=party)

    def for_leader(self, leader):
        return self._by_author(leader=leader)

    def _by_author(self, **author):
        programmes = self.model._meta.get_field("programme").related_model.objects.filter(**author)
        return self.filter(Q(**author) | Q(programme__in=list(programmes.values_list("pk", flat=True))))

    def for_election(self, election):
        return self.filter(programme__election=election)


class Promise(TrackedItem):
    title = models.CharField(_("title"), max_length=300, help_text=_("A short, checkable statement of the promise."))
    programme = models.ForeignKey(
        "politics.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="promises",
        verbose_name=_("programme"),
    )
    party = models.ForeignKey(
        "politics.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="promises",
        verbose_name=_("party"),
    )
    leader = models.ForeignKey(
        "politics.Leader",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="promises",
        verbose_name=_("candidate or leader"),
    )
    made_on = models.DateField(_("made on"), null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    measurable_target = models.CharField(
        _("measurable target"), max_length=300, blank=True, help_text=_('e.g. "minimum wage of 100,000 tenge"')
    )

    objects = PromiseQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=STATUS_COPY_FIELDS)

    class Meta:
        ordering = ["-made_on", "title"]
        verbose_name = _("promise")
        verbose_name_plural = _("promises")
        permissions = [("publish_promise", _("Can publish and unpublish promises"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(party__isnull=False) | Q(leader__isnull=False) | Q(programme__isnull=False),
                name="promise_has_an_author",
                violation_error_message=_("A promise is made by a party, a candidate or in a programme."),
            ),
        ]
        indexes = [
            # Public lists: published promises, newest first.
            models.Index(fields=["is_published", "-made_on"], name="promise_public_idx"),
            # Scorecards and the status filter: public promises counted by status.
            models.Index(fields=["is_published", "current_status"], name="promise_public_status_idx"),
            # PromiseQuerySet.overdue().
            models.Index(fields=["target_date"], name="promise_target_date_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("promise_detail", self.slug)

    def deadline_date(self):
        return self.target_date

    def author(self):
        """Who made the promise: the party or candidate, else the programme's author."""
        if self.party_id:
            return self.party
        if self.leader_id:
            return self.leader
        return self.programme.author if self.programme_id else None


class PromiseStatusUpdate(StatusUpdateBase):
    item = models.ForeignKey(
        Promise, on_delete=models.PROTECT, related_name="status_updates", verbose_name=_("promise")
    )

    class Meta(StatusUpdateBase.Meta):
        verbose_name = _("promise status update")
        verbose_name_plural = _("promise status updates")
        constraints = status_update_constraints("promise")
        indexes = [
            # record_status and history_refresh_status: the newest update of a promise.
            models.Index(fields=["item", "-on", "-id"], name="promise_update_latest_idx"),
            # Feeds and the home page: the most recent changes.
            models.Index(fields=["-on", "-id"], name="promise_update_recent_idx"),
        ]


class PromiseEvidence(EvidenceBase):
    # Evidence belongs to its update: when a superuser (alone allowed to) deletes an update,
    # its evidence goes with it.
    update = models.ForeignKey(PromiseStatusUpdate, on_delete=models.CASCADE, related_name="evidence")

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=False) | ~Q(url=""),
                name="promise_evidence_has_a_source",
                violation_error_message=_("Evidence needs an article or a URL."),
            ),
        ]


class PromiseSource(SourceBase):
    item = models.ForeignKey(Promise, on_delete=models.CASCADE, related_name="sources", verbose_name=_("promise"))

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=False) | ~Q(url=""),
                name="promise_source_has_a_source",
                violation_error_message=_("A source needs an article or a URL."),
            ),
            models.UniqueConstraint(
                fields=["item", "article"], condition=Q(article__isnull=False), name="promise_source_article_once"
            ),
        ]
