"""The "Suggested evidence" queue: articles that may show progress on a published item, best
first, each with the sentence that matched. "Use as evidence" opens the item's record-status form
with the article filled in; "Not relevant" sets the pair aside for good."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin import DefaultChoiceFilter
from sources.admin import highlighted
from tracking.admin import admin_link, change_url

from .models import Suggestion
from .services import suggestion_dismiss


class OpenFilter(DefaultChoiceFilter):
    """The queue opens on what is still to judge: not set aside, not cited yet."""

    title = _("state")
    parameter_name = "open"
    default = "yes"

    def lookups(self, request, model_admin):
        return [("yes", _("To judge")), ("dismissed", _("Not relevant")), ("all", _("All"))]

    def queryset(self, request, queryset):
        value = self.current()
        if value == "yes":
            return queryset.open()
        if value == "dismissed":
            return queryset.filter(state=Suggestion.State.DISMISSED)
        return queryset


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["item_column", "article_column", "sentence_column", "score", "decide"]
    list_filter = [OpenFilter, "item__kind", "article__outlet"]
    list_select_related = ["item", "article", "article__outlet"]
    search_fields = ["sentence", "article__title", "item__slug", "item__quote"]
    ordering = ["-score", "-created_at"]
    actions = ["dismiss"]
    readonly_fields = ["item", "article", "in_context", "score", "state", "decided_by", "decided_at", "created_at"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<path:object_id>/not-relevant/",
                self.admin_site.admin_view(self.dismiss_view),
                name="evidence_suggestion_dismiss",
            )
        ] + super().get_urls()

    @admin.display(description=_("item"), ordering="item__slug")
    def item_column(self, suggestion):
        return admin_link(suggestion.item)

    @admin.display(description=_("article"), ordering="article__published_on")
    def article_column(self, suggestion):
        a = suggestion.article
        outlet = a.outlet.name if a.outlet_id else ""
        return format_html(
            '<a href="{}">{}</a><br><small>{} {}</small>',
            reverse("admin:sources_article_change", args=[a.pk]),
            a.title or a.url,
            outlet,
            a.published_on or "",
        )

    @admin.display(description=_("sentence that matched"))
    def sentence_column(self, suggestion):
        return format_html("<mark>{}</mark>", suggestion.sentence)

    @admin.display(description=_("in its paragraph"))
    def in_context(self, suggestion):
        return format_html('<div class="mandate-context">{}</div>', highlighted(suggestion))

    @admin.display(description=_("decide"))
    def decide(self, suggestion):
        if suggestion.state != Suggestion.State.NEW:
            return suggestion.get_state_display()
        record = change_url(suggestion.item).removesuffix("change/") + f"record-status/?article={suggestion.article_id}"
        dismiss = reverse("admin:evidence_suggestion_dismiss", args=[suggestion.pk])
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>', record, gettext("use as evidence"), dismiss, gettext("not relevant")
        )

    def dismiss_view(self, request, object_id):
        suggestion = self.get_object(request, object_id)
        if suggestion is None or not self.has_change_permission(request, suggestion):
            raise PermissionDenied
        if request.method != "POST":
            return self._confirm(request, suggestion)
        suggestion_dismiss(suggestion=suggestion, editor=request.user)
        self.message_user(request, gettext("Set aside: it will not be suggested again."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:evidence_suggestion_changelist"))

    def _confirm(self, request, suggestion):
        from django.template.response import TemplateResponse

        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": suggestion,
            "title": gettext("Not relevant?"),
            "subtitle": str(suggestion),
            "intro": gettext("This article will not be suggested for this item again."),
            "submit_label": gettext("Not relevant"),
        }
        return TemplateResponse(request, "admin/mandate/form_page.html", context)

    @admin.action(description=_("Not relevant: set the selected suggestions aside"), permissions=["change"])
    def dismiss(self, request, queryset):
        for suggestion in queryset:
            suggestion_dismiss(suggestion=suggestion, editor=request.user)
        self.message_user(request, gettext("Set aside: they will not be suggested again."), messages.SUCCESS)


@admin.display(description=_("suggested evidence"))
def suggested_evidence(model_admin, item):
    """On a promise's or directive's page: the articles that may be evidence for it, each with
    its two answers. A read-only field, so saving the page is the same with or without it."""
    if item is None or item.pk is None:
        return "—"
    suggestions = Suggestion.objects.open().filter(item=item).select_related("article", "article__outlet")[:10]
    rows = [
        format_html(
            "<li>{} — <mark>{}</mark> ({}) {}</li>",
            SuggestionAdmin.article_column(model_admin, s),
            s.sentence,
            f"{s.score:.2f}",
            SuggestionAdmin.decide(model_admin, s),
        )
        for s in suggestions
    ]
    if not rows:
        return gettext("None waiting.")
    return format_html('<ul class="mandate-suggestions">{}</ul>', format_html_join("", "{}", ((row,) for row in rows)))


def _extend_item_admins():
    """Add the suggestions to the promise and directive pages, which live below this app."""
    from directives.models import Directive
    from promises.models import Promise

    for model in (Promise, Directive):
        try:
            model_admin = admin.site.get_model_admin(model)
        except admin.exceptions.NotRegistered:
            continue
        model_admin.suggested_evidence = suggested_evidence.__get__(model_admin)
        model_admin.readonly_fields = [*model_admin.readonly_fields, "suggested_evidence"]
        model_admin.fieldsets = [*model_admin.fieldsets, (_("Suggested evidence"), {"fields": ["suggested_evidence"]})]


_extend_item_admins()
