"""The editors' admin of every tracked item: status and overdue columns and
filters, publishing by reviewers only, the read-only status history, sources,
and the "Record a new status" view. Each write goes through ``tracking.services``.

``promises`` and ``directives`` register their admins on these bases."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin, ReadOnlyInline
from core.fields import LongTextFormField
from core.translated import OTHER_LANGUAGES, column, every_language
from sources.admin import short
from sources.models import Article

from .models import RATED_STATUSES, Correction, Evidence, Source, Status, StatusUpdate, TrackedItem
from .services import item_publish, item_save, record_status, status_update_delete, tracked_item_refresh_status

# --- filters and columns --------------------------------------------------


class CurrentStatusFilter(admin.SimpleListFilter):
    """Filters on the current status (the newest update's)."""

    title = _("current status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.with_status_in([self.value()])
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "yes":
            return queryset.overdue(today)
        if self.value() == "no":
            return queryset.not_overdue(today)
        return queryset


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def admin_link(obj, label=None):
    """A link to ``obj``'s change page in the admin."""
    return format_html('<a href="{}">{}</a>', change_url(obj), label or obj)


def add_errors(form, error):
    """Put a service's ValidationError on the form: on the field it names when the form has it."""
    if hasattr(error, "error_dict"):
        for key, messages_ in error.message_dict.items():
            form.add_error(key if key in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


# --- inlines: one each, for promises and directives alike -----------------


class StatusHistoryInline(ReadOnlyInline):
    model = StatusUpdate
    fields = ["on", "old_status", "new_status", "explanation", "evidence_links", "editor"]
    readonly_fields = fields
    ordering = ["-on", "-pk"]
    show_change_link = False
    verbose_name_plural = _("status history (record a new status with the button above)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("editor").prefetch_related("evidence__article")

    @admin.display(description=_("evidence"))
    def evidence_links(self, update):
        return format_html_join(
            mark_safe("<br>"), '<a href="{}" rel="noopener">{}</a>', ((e.link(), e) for e in update.evidence.all())
        )


class SourceInline(admin.StackedInline):
    """Stacked, not a table: a quote and a long URL side by side made an item's page 2,150 px wide."""

    model = Source
    fields = [("article", "accepted_from"), "url", "title", "quote"]
    readonly_fields = ["accepted_from"]
    autocomplete_fields = ["article"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})}}
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "candidate")

    @admin.display(description=_("accepted from"))
    def accepted_from(self, source):
        # An accepted item links back to the candidate and the article it came from.
        if not source.candidate_id:
            return "—"
        return format_html("{} · {}", admin_link(source.candidate, gettext("candidate")), admin_link(source.article))


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    fields = ["article", "url", "title"]
    readonly_fields = fields
    show_change_link = False


# --- forms ------------------------------------------------------------------


def use_autocomplete(form, name, model_field, admin_site):
    """Give ``form``'s field ``name`` the admin's autocomplete widget, searching through
    ``model_field`` (a real relation to the model the field chooses from)."""
    field = form.fields[name]
    widget_class = AutocompleteSelectMultiple if isinstance(field, forms.ModelMultipleChoiceField) else AutocompleteSelect
    field.widget = widget_class(model_field, admin_site)
    # A widget set after the field was built does not get the field's choices by itself.
    field.widget.choices = field.choices


class TrackedItemForm(forms.ModelForm):
    """An item's change form. A slug is unique per kind: the form says so, as it said when
    each kind had its own table (the kind is no field of the form, so Django's own check skips it).
    On a published item, every change goes in the public corrections log, with the correction note."""

    correction = LongTextFormField(
        label=_("Correction note"), required=False, max_length=Correction._meta.get_field("note").max_length,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text=_("This item is published: a change to what readers see goes live at once and is listed, dated, "
                    "in the public corrections log and on the item's page, with what it said before. Say here, "
                    "for readers, what was wrong (optional)."),
    )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if self._meta.model.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise ValidationError(gettext("This slug is already used."))
        return slug


