"""What every tracked item has, whatever its kind: the status vocabulary,
publishing, topics, the one append-only status history with its evidence, and
the sources that reported it.

A promise and a directive are ``TrackedItem`` rows (multi-table inheritance):
``promises`` and ``directives`` add only their own fields. Nothing here imports
them; the history, evidence and sources tables point at ``TrackedItem``."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import connections, models, transaction
from django.db.models import Q
from django.db.models.expressions import Col, ResolvedOuterRef
from django.db.models.sql import Query
from django.db.models.sql.constants import LOUTER
from django.db.models.sql.where import AND
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import BoundedTextField
from core.translated import translated, translations
from politics.links import slug_url


class Status(models.TextChoices):
    """One vocabulary for promises and directives, the one readers know from the best trackers."""

    NOT_RATED = "not_rated", _("Not yet rated")
    IN_PROGRESS = "in_progress", _("In progress")
    STALLED = "stalled", _("Stalled")
    PARTIALLY_FULFILLED = "partially_fulfilled", _("Partially fulfilled")
    FULFILLED = "fulfilled", _("Fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")


# The statuses an update can set ("not rated" is only the starting point).
RATED_STATUSES = [choice for choice in Status.choices if choice[0] != Status.NOT_RATED]


class Kind(models.TextChoices):
    PROMISE = "promise", _("promise")
    DIRECTIVE = "directive", _("directive")


def is_overdue(deadline, status, today):
    """The one definition of overdue: past its deadline and not fulfilled (derived, never stored)."""
    return deadline is not None and deadline < today and status != Status.FULFILLED


def overdue_q(deadline_field, today):
    """``is_overdue`` as a filter on the field ``deadline_field``."""
    return Q(**{f"{deadline_field}__lt": today}) & ~Q(current_status=Status.FULFILLED)


class TrackedQuerySet(models.QuerySet):
    """One method per public filter. Kinds name their deadline field in ``deadline_field``.

    ``public()`` is the one definition of what readers may see; pages, feeds,
    sitemaps and the API all start from it."""

    def public(self):
        # The kind too: it lets PostgreSQL read a kind's public items from the parent's index.
        return self.filter(kind=self.model.KIND, is_published=True) if self.model.KIND else self.filter(is_published=True)

    def with_status_in(self, statuses):
        return self.filter(current_status__in=list(statuses))

    def overdue(self, today):
        return self.filter(overdue_q(self.model.deadline_field, today))

    def not_overdue(self, today):
        return self.exclude(overdue_q(self.model.deadline_field, today))

    def for_topic(self, topic):
        return self.filter(topics=topic)

    def on_parent_table(self):
        """This queryset of a kind as a ``TrackedItem`` queryset, when it filters the parent's
        columns only (every public promise, those in a status), else None.

        PostgreSQL never drops an inner join, so counting a kind's items costs a join of
        the two tables (4 ms for 10,000 promises, bench/api.py); the parent's index alone
        answers in 1 ms. This reads Django's compiled filter (``Query.where``), so it
        declines anything it does not recognise: joins other than to the parent and
        nullable to-one joins, a column of another table, slicing, grouping, DISTINCT.
        The parent queryset carries the filter, not the annotations or the ordering."""
        query, parent_table = self.query, TrackedItem._meta.db_table
        if (not self.model._meta.parents or query.is_sliced or query.distinct or query.combinator
                or query.extra or query.group_by or any(a.contains_aggregate for a in query.annotations.values())):
            return None  # (an annotation without an aggregate, such as a row's newest update, counts nothing)
        parent_join = query.alias_map.get(parent_table)
        if parent_join is not None and (
            parent_join.parent_alias != query.base_table
            or parent_join.join_field != self.model._meta.get_ancestor_link(TrackedItem)
        ):
            return None  # the table's alias is another item's, joined through a relation
        for alias, join in query.alias_map.items():
            if alias not in (query.base_table, parent_table) and getattr(join, "join_type", None) != LOUTER:
                return None
        for lookup in query.where.leaves():
            if not hasattr(lookup, "flatten"):
                return None  # raw SQL or "matches nothing"
            for node in lookup.flatten():
                if isinstance(node, (Query, ResolvedOuterRef)) or (isinstance(node, Col) and node.alias != parent_table):
                    return None
        parent = TrackedItem.objects.using(self.db).filter(kind=self.model.KIND)
        parent.query.where.add(query.where.clone(), AND)
        return parent

    def count(self):
        if self._result_cache is None:
            parent = self.on_parent_table()
            if parent is not None:
                return parent.count()
        return super().count()

    def bulk_create(self, objs, batch_size=None, **kwargs):
        """Many items of a kind at once (benchmarks, tests). Django refuses to bulk-create a
        model with a parent table, so the parents go first, then the kind's own rows."""
        if not self.model._meta.parents:
            return super().bulk_create(objs, batch_size=batch_size, **kwargs)
        objs = list(objs)
        parent_fields = [f for f in TrackedItem._meta.concrete_fields if not f.primary_key]
        with transaction.atomic(using=self.db):
            parents = TrackedItem.objects.using(self.db).bulk_create(
                [TrackedItem(**{f.attname: getattr(obj, f.attname) for f in parent_fields}) for obj in objs],
                batch_size=batch_size,
            )
            for obj, parent in zip(objs, parents, strict=True):
                obj.id = obj.trackeditem_ptr_id = parent.pk
                obj.created_at, obj.updated_at = parent.created_at, parent.updated_at
                obj._state.adding, obj._state.db = False, self.db
            connection = connections[self.db]
            fields = self.model._meta.local_concrete_fields
            quote = connection.ops.quote_name
            sql = (
                f"INSERT INTO {quote(self.model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)})"
                f" VALUES ({', '.join(['%s'] * len(fields))})"
            )
            rows = [[f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] for obj in objs]
            with connection.cursor() as cursor:
                for start in range(0, len(rows), batch_size or 1000):
                    cursor.executemany(sql, rows[start : start + (batch_size or 1000)])
        return objs


