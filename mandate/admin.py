"""The candidate review queue: accept a candidate as a new directive or promise,
merge it into an existing one, or reject it. It spans ``sources`` and both kinds,
so it lives here, above them, on ``sources.admin.CandidateAdmin``; every
judgement is a service of the app that owns the result."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directives.admin import DirectiveAcceptForm
from directives.models import Directive
from directives.services import directive_accept_candidate, directive_duplicates
from promises.admin import PromiseAcceptForm
from promises.models import Promise
from promises.services import promise_accept_candidate, promise_duplicates
from sources.admin import CandidateAdmin, highlighted
from sources.models import Candidate
from tracking.admin import add_errors, admin_link, change_url, use_autocomplete
from tracking.models import Source
from tracking.services import candidate_merge, candidate_result

# What differs between accepting a directive and a promise.
KINDS = {
    Candidate.Kind.DIRECTIVE: {
        "model": Directive,
        "form": DirectiveAcceptForm,
        "accept": directive_accept_candidate,
        "duplicates": directive_duplicates,
        "title": _("Accept as a new directive"),
    },
    Candidate.Kind.PROMISE: {
        "model": Promise,
        "form": PromiseAcceptForm,
        "accept": promise_accept_candidate,
        "duplicates": promise_duplicates,
        "title": _("Accept as a new promise"),
    },
}


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(queryset=Directive.objects.none(), label=_("merge into"))

    def __init__(self, *args, model, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = model.objects.all()
        self.fields["target"].label = model._meta.verbose_name.capitalize()
        # Autocomplete through a real foreign key to tracked items (a source's ``item``);
        # the field's queryset accepts only the candidate's kind.
        use_autocomplete(self, "target", Source._meta.get_field("item"), admin_site)


@admin.register(Candidate)
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
            found.update(options["duplicates"].find_many([c for c in open_ if c.kind == kind]))
        for candidate in candidates:
            candidate.likely_duplicates = found.get(candidate.pk, [])
        return changelist

    def duplicates_of(self, candidate):
        if candidate.state != Candidate.State.NEW:
            return []
        if hasattr(candidate, "likely_duplicates"):
            found = candidate.likely_duplicates
        else:
            found = KINDS[candidate.kind]["duplicates"].find(candidate)
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

    @admin.display(description=_("review"))
    def review(self, candidate):
        if candidate.state == Candidate.State.NEW:
            base = reverse("admin:sources_candidate_change", args=[candidate.pk]).removesuffix("change/")
            return format_html(
                '<a href="{}accept-directive/">{}</a> · <a href="{}accept-promise/">{}</a> · <a href="{}merge/">{}</a>',
                base, gettext("accept as directive"), base, gettext("accept as promise"), base, gettext("merge"),
            )
        item = candidate_result(candidate)
        return admin_link(item) if item else "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        candidate = self.get_object(request, object_id)
        extra = {}
        if candidate is not None:
            result = candidate_result(candidate)
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
            form = kind["form"](initial=kind["form"].initial_from(candidate), **form_kwargs)
        return self._render(
            request, candidate, form, kind["title"], submit_label=gettext("Save and close the candidate"),
            intro=gettext("Correct what statement finding got wrong, then save."),
        )

    def merge_view(self, request, object_id):
        candidate = self._open_candidate(request, object_id)
        if candidate.state != Candidate.State.NEW:
            return self._judged_already(request, candidate)
        form_kwargs = {"model": KINDS[candidate.kind]["model"], "admin_site": self.admin_site}
        if request.method == "POST":
            form = MergeForm(request.POST, **form_kwargs)
            if form.is_valid():
                item = form.cleaned_data["target"]
                try:
                    candidate_merge(candidate=candidate, item=item, editor=request.user)
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