class AcceptForm(forms.ModelForm):
    """The review queue's pre-filled form for a new item of a kind. Subclasses set
    ``Meta``, ``autocomplete`` (the relations picked by search) and ``date_field`` (the
    day the statement was made: required, and left empty when the article has no date,
    never filled in with today)."""

    autocomplete = ()
    date_field = ""

    def __init__(self, *args, admin_site, can_publish, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.autocomplete:
            use_autocomplete(self, name, self._meta.model._meta.get_field(name), admin_site)
        if not can_publish:
            del self.fields["is_published"]
        day = self.fields[self.date_field]
        day.required = True
        if not self.is_bound and not self.initial.get(self.date_field):
            day.help_text = gettext("The article gives no date: enter the day the statement was made.")


class RecordStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=RATED_STATUSES)
    on = forms.DateField(label=_("Date"), widget=AdminDateWidget, help_text=_("The day the status changed, as the evidence shows."))
    explanation = LongTextFormField(
        label=_("Explanation"), max_length=StatusUpdate._meta.get_field("explanation").max_length,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_("What happened, according to the evidence; readers see it as written (at most 5,000 characters)."),
    )
    evidence_urls = forms.CharField(
        label=_("Evidence on the web"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("One piece a line: its http(s) URL, a space, then its title as readers should see it, "
                    "e.g. “https://astanatimes.com/2023/01/wage-law/ Majilis passes the minimum wage law”."),
    )
    evidence_articles = forms.ModelMultipleChoiceField(
        label=_("Evidence among the articles"), queryset=Article.objects.all(), required=False,
        help_text=_("Articles already in Mandate: their title, outlet and date are shown."),
    )

    # The service's error keys, mapped onto the form's fields.
    SERVICE_FIELDS = {"status": "status", "on": "on", "explanation": "explanation", "evidence": "evidence_urls",
                      **{column("explanation", code): column("explanation", code) for code in OTHER_LANGUAGES}}

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        # The explanation in the other languages, optional, after the original.
        for code in OTHER_LANGUAGES:
            model_field = StatusUpdate._meta.get_field(column("explanation", code))
            self.fields[column("explanation", code)] = LongTextFormField(
                label=capfirst(model_field.verbose_name), max_length=model_field.max_length, required=False,
                widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
            )
        self.order_fields(["status", "on", *every_language("explanation")])
        # The autocomplete view looks the article up through a real foreign key to Article.
        use_autocomplete(self, "evidence_articles", Evidence._meta.get_field("article"), admin_site)

    def clean_evidence_urls(self):
        """``[(url, title)]`` from the lines "URL title"; a URL without its title is refused,
        because readers see the title, not the address."""
        entries = []
        validate = URLValidator(schemes=["http", "https"])
        for line in self.cleaned_data["evidence_urls"].splitlines():
            url, _space, title = line.strip().partition(" ")
            if not url:
                continue
            try:
                validate(url)
            except ValidationError:
                raise ValidationError(gettext("“%(url)s” is not a valid http(s) URL.") % {"url": url[:200]}) from None
            if not title.strip():
                raise ValidationError(
                    gettext("Give the title of %(url)s after it, on the same line: readers see the title.")
                    % {"url": url[:200]}
                )
            entries.append((url, title.strip()))
        return entries

    def translations(self):
        return {code: self.cleaned_data.get(column("explanation", code), "") for code in OTHER_LANGUAGES}

    def evidence(self):
        return [{"url": url, "title": title} for url, title in self.cleaned_data["evidence_urls"]] + [
            {"article": article} for article in self.cleaned_data["evidence_articles"]
        ]

    def add_service_errors(self, error):
        for key, messages_ in error.message_dict.items():
            self.add_error(self.SERVICE_FIELDS.get(key), messages_)


# --- the admin of an item ---------------------------------------------------


class TrackedItemAdmin(HistoryAdmin):
    """What the promise and directive admins share. Subclasses set ``update_model``
    (their share of the history, for its permission) and the usual options."""

    update_model = None
    form = TrackedItemForm
    change_form_template = "admin/mandate/tracked_change_form.html"
    actions = ["publish", "unpublish"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [SourceInline, StatusHistoryInline]

    @admin.display(description=_("status"), ordering="current_status")
    def status_column(self, obj):
        return obj.get_status_display()

    @admin.display(description=_("overdue"), boolean=True)
    def overdue_column(self, obj):
        return obj.is_overdue(timezone.localdate())

    def save_model(self, request, obj, form, change):
        # Whatever the path (change form, revert, a forged POST), publication changes for reviewers only.
        stored = type(obj).objects.filter(pk=obj.pk).values_list("is_published", flat=True).first() if change else False
        if obj.is_published != bool(stored) and not self.has_publish_permission(request):
            raise PermissionDenied
        item_save(item=obj, editor=request.user, correction=form.cleaned_data.get("correction", ""))

    def get_fieldsets(self, request, obj=None):
        """The kind's fieldsets, and, on a published item, the correction note."""
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and obj.is_published:
            fieldsets.append((pgettext_lazy("admin fieldset", "Correction"), {"fields": ["correction"]}))
        return fieldsets

    # Publishing: reviewers only. Editors see the field, read-only.

    def has_publish_permission(self, request):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("is_published")
        return fields

    def revert_disabled(self, request, obj=None):
        # Reverting to an old version would also restore its "published" flag.
        return super().revert_disabled(request, obj) or not self.has_publish_permission(request)

    def _set_published(self, request, queryset, value):
        changed = 0
        for item in queryset.filter(is_published=not value):
            if item_publish(item=item, editor=request.user, published=value):
                self.log_change(request, item, [{"changed": {"fields": ["is_published"]}}])
                changed += 1
        return changed

    def _counted(self, count):
        """"1 directive", "3 directives"."""
        opts = self.model._meta
        return f"{count} {opts.verbose_name if count == 1 else opts.verbose_name_plural}"

    @admin.action(description=_("Publish the selected items"), permissions=["publish"])
    def publish(self, request, queryset):
        changed = self._set_published(request, queryset, True)
        self.message_user(request, gettext("Published: %(items)s.") % {"items": self._counted(changed)}, messages.SUCCESS)

    @admin.action(description=_("Unpublish the selected items"), permissions=["publish"])
    def unpublish(self, request, queryset):
        changed = self._set_published(request, queryset, False)
        self.message_user(request, gettext("Unpublished: %(items)s.") % {"items": self._counted(changed)}, messages.SUCCESS)

    # Recording a status: the natural action on an item.

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/record-status/",
                self.admin_site.admin_view(self.record_status_view),
                name=f"{opts.app_label}_{opts.model_name}_record_status",
            )
        ] + super().get_urls()

    def has_record_permission(self, request, obj):
        update_opts = self.update_model._meta
        return self.has_change_permission(request, obj) and request.user.has_perm(
            f"{update_opts.app_label}.add_{update_opts.model_name}"
        )

    def record_status_view(self, request, object_id):
        item = self.get_object(request, object_id)
        if item is None:
            raise Http404(gettext("No such item."))
        if not self.has_record_permission(request, item):
            raise PermissionDenied
        if request.method == "POST":
            form = RecordStatusForm(request.POST, admin_site=self.admin_site)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    update = record_status(
                        item=item, status=data["status"], explanation=data["explanation"], evidence=form.evidence(),
                        editor=request.user, on=data["on"], translations=form.translations(),
                    )
                except ValidationError as error:
                    form.add_service_errors(error)
                else:
                    self.log_change(request, item, gettext("Recorded status: %(update)s") % {"update": update})
                    self.message_user(request, gettext("Recorded: %(update)s.") % {"update": update}, messages.SUCCESS)
                    return HttpResponseRedirect(change_url(item))
        else:
            initial = {"on": timezone.localdate()}
            # "Use as evidence" from a suggestion: the article filled in, its day as the default date.
            cited = request.GET.get("article", "")
            article = Article.objects.filter(pk=int(cited)).first() if cited.isdigit() and len(cited) < 19 else None
            if article is not None:
                initial.update(evidence_articles=[article.pk], on=article.published_on or initial["on"])
            form = RecordStatusForm(initial=initial, admin_site=self.admin_site)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": item,
            "title": gettext("Record a new status"),
            "subtitle": str(item),
            "intro": gettext("Current status: %(status)s.") % {"status": item.get_status_display()},
            "form": form,
            "media": self.media + form.media,
            "submit_label": gettext("Record this status"),
        }
        return TemplateResponse(request, "admin/mandate/form_page.html", context)