def tracked_history():
    """The edit history of a kind (django-simple-history). The stored copy of the newest
    status update is not part of it (the status history is), and the parent link keeps
    its own column there ("id" is the item's id, as in every historical table)."""
    return HistoricalRecords(
        excluded_fields=["current_status", "status_changed_on"],
        excluded_field_kwargs={"trackeditem_ptr": {"db_column"}},
    )


def kind_indexes(kind, date_field, title_field, deadline_field):
    """The indexes every kind has on its own table, named after it."""
    return [
        # Public lists in their default order, newest first: a page is read in index order
        # (many items share a date, so the date alone would sort thousands of rows a page).
        models.Index(fields=[f"-{date_field}", title_field, "trackeditem_ptr"], name=f"{kind}_list_order_idx"),
        # TrackedQuerySet.overdue().
        models.Index(fields=[deadline_field], name=f"{kind}_{deadline_field}_idx"),
    ]


class TrackedItem(models.Model):
    """A promise or a directive: what both have. The kinds are its subclasses
    (``promises.Promise``, ``directives.Directive``), each naming its ``KIND``
    and its ``deadline_field``."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, editable=False)
    slug = models.SlugField(_("slug"), max_length=200)
    quote = BoundedTextField(_("quote"), help_text=_("The words as said or written, verbatim (at most 5,000 characters)."))
    topics = models.ManyToManyField("politics.Topic", blank=True, related_name="items", verbose_name=_("topics"))
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

    objects = TrackedQuerySet.as_manager()

    # Set by each kind: its Kind, its deadline's field, its short statement's field.
    KIND = ""
    deadline_field = None
    title_field = None

    class Meta:
        verbose_name = _("tracked item")
        verbose_name_plural = _("tracked items")
        constraints = [
            # A slug names one item of its kind: /promises/<slug>/, /directives/<slug>/.
            models.UniqueConstraint(fields=["kind", "slug"], name="tracked_item_slug_once_per_kind"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="tracked_item_kind_known"),
        ]
        indexes = [
            # Scorecards and the status filter: public items of a kind counted by status.
            models.Index(fields=["kind", "is_published", "current_status"], name="tracked_public_status_idx"),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The kind is the subclass's, a type tag like a content type: never chosen, never
        # changed, and known before saving (the slug's constraint is checked per kind).
        if not self.kind:
            self.kind = self.KIND

    def __str__(self):
        # A heading, capitalised: directives' actions are often stored as fragments ("audit the …").
        if self.title_field:
            return capfirst(translated(self, self.title_field))
        return f"{self.get_kind_display()}: {self.slug}"

    def get_absolute_url(self):
        return slug_url(f"{self.kind}_detail", self.slug)

    def specific(self):
        """The promise or directive this row is (one query, unless it already is one)."""
        if self.KIND:
            return self
        return getattr(self, self.kind)

    def deadline_date(self):
        return getattr(self, self.deadline_field) if self.deadline_field else None

    def latest_update(self):
        """The newest status update, or None. Uses prefetched ``status_updates`` when present."""
        updates = sorted(self.status_updates.all(), key=lambda u: (u.on, u.pk), reverse=True)
        return updates[0] if updates else None

    def status(self):
        """The current status: the newest update's, or Not yet rated."""
        return self.current_status

    def get_status_display(self):
        return Status(self.current_status).label

    def is_overdue(self, today):
        return is_overdue(self.deadline_date(), self.current_status, today)


class RecordQuerySet(models.QuerySet):
    """The dated records of items: their status updates, their corrections."""

    def public(self):
        """The records readers may see: those of public items."""
        return self.filter(item__is_published=True)

    def newest_first(self):
        return self.order_by("-on", "-pk")


class StatusUpdateQuerySet(RecordQuerySet):
    def of_kind(self, kind):
        return self.filter(item__kind=kind)


class Record(models.Model):
    """What every dated, append-only record of an item has: the editor who made it, and when."""

    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("editor")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True


class KindUpdateManager(models.Manager.from_queryset(StatusUpdateQuerySet)):
    """The updates of one kind's items: the manager of ``PromiseStatusUpdate`` and ``DirectiveStatusUpdate``."""

    def __init__(self, kind=None):
        super().__init__()
        self.kind = kind

    def get_queryset(self):
        return super().get_queryset().filter(item__kind=self.kind)


