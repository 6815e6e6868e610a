"""Promises and their status history in the API, and the pieces directives reuse.

Reads go through ``config.api.FastReadMixin``: a page of ``.values()`` rows,
plus one query per many-to-many field and per expansion, whatever the page
size. Writes go through the services the admin uses: a status update is
recorded with ``promise_record_status`` (append-only, evidence required) and
can never be changed or deleted through the API (405).

Drafts: a user allowed to view promises in the admin (Editors, Reviewers) sees
unpublished promises and their updates; everyone else sees ``.public()`` only.
Publishing or unpublishing needs ``promises.publish_promise``.
"""

import django_filters
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view, inline_serializer
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import (
    ConditionalGetMixin,
    FastReadMixin,
    IdFilter,
    Links,
    LookupByIdMixin,
    ModelPermissions,
    can_see_drafts,
    expand_parameter,
)
from politics.models import Leader, Party, Programme, Topic
from politics.services import unique_slug
from sources.models import Article, Candidate

from .filters import PromiseFilter
from .models import Promise, PromiseStatusUpdate, Status
from .services import promise_accept_candidate, promise_merge_candidate, record_status

# --- shared reading helpers -----------------------------------------------


def m2m_pairs(model, field_name, ids, *extra):
    """``(item id, related id, *extra related values)`` for a many-to-many field of
    ``model`` over the items ``ids``: one query for a whole page."""
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    return through.objects.filter(**{f"{source}_id__in": ids}).order_by(f"{target}_id").values_list(
        f"{source}_id", f"{target}_id", *[f"{target}__{name}" for name in extra]
    )


def refs_by_item(model, field_name, ids, links, basename):
    """``{item id: [{"id", "url"}, ...]}`` for a many-to-many field."""
    found = {pk: [] for pk in ids}
    for item_id, related_id in m2m_pairs(model, field_name, ids):
        found[item_id].append({"id": related_id, "url": links.api(basename, related_id)})
    return found


def topics_by_item(model, ids, links):
    found = {pk: [] for pk in ids}
    for item_id, topic_id, slug, name in m2m_pairs(model, "topics", ids, "slug", "name"):
        found[item_id].append({"id": topic_id, "url": links.api("topic", topic_id), "slug": slug, "name": name})
    return found


# The statuses an update can set ("not rated" is only the starting point).
RATED_STATUSES = [choice for choice in Status.choices if choice[0] != Status.NOT_RATED]


def status_labels():
    return {value: str(label) for value, label in Status.choices}


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()


