"""Directives: a leader tells a party, body or official to do something. What a
directive adds to a tracked item (``tracking``)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import not_in_future
from core.translated import translations
from tracking import models as tracking


class DirectiveQuerySet(tracking.TrackedQuerySet):
    def for_party(self, party):
        """Directives addressed to ``party``."""
        return self.filter(addressed_parties=party)

    def for_leader(self, leader):
        """Directives ``leader`` issued."""
        return self.filter(issuer=leader)

    def for_election(self, election):
        # Two many-to-many paths: distinct, or a directive would be listed once per match.
        return self.filter(Q(programmes__election=election) | Q(promises__programme__election=election)).distinct()


class Directive(tracking.TrackedItem):
    # The parent link keeps the column "id" the table always had (its values are the item's ids).
    trackeditem_ptr = models.OneToOneField(
        tracking.TrackedItem, on_delete=models.CASCADE, parent_link=True, primary_key=True, db_column="id"
    )
    action = models.CharField(_("action"), max_length=300, help_text=_("What is to be done, in a few words."))
    action_ru, action_kk = translations(action)
    issuer = models.ForeignKey(
        "politics.Leader", on_delete=models.PROTECT, related_name="directives_issued", verbose_name=_("issued by")
    )
    addressed_parties = models.ManyToManyField(
        "politics.Party", blank=True, related_name="directives", verbose_name=_("addressed to parties")
    )
    addressed_leaders = models.ManyToManyField(
        "politics.Leader", blank=True, related_name="directives_received", verbose_name=_("addressed to officials")
    )
    other_addressees = models.CharField(
        _("other addressees"),
        max_length=300,
        blank=True,
        help_text=_('Bodies not tracked as parties, e.g. "the government, regional administrations"'),
    )
    other_addressees_ru, other_addressees_kk = translations(other_addressees)
    responsible_official = models.CharField(_("responsible official"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), validators=[not_in_future])
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    promises = models.ManyToManyField(
        "promises.Promise", blank=True, related_name="directives", verbose_name=_("promises it concerns")
    )
    programmes = models.ManyToManyField(
        "politics.Programme",
        blank=True,
        related_name="directives",
        verbose_name=_("programmes it concerns"),
        help_text=_('For a directive about a whole programme, e.g. "audit the fulfilment of election promises".'),
    )

    objects = DirectiveQuerySet.as_manager()
    history = tracking.tracked_history()

    KIND, title_field, deadline_field = tracking.Kind.DIRECTIVE, "action", "deadline"

    class Meta:
        ordering = ["-issued_on", "action"]
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        permissions = [("publish_directive", _("Can publish and unpublish directives"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__isnull=True) | Q(deadline__gte=models.F("issued_on")),
                name="directive_deadline_after_issue",
                violation_error_message=_("The deadline cannot be before the directive was issued."),
            ),
        ]
        indexes = tracking.kind_indexes("directive", "issued_on", "action", "deadline")


class DirectiveStatusUpdate(tracking.StatusUpdate):
    """The directives' share of the one status history, under the admin address and
    permissions editors have always used."""

    objects = tracking.KindUpdateManager(tracking.Kind.DIRECTIVE)

    class Meta:
        proxy = True
        verbose_name = _("directive status update")
        verbose_name_plural = _("directive status updates")
