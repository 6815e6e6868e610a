"""Directives: a leader tells a party, body or official to do something."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from politics.links import slug_url
from promises.models import (
    STATUS_COPY_FIELDS,
    EvidenceBase,
    SourceBase,
    StatusUpdateBase,
    TrackedItem,
    TrackedQuerySet,
    status_update_constraints,
)


class DirectiveQuerySet(TrackedQuerySet):
    deadline_field = "deadline"

    def for_party(self, party):
        """Directives addressed to ``party``."""
        return self.filter(addressed_parties=party)

    def for_leader(self, leader):
        """Directives ``leader`` issued."""
        return self.filter(issuer=leader)

    def for_election(self, election):
        # Two many-to-many paths: distinct, or a directive would be listed once per match.
        return self.filter(Q(programmes__election=election) | Q(promises__programme__election=election)).distinct()


class Directive(TrackedItem):
    action = models.CharField(_("action"), max_length=300, help_text=_("What is to be done, in a few words."))
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
    responsible_official = models.CharField(_("responsible official"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"))
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
    history = HistoricalRecords(excluded_fields=STATUS_COPY_FIELDS)

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
        indexes = [
            # Public lists: published directives, newest first.
            models.Index(fields=["is_published", "-issued_on"], name="directive_public_idx"),
            # Scorecards and the status filter: public directives counted by status.
            models.Index(fields=["is_published", "current_status"], name="directive_public_status_idx"),
            # DirectiveQuerySet.overdue().
            models.Index(fields=["deadline"], name="directive_deadline_idx"),
        ]

    def __str__(self):
        return self.action

    def get_absolute_url(self):
        return slug_url("directive_detail", self.slug)

    def deadline_date(self):
        return self.deadline


class DirectiveStatusUpdate(StatusUpdateBase):
    item = models.ForeignKey(
        Directive, on_delete=models.PROTECT, related_name="status_updates", verbose_name=_("directive")
    )

    class Meta(StatusUpdateBase.Meta):
        verbose_name = _("directive status update")
        verbose_name_plural = _("directive status updates")
        constraints = status_update_constraints("directive")
        indexes = [
            # record_status and history_refresh_status: the newest update of a directive.
            models.Index(fields=["item", "-on", "-id"], name="directive_update_latest_idx"),
            # Feeds and the home page: the most recent changes.
            models.Index(fields=["-on", "-id"], name="directive_update_recent_idx"),
        ]


class DirectiveEvidence(EvidenceBase):
    # Evidence belongs to its update: when a superuser (alone allowed to) deletes an update,
    # its evidence goes with it.
    update = models.ForeignKey(DirectiveStatusUpdate, on_delete=models.CASCADE, related_name="evidence")

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=False) | ~Q(url=""),
                name="directive_evidence_has_a_source",
                violation_error_message=_("Evidence needs an article or a URL."),
            ),
        ]


class DirectiveSource(SourceBase):
    item = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="sources", verbose_name=_("directive"))

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=False) | ~Q(url=""),
                name="directive_source_has_a_source",
                violation_error_message=_("A source needs an article or a URL."),
            ),
            models.UniqueConstraint(
                fields=["item", "article"], condition=Q(article__isnull=False), name="directive_source_article_once"
            ),
        ]
