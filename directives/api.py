"""Directives and their status history in the API. The machinery is the
promises' (``promises.api``); this module says what a directive looks like."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, status

from config.api import IdFilter, expand_parameter
from politics.models import Leader, Party, Programme
from promises.api import (
    ITEM_REF,
    CandidateJudgement,
    CurrentStatusSerializer,
    RefSerializer,
    StatusUpdateCreateSerializer,
    StatusUpdateFilter,
    StatusUpdateReadSerializer,
    StatusUpdateViewSet,
    TrackedItemViewSet,
    TrackedReadSerializer,
    TrackedWriteSerializer,
    UpdateSummarySerializer,
)
from promises.exports import ExportSpec, is_overdue, joined_slugs
from promises.models import Promise

from .filters import DirectiveFilter
from .models import Directive, DirectiveStatusUpdate
from .services import directive_accept_candidate, directive_merge_candidate


class DirectiveReadSerializer(TrackedReadSerializer):
    model = Directive
    basename = "directive"
    update_basename = "directive-update"
    page_route = "directive_detail"
    m2m = {"addressed_parties": "party", "addressed_leaders": "leader", "promises": "promise",
           "programmes": "programme"}
    expansions = ("issuer", "status", "latest_update")
    value_fields = ("id", "slug", "action", "quote", "issuer_id", "other_addressees", "responsible_official",
                    "issued_on", "deadline", "is_published", "created_at", "updated_at", "current_status",
                    "status_changed_on")

    action = serializers.CharField()
    issuer = serializers.IntegerField()
    issuer_url = serializers.URLField()
    addressed_parties = RefSerializer(many=True)
    addressed_leaders = RefSerializer(many=True, help_text=_("Officials it is addressed to."))
    other_addressees = serializers.CharField(allow_blank=True)
    responsible_official = serializers.CharField(allow_blank=True)
    issued_on = serializers.DateField()
    deadline = serializers.DateField(allow_null=True)
    promises = RefSerializer(many=True, help_text=_("Promises it concerns."))
    programmes = RefSerializer(many=True, help_text=_("Programmes it concerns as a whole."))
    expanded = inline_serializer(
        "DirectiveExpanded",
        {
            "issuer": inline_serializer(
                "DirectiveExpandedIssuer",
                {"id": serializers.IntegerField(), "url": serializers.URLField(), "slug": serializers.SlugField(),
                 "full_name": serializers.CharField()},
                required=False,
            ),
            "status": CurrentStatusSerializer(required=False),
            "latest_update": UpdateSummarySerializer(allow_null=True, required=False),
        },
        required=False,
        help_text=_("Present with `?expand=`: the related items asked for, in full."),
    )

    @classmethod
    def item_dict(cls, row, links, today):
        item = cls.common_dict(row, links, row["deadline"], today)
        item.update(
            action=row["action"],
            issuer=row["issuer_id"],
            issuer_url=links.api("leader", row["issuer_id"]),
            other_addressees=row["other_addressees"],
            responsible_official=row["responsible_official"],
            issued_on=row["issued_on"],
            deadline=row["deadline"],
        )
        return item

    @classmethod
    def expand_actors(cls, rows, items, links, expand):
        if "issuer" not in expand:
            return
        leaders = {
            leader["id"]: {**leader, "url": links.api("leader", leader["id"])}
            for leader in Leader.objects.filter(pk__in={row["issuer_id"] for row in rows}).values(
                "id", "slug", "full_name"
            )
        }
        for item in items:
            item["expanded"]["issuer"] = leaders.get(item["issuer"])


class DirectiveWriteSerializer(TrackedWriteSerializer):
    slug_source = "action"
    issuer = serializers.PrimaryKeyRelatedField(queryset=Leader.objects.all())
    addressed_parties = serializers.PrimaryKeyRelatedField(many=True, queryset=Party.objects.all(), required=False)
    addressed_leaders = serializers.PrimaryKeyRelatedField(many=True, queryset=Leader.objects.all(), required=False)
    promises = serializers.PrimaryKeyRelatedField(many=True, queryset=Promise.objects.all(), required=False)
    programmes = serializers.PrimaryKeyRelatedField(many=True, queryset=Programme.objects.all(), required=False)

    class Meta:
        model = Directive
        fields = ["slug", "action", "quote", "issuer", "addressed_parties", "addressed_leaders", "other_addressees",
                  "responsible_official", "issued_on", "deadline", "promises", "programmes", "topics",
                  "is_published"]


DIRECTIVE_EXAMPLE = {
    "id": 7,
    "url": "https://mandate.example/api/v1/directives/7/",
    "html_url": "https://mandate.example/directives/review-organizational-structure/",
    "slug": "review-organizational-structure",
    "action": "Review the party's organizational structure",
    "quote": "The Head of State instructed the party to review its organizational structure.",
    "issuer": 1,
    "issuer_url": "https://mandate.example/api/v1/leaders/1/",
    "addressed_parties": [{"id": 3, "url": "https://mandate.example/api/v1/parties/3/"}],
    "addressed_leaders": [],
    "other_addressees": "",
    "responsible_official": "",
    "issued_on": "2022-01-28",
    "deadline": "2022-03-01",
    "promises": [],
    "programmes": [],
    "topics": [{"id": 4, "url": "https://mandate.example/api/v1/topics/4/", "slug": "governance",
                "name": "Governance"}],
    "status": "fulfilled",
    "status_changed_on": "2022-03-01",
    "is_overdue": False,
    "is_published": True,
    "created_at": "2022-01-28T12:00:00Z",
    "updated_at": "2022-03-02T08:00:00Z",
}


@extend_schema_view(
    list=extend_schema(
        summary="List directives",
        parameters=[expand_parameter(DirectiveReadSerializer.expansions)],
        examples=[OpenApiExample("A page of directives", value=DIRECTIVE_EXAMPLE, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One directive",
        parameters=[expand_parameter(DirectiveReadSerializer.expansions)],
        examples=[OpenApiExample("A directive", value=DIRECTIVE_EXAMPLE, response_only=True)],
    ),
    create=extend_schema(summary="Create a directive (editors)", responses={201: DirectiveReadSerializer}),
    update=extend_schema(summary="Replace a directive (editors)", responses={200: DirectiveReadSerializer}),
    partial_update=extend_schema(summary="Change a directive (editors)", responses={200: DirectiveReadSerializer}),
)
class DirectiveViewSet(TrackedItemViewSet):
    """Directives with their current status. `?party=` is the addressed party, `?leader=` the issuer."""

    read_serializer = DirectiveReadSerializer
    write_serializer = DirectiveWriteSerializer
    filterset_class = DirectiveFilter
    publish_permission = "directives.publish_directive"


# --- status updates -------------------------------------------------------


class DirectiveStatusUpdateReadSerializer(StatusUpdateReadSerializer):
    model = DirectiveStatusUpdate
    basename = "directive-update"
    item_field = "directive"
    item_basename = "directive"

    directive = serializers.IntegerField()
    directive_url = serializers.URLField()


class DirectiveStatusUpdateCreateSerializer(StatusUpdateCreateSerializer):
    directive = serializers.PrimaryKeyRelatedField(queryset=Directive.objects.all(), source="item")


class DirectiveStatusUpdateFilter(StatusUpdateFilter):
    directive = IdFilter(label=_("Directive id"), field_name="item_id")

    class Meta:
        model = DirectiveStatusUpdate
        fields = ["directive", "status", "on_after", "on_before"]


@extend_schema_view(
    list=extend_schema(summary="The status history of directives"),
    create=extend_schema(
        summary="Record a directive's status change (editors)",
        responses={201: DirectiveStatusUpdateReadSerializer},
        examples=[OpenApiExample("A status change", request_only=True, value={
            "directive": 7, "status": "fulfilled", "on": "2022-03-01",
            "explanation": "The party congress adopted the new structure.",
            "evidence": [{"url": "https://news.example/2022/03/01/amanat-congress", "title": "Nur Otan is Amanat"}],
        })],
    ),
)
class DirectiveStatusUpdateViewSet(StatusUpdateViewSet):
    read_serializer = DirectiveStatusUpdateReadSerializer
    create_serializer = DirectiveStatusUpdateCreateSerializer
    filterset_class = DirectiveStatusUpdateFilter


# --- judging candidates -----------------------------------------------------


class AcceptDirectiveSerializer(serializers.Serializer):
    action = serializers.CharField(required=False, max_length=300)
    slug = serializers.SlugField(required=False, max_length=200)
    issuer = serializers.PrimaryKeyRelatedField(queryset=Leader.objects.all(), required=False)
    issued_on = serializers.DateField(required=False)
    deadline = serializers.DateField(required=False, allow_null=True)
    addressed_parties = serializers.PrimaryKeyRelatedField(many=True, queryset=Party.objects.all(), required=False)
    addressed_leaders = serializers.PrimaryKeyRelatedField(many=True, queryset=Leader.objects.all(), required=False)


class AcceptDirectiveView(CandidateJudgement):
    needs = ("directives.add_directive",)
    item_basename = "directive"

    @extend_schema(summary="Accept a candidate as a new directive (editors)", request=AcceptDirectiveSerializer,
                   responses={201: ITEM_REF}, operation_id="candidates_accept_directive")
    def post(self, request, pk):
        candidate = self.candidate(request, pk)
        serializer = AcceptDirectiveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        directive = directive_accept_candidate(candidate=candidate, editor=request.user, **serializer.validated_data)
        return self.created(request, directive)


class MergeIntoDirectiveSerializer(serializers.Serializer):
    directive = serializers.PrimaryKeyRelatedField(queryset=Directive.objects.all())


class MergeIntoDirectiveView(CandidateJudgement):
    needs = ("directives.change_directive",)
    item_basename = "directive"

    @extend_schema(summary="Add a candidate's article as a source of an existing directive (editors)",
                   request=MergeIntoDirectiveSerializer, responses={200: ITEM_REF},
                   operation_id="candidates_merge_into_directive")
    def post(self, request, pk):
        candidate = self.candidate(request, pk)
        serializer = MergeIntoDirectiveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        directive = serializer.validated_data["directive"]
        directive_merge_candidate(candidate=candidate, directive=directive, editor=request.user)
        return self.created(request, directive, status.HTTP_200_OK)


# --- open data ------------------------------------------------------------


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
