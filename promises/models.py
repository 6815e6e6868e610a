"""Election promises: what a promise adds to a tracked item (``tracking``)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import not_in_future
from core.translated import translations
from politics.models import Programme
from tracking import models as tracking


class PromiseQuerySet(tracking.TrackedQuerySet):
    # The programme ids are read first (one small query) and given as a list: with a
    # sub-select, "party = X OR programme IN (SELECT ...)" defeats both indexes and
    # PostgreSQL scans every promise (2.4 ms against 0.1 ms for a party's scorecard).
    # The ids are those of when the queryset is built: build it per request.
    def for_party(self, party):
        return self._by_author(party=party)

    def for_leader(self, leader):
        return self._by_author(leader=leader)

    def _by_author(self, **author):
        programmes = Programme.objects.filter(**author).values_list("pk", flat=True)
        return self.filter(Q(**author) | Q(programme__in=list(programmes)))

    def for_election(self, election):
        return self.filter(programme__election=election)

    def with_author(self):
        """With what a row of a list shows about its author."""
        return self.select_related("party", "leader", "programme__party", "programme__leader")


class Promise(tracking.TrackedItem):
    # The parent link keeps the column "id" the table always had (its values are the item's ids).
    trackeditem_ptr = models.OneToOneField(
        tracking.TrackedItem, on_delete=models.CASCADE, parent_link=True, primary_key=True, db_column="id"
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("A short, checkable statement of the promise."))
    title_ru, title_kk = translations(title)
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
    made_on = models.DateField(_("made on"), null=True, blank=True, validators=[not_in_future])
    target_date = models.DateField(_("target date"), null=True, blank=True)
    measurable_target = models.CharField(
        _("measurable target"), max_length=300, blank=True, help_text=_('e.g. "minimum wage of 100,000 tenge"')
    )

    objects = PromiseQuerySet.as_manager()
    history = tracking.tracked_history()

    KIND, title_field, deadline_field = tracking.Kind.PROMISE, "title", "target_date"

    class Meta:
        verbose_name = _("promise")
        verbose_name_plural = _("promises")
        ordering = ["-made_on", "title"]
        permissions = [("publish_promise", _("Can publish and unpublish promises"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(party__isnull=False) | Q(leader__isnull=False) | Q(programme__isnull=False),
                name="promise_has_an_author",
                violation_error_message=_("A promise is made by a party, a candidate or in a programme."),
            ),
        ]
        indexes = tracking.kind_indexes("promise", "made_on", "title", "target_date")

    def author(self):
        """Who made the promise: the party or candidate, else the programme's author."""
        if self.party_id:
            return self.party
        if self.leader_id:
            return self.leader
        return self.programme.author if self.programme_id else None


class PromiseStatusUpdate(tracking.StatusUpdate):
    """The promises' share of the one status history, under the admin address and
    permissions (``promises.add_promisestatusupdate``) editors have always used."""

    objects = tracking.KindUpdateManager(tracking.Kind.PROMISE)

    class Meta:
        proxy = True
        verbose_name = _("promise status update")
        verbose_name_plural = _("promise status updates")