class StatusUpdate(Record):
    """One entry of an item's append-only status history.

    Rows are written only by the record service (``tracking.services.record_status``);
    nobody but a superuser may change or delete one."""

    item = models.ForeignKey(
        TrackedItem, on_delete=models.PROTECT, related_name="status_updates", verbose_name=_("item")
    )
    on = models.DateField(_("date"), help_text=_("The day the status changed, as the evidence shows."))
    old_status = models.CharField(_("old status"), max_length=20, choices=Status.choices)
    new_status = models.CharField(_("new status"), max_length=20, choices=Status.choices)
    explanation = BoundedTextField(_("explanation"))
    explanation_ru, explanation_kk = translations(explanation)

    objects = StatusUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        constraints = [
            # The database's share of the record service's validation.
            models.CheckConstraint(
                condition=Q(new_status__in=Status.values) & Q(old_status__in=Status.values),
                name="status_update_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(new_status=Status.NOT_RATED),
                name="status_update_rates_something",
                violation_error_message=_("A status update must give a rating."),
            ),
            models.CheckConstraint(
                condition=~Q(new_status=models.F("old_status")),
                name="status_update_changes_status",
                violation_error_message=_("A status update must change the status."),
            ),
        ]
        indexes = [
            # record_status and tracked_item_refresh_status: the newest update of an item.
            models.Index(fields=["item", "-on", "-id"], name="status_update_latest_idx"),
            # Feeds and the home page: the most recent changes.
            models.Index(fields=["-on", "-id"], name="status_update_recent_idx"),
        ]

    def __str__(self):
        return f"{self.on}: {self.get_old_status_display()} → {self.get_new_status_display()}"


class CitationQuerySet(models.QuerySet):
    def with_article(self):
        """With the article each cites and its outlet, but not its text: tens of kilobytes a page never shows."""
        return self.select_related("article__outlet").defer("article__text")


class Citation(models.Model):
    """An ingested article, a URL, or both."""

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

    # What readers see of a citation, as the best trackers show it: title, outlet, date, link.
    # (Read with ``with_article()``, these cost no query.)

    def label(self):
        """The title: the one the editor gave, else the article's."""
        return self.title or (self.article.title if self.article_id else "")

    def outlet_name(self):
        """Who published it: the article's outlet, else the address's host."""
        if self.article_id and self.article.outlet_id:
            return self.article.outlet.name
        return (urlsplit(self.link()).hostname or "").removeprefix("www.")

    def day(self):
        """The date it was published, when known (an ingested article's)."""
        return self.article.published_on if self.article_id else None

    @staticmethod
    def has_a_source(name, message):
        """The constraint that a citation names an article or a URL."""
        return models.CheckConstraint(
            condition=Q(article__isnull=False) | ~Q(url=""), name=name, violation_error_message=message
        )


class Evidence(Citation):
    """A source that shows a status update is right."""

    # Evidence belongs to its update: when a superuser (alone allowed to) deletes an update,
    # its evidence goes with it.
    update = models.ForeignKey(StatusUpdate, on_delete=models.CASCADE, related_name="evidence")

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [Citation.has_a_source("evidence_has_a_source", _("Evidence needs an article or a URL."))]


class Source(Citation):
    """An article or URL that reported an item; the candidate it was accepted
    from, when it came through ingestion."""

    item = models.ForeignKey(TrackedItem, on_delete=models.CASCADE, related_name="sources", verbose_name=_("item"))
    quote = BoundedTextField(_("quote in this source"), blank=True)
    candidate = models.ForeignKey(
        "sources.Candidate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted from candidate"),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            Citation.has_a_source("source_has_a_source", _("A source needs an article or a URL.")),
            models.UniqueConstraint(
                fields=["item", "article"], condition=Q(article__isnull=False), name="source_article_once"
            ),
        ]


class Correction(Record):
    """A change to a published promise or directive, dated and shown in the public corrections
    log (``/corrections/``) and on the item's page, as trusted fact-checkers show theirs.

    Written only by ``tracking.services.correction_record``, which ``item_save`` calls in the
    same transaction as every change to a published item's public fields (``changes``: each
    field's label, what it said and what it says now), with the editor's note when there is one;
    never changed: like the status history, the log is append-only. A status change is not a
    correction: it is the history's."""

    item = models.ForeignKey(TrackedItem, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("item"))
    on = models.DateField(_("date"), help_text=_("The day the correction was made."))
    note = BoundedTextField(
        _("what was corrected"), max_length=2000, blank=True,
        help_text=_("What was wrong and what the item says now, for readers."),
    )
    fields = models.CharField(_("fields changed"), max_length=300, blank=True)
    # [{"label": "title", "before": "…", "after": "…"}, …], in the item's field order.
    changes = models.JSONField(_("what changed"), default=list, blank=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        indexes = [
            # The public corrections log, newest first.
            models.Index(fields=["-on", "-id"], name="correction_recent_idx"),
        ]

    def __str__(self):
        return f"{self.on}: {self.note[:80]}"