class StatusUpdateAdmin(admin.ModelAdmin):
    """The history, read-only for everyone. Updates are added only through the
    record view of their item; only a superuser may correct or delete one.
    Registered for each kind's share (``PromiseStatusUpdate``, ``DirectiveStatusUpdate``)."""

    list_display = ["item_column", "on", "old_status", "new_status", "editor", "created_at"]
    list_filter = ["new_status", "old_status"]
    list_select_related = ["item__promise", "item__directive", "editor"]
    search_fields = ["item__slug", "item__quote", *every_language("explanation")]
    date_hierarchy = "on"
    readonly_fields = ["item", "on", "old_status", "new_status", "editor", "created_at"]
    fields = ["item", "on", "old_status", "new_status", tuple(every_language("explanation")), "editor", "created_at"]
    inlines = [EvidenceInline]

    @admin.display(description=_("item"), ordering="item")
    def item_column(self, update):
        return short(str(update.item.specific()), 12)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        tracked_item_refresh_status(item=obj.item)

    def delete_model(self, request, obj):
        status_update_delete(update=obj)

    def delete_queryset(self, request, queryset):
        for update in queryset.select_related("item"):
            status_update_delete(update=update)


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """The public corrections log, read-only: an entry is recorded with every change to a published
    item's public fields (``item_save``), with the correction note of the form (or ``correction``
    in the API) when there is one."""

    list_display = ["on", "item_column", "note", "fields", "editor"]
    list_select_related = ["item__promise", "item__directive", "editor"]
    search_fields = ["note", "item__slug"]
    date_hierarchy = "on"
    fields = ["item", "on", "note", "fields", "changes", "editor", "created_at"]
    readonly_fields = fields

    @admin.display(description=_("item"), ordering="item")
    def item_column(self, correction):
        return admin_link(correction.item.specific(), short(str(correction.item.specific()), 12))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(TrackedItem)
class TrackedItemSearchAdmin(admin.ModelAdmin):
    """Not a page of its own (editors work on promises and directives): the search
    behind autocomplete fields that point at any tracked item, such as the review
    queue's "merge into"."""

    search_fields = ["slug", "quote"]
    ordering = ["kind", "slug"]

    def has_module_permission(self, request):
        return False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
