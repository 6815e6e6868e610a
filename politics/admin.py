"""The editors' admin for leaders, parties, elections, programmes and topics."""

from django.contrib import admin
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin
from core.translated import SideBySideAdmin, every_language

from .models import Election, Leader, LeaderAlias, Office, Party, PartyAlias, PartyName, Programme, Topic


@admin.register(Topic)
class TopicAdmin(SideBySideAdmin, HistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = [*every_language("name"), "description"]
    prepopulated_fields = {"slug": ["name"]}


class LeaderAliasInline(admin.TabularInline):
    model = LeaderAlias
    extra = 1


class OfficeInline(admin.TabularInline):
    model = Office
    fields = ["title", "jurisdiction", "start", "end"]
    extra = 1


@admin.register(Leader)
class LeaderAdmin(SideBySideAdmin, HistoryAdmin):
    list_display = ["full_name", "country", "aliases_column", "offices_today"]
    list_filter = ["country"]
    search_fields = [*every_language("full_name"), *every_language("aliases__alias"), "slug"]
    prepopulated_fields = {"slug": ["full_name"]}
    inlines = [LeaderAliasInline, OfficeInline]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        # The columns read aliases and offices: prefetched, so a page costs a fixed number of queries.
        return super().get_queryset(request).prefetch_related("aliases", "offices")

    @admin.display(description=_("aliases"))
    def aliases_column(self, leader):
        return ", ".join(alias.alias for alias in leader.aliases.all()) or "—"

    @admin.display(description=_("offices today"))
    def offices_today(self, leader):
        today = timezone.localdate()
        return "; ".join(str(office) for office in leader.offices.all() if office.is_held_on(today)) or "—"


@admin.register(Office)
class OfficeAdmin(HistoryAdmin):
    list_display = ["leader", "title", "jurisdiction", "start", "end"]
    list_filter = ["title", "jurisdiction"]
    list_select_related = ["leader"]
    search_fields = ["title", "jurisdiction", "leader__full_name"]
    autocomplete_fields = ["leader"]
    date_hierarchy = "start"


class PartyNameInline(admin.TabularInline):
    model = PartyName
    extra = 1
    verbose_name_plural = _("dated names (e.g. Nur Otan until 2022-03-01, then Amanat)")


class PartyAliasInline(admin.TabularInline):
    model = PartyAlias
    extra = 1


@admin.register(Party)
class PartyAdmin(SideBySideAdmin, HistoryAdmin):
    list_display = ["name", "abbreviation", "other_names", "parent", "country", "founded_on"]
    list_filter = ["country"]
    list_select_related = ["parent"]
    search_fields = [
        *every_language("name"), "abbreviation", *every_language("names__name"), *every_language("aliases__alias"), "slug"
    ]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartyNameInline, PartyAliasInline]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("names", "aliases")

    @admin.display(description=_("other names"))
    def other_names(self, party):
        names = [n.name for n in party.names.all() if n.name != party.name]
        return ", ".join(names + [a.alias for a in party.aliases.all()]) or "—"


class ProgrammeInline(admin.TabularInline):
    model = Programme
    fields = ["title", "party", "leader", "published_on"]
    autocomplete_fields = ["party", "leader"]
    show_change_link = True
    extra = 0


@admin.register(Election)
class ElectionAdmin(SideBySideAdmin, HistoryAdmin):
    list_display = ["name", "country", "held_on", "kind"]
    list_filter = ["kind", "country"]
    search_fields = [*every_language("name"), "country", "slug"]
    date_hierarchy = "held_on"
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProgrammeInline]


@admin.register(Programme)
class ProgrammeAdmin(SideBySideAdmin, HistoryAdmin):
    list_display = ["title", "election", "party", "leader", "published_on", "promise_count"]
    list_filter = ["election", "party"]
    list_select_related = ["election", "party", "leader"]
    search_fields = [*every_language("title"), *every_language("summary"), "party__name", "leader__full_name", "slug"]
    autocomplete_fields = ["election", "party", "leader"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_on"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(promise_total=Count("promises"))

    @admin.display(description=_("promises"), ordering="promise_total")
    def promise_count(self, programme):
        return programme.promise_total