class TopicRefSerializer(RefSerializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class CurrentStatusSerializer(serializers.Serializer):
    value = serializers.ChoiceField(choices=Status.choices)
    label = serializers.CharField()
    since = serializers.DateField(allow_null=True, help_text=_("The date of the update that set it."))
    is_overdue = serializers.BooleanField()


class EvidenceSerializer(serializers.Serializer):
    url = serializers.URLField(allow_blank=True, help_text=_("The evidence's link (the article's, when it is one)."))
    title = serializers.CharField(allow_blank=True)
    article = serializers.IntegerField(allow_null=True)
    article_url = serializers.URLField(allow_null=True)


class UpdateSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    on = serializers.DateField()
    old_status = serializers.ChoiceField(choices=Status.choices)
    new_status = serializers.ChoiceField(choices=Status.choices)
    explanation = serializers.CharField()
    evidence = EvidenceSerializer(many=True)


def evidence_by_update(update_model, update_ids, links):
    evidence_model = update_model.evidence.rel.related_model
    found = {pk: [] for pk in update_ids}
    rows = evidence_model.objects.filter(update_id__in=update_ids).order_by("pk").values_list(
        "update_id", "url", "title", "article_id", "article__url"
    )
    for update_id, url, title, article_id, article_link in rows:
        found[update_id].append({"url": url or article_link or "", "title": title, "article": article_id,
                                 "article_url": links.api("article", article_id)})
    return found


UPDATE_FIELDS = ("id", "item_id", "on", "old_status", "new_status", "explanation", "created_at")


def update_summaries(update_model, update_ids, links, basename):
    """``{update id: summary dict}``: two queries for any number of updates."""
    update_ids = [pk for pk in update_ids if pk is not None]
    if not update_ids:
        return {}
    rows = update_model.objects.filter(pk__in=update_ids).values(*UPDATE_FIELDS)
    evidence = evidence_by_update(update_model, update_ids, links)
    return {
        row["id"]: {"id": row["id"], "url": links.api(basename, row["id"]), "on": row["on"],
                    "old_status": row["old_status"], "new_status": row["new_status"],
                    "explanation": row["explanation"], "evidence": evidence[row["id"]]}
        for row in rows
    }


# --- tracked items: what promises and directives share ----------------------


class TrackedReadSerializer(serializers.Serializer):
    """The read shape of a promise or directive. Subclasses declare the fields
    (for the schema), ``value_fields`` and ``item_dict(row, ...)``."""

    model = None
    basename = ""
    update_basename = ""
    page_route = ""
    m2m = {}  # field name -> API basename of the related items
    expansions = ("status", "latest_update")
    value_fields = ()

    id = serializers.IntegerField()
    url = serializers.URLField(help_text=_("This item in the API."))
    html_url = serializers.URLField(help_text=_("This item's public page."))
    slug = serializers.SlugField()
    quote = serializers.CharField()
    topics = TopicRefSerializer(many=True)
    status = serializers.ChoiceField(choices=Status.choices, help_text=_("The current status: the newest update's."))
    status_changed_on = serializers.DateField(allow_null=True)
    is_overdue = serializers.BooleanField(help_text=_("Past its deadline and not fulfilled."))
    is_published = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @classmethod
    def common_dict(cls, row, links, deadline, today):
        pk = row["id"]
        current = row["current_status"]
        return {
            "id": pk,
            "url": links.api(cls.basename, pk),
            "html_url": links.page(cls.page_route, row["slug"]),
            "slug": row["slug"],
            "quote": row["quote"],
            "status": current,
            "status_changed_on": row["status_changed_on"],
            "is_overdue": deadline is not None and deadline < today and current != Status.FULFILLED,
            "is_published": row["is_published"],
            "created_at": row["created_at"],
            "updated_at": row["updated_at"],
        }

    @classmethod
    def item_dict(cls, row, links, today):
        raise NotImplementedError

    @classmethod
    def expand_actors(cls, rows, items, links):
        """Subclasses fill ``expanded`` with the actor consumers always want."""

    @classmethod
    def rows_to_dicts(cls, rows, context):
        links, expand = context["links"], context["expand"]
        today = timezone.localdate()
        ids = [row["id"] for row in rows]
        items = [cls.item_dict(row, links, today) for row in rows]
        if not items:
            return items
        topics = topics_by_item(cls.model, ids, links)
        related = {name: refs_by_item(cls.model, name, ids, links, basename) for name, basename in cls.m2m.items()}
        for item in items:
            item["topics"] = topics[item["id"]]
            for name, refs in related.items():
                item[name] = refs[item["id"]]
        if expand:
            for item in items:
                item["expanded"] = {}
            if "status" in expand:
                labels = status_labels()
                for item in items:
                    item["expanded"]["status"] = {"value": item["status"], "label": labels[item["status"]],
                                                  "since": item["status_changed_on"], "is_overdue": item["is_overdue"]}
            if "latest_update" in expand:
                update_model = cls.model.status_updates.rel.related_model
                summaries = update_summaries(update_model, [row["latest_update_id"] for row in rows], links,
                                             cls.update_basename)
                for row, item in zip(rows, items, strict=True):
                    item["expanded"]["latest_update"] = summaries.get(row["latest_update_id"])
            cls.expand_actors(rows, items, links, expand)
        return items


class TrackedFilterBackend(django_filters.rest_framework.DjangoFilterBackend):
    """The shared FilterSet, then ``id`` as the last sort key so equal dates keep
    one order from page to page."""

    BOOLEANS = {"true", "false", "1", "0", "yes", "no", "on", "off"}

    def filter_queryset(self, request, queryset, view):
        # django-filter reads "?overdue=maybe" as "no filter"; a consumer would
        # think the filter applied. Refuse it like any unknown value.
        filterset_class = self.get_filterset_class(view, queryset)
        for name, field in (filterset_class.base_filters.items() if filterset_class else ()):
            raw = request.query_params.get(name)
            if isinstance(field, django_filters.BooleanFilter) and raw is not None and raw.lower() not in self.BOOLEANS:
                raise exceptions.ValidationError({name: [_("“%(value)s” is not true or false.") % {"value": raw}]})
        queryset = super().filter_queryset(request, queryset, view)
        return queryset.order_by(*(queryset.query.order_by or queryset.model._meta.ordering), "pk")


class TrackedItemViewSet(LookupByIdMixin, ConditionalGetMixin, FastReadMixin, mixins.CreateModelMixin,
                         mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """List, read, create and update; never delete (items are unpublished instead)."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    permission_classes = [ModelPermissions]
    filter_backends = [TrackedFilterBackend]
    read_serializer = None
    write_serializer = None
    publish_permission = ""

    def get_queryset(self):
        model = self.read_serializer.model
        queryset = model.objects.all()
        if not can_see_drafts(self.request.user, model):
            queryset = queryset.public()
        return queryset

    def last_modified(self, request):
        """For one item read without expansions: its own last change or its newest
        status update's, whichever is later. Lists rely on the ETag alone."""
        row = getattr(self, "read_row", None)
        if row is None or request.query_params.get("expand"):
            return None
        update_model = self.read_serializer.model.status_updates.rel.related_model
        recorded = update_model.objects.filter(item_id=row["id"]).aggregate(latest=Max("created_at"))["latest"]
        return max(filter(None, (row["updated_at"], recorded)))

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer
        return self.read_serializer

    def read_serializer_class(self):
        return self.read_serializer

    def annotate_for_read(self, queryset):
        if "latest_update" in self.requested_expand():
            update_model = queryset.model.status_updates.rel.related_model
            newest = update_model.objects.filter(item=OuterRef("pk")).order_by("-on", "-pk")
            queryset = queryset.annotate(latest_update_id=Subquery(newest.values("pk")[:1]))
        return queryset

    def value_fields(self):
        fields = list(self.read_serializer.value_fields)
        if "latest_update" in self.requested_expand():
            fields.append("latest_update_id")
        return fields

    def check_publishing(self, serializer):
        """Publishing and unpublishing need the publish permission; editors save drafts."""
        if "is_published" not in serializer.validated_data:
            return
        wanted = serializer.validated_data["is_published"]
        current = serializer.instance.is_published if serializer.instance else False
        if wanted != current and not self.request.user.has_perm(self.publish_permission):
            raise exceptions.PermissionDenied(_("Publishing and unpublishing need the publish permission."))

    def _saved(self, serializer, status_code):
        self.check_publishing(serializer)
        with transaction.atomic():
            instance = serializer.save()
        return Response(self.represent_pk(instance.pk), status=status_code)

    def represent_pk(self, pk):
        queryset = self.annotate_for_read(self.read_serializer.model.objects.filter(pk=pk))
        rows = list(queryset.values(*self.value_fields()))
        return self._represent(rows)[0]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._saved(serializer, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        return self._saved(serializer, status.HTTP_200_OK)


class TrackedWriteSerializer(serializers.ModelSerializer):
    """Creating and changing a promise or directive. The slug is made from the
    title when not given; the database's constraints are checked before saving so
    a broken rule is a 400 with its message, not a server error."""

    slug = serializers.SlugField(required=False, max_length=200)
    topics = serializers.SlugRelatedField(many=True, slug_field="slug", queryset=Topic.objects.all(), required=False)
    slug_source = ""

    def validate_slug(self, value):
        model = self.Meta.model
        taken = model.objects.filter(slug=value)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError(_("This slug is already used."))
        return value

    def validate(self, attrs):
        model = self.Meta.model
        probe = model(**{f.attname: getattr(self.instance, f.attname) for f in model._meta.concrete_fields}) \
            if self.instance else model()
        for name, value in attrs.items():
            if not model._meta.get_field(name).many_to_many:
                setattr(probe, name, value)
        if self.instance is None and not attrs.get("slug"):
            attrs["slug"] = unique_slug(model, attrs.get(self.slug_source) or "item")
            probe.slug = attrs["slug"]
        probe.validate_constraints(exclude={"slug"})
        return attrs


# --- promises -------------------------------------------------------------


class PromiseReadSerializer(TrackedReadSerializer):
    model = Promise
    basename = "promise"
    update_basename = "promise-update"
    page_route = "promise_detail"
    expansions = ("party", "status", "latest_update")
    value_fields = ("id", "slug", "title", "quote", "measurable_target", "made_on", "target_date", "party_id",
                    "leader_id", "programme_id", "programme__party_id", "is_published", "created_at", "updated_at",
                    "current_status", "status_changed_on")

    title = serializers.CharField()
    measurable_target = serializers.CharField(allow_blank=True)
    made_on = serializers.DateField(allow_null=True)
    target_date = serializers.DateField(allow_null=True)
    party = serializers.IntegerField(allow_null=True, help_text=_("The party that made it (see also the programme)."))
    party_url = serializers.URLField(allow_null=True)
    leader = serializers.IntegerField(allow_null=True, help_text=_("The candidate or leader who made it."))
    leader_url = serializers.URLField(allow_null=True)
    programme = serializers.IntegerField(allow_null=True)
    programme_url = serializers.URLField(allow_null=True)
    expanded = inline_serializer(
        "PromiseExpanded",
        {
            "party": inline_serializer(
                "PromiseExpandedParty",
                {"id": serializers.IntegerField(), "url": serializers.URLField(), "slug": serializers.SlugField(),
                 "name": serializers.CharField(), "abbreviation": serializers.CharField(allow_blank=True)},
                allow_null=True, required=False,
            ),
            "status": CurrentStatusSerializer(required=False),
            "latest_update": UpdateSummarySerializer(allow_null=True, required=False),
        },
        required=False,
        help_text=_("Present with `?expand=`: the related items asked for, in full."),
    )

    @classmethod
    def item_dict(cls, row, links, today):
        item = cls.common_dict(row, links, row["target_date"], today)
        item.update(
            title=row["title"],
            measurable_target=row["measurable_target"],
            made_on=row["made_on"],
            target_date=row["target_date"],
            party=row["party_id"],
            party_url=links.api("party", row["party_id"]),
            leader=row["leader_id"],
            leader_url=links.api("leader", row["leader_id"]),
            programme=row["programme_id"],
            programme_url=links.api("programme", row["programme_id"]),
        )
        return item

    @classmethod
    def expand_actors(cls, rows, items, links, expand):
        if "party" not in expand:
            return
        # The promise's own party, else its programme's: who readers hold to it.
        party_of = {row["id"]: row["party_id"] or row["programme__party_id"] for row in rows}
        parties = {
            p["id"]: {**p, "url": links.api("party", p["id"])}
            for p in Party.objects.filter(pk__in=set(party_of.values()) - {None}).values(
                "id", "slug", "name", "abbreviation"
            )
        }
        for item in items:
            item["expanded"]["party"] = parties.get(party_of[item["id"]])


class PromiseWriteSerializer(TrackedWriteSerializer):
    slug_source = "title"
    party = serializers.PrimaryKeyRelatedField(queryset=Party.objects.all(), required=False, allow_null=True)
    leader = serializers.PrimaryKeyRelatedField(queryset=Leader.objects.all(), required=False, allow_null=True)
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Promise
        fields = ["slug", "title", "quote", "programme", "party", "leader", "made_on", "target_date",
                  "measurable_target", "topics", "is_published"]


PROMISE_EXAMPLE = {
    "id": 12,
    "url": "https://mandate.example/api/v1/promises/12/",
    "html_url": "https://mandate.example/promises/minimum-wage-100000/",
    "slug": "minimum-wage-100000",
    "title": "Raise the minimum wage to 100,000 tenge",
    "quote": "We will raise the minimum wage to 100,000 tenge by 2024.",
    "measurable_target": "minimum wage of 100,000 tenge",
    "made_on": "2021-01-10",
    "target_date": "2024-01-01",
    "party": 3,
    "party_url": "https://mandate.example/api/v1/parties/3/",
    "leader": None,
    "leader_url": None,
    "programme": 5,
    "programme_url": "https://mandate.example/api/v1/programmes/5/",
    "topics": [{"id": 2, "url": "https://mandate.example/api/v1/topics/2/", "slug": "economy", "name": "Economy"}],
    "status": "partially_fulfilled",
    "status_changed_on": "2023-01-01",
    "is_overdue": True,
    "is_published": True,
    "created_at": "2021-01-11T09:00:00Z",
    "updated_at": "2023-01-02T10:30:00Z",
}


@extend_schema_view(
    list=extend_schema(
        summary="List promises",
        parameters=[expand_parameter(PromiseReadSerializer.expansions)],
        examples=[OpenApiExample("A page of promises", value=PROMISE_EXAMPLE, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One promise",
        parameters=[expand_parameter(PromiseReadSerializer.expansions)],
        examples=[OpenApiExample("A promise", value=PROMISE_EXAMPLE, response_only=True)],
    ),
    create=extend_schema(summary="Create a promise (editors)", responses={201: PromiseReadSerializer}),
    update=extend_schema(summary="Replace a promise (editors)", responses={200: PromiseReadSerializer}),
    partial_update=extend_schema(summary="Change a promise (editors)", responses={200: PromiseReadSerializer}),
)
class PromiseViewSet(TrackedItemViewSet):
    """Election promises with their current status. Filters are the public pages':
    `?party=nur-otan&status=stalled&overdue=true&q=schools`."""

    read_serializer = PromiseReadSerializer
    write_serializer = PromiseWriteSerializer
    filterset_class = PromiseFilter
    publish_permission = "promises.publish_promise"


# --- status updates -------------------------------------------------------


class StatusUpdateReadSerializer(serializers.Serializer):
    """The read shape of one entry of the history. Subclasses add the item's id and URL."""

    model = None
    basename = ""
    item_field = ""
    item_basename = ""
    value_fields = UPDATE_FIELDS

    id = serializers.IntegerField()
    url = serializers.URLField()
    on = serializers.DateField()
    old_status = serializers.ChoiceField(choices=Status.choices)
    new_status = serializers.ChoiceField(choices=Status.choices)
    explanation = serializers.CharField()
    evidence = EvidenceSerializer(many=True)
    created_at = serializers.DateTimeField()

    @classmethod
    def rows_to_dicts(cls, rows, context):
        links = context["links"]
        evidence = evidence_by_update(cls.model, [row["id"] for row in rows], links)
        return [
            {"id": row["id"], "url": links.api(cls.basename, row["id"]),
             cls.item_field: row["item_id"], f"{cls.item_field}_url": links.api(cls.item_basename, row["item_id"]),
             "on": row["on"], "old_status": row["old_status"], "new_status": row["new_status"],
             "explanation": row["explanation"], "evidence": evidence[row["id"]], "created_at": row["created_at"]}
            for row in rows
        ]


class EvidenceInputSerializer(serializers.Serializer):
    url = serializers.URLField(required=False, allow_blank=True, max_length=1000)
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.all(), required=False, allow_null=True)


class StatusUpdateCreateSerializer(serializers.Serializer):
    """What recording a status update takes. The service checks the rest (a real
    change, a date not before the newest update, at least one piece of evidence)."""

    status = serializers.ChoiceField(choices=RATED_STATUSES)
    explanation = serializers.CharField()
    on = serializers.DateField(required=False, help_text=_("The day the status changed; today when left out."))
    evidence = EvidenceInputSerializer(many=True, help_text=_("At least one: an article id or a URL."))


class StatusUpdateFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("New status"), field_name="new_status",
                                                 choices=Status.choices)
    on_after = django_filters.DateFilter(label=_("On or after"), field_name="on", lookup_expr="gte")
    on_before = django_filters.DateFilter(label=_("On or before"), field_name="on", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(fields=(("on", "on"), ("created_at", "created_at")))


class StatusUpdateViewSet(LookupByIdMixin, ConditionalGetMixin, FastReadMixin, viewsets.ReadOnlyModelViewSet):
    """The append-only history: read it, add to it. Nothing here changes or deletes an entry."""

    http_method_names = ["get", "post", "head", "options"]
    permission_classes = [ModelPermissions]
    filter_backends = [TrackedFilterBackend]
    read_serializer = None
    create_serializer = None

    def get_queryset(self):
        model = self.read_serializer.model
        queryset = model.objects.all()
        item_model = model._meta.get_field("item").related_model
        if not can_see_drafts(self.request.user, item_model):
            queryset = queryset.filter(item__is_published=True)
        return queryset.order_by("-on", "-pk")

    def last_modified(self, request):
        # An update never changes once written.
        row = getattr(self, "read_row", None)
        return row["created_at"] if row else None

    def get_serializer_class(self):
        return self.create_serializer if self.action == "create" else self.read_serializer

    def read_serializer_class(self):
        return self.read_serializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        item = data.pop("item")
        if not item.is_published and not can_see_drafts(request.user, type(item)):
            raise exceptions.ValidationError({self.read_serializer.item_field: [_("No such item.")]})
        evidence = [dict(entry) for entry in data.pop("evidence")]
        # The one record service of the admin, for promises and directives alike.
        update = record_status(item=item, editor=request.user, evidence=evidence, **data)
        rows = list(self.read_serializer.model.objects.filter(pk=update.pk).values(*self.read_serializer.value_fields))
        return Response(self._represent(rows)[0], status=status.HTTP_201_CREATED)


class PromiseStatusUpdateReadSerializer(StatusUpdateReadSerializer):
    model = PromiseStatusUpdate
    basename = "promise-update"
    item_field = "promise"
    item_basename = "promise"

    promise = serializers.IntegerField()
    promise_url = serializers.URLField()


class PromiseStatusUpdateCreateSerializer(StatusUpdateCreateSerializer):
    promise = serializers.PrimaryKeyRelatedField(queryset=Promise.objects.all(), source="item")


class PromiseStatusUpdateFilter(StatusUpdateFilter):
    promise = IdFilter(label=_("Promise id"), field_name="item_id")

    class Meta:
        model = PromiseStatusUpdate
        fields = ["promise", "status", "on_after", "on_before"]


@extend_schema_view(
    list=extend_schema(summary="The status history of promises"),
    create=extend_schema(
        summary="Record a promise's status change (editors)",
        responses={201: PromiseStatusUpdateReadSerializer},
        examples=[OpenApiExample("A status change", request_only=True, value={
            "promise": 12, "status": "in_progress", "on": "2022-03-01",
            "explanation": "The law raising the minimum wage passed its first reading.",
            "evidence": [{"url": "https://news.example/2022/03/01/minimum-wage", "title": "Majilis backs wage law"}],
        })],
    ),
)
class PromiseStatusUpdateViewSet(StatusUpdateViewSet):
    read_serializer = PromiseStatusUpdateReadSerializer
    create_serializer = PromiseStatusUpdateCreateSerializer
    filterset_class = PromiseStatusUpdateFilter


# --- judging candidates -----------------------------------------------------


class CandidateJudgement(APIView):
    """Accept a candidate as a new item, or merge it into an existing one.
    Needs the permission to change candidates and to add the item."""

    permission_classes = [IsAuthenticated]
    needs = ()
    item_basename = ""

    def candidate(self, request, pk):
        if not request.user.has_perms(("sources.change_candidate", *self.needs)):
            raise exceptions.PermissionDenied()
        return get_object_or_404(Candidate.objects.select_related("article"), pk=pk)

    def created(self, request, item, status_code=status.HTTP_201_CREATED):
        links = Links(request)
        return Response({"id": item.pk, "url": links.api(self.item_basename, item.pk)}, status=status_code)


class AcceptPromiseSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, max_length=300)
    slug = serializers.SlugField(required=False, max_length=200)
    party = serializers.PrimaryKeyRelatedField(queryset=Party.objects.all(), required=False, allow_null=True)
    leader = serializers.PrimaryKeyRelatedField(queryset=Leader.objects.all(), required=False, allow_null=True)
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all(), required=False, allow_null=True)
    target_date = serializers.DateField(required=False, allow_null=True)
    measurable_target = serializers.CharField(required=False, allow_blank=True, max_length=300)
    topics = serializers.SlugRelatedField(many=True, slug_field="slug", queryset=Topic.objects.all(), required=False)


ITEM_REF = inline_serializer("CreatedItem", {"id": serializers.IntegerField(), "url": serializers.URLField()})


class AcceptPromiseView(CandidateJudgement):
    needs = ("promises.add_promise",)
    item_basename = "promise"

    @extend_schema(summary="Accept a candidate as a new promise (editors)", request=AcceptPromiseSerializer,
                   responses={201: ITEM_REF}, operation_id="candidates_accept_promise")
    def post(self, request, pk):
        candidate = self.candidate(request, pk)
        serializer = AcceptPromiseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        promise = promise_accept_candidate(candidate=candidate, editor=request.user, **serializer.validated_data)
        return self.created(request, promise)


class MergeIntoPromiseSerializer(serializers.Serializer):
    promise = serializers.PrimaryKeyRelatedField(queryset=Promise.objects.all())


class MergeIntoPromiseView(CandidateJudgement):
    needs = ("promises.change_promise",)
    item_basename = "promise"

    @extend_schema(summary="Add a candidate's article as a source of an existing promise (editors)",
                   request=MergeIntoPromiseSerializer, responses={200: ITEM_REF},
                   operation_id="candidates_merge_into_promise")
    def post(self, request, pk):
        candidate = self.candidate(request, pk)
        serializer = MergeIntoPromiseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        promise = serializer.validated_data["promise"]
        promise_merge_candidate(candidate=candidate, promise=promise, editor=request.user)
        return self.created(request, promise, status.HTTP_200_OK)

