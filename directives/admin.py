"""The editors' admin for directives, and the candidate review queue's accept and merge.

``sources`` registers the queue with a reject action only (it may not import
this app); here its admin is replaced by a subclass that accepts a candidate
as a new directive or promise, or merges it into an existing one, through the
services of the app that owns the result."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from promises.admin import (
    CurrentStatusFilter,
    EvidenceInline,
    OverdueFilter,
    PromiseAcceptForm,
    SourceInline,
    StatusHistoryInline,
    StatusUpdateAdmin,
    TrackedItemAdmin,
    admin_link,
    promise_initial,
    use_autocomplete,
)
from promises.models import Promise, PromiseSource
from promises.services import (
    candidate_day,
    promise_accept_candidate,
    promise_find_duplicates,
    promise_find_duplicates_many,
    promise_merge_candidate,
)
from sources.admin import CandidateAdmin, highlighted
from sources.models import Candidate

from .models import Directive, DirectiveEvidence, DirectiveSource, DirectiveStatusUpdate
from .services import (
    directive_accept_candidate,
    directive_find_duplicates,
    directive_find_duplicates_many,
    directive_merge_candidate,
)


class DirectiveSourceInline(SourceInline):
    model = DirectiveSource


class DirectiveHistoryInline(StatusHistoryInline):
    model = DirectiveStatusUpdate


class DirectiveEvidenceInline(EvidenceInline):
    model = DirectiveEvidence


@admin.register(Directive)
class DirectiveAdmin(TrackedItemAdmin):
    publish_permission = "directives.publish_directive"
    list_display = [
        "action", "issuer", "issued_on", "addressees", "deadline", "status_column", "overdue_column", "is_published",
    ]
    list_filter = [CurrentStatusFilter, OverdueFilter, "is_published", "issuer", "addressed_parties", "topics"]
    list_select_related = ["issuer"]
    search_fields = ["action", "quote", "other_addressees", "responsible_official", "issuer__full_name", "slug"]
    autocomplete_fields = ["issuer", "addressed_parties", "addressed_leaders", "promises", "programmes", "topics"]
    date_hierarchy = "issued_on"
    prepopulated_fields = {"slug": ["action"]}
    inlines = [DirectiveSourceInline, DirectiveHistoryInline]
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


@admin.register(DirectiveStatusUpdate)
class DirectiveStatusUpdateAdmin(StatusUpdateAdmin):
    search_fields = ["item__action", "explanation"]
    inlines = [DirectiveEvidenceInline]


# --- the candidate queue: accept and merge ----------------------------------


class DirectiveAcceptForm(forms.ModelForm):
    class Meta:
        model = Directive
        fields = [
            "action", "quote", "issuer", "addressed_parties", "addressed_leaders", "other_addressees",
            "responsible_official", "issued_on", "deadline", "topics", "programmes", "promises", "is_published",
        ]
        widgets = {"issued_on": AdminDateWidget, "deadline": AdminDateWidget}

    def __init__(self, *args, admin_site, can_publish, speaker_name="", **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("issuer", "addressed_parties", "addressed_leaders", "topics", "programmes", "promises"):
            use_autocomplete(self, name, Directive._meta.get_field(name), admin_site)
        if speaker_name:
            # The service finds, or creates, the leader of that name.
            self.fields["issuer"].required = False
            self.fields["issuer"].help_text = gettext(
                "Leave empty to use the leader known as “%(name)s” (created if unknown)."
            ) % {"name": speaker_name}
        if not can_publish:
            del self.fields["is_published"]


def directive_initial(candidate):
    """The accept form's starting values, taken from the candidate."""
    return {
        "action": candidate.action,
        "quote": candidate.sentence,
        "issuer": candidate.speaker_id,
        "addressed_parties": [candidate.addressee_party_id] if candidate.addressee_party_id else [],
        "addressed_leaders": [candidate.addressee_leader_id] if candidate.addressee_leader_id else [],
        "issued_on": candidate_day(candidate),
    }


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(queryset=Directive.objects.none(), label=_("merge into"))

    def __init__(self, *args, source_field, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        model = source_field.remote_field.model
        self.fields["target"].queryset = model.objects.all()
        self.fields["target"].label = model._meta.verbose_name.capitalize()
        # Autocomplete through a real foreign key to the item (its sources' ``item``).
        use_autocomplete(self, "target", source_field, admin_site)


# What differs between accepting a directive and a promise.
KINDS = {
    Candidate.Kind.DIRECTIVE: {
        "model": Directive,
        "form": DirectiveAcceptForm,
        "initial": directive_initial,
        "accept": directive_accept_candidate,
        "merge": lambda candidate, item, editor: directive_merge_candidate(
            candidate=candidate, directive=item, editor=editor
        ),
        "duplicates": directive_find_duplicates,
        "duplicates_many": directive_find_duplicates_many,
        "source_model": DirectiveSource,
        "title": _("Accept as a new directive"),
    },
    Candidate.Kind.PROMISE: {
        "model": Promise,
        "form": PromiseAcceptForm,
        "initial": promise_initial,
        "accept": promise_accept_candidate,
        "merge": lambda candidate, item, editor: promise_merge_candidate(candidate=candidate, promise=item, editor=editor),
        "duplicates": promise_find_duplicates,
        "duplicates_many": promise_find_duplicates_many,
        "source_model": PromiseSource,
        "title": _("Accept as a new promise"),
    },
}


def add_errors(form, error):
    """Put a service's ValidationError on the form: on the field it names when the form has it."""
    if hasattr(error, "error_dict"):
        for key, messages_ in error.message_dict.items():
            form.add_error(key if key in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


class ReviewCandidateAdmin(CandidateAdmin):
    change_form_template = "admin/mandate/candidate_change_form.html"
    list_display = [*CandidateAdmin.list_display, "may_duplicate", "review"]
    actions = ["reject", "accept_as_directive", "accept_as_promise", "merge_into_existing"]

    def get_urls(self):
        def route(suffix, view, name):
            return path(f"<path:object_id>/{suffix}/", self.admin_site.admin_view(view), name=f"sources_candidate_{name}")

        return [
            route("accept-directive", self.accept_directive_view, "accept_directive"),
            route("accept-promise", self.accept_promise_view, "accept_promise"),
            route("merge", self.merge_view, "merge"),
        ] + super().get_urls()

    # Columns and the change page.

    def get_changelist_instance(self, request):
        """The page of candidates with their likely duplicates found for the whole page
        at once (one query per kind), not one query per row of the "may duplicate" column."""
        changelist = super().get_changelist_instance(request)
        changelist.result_list = candidates = list(changelist.result_list)
        open_ = [c for c in candidates if c.state == Candidate.State.NEW]
        found = {}
        for kind, options in KINDS.items():
            found.update(options["duplicates_many"]([c for c in open_ if c.kind == kind]))
        for candidate in candidates:
            candidate.likely_duplicates = found.get(candidate.pk, [])
        return changelist

    def duplicates_of(self, candidate):
        if candidate.state != Candidate.State.NEW:
            return []
        if hasattr(candidate, "likely_duplicates"):
            found = candidate.likely_duplicates
        else:
            found = KINDS[candidate.kind]["duplicates"](candidate)
        for item in found:
            # For the templates, which cannot reach an object's _meta nor tell the two kinds apart.
            item.admin_url = change_url(item)
            item.day = item.issued_on if isinstance(item, Directive) else item.made_on
        return found

    @admin.display(description=_("may duplicate"))
    def may_duplicate(self, candidate):
        found = self.duplicates_of(candidate)
        if not found:
            return "—"
        return format_html_join(mark_safe("<br>"), "{} ({})", ((admin_link(d), d.similarity) for d in found))

    def result_of(self, candidate):
        """The directive or promise this candidate was accepted as, or merged into."""
        for kind in KINDS.values():
            source = kind["source_model"].objects.filter(candidate=candidate).select_related("item").first()
            if source:
                return source.item
        return None

    @admin.display(description=_("review"))
    def review(self, candidate):
        if candidate.state == Candidate.State.NEW:
            url = reverse("admin:sources_candidate_change", args=[candidate.pk])
            return format_html(
                '<a href="{}accept-directive/">{}</a> · <a href="{}accept-promise/">{}</a> · <a href="{}merge/">{}</a>',
                url.removesuffix("change/"), gettext("accept as directive"),
                url.removesuffix("change/"), gettext("accept as promise"),
                url.removesuffix("change/"), gettext("merge"),
            )
        item = self.result_of(candidate)
        return admin_link(item) if item else "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        candidate = self.get_object(request, object_id)
        extra = {}
        if candidate is not None:
            result = self.result_of(candidate)
            extra = {
                "duplicates": self.duplicates_of(candidate),
                "result": result,
                "result_url": change_url(result) if result else "",
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    # Actions: accepting opens the pre-filled form, one candidate at a time.

    def _one(self, request, queryset, suffix):
        if queryset.count() != 1:
            self.message_user(request, gettext("Select exactly one candidate to review it."), messages.WARNING)
            return None
        url = reverse("admin:sources_candidate_change", args=[queryset.get().pk])
        return HttpResponseRedirect(url.removesuffix("change/") + suffix + "/")

    @admin.action(description=_("Accept as a new directive…"), permissions=["change"])
    def accept_as_directive(self, request, queryset):
        return self._one(request, queryset, "accept-directive")

    @admin.action(description=_("Accept as a new promise…"), permissions=["change"])
    def accept_as_promise(self, request, queryset):
        return self._one(request, queryset, "accept-promise")

    @admin.action(description=_("Merge into an existing item…"), permissions=["change"])
    def merge_into_existing(self, request, queryset):
        return self._one(request, queryset, "merge")

    # Views.

    def _open_candidate(self, request, object_id):
        candidate = self.get_object(request, object_id)
        if candidate is None:
            raise Http404(gettext("No such candidate."))
        if not self.has_change_permission(request, candidate):
            raise PermissionDenied
        return candidate

    def _render(self, request, candidate, form, title, template="admin/mandate/form_page.html", **extra):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": candidate,
            "title": title,
            "subtitle": str(candidate),
            "context_html": highlighted(candidate),
            "form": form,
            "media": self.media + form.media,
            **extra,
        }
        return TemplateResponse(request, template, context)

    def _judged_already(self, request, candidate):
        self.message_user(request, gettext("This candidate has already been judged."), messages.WARNING)
        return HttpResponseRedirect(change_url(candidate))

    def accept_directive_view(self, request, object_id):
        return self._accept_view(request, object_id, Candidate.Kind.DIRECTIVE)

    def accept_promise_view(self, request, object_id):
        return self._accept_view(request, object_id, Candidate.Kind.PROMISE)

    def _accept_view(self, request, object_id, kind_name):
        kind = KINDS[kind_name]
        candidate = self._open_candidate(request, object_id)
        opts = kind["model"]._meta
        if not request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
            raise PermissionDenied
        if candidate.state != Candidate.State.NEW:
            return self._judged_already(request, candidate)
        form_kwargs = {
            "admin_site": self.admin_site,
            "can_publish": request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}"),
        }
        if kind_name == Candidate.Kind.DIRECTIVE and not candidate.speaker_id:
            form_kwargs["speaker_name"] = candidate.speaker_name or candidate.speaker_text
        if request.method == "POST":
            form = kind["form"](request.POST, **form_kwargs)
            if form.is_valid():
                try:
                    item = kind["accept"](candidate=candidate, editor=request.user, **form.cleaned_data)
                except ValidationError as error:
                    add_errors(form, error)
                else:
                    self.log_change(request, candidate, gettext("Accepted as %(item)s") % {"item": item})
                    self.log_addition(request, item, gettext("Accepted from candidate %(id)s") % {"id": candidate.pk})
                    self.message_user(request, gettext("Created “%(item)s”.") % {"item": item}, messages.SUCCESS)
                    return HttpResponseRedirect(change_url(item))
        else:
            form = kind["form"](initial=kind["initial"](candidate), **form_kwargs)
        return self._render(
            request, candidate, form, kind["title"], submit_label=gettext("Save and close the candidate"),
            intro=gettext("Correct what statement finding got wrong, then save."),
        )

    def merge_view(self, request, object_id):
        candidate = self._open_candidate(request, object_id)
        if candidate.state != Candidate.State.NEW:
            return self._judged_already(request, candidate)
        kind = KINDS[candidate.kind]
        form_kwargs = {"source_field": kind["source_model"]._meta.get_field("item"), "admin_site": self.admin_site}
        if request.method == "POST":
            form = MergeForm(request.POST, **form_kwargs)
            if form.is_valid():
                item = form.cleaned_data["target"]
                try:
                    kind["merge"](candidate, item, request.user)
                except ValidationError as error:
                    add_errors(form, error)
                else:
                    self.log_change(request, candidate, gettext("Merged into %(item)s") % {"item": item})
                    self.message_user(
                        request, gettext("Added the article as a source of “%(item)s”.") % {"item": item},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(change_url(item))
        else:
            form = MergeForm(**form_kwargs)
        return self._render(
            request, candidate, form, gettext("Merge into an existing item"),
            template="admin/mandate/merge.html", duplicates=self.duplicates_of(candidate),
            submit_label=gettext("Merge"),
        )


admin.site.unregister(Candidate)
admin.site.register(Candidate, ReviewCandidateAdmin)
