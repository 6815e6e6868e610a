"""Directives in the API: what a directive looks like, on the tracked-item machinery
(``tracking.api``), and the directives' export."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import ApiLinkField
from core.prepared import prepared_rows
from core.translated import every_language, from_row
from core.translated_api import InLanguageField
from politics.models import Leader, Party, Programme
from promises.models import Promise
from tracking import api as tracking
from tracking.endpoints import kind_endpoints
from tracking.exports import ExportSpec, joined_slugs
from tracking.models import is_overdue

from .filters import DirectiveFilter
from .models import Directive, DirectiveStatusUpdate
from .services import directive_accept_candidate


class DirectiveReadSerializer(tracking.TrackedReadSerializer):
    model = Directive
    m2m = {"addressed_parties": "party", "addressed_leaders": "leader", "promises": "promise",
           "programmes": "programme"}
    expansions = ("issuer", "status", "latest_update")
    value_fields = ("id", "slug", *every_language("action"), "quote", "issuer_id", *every_language("other_addressees"),
                    "responsible_official", "issued_on", "deadline", "is_published", "created_at", "updated_at",
                    "current_status", "status_changed_on")
    # An item as the API returns it, for the schema.
    example = tracking.item_example(
        "directive", 7, "review-organizational-structure", action="Review the party's organizational structure",
        quote="The Head of State instructed the party to review its organizational structure.", issuer=1,
        issuer_url="https://mandate.example/api/v1/leaders/1/",
        addressed_parties=[{"id": 3, "url": "https://mandate.example/api/v1/parties/3/"}], addressed_leaders=[],
        other_addressees="", responsible_official="", issued_on="2022-01-28", deadline="2022-03-01", promises=[],
        programmes=[], topic="Governance", status="fulfilled", status_changed_on="2022-03-01", is_overdue=False,
        created_at="2022-01-28T12:00:00Z", updated_at="2022-03-02T08:00:00Z",
    )
    update_example = tracking.status_change_example(
        "directive", 7, "fulfilled", "2022-03-01", "The party congress adopted the new structure.",
        ("https://news.example/2022/03/01/amanat-congress", "Nur Otan is Amanat"),
    )

    action = InLanguageField()
    issuer = serializers.IntegerField(source="issuer_id")
    issuer_url = ApiLinkField("leader", source="issuer_id")
    addressed_parties = tracking.RefSerializer(many=True)
    addressed_leaders = tracking.RefSerializer(many=True, help_text=_("Officials it is addressed to."))
    other_addressees = InLanguageField()
    responsible_official = serializers.CharField(allow_blank=True)
    issued_on = serializers.DateField()
    deadline = serializers.DateField(allow_null=True)
    promises = tracking.RefSerializer(many=True, help_text=_("Promises it concerns."))
    programmes = tracking.RefSerializer(many=True, help_text=_("Programmes it concerns as a whole."))
    expanded = tracking.expanded_field(
        "Directive", "issuer",
        {"id": serializers.IntegerField(), "url": serializers.URLField(), "slug": serializers.SlugField(),
         "full_name": serializers.CharField()},
    )

    @classmethod
    def expand_actors(cls, rows, items, links, expand):
        if "issuer" not in expand:
            return
        leaders = {
            leader["id"]: {"id": leader["id"], "url": links.api("leader", leader["id"]), "slug": leader["slug"],
                           "full_name": from_row(leader, "full_name")}
            for leader in prepared_rows(_leader_query, {row["issuer_id"] for row in rows})
        }
        for item in items:
            item["expanded"]["issuer"] = leaders.get(item["issuer"])


def _leader_query(ids):
    return Leader.objects.filter(pk__in=ids).values("id", "slug", *every_language("full_name"))


class DirectiveWriteSerializer(tracking.TrackedWriteSerializer):
    slug_source = "action"
    issuer = serializers.PrimaryKeyRelatedField(queryset=Leader.objects.all())
    addressed_parties = serializers.PrimaryKeyRelatedField(many=True, queryset=Party.objects.all(), required=False)
    addressed_leaders = serializers.PrimaryKeyRelatedField(many=True, queryset=Leader.objects.all(), required=False)
    promises = serializers.PrimaryKeyRelatedField(many=True, queryset=Promise.objects.all(), required=False)
    programmes = serializers.PrimaryKeyRelatedField(many=True, queryset=Programme.objects.all(), required=False)

    class Meta:
        model = Directive
        fields = ["slug", *every_language("action"), "quote", "issuer", "addressed_parties", "addressed_leaders",
                  *every_language("other_addressees"), "responsible_official", "issued_on", "deadline", "promises", "programmes", "topics",
                  "is_published", "correction"]


class AcceptDirectiveSerializer(serializers.Serializer):
    action = serializers.CharField(required=False, max_length=300)
    slug = serializers.SlugField(required=False, max_length=200)
    issuer = serializers.PrimaryKeyRelatedField(queryset=Leader.objects.all(), required=False)
    issued_on = serializers.DateField(required=False)
    deadline = serializers.DateField(required=False, allow_null=True)
    addressed_parties = serializers.PrimaryKeyRelatedField(many=True, queryset=Party.objects.all(), required=False)
    addressed_leaders = serializers.PrimaryKeyRelatedField(many=True, queryset=Leader.objects.all(), required=False)


class DirectiveExport(ExportSpec):
    name = "directives"
    columns = ("id", "slug", "action", "status", "status_changed_on", "overdue", "issuer", "issuer_slug",
               "addressed_parties", "addressed_leaders", "other_addressees", "responsible_official", "issued_on",
               "deadline", "topics", "url", "quote")
    value_fields = ("id", "slug", "action", "current_status", "status_changed_on", "issuer__full_name",
                    "issuer__slug", "other_addressees", "responsible_official", "issued_on", "deadline", "quote")

    def querysets(self):
        return [Directive.objects.public().order_by("pk")]

    def rows(self, batch, links, today, source):
        ids = [values[0] for values in batch]
        parties = joined_slugs(Directive, "addressed_parties", ids)
        leaders = joined_slugs(Directive, "addressed_leaders", ids)
        topics = joined_slugs(Directive, "topics", ids)
        for (pk, slug, action, current, changed, issuer, issuer_slug, others, official, issued_on, deadline,
             quote) in batch:
            yield (pk, slug, action, current, changed, is_overdue(deadline, current, today), issuer, issuer_slug,
                   parties[pk], leaders[pk], others, official, issued_on, deadline, topics[pk],
                   links.page("directive_detail", slug), quote)


# --- the endpoints ---------------------------------------------------------

DirectiveViewSet, DirectiveStatusUpdateViewSet, AcceptDirectiveView, MergeIntoDirectiveView = kind_endpoints(
    read=DirectiveReadSerializer, write=DirectiveWriteSerializer, filterset=DirectiveFilter, update_model=DirectiveStatusUpdate,
    accept_serializer=AcceptDirectiveSerializer, accept=directive_accept_candidate,
    description=("Directives with their current status. `?party=` is the addressed party, `?leader=` the issuer."),
)
