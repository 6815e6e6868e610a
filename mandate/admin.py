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
from django.utils.formats import date_format
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
from sources.admin import CandidateAdmin, highlighted, short
from sources.models import Candidate
from sources.services import candidate_reject
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
    """The queue, designed for a 1280 px laptop: one candidate a row, the statement with who
    said it to whom, where and when, and what it may duplicate; the kind and confidence;
    the four judgements as buttons, the finder's own kind first."""

    change_form_template = "admin/mandate/candidate_change_form.html"
    change_list_template = "admin/mandate/candidate_change_list.html"
    list_display = ["statement", "kind", "confidence_column", "review"]
    list_display_links = None  # the statement links to the candidate; the row's buttons judge it
    list_select_related = [*CandidateAdmin.list_select_related, "article__outlet"]
    actions = ["reject", "accept_as_directive", "accept_as_promise", "merge_into_existing"]

    def get_urls(self):
        def route(suffix, view, name):
            return path(f"<path:object_id>/{suffix}/", self.admin_site.admin_view(view), name=f"sources_candidate_{name}")

        return [
            route("accept-directive", self.accept_directive_view, "accept_directive"),
            route("accept-promise", self.accept_promise_view, "accept_promise"),
            route("merge", self.merge_view, "merge"),
            route("reject", self.reject_view, "reject"),
        ] + super().get_urls()

    # Columns and the change page.

    def get_changelist_instance(self, request):
        """The page of candidates with their likely duplicates found for the whole page
        at once (one query per kind), and what the judged ones became (one query), not
        queries per row."""
        changelist = super().get_changelist_instance(request)
        changelist.result_list = candidates = list(changelist.result_list)
        open_ = [c for c in candidates if c.state == Candidate.State.NEW]
        found = {}
        for kind, options in KINDS.items():
            found.update(options["duplicates"].find_many([c for c in open_ if c.kind == kind]))
        judged = [c.pk for c in candidates if c.state != Candidate.State.NEW]
        became = {
            source.candidate_id: source.item.specific()
            for source in Source.objects.filter(candidate__in=judged).select_related("item__promise", "item__directive")
        } if judged else {}
        for candidate in candidates:
            candidate.likely_duplicates = found.get(candidate.pk, [])
            candidate.became = became.get(candidate.pk)
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

    @admin.display(description=_("statement"), ordering="sentence")
    def statement(self, candidate):
        """The sentence, linked to the candidate; who said it to whom, in which outlet and
        when; the items it may duplicate."""
        article = candidate.article
        where = ", ".join(filter(None, [
            article.outlet.name if article.outlet_id else "",
            date_format(article.published_on, "j M Y") if article.published_on else gettext("undated"),
        ]))
        addressee = self.addressee_column(candidate)
        who = self.speaker_column(candidate) if addressee == "—" else format_html(
            "{} → {}", self.speaker_column(candidate), addressee
        )
        duplicates = self.duplicates_of(candidate)
        may_duplicate = format_html(
            '<div class="mandate-duplicates">{} {}</div>', gettext("May duplicate:"),
            format_html_join(mark_safe("; "), "{} ({})", ((admin_link(d), d.similarity) for d in duplicates)),
        ) if duplicates else ""
        return format_html(
            '<a class="mandate-statement" href="{}">{}</a><div class="mandate-meta">{} · {}</div>{}',
            change_url(candidate), short(candidate.sentence, 45), who, where, may_duplicate,
        )

    @admin.display(description=_("confidence"), ordering="-confidence")
    def confidence_column(self, candidate):
        return f"{candidate.confidence:.2f}"

    @admin.display(description=_("review"))
    def review(self, candidate):
        """The judgements, as buttons (the finder's kind first), or what the candidate became."""
        if candidate.state == Candidate.State.NEW:
            base = change_url(candidate).removesuffix("change/")
            accept = [("accept-directive/", gettext("Accept as directive")), ("accept-promise/", gettext("Accept as promise"))]
            if candidate.kind == Candidate.Kind.PROMISE:
                accept.reverse()
            buttons = [*accept, ("merge/", gettext("Merge…")), ("reject/", gettext("Reject…"))]
            return format_html(
                '<div class="mandate-judge">{}</div>',
                format_html_join("", '<a class="button" href="{}{}">{}</a>', ((base, suffix, label) for suffix, label in buttons)),
            )
        item = getattr(candidate, "became", None) or candidate_result(candidate)
        return format_html("{}: {}", candidate.get_state_display(), admin_link(item)) if item else candidate.get_state_display()

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

    def reject_view(self, request, object_id):
        """One candidate rejected from its row, after a confirmation (the bulk action rejects many)."""
        candidate = self._open_candidate(request, object_id)
        if candidate.state != Candidate.State.NEW:
            return self._judged_already(request, candidate)
        if request.method == "POST":
            try:
                candidate_reject(candidate=candidate, editor=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
            else:
                self.log_change(request, candidate, gettext("Rejected"))
                self.message_user(request, gettext("Rejected: “%(candidate)s”.") % {"candidate": candidate}, messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:sources_candidate_changelist"))
        return self._render(
            request, candidate, forms.Form(), gettext("Reject this candidate"), submit_label=gettext("Reject"),
            intro=gettext("It is not a directive or a promise worth tracking. The candidate is kept, marked rejected, "
                          "and teaches statement finding (train_finder --reviews)."),
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
