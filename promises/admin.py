"""The editors' admin of promises, on the tracked-item admin (``tracking.admin``)."""

from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.utils.translation import gettext_lazy as _

from core.translated import SideBySideAdmin, every_language
from tracking.admin import AcceptForm, CurrentStatusFilter, OverdueFilter, StatusUpdateAdmin, TrackedItemAdmin
from tracking.services import candidate_found

from .models import Promise, PromiseStatusUpdate
from .services import party_of


@admin.register(Promise)
class PromiseAdmin(SideBySideAdmin, TrackedItemAdmin):
    update_model = PromiseStatusUpdate
    list_display = [
        "title", "author_column", "programme", "made_on", "target_date", "status_column", "overdue_column",
        "is_published",
    ]
    list_filter = [CurrentStatusFilter, OverdueFilter, "is_published", "programme__election", "party", "topics"]
    list_select_related = ["party", "leader", "programme__party", "programme__leader", "programme"]
    search_fields = [*every_language("title"), "quote", "measurable_target", "slug"]
    autocomplete_fields = ["programme", "party", "leader", "topics"]
    date_hierarchy = "made_on"
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "quote", "measurable_target", "topics"]}),
        (_("Who and when"), {"fields": ["programme", "party", "leader", "made_on", "target_date"]}),
        (_("Publishing"), {"fields": ["is_published", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("made by"))
    def author_column(self, promise):
        return promise.author() or "—"


admin.site.register(PromiseStatusUpdate, StatusUpdateAdmin)


class PromiseAcceptForm(AcceptForm):
    """The review queue's form for accepting a candidate as a promise."""

    date_field = "made_on"
    autocomplete = ("leader", "party", "programme", "topics")

    class Meta:
        model = Promise
        fields = [
            "title", "quote", "leader", "party", "programme", "made_on", "target_date", "measurable_target", "topics",
            "is_published",
        ]
        widgets = {"made_on": AdminDateWidget, "target_date": AdminDateWidget}

    @staticmethod
    def initial_from(candidate):
        """The form's starting values: what ingestion found (the service's own defaults)."""
        found = candidate_found(candidate)
        party = party_of(found, candidate, has_leader=bool(candidate.speaker_id))
        return {
            "title": found.heading,
            "quote": found.quote,
            "leader": candidate.speaker_id,
            "party": party.pk if party else None,
            "made_on": found.day,
            "target_date": found.deadline,
        }
