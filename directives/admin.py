"""The editors' admin of directives, on the tracked-item admin (``tracking.admin``)."""

from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.translated import SideBySideAdmin, every_language
from tracking.admin import AcceptForm, CurrentStatusFilter, OverdueFilter, StatusUpdateAdmin, TrackedItemAdmin
from tracking.services import candidate_found

from .models import Directive, DirectiveStatusUpdate


@admin.register(Directive)
class DirectiveAdmin(SideBySideAdmin, TrackedItemAdmin):
    update_model = DirectiveStatusUpdate
    list_display = [
        "action", "issuer", "issued_on", "addressees", "deadline", "status_column", "overdue_column", "is_published",
    ]
    list_filter = [CurrentStatusFilter, OverdueFilter, "is_published", "issuer", "addressed_parties", "topics"]
    list_select_related = ["issuer"]
    search_fields = [
        *every_language("action"), "quote", "other_addressees", "responsible_official", "issuer__full_name", "slug"
    ]
    autocomplete_fields = ["issuer", "addressed_parties", "addressed_leaders", "promises", "programmes", "topics"]
    date_hierarchy = "issued_on"
    prepopulated_fields = {"slug": ["action"]}
    fieldsets = [
        (None, {"fields": ["action", "slug", "quote", "topics"]}),
        (_("Who and when"), {"fields": [
            "issuer", "addressed_parties", "addressed_leaders", "other_addressees", "responsible_official",
            "issued_on", "deadline",
        ]}),
        (_("What it concerns"), {"fields": ["promises", "programmes"]}),
        (_("Publishing"), {"fields": ["is_published", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("addressed_parties__names")

    @admin.display(description=_("addressed to"))
    def addressees(self, directive):
        # The name each party went by that day: Nur Otan in January 2022, not Amanat.
        names = [p.name_on(directive.issued_on) for p in directive.addressed_parties.all()]
        if directive.other_addressees:
            names.append(directive.other_addressees)
        return ", ".join(names) or "—"


admin.site.register(DirectiveStatusUpdate, StatusUpdateAdmin)


class DirectiveAcceptForm(AcceptForm):
    """The review queue's form for accepting a candidate as a directive."""

    date_field = "issued_on"
    autocomplete = ("issuer", "addressed_parties", "addressed_leaders", "topics", "programmes", "promises")

    class Meta:
        model = Directive
        fields = [
            "action", "quote", "issuer", "addressed_parties", "addressed_leaders", "other_addressees",
            "responsible_official", "issued_on", "deadline", "topics", "programmes", "promises", "is_published",
        ]
        widgets = {"issued_on": AdminDateWidget, "deadline": AdminDateWidget}

    def __init__(self, *args, speaker_name="", **kwargs):
        super().__init__(*args, **kwargs)
        if speaker_name:
            # The service finds, or creates, the leader of that name.
            self.fields["issuer"].required = False
            self.fields["issuer"].help_text = gettext(
                "Leave empty to use the leader known as “%(name)s” (created if unknown)."
            ) % {"name": speaker_name}

    @staticmethod
    def initial_from(candidate):
        """The form's starting values: what ingestion found (the service's own defaults)."""
        found = candidate_found(candidate)
        return {
            "action": found.heading,
            "quote": found.quote,
            "issuer": candidate.speaker_id,
            "addressed_parties": [candidate.addressee_party_id] if candidate.addressee_party_id else [],
            "addressed_leaders": [candidate.addressee_leader_id] if candidate.addressee_leader_id else [],
            "other_addressees": found.other_addressees,
            "issued_on": found.day,
            "deadline": found.deadline,
        }
