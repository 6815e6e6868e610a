"""The editors' admin for outlets, feeds, articles, and the base of the candidate review queue.

Accepting and merging candidates belong to the apps that own the result, so the
queue is registered above them all (``mandate.admin``), on ``CandidateAdmin``:
this module only rejects, through ``sources.services.candidate_reject``."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.admin import DefaultChoiceFilter, HistoryAdmin, ReadOnlyInline

from .models import Article, Candidate, Feed, Outlet, review_threshold
from .services import candidate_reject


def short(text, words=20):
    return Truncator(text or "").words(words) or "—"


@admin.register(Outlet)
class OutletAdmin(HistoryAdmin):
    list_display = ["name", "domain", "country", "language"]
    list_filter = ["country", "language"]
    search_fields = ["name", "domain"]


@admin.register(Feed)
class FeedAdmin(HistoryAdmin):
    list_display = ["__str__", "outlet", "is_active", "state", "last_polled_at", "next_poll_at", "failure_count", "error"]
    list_filter = ["state", "is_active", "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["url", "title", "outlet__name"]
    autocomplete_fields = ["outlet"]
    # Written by polling, shown so an editor can see why a feed stopped.
    readonly_fields = ["state", "last_polled_at", "failure_count", "last_error", "etag", "last_modified", "created_at"]
    fields = [
        "url", "title", "outlet", "is_active", "poll_interval", "next_poll_at",
        "state", "last_polled_at", "failure_count", "last_error", "etag", "last_modified", "created_at",
    ]

    @admin.display(description=_("last error"))
    def error(self, feed):
        return short(feed.last_error, 12)


class CandidateInline(ReadOnlyInline):
    model = Candidate
    fields = ["sentence", "kind", "confidence", "state"]
    readonly_fields = fields


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "published_on", "state", "http_status", "attempts", "error_column", "created_at"]
    list_filter = ["state", "outlet", "language"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["outlet"]
    inlines = [CandidateInline]
    # What fetching wrote: an editor adds an article by hand but does not rewrite a fetched one.
    ingested_fields = [
        "url", "text", "content_hash", "duplicate_of", "state", "error", "http_status", "attempts", "fetched_at",
        "created_at",
    ]
    fields = [
        "url", "title", "outlet", "published_on", "language", "text",
        "state", "error", "http_status", "attempts", "fetched_at", "content_hash", "duplicate_of", "created_at",
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["content_hash", "duplicate_of", "state", "error", "http_status", "attempts", "fetched_at", "created_at"]
        return self.ingested_fields

    @admin.display(description=_("error"))
    def error_column(self, article):
        return short(article.error, 12)


class CandidateStateFilter(DefaultChoiceFilter):
    """The queue opens on the new candidates; "All" is an explicit choice."""

    title = _("state")
    parameter_name = "state"
    default = Candidate.State.NEW

    def lookups(self, request, model_admin):
        return [*Candidate.State.choices, ("all", _("All"))]

    def queryset(self, request, queryset):
        if self.current() == "all":
            return queryset
        return queryset.filter(state=self.current())


class CandidateConfidenceFilter(DefaultChoiceFilter):
    """The queue hides, until asked, the candidates the finder thinks least likely (recall first:
    they are kept, not dropped). The threshold is CANDIDATE_HIDE_BELOW, or cross-validation's."""

    title = _("confidence")
    parameter_name = "confidence"
    default = "likely"

    def lookups(self, request, model_admin):
        threshold = review_threshold()
        return [
            ("likely", _("%(threshold).2f or more (shown by default)") % {"threshold": threshold}),
            ("unlikely", _("below %(threshold).2f") % {"threshold": threshold}),
            ("all", _("All")),
        ]

    def queryset(self, request, queryset):
        value = self.current()
        if value == "likely":
            return queryset.likely()
        if value == "unlikely":
            return queryset.filter(confidence__lt=review_threshold())
        return queryset


def highlighted(candidate):
    """The candidate's paragraph with its sentence in ``<mark>``; every part escaped."""
    text = candidate.article.text or ""
    start, end = candidate.start, candidate.end
    if text[start:end] != candidate.sentence:
        # Offsets that no longer match the text (it was re-fetched): show the sentence alone.
        return format_html("<mark>{}</mark>", candidate.sentence)
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end == -1 else para_end
    return format_html("{}<mark>{}</mark>{}", text[para_start:start], text[start:end], text[end:para_end])


class CandidateAdmin(HistoryAdmin):
    list_display = ["sentence_column", "kind", "speaker_column", "addressee_column", "confidence", "rule", "article",
                    "state", "created_at"]
    list_filter = [CandidateStateFilter, CandidateConfidenceFilter, "kind", "article__outlet"]
    list_select_related = ["article", "speaker", "addressee_party", "addressee_leader"]
    search_fields = ["sentence", "speaker_name", "addressee_name", "article__title", "article__url"]
    ordering = ["-confidence", "-created_at", "start"]
    date_hierarchy = "created_at"
    actions = ["reject"]
    autocomplete_fields = ["speaker", "addressee_party", "addressee_leader"]
    fieldsets = [
        (None, {"fields": ["in_context", "article", "kind", "action"]}),
        (_("Who"), {"fields": [
            "speaker_text", "speaker_name", "speaker", "addressee_text", "addressee_name", "addressee_party",
            "addressee_leader",
        ]}),
        (_("How it was found"), {"fields": ["confidence", "rule", "start", "end", "created_at"]}),
        (_("Review"), {"fields": ["state", "reviewed_by", "reviewed_at"]}),
    ]
    # Found by ingestion; the state changes only through the review services.
    readonly_fields = [
        "in_context", "article", "speaker_text", "speaker_name", "addressee_text", "addressee_name", "confidence",
        "rule", "start", "end", "created_at", "state", "reviewed_by", "reviewed_at",
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("statement"), ordering="sentence")
    def sentence_column(self, candidate):
        return short(candidate.sentence, 25)

    @admin.display(description=_("in its paragraph"))
    def in_context(self, candidate):
        return format_html('<div class="mandate-context">{}</div>', highlighted(candidate))

    @admin.display(description=_("speaker"), ordering="speaker_name")
    def speaker_column(self, candidate):
        return candidate.speaker or candidate.speaker_name or candidate.speaker_text or "—"

    @admin.display(description=_("addressee"), ordering="addressee_name")
    def addressee_column(self, candidate):
        return (
            candidate.addressee_party or candidate.addressee_leader or candidate.addressee_name
            or candidate.addressee_text or "—"
        )

    @admin.action(description=_("Reject the selected candidates"), permissions=["change"])
    def reject(self, request, queryset):
        rejected, refused = 0, []
        for candidate in queryset:
            try:
                candidate_reject(candidate=candidate, editor=request.user)
            except ValidationError as error:
                refused.append(f"{short(candidate.sentence, 8)}: {' '.join(error.messages)}")
            else:
                rejected += 1
        if rejected:
            self.message_user(
                request,
                ngettext("%(count)d candidate rejected.", "%(count)d candidates rejected.", rejected) % {"count": rejected},
                messages.SUCCESS,
            )
        for message in refused:
            self.message_user(request, gettext("Not rejected: %(reason)s") % {"reason": message}, messages.WARNING)
