"""Suggested evidence: an ingested article that may show progress on a published promise or
directive, with the sentence that matched, waiting for an editor to use it or set it aside."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from tracking.models import Evidence


class SuggestionQuerySet(models.QuerySet):
    def open(self):
        """What the editors' queue shows: not set aside, and not yet cited as evidence of the item."""
        cited = Evidence.objects.filter(update__item=OuterRef("item"), article=OuterRef("article"))
        return self.filter(state=Suggestion.State.NEW).exclude(Exists(cited))


class Suggestion(models.Model):
    class State(models.TextChoices):
        NEW = "new", _("New")
        DISMISSED = "dismissed", _("Not relevant")

    article = models.ForeignKey(
        "sources.Article", on_delete=models.CASCADE, related_name="evidence_suggestions", verbose_name=_("article")
    )
    item = models.ForeignKey(
        "tracking.TrackedItem", on_delete=models.CASCADE, related_name="evidence_suggestions", verbose_name=_("item")
    )
    score = models.FloatField(_("score"), help_text=_("How similar the sentence is to the item (0 to 1)."))
    sentence = models.TextField(_("sentence"), help_text=_("The article's sentence most like the item."))
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.NEW)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("suggested at"), auto_now_add=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "-created_at"]
        verbose_name = _("evidence suggestion")
        verbose_name_plural = _("evidence suggestions")
        constraints = [
            # One suggestion per article and item: a pair set aside stays set aside, a second run adds nothing.
            models.UniqueConstraint(fields=["article", "item"], name="suggestion_unique_pair"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=1), name="suggestion_score_in_range"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="suggestion_span_not_empty"),
        ]
        indexes = [
            # SuggestionQuerySet.open(): the queue, best first.
            models.Index(fields=["state", "-score"], name="suggestion_queue_idx"),
        ]

    def __str__(self):
        return f"{self.article} → {self.item}"


class Scan(models.Model):
    """An article's turn at being matched against the items: the claim that makes a second run do nothing."""

    class State(models.TextChoices):
        WORKING = "working", _("Working")
        DONE = "done", _("Done")

    article = models.OneToOneField(
        "sources.Article", on_delete=models.CASCADE, related_name="evidence_scan", verbose_name=_("article")
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.WORKING)
    claimed_at = models.DateTimeField(_("claimed at"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evidence scan")
        verbose_name_plural = _("evidence scans")

    def __str__(self):
        return f"{self.article}: {self.get_state_display()}"
