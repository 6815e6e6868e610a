"""The endpoints each kind gets from one implementation: its status history
(``/api/v1/<kind>-updates/``: read it, add to it, never change it) and the candidate
judgements that create or extend one of its items; ``kind_endpoints`` makes them all,
with the item viewset of ``tracking.api``."""

import django_filters
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view, inline_serializer
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import (
    ApiLinkField,
    ConditionalGetMixin,
    FastReadMixin,
    IdFilter,
    Links,
    LookupByIdMixin,
    ModelPermissions,
    can_see_drafts,
)
from sources.models import Article, Candidate

from .api import UPDATE_FIELDS, TrackedFilterBackend, UpdateSummarySerializer, item_endpoint, updates_to_dicts
from .models import RATED_STATUSES, Status, StatusUpdate
from .services import candidate_merge, record_status

# --- status updates -------------------------------------------------------


class StatusUpdateReadSerializer(UpdateSummarySerializer):
    """The read shape of one entry of the history. Subclasses add the item's id and URL."""

    model = None
    basename = ""
    item_field = ""
    item_basename = ""
    value_fields = UPDATE_FIELDS

    created_at = serializers.DateTimeField()

    @classmethod
    def rows_to_dicts(cls, rows, context):
        return updates_to_dicts(cls, rows, context["links"])


class EvidenceInputSerializer(serializers.Serializer):
    url = serializers.URLField(required=False, allow_blank=True, max_length=1000)
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.all(), required=False, allow_null=True)


class StatusUpdateCreateSerializer(serializers.Serializer):
    """What recording a status update takes. The service checks the rest (a real
    change, a date not before the newest update, at least one piece of evidence)."""

    status = serializers.ChoiceField(choices=RATED_STATUSES)
    explanation = serializers.CharField(max_length=StatusUpdate._meta.get_field("explanation").max_length)
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
    item_model = None

    def get_queryset(self):
        queryset = self.read_serializer.model.objects.all()
        if not can_see_drafts(self.request.user, self.item_model):
            queryset = queryset.public()
        return queryset.newest_first()

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



ITEM_REF = inline_serializer("CreatedItem", {"id": serializers.IntegerField(), "url": serializers.URLField()})


def _title(kind):
    return kind.capitalize()


def status_update_endpoint(*, kind, item_model, update_model, example):
    """The viewset of one kind's status history (``/api/v1/<kind>-updates/``): its items
    are named ``<kind>`` and ``<kind>_url``, and it is filtered by ``?<kind>=<id>``."""
    name = f"{_title(kind)}StatusUpdate"
    read = type(f"{name}ReadSerializer", (StatusUpdateReadSerializer,), {
        "__module__": item_model.__module__, "model": update_model, "basename": f"{kind}-update", "item_field": kind,
        "item_basename": kind, kind: serializers.IntegerField(source="item_id"), f"{kind}_url": ApiLinkField(kind, source="item_id"),
    })
    create = type(f"{name}CreateSerializer", (StatusUpdateCreateSerializer,), {
        "__module__": item_model.__module__,
        kind: serializers.PrimaryKeyRelatedField(queryset=item_model.objects.all(), source="item"),
    })
    meta = type("Meta", (), {"model": update_model, "fields": [kind, "status", "on_after", "on_before"]})
    filterset = type(f"{name}Filter", (StatusUpdateFilter,), {
        "__module__": item_model.__module__, "Meta": meta,
        kind: IdFilter(label=_("%(kind)s id") % {"kind": _title(kind)}, field_name="item_id"),
    })
    viewset = type(f"{name}ViewSet", (StatusUpdateViewSet,), {
        "__module__": item_model.__module__, "read_serializer": read, "create_serializer": create,
        "filterset_class": filterset, "item_model": item_model,
    })
    return extend_schema_view(
        list=extend_schema(summary=f"The status history of {item_model._meta.verbose_name_plural}"),
        create=extend_schema(
            summary=f"Record a {item_model._meta.verbose_name}'s status change (editors)",
            responses={201: read},
            examples=[OpenApiExample("A status change", request_only=True, value=example)],
        ),
    )(viewset)


class AcceptView(CandidateJudgement):
    """Accept a candidate as a new item of a kind, with the fields of ``serializer``
    through the kind's ``accept`` service."""

    serializer = None
    accept = None

    def post(self, request, pk):
        candidate = self.candidate(request, pk)
        serializer = self.serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = type(self).accept(candidate=candidate, editor=request.user, **serializer.validated_data)
        return self.created(request, item)


class MergeView(CandidateJudgement):
    """Add a candidate's article as a source of an existing item of a kind."""

    serializer = None

    def post(self, request, pk):
        candidate = self.candidate(request, pk)
        serializer = self.serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = serializer.validated_data[self.item_basename]
        candidate_merge(candidate=candidate, item=item, editor=request.user)
        return self.created(request, item, status.HTTP_200_OK)


def judgement_views(*, kind, item_model, accept_serializer, accept):
    """The accept and merge endpoints of one kind: ``/candidates/{id}/accept-<kind>/``
    and ``/candidates/{id}/merge-into-<kind>/``."""
    opts = item_model._meta
    merge_serializer = type(f"MergeInto{_title(kind)}Serializer", (serializers.Serializer,), {
        "__module__": item_model.__module__, kind: serializers.PrimaryKeyRelatedField(queryset=item_model.objects.all()),
    })
    accept_view = type(f"Accept{_title(kind)}View", (AcceptView,), {
        "needs": (f"{opts.app_label}.add_{opts.model_name}",), "item_basename": kind,
        "serializer": accept_serializer, "accept": staticmethod(accept),
    })
    accept_view.post = extend_schema(
        summary=f"Accept a candidate as a new {opts.verbose_name} (editors)", request=accept_serializer,
        responses={201: ITEM_REF}, operation_id=f"candidates_accept_{kind}",
    )(_own_copy(AcceptView.post))
    merge_view = type(f"MergeInto{_title(kind)}View", (MergeView,), {
        "needs": (f"{opts.app_label}.change_{opts.model_name}",), "item_basename": kind,
        "serializer": merge_serializer,
    })
    merge_view.post = extend_schema(
        summary=f"Add a candidate's article as a source of an existing {opts.verbose_name} (editors)",
        request=merge_serializer, responses={200: ITEM_REF}, operation_id=f"candidates_merge_into_{kind}",
    )(_own_copy(MergeView.post))
    return accept_view, merge_view


def _own_copy(method):
    """A function of its own for each view: the schema decorator writes on the function."""

    def post(self, request, pk):
        return method(self, request, pk)

    return post


def kind_endpoints(*, read, write, filterset, update_model, accept_serializer, accept, description):
    """Every endpoint of one kind: its viewset, its status history's, and the candidate
    judgements that create or extend one of its items. ``read.example`` is an item as the
    API returns it, ``read.update_example`` a status change as an editor records it."""
    model, kind = read.model, str(read.model.KIND)
    return (
        item_endpoint(read=read, write=write, filterset=filterset, example=read.example, description=description),
        status_update_endpoint(kind=kind, item_model=model, update_model=update_model,
                               example=read.update_example),
        *judgement_views(kind=kind, item_model=model, accept_serializer=accept_serializer, accept=accept),
    )
