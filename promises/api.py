"""Promises in the API: what a promise looks like, on the tracked-item machinery
(``tracking.api``), and the promises' export."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import ApiLinkField
from core.prepared import prepared_rows
from core.translated import every_language, from_row
from core.translated_api import InLanguageField
from politics.models import Leader, Party, Programme, Topic
from tracking import api as tracking
from tracking.endpoints import kind_endpoints
from tracking.exports import ExportSpec, joined_slugs
from tracking.models import is_overdue

from .filters import PromiseFilter
from .models import Promise, PromiseStatusUpdate
from .services import promise_accept_candidate


class PromiseReadSerializer(tracking.TrackedReadSerializer):
    model = Promise
    expansions = ("party", "status", "latest_update")
    value_fields = ("id", "slug", *every_language("title"), "quote", "measurable_target", "made_on", "target_date", "party_id",
                    "leader_id", "programme_id", "programme__party_id", "is_published", "created_at", "updated_at",
                    "current_status", "status_changed_on")
    # An item as the API returns it, for the schema.
    example = tracking.item_example(
        "promise", 12, "minimum-wage-100000", title="Raise the minimum wage to 100,000 tenge",
        quote="We will raise the minimum wage to 100,000 tenge by 2024.",
        measurable_target="minimum wage of 100,000 tenge", made_on="2021-01-10", target_date="2024-01-01", party=3,
        party_url="https://mandate.example/api/v1/parties/3/", leader=None, leader_url=None, programme=5,
        programme_url="https://mandate.example/api/v1/programmes/5/", topic="Economy",
        status="partially_fulfilled", status_changed_on="2023-01-01", is_overdue=True,
        created_at="2021-01-11T09:00:00Z", updated_at="2023-01-02T10:30:00Z",
    )
    update_example = tracking.status_change_example(
        "promise", 12, "in_progress", "2022-03-01", "The law raising the minimum wage passed its first reading.",
        ("https://news.example/2022/03/01/minimum-wage", "Majilis backs wage law"),
    )

    title = InLanguageField()
    measurable_target = serializers.CharField(allow_blank=True)
    made_on = serializers.DateField(allow_null=True)
    target_date = serializers.DateField(allow_null=True)
    party = serializers.IntegerField(source="party_id", allow_null=True,
                                     help_text=_("The party that made it (see also the programme)."))
    party_url = ApiLinkField("party", source="party_id", allow_null=True)
    leader = serializers.IntegerField(source="leader_id", allow_null=True,
                                      help_text=_("The candidate or leader who made it."))
    leader_url = ApiLinkField("leader", source="leader_id", allow_null=True)
    programme = serializers.IntegerField(source="programme_id", allow_null=True)
    programme_url = ApiLinkField("programme", source="programme_id", allow_null=True)
    expanded = tracking.expanded_field(
        "Promise", "party",
        {"id": serializers.IntegerField(), "url": serializers.URLField(), "slug": serializers.SlugField(),
         "name": serializers.CharField(), "abbreviation": serializers.CharField(allow_blank=True)},
        allow_null=True,
    )

    @classmethod
    def expand_actors(cls, rows, items, links, expand):
        if "party" not in expand:
            return
        # The promise's own party, else its programme's: who readers hold to it.
        party_of = {row["id"]: row["party_id"] or row["programme__party_id"] for row in rows}
        parties = {
            p["id"]: {"id": p["id"], "url": links.api("party", p["id"]), "slug": p["slug"], "name": from_row(p, "name"),
                      "abbreviation": p["abbreviation"]}
            for p in prepared_rows(_party_query, set(party_of.values()) - {None})
        }
        for item in items:
            item["expanded"]["party"] = parties.get(party_of[item["id"]])


def _party_query(ids):
    return Party.objects.filter(pk__in=ids).values("id", "slug", *every_language("name"), "abbreviation")


class PromiseWriteSerializer(tracking.TrackedWriteSerializer):
    slug_source = "title"
    party = serializers.PrimaryKeyRelatedField(queryset=Party.objects.all(), required=False, allow_null=True)
    leader = serializers.PrimaryKeyRelatedField(queryset=Leader.objects.all(), required=False, allow_null=True)
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Promise
        fields = ["slug", *every_language("title"), "quote", "programme", "party", "leader", "made_on", "target_date",
                  "measurable_target", "topics", "is_published", "correction"]


class AcceptPromiseSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, max_length=300)
    slug = serializers.SlugField(required=False, max_length=200)
    party = serializers.PrimaryKeyRelatedField(queryset=Party.objects.all(), required=False, allow_null=True)
    leader = serializers.PrimaryKeyRelatedField(queryset=Leader.objects.all(), required=False, allow_null=True)
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all(), required=False, allow_null=True)
    target_date = serializers.DateField(required=False, allow_null=True)
    measurable_target = serializers.CharField(required=False, allow_blank=True, max_length=300)
    topics = serializers.SlugRelatedField(many=True, slug_field="slug", queryset=Topic.objects.all(), required=False)


class PromiseExport(ExportSpec):
    name = "promises"
    columns = ("id", "slug", "title", "status", "status_changed_on", "overdue", "party", "party_slug", "leader",
               "leader_slug", "programme", "election", "made_on", "target_date", "measurable_target", "topics",
               "url", "quote")
    value_fields = ("id", "slug", "title", "current_status", "status_changed_on", "party__name", "party__slug",
                    "programme__party__name", "programme__party__slug", "leader__full_name", "leader__slug",
                    "programme__title", "programme__election__slug", "made_on", "target_date", "measurable_target",
                    "quote")

    def querysets(self):
        return [Promise.objects.public().order_by("pk")]

    def rows(self, batch, links, today, source):
        topics = joined_slugs(Promise, "topics", [values[0] for values in batch])
        for (pk, slug, title, status, changed, party, party_slug, programme_party, programme_party_slug, leader,
             leader_slug, programme, election, made_on, target_date, target, quote) in batch:
            yield (pk, slug, title, status, changed, is_overdue(target_date, status, today),
                   party or programme_party, party_slug or programme_party_slug, leader, leader_slug, programme,
                   election, made_on, target_date, target, topics[pk], links.page("promise_detail", slug), quote)


# --- the endpoints ---------------------------------------------------------

PromiseViewSet, PromiseStatusUpdateViewSet, AcceptPromiseView, MergeIntoPromiseView = kind_endpoints(
    read=PromiseReadSerializer, write=PromiseWriteSerializer, filterset=PromiseFilter, update_model=PromiseStatusUpdate,
    accept_serializer=AcceptPromiseSerializer, accept=promise_accept_candidate,
    description=("Election promises with their current status. Filters are the public pages': "
                "`?party=nur-otan&status=stalled&overdue=true&q=schools`."),
)
