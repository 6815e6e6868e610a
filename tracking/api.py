"""The API of every tracked item, for promises and directives alike: the read shape
and fast read path, the filters' backend, writes through ``tracking.services``, the
append-only status history, and the pieces of the candidate judgements.

Reads go through ``core.api.FastReadMixin``: a page of ``.values()`` rows,
plus one query per many-to-many field and per expansion, whatever the page
size. Writes go through the services the admin uses: an item is created and
changed with ``item_create``/``item_update``, a status update is recorded with
``record_status`` (append-only, evidence required) and can never be changed or
deleted through the API (405).

Drafts: a user allowed to view a kind in the admin (Editors, Reviewers) sees
its unpublished items and their updates; everyone else sees ``.public()`` only.
Publishing or unpublishing needs the kind's publish permission."""

import functools

import django_filters
from django.db.models import F, Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view, inline_serializer
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.response import Response

from core.api import (
    ApiLinkField,
    ConditionalGetMixin,
    FastReadMixin,
    LookupByIdMixin,
    ModelPermissions,
    PageLinkField,
    can_see_drafts,
    expand_parameter,
    row_reader,
)
from core.cache import filterset_parameters
from core.prepared import prepared_rows
from core.translated import every_language
from core.translated_api import InLanguageField
from politics.models import Topic
from politics.services import unique_slug

from .models import Correction, Evidence, Status, StatusUpdate, TrackedItem, is_overdue
from .services import item_create, item_update

# --- shared reading helpers -----------------------------------------------


def m2m_pairs(model, field_name, ids, *extra, public_only=False):
    """``(item id, related id, *extra related values)`` for a many-to-many field of
    ``model`` over the items ``ids``: one query for a whole page, its SQL built once per
    shape (core/prepared.py). ``public_only``: only related tracked items readers may see
    (published ones)."""
    return prepared_rows(_m2m_pairs_query, ids, model, field_name, *extra, public_only=public_only)


def _m2m_pairs_query(ids, model, field_name, *extra, public_only=False):
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    pairs = through.objects.filter(**{f"{source}_id__in": ids})
    if public_only:
        pairs = pairs.filter(**{f"{target}__is_published": True})
    return pairs.order_by(f"{target}_id").values_list(
        f"{source}_id", f"{target}_id", *[f"{target}__{name}" for name in extra]
    )


def hides_drafts_of(model, field_name, user):
    """Whether ``user`` must not see unpublished items among ``field_name``'s related items:
    a directive's promises are listed to readers only when published."""
    related = model._meta.get_field(field_name).related_model
    return issubclass(related, TrackedItem) and not can_see_drafts(user, related)


def refs_by_item(model, field_name, ids, links, basename, *, public_only=False):
    """``{item id: [{"id", "url"}, ...]}`` for a many-to-many field."""
    found = {pk: [] for pk in ids}
    for item_id, related_id in m2m_pairs(model, field_name, ids, public_only=public_only):
        found[item_id].append({"id": related_id, "url": links.api(basename, related_id)})
    return found


def topics_by_item(model, ids, links):
    found = {pk: [] for pk in ids}
    for item_id, topic_id, slug, name in m2m_pairs(model, "topics", ids, "slug", "name"):
        found[item_id].append({"id": topic_id, "url": links.api("topic", topic_id), "slug": slug, "name": name})
    return found


def status_labels():
    return {value: str(label) for value, label in Status.choices}


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()


class TopicRefSerializer(RefSerializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class OverdueField(serializers.BooleanField):
    """Whether an item is past its deadline and not fulfilled: read from its row's deadline
    column (``context["model"].deadline_field``) and status."""

    def row_reader(self, serializer_class, context):
        deadline, today = context["model"].deadline_field, timezone.localdate()
        return lambda row: is_overdue(row[deadline], row["current_status"], today)


class StatusLabelField(serializers.CharField):
    """A status's label, in the language of the response, from the status in ``source``."""

    def row_reader(self, serializer_class, context):
        labels, source = status_labels(), self.source
        return lambda row: labels[row[source]]


class CurrentStatusSerializer(serializers.Serializer):
    value = serializers.ChoiceField(choices=Status.choices, source="current_status")
    label = StatusLabelField(source="current_status")
    since = serializers.DateField(allow_null=True, source="status_changed_on",
                                  help_text=_("The date of the update that set it."))
    is_overdue = OverdueField()


class EvidenceLinkField(serializers.URLField):
    """A piece of evidence's own link, else its article's (``article_link``: see ``EVIDENCE_VALUES``)."""

    def row_reader(self, serializer_class, context):
        return lambda row: row["url"] or row["article_link"] or ""


class EvidenceSerializer(serializers.Serializer):
    url = EvidenceLinkField(allow_blank=True, help_text=_("The evidence's link (the article's, when it is one)."))
    title = serializers.CharField(allow_blank=True)
    article = serializers.IntegerField(allow_null=True, source="article_id")
    article_url = ApiLinkField("article", source="article_id", allow_null=True)


class UpdateSummarySerializer(serializers.Serializer):
    basename = None  # the API route of its kind's updates

    id = serializers.IntegerField()
    url = ApiLinkField(None, source="id")
    on = serializers.DateField()
    old_status = serializers.ChoiceField(choices=Status.choices)
    new_status = serializers.ChoiceField(choices=Status.choices)
    explanation = InLanguageField()
    evidence = EvidenceSerializer(many=True)


# The columns EvidenceSerializer reads, from an update's row (``update_id`` included).
EVIDENCE_VALUES = ("url", "title", "article_id")
EVIDENCE_JOINED = {"article_link": F("article__url")}


def evidence_by_update(update_ids, links):
    found = {pk: [] for pk in update_ids}
    read = row_reader(EvidenceSerializer, {"links": links})
    for row in prepared_rows(_evidence_query, update_ids):
        found[row["update_id"]].append(read(row))
    return found


def _evidence_query(update_ids):
    return Evidence.objects.filter(update_id__in=update_ids).order_by("pk").values(
        "update_id", *EVIDENCE_VALUES, **EVIDENCE_JOINED
    )


# The explanation in every language: a reader gets theirs (core/i18n.py), else the original.
UPDATE_FIELDS = ("id", "item_id", "on", "old_status", "new_status", *every_language("explanation"), "created_at")


def updates_to_dicts(serializer_class, rows, links):
    """Status update rows as ``serializer_class`` (an ``UpdateSummarySerializer``) has them, with
    their evidence: one query for any number of updates."""
    read = row_reader(serializer_class, {"links": links})
    evidence = evidence_by_update([row["id"] for row in rows], links)
    updates = []
    for row in rows:
        update = read(row)
        update["evidence"] = evidence[row["id"]]
        updates.append(update)
    return updates


def _summary_query(update_ids):
    joined = {name: F(f"evidence__{name}") for name in EVIDENCE_VALUES}
    joined.update({name: F(f"evidence__{column.name}") for name, column in EVIDENCE_JOINED.items()})
    return StatusUpdate.objects.filter(pk__in=update_ids).order_by("pk", "evidence__pk").values(
        *UPDATE_FIELDS, evidence_id=F("evidence__pk"), **joined
    )


def update_summaries(update_ids, links, serializer_class):
    """``{update id: summary dict}``: one query for any number of updates, their evidence
    joined (a row per piece of evidence)."""
    rows = prepared_rows(_summary_query, [pk for pk in update_ids if pk is not None])
    read, read_evidence = row_reader(serializer_class, {"links": links}), row_reader(EvidenceSerializer, {"links": links})
    summaries = {}
    for row in rows:
        summary = summaries.get(row["id"])
        if summary is None:
            summary = summaries[row["id"]] = read(row)
            summary["evidence"] = []
        if row["evidence_id"] is not None:
            summary["evidence"].append(read_evidence(row))
    return summaries


# --- tracked items: what promises and directives share ----------------------


API_ROOT = "https://mandate.example"


def item_example(kind, pk, slug, *, status, status_changed_on, is_overdue, created_at, updated_at, topic, **own):
    """An item as the API returns it, for the schema: the fields every kind has, around ``own``."""
    return {
        "id": pk, "url": f"{API_ROOT}/api/v1/{kind}s/{pk}/", "html_url": f"{API_ROOT}/{kind}s/{slug}/", "slug": slug,
        **own,
        "topics": [{"id": 2, "url": f"{API_ROOT}/api/v1/topics/2/", "slug": slugify(topic), "name": topic}],
        "status": status, "status_changed_on": status_changed_on, "is_overdue": is_overdue, "is_published": True,
        "created_at": created_at, "updated_at": updated_at,
    }


def status_change_example(kind, pk, status, on, explanation, evidence):
    """A status change as an editor records it, for the schema; ``evidence``: (url, title)."""
    return {kind: pk, "status": status, "on": on, "explanation": explanation,
            "evidence": [{"url": evidence[0], "title": evidence[1]}]}


class TrackedReadSerializer(serializers.Serializer):
    """The read shape of a promise or directive."""

    # Subclasses declare their own fields, once each: the schema shows them and
    # ``core.api.row_reader`` reads a ``.values()`` row by them (``value_fields``: the columns
    # to fetch, ``m2m`` and the expansions: what ``rows_to_dicts`` adds for a whole page).

    model = None
    m2m = {}  # field name -> API basename of the related items
    expansions = ("status", "latest_update")
    value_fields = ()

    id = serializers.IntegerField()
    url = ApiLinkField(None, source="id", help_text=_("This item in the API."))
    html_url = PageLinkField(None, source="slug", help_text=_("This item's public page."))
    slug = serializers.SlugField()
    quote = serializers.CharField()
    topics = TopicRefSerializer(many=True)
    status = serializers.ChoiceField(choices=Status.choices, source="current_status", help_text=_("The current status: the newest update's."))
    status_changed_on = serializers.DateField(allow_null=True)
    is_overdue = OverdueField(help_text=_("Past its deadline and not fulfilled."))
    is_published = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.model is not None:
            # The kind's routes: /api/v1/<kind>s/, /api/v1/<kind>-updates/, the page <kind>_detail.
            kind = str(cls.model.KIND)
            cls.basename, cls.page_route = kind, f"{kind}_detail"
            # The latest update, when expanded: a summary linking to /api/v1/<kind>-updates/<id>/.
            cls.update_summary = type(f"{cls.model.__name__}UpdateSummarySerializer", (UpdateSummarySerializer,),
                                      {"__module__": cls.__module__, "basename": f"{kind}-update"})

    @classmethod
    def expand_actors(cls, rows, items, links):
        """Subclasses fill ``expanded`` with the actor consumers always want."""

    @classmethod
    def rows_to_dicts(cls, rows, context):
        links, expand = context["links"], context["expand"]
        ids = [row["id"] for row in rows]
        context = {**context, "model": cls.model}
        read = row_reader(cls, context)
        items = [read(row) for row in rows]
        if not items:
            return items
        topics = topics_by_item(cls.model, ids, links)
        user = context["request"].user
        related = {
            name: refs_by_item(cls.model, name, ids, links, basename,
                               public_only=hides_drafts_of(cls.model, name, user))
            for name, basename in cls.m2m.items()
        }
        for item in items:
            item["topics"] = topics[item["id"]]
            for name, refs in related.items():
                item[name] = refs[item["id"]]
        if expand:
            for item in items:
                item["expanded"] = {}
            if "status" in expand:
                status_of = row_reader(CurrentStatusSerializer, context)
                for row, item in zip(rows, items, strict=True):
                    item["expanded"]["status"] = status_of(row)
            if "latest_update" in expand:
                summaries = update_summaries([row["latest_update_id"] for row in rows], links, cls.update_summary)
                for row, item in zip(rows, items, strict=True):
                    item["expanded"]["latest_update"] = summaries.get(row["latest_update_id"])
            cls.expand_actors(rows, items, links, expand)
        return items


def expanded_field(name, actor, actor_fields, **actor_options):
    """The ``expanded`` object of a kind, for the schema: its actor in full (``actor_fields``),
    the status and the latest update."""
    return inline_serializer(
        f"{name}Expanded",
        {
            actor: inline_serializer(f"{name}Expanded{actor.capitalize()}", actor_fields, required=False,
                                     **actor_options),
            "status": CurrentStatusSerializer(required=False),
            "latest_update": UpdateSummarySerializer(allow_null=True, required=False),
        },
        required=False,
        help_text=_("Present with `?expand=`: the related items asked for, in full."),
    )


class TrackedFilterBackend(django_filters.rest_framework.DjangoFilterBackend):
    """The shared FilterSet, then ``id`` as the last sort key so equal dates keep
    one order from page to page."""

    BOOLEANS = {"true", "false", "1", "0", "yes", "no", "on", "off"}

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not asks_to_filter(request, filterset_class):
            # No filter asked for: the FilterSet would give the queryset back as it is, after
            # copying its filters and building and cleaning a form (a fifth of a list's time).
            return self.ordered(queryset)
        # django-filter reads "?overdue=maybe" as "no filter"; a consumer would
        # think the filter applied. Refuse it like any unknown value.
        for name, field in (filterset_class.base_filters.items() if filterset_class else ()):
            raw = request.query_params.get(name)
            if isinstance(field, django_filters.BooleanFilter) and raw is not None and raw.lower() not in self.BOOLEANS:
                raise exceptions.ValidationError({name: [_("“%(value)s” is not true or false.") % {"value": raw}]})
        return self.ordered(super().filter_queryset(request, queryset, view))

    @staticmethod
    def ordered(queryset):
        return queryset.order_by(*(queryset.query.order_by or queryset.model._meta.ordering), "pk")


@functools.cache
def filter_parameters(filterset_class):
    """The query parameters ``filterset_class`` reads, worked out once per class."""
    return filterset_parameters(filterset_class)


def asks_to_filter(request, filterset_class):
    """Whether the request names any of the parameters ``filterset_class`` reads."""
    return any(name in request.query_params for name in filter_parameters(filterset_class))


class TrackedItemViewSet(LookupByIdMixin, ConditionalGetMixin, FastReadMixin, mixins.CreateModelMixin,
                         mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """List, read, create and update; never delete (items are unpublished instead)."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    permission_classes = [ModelPermissions]
    filter_backends = [TrackedFilterBackend]
    read_serializer = None
    write_serializer = None

    @classmethod
    def items(cls, *, drafts):
        """Every item of the kind (``drafts``: unpublished ones too), or those readers may see."""
        manager = cls.read_serializer.model.objects
        return manager.all() if drafts else manager.public()

    def get_queryset(self):
        return self.items(drafts=can_see_drafts(self.request.user, self.read_serializer.model))

    def last_modified(self, request):
        """For one item read without expansions: its own last change or its newest
        status update's, whichever is later. Lists rely on the ETag alone."""
        row = getattr(self, "read_row", None)
        if row is None or request.query_params.get("expand"):
            return None
        recorded = StatusUpdate.objects.filter(item_id=row["id"]).aggregate(latest=Max("created_at"))["latest"]
        return max(filter(None, (row["updated_at"], recorded)))

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer
        return self.read_serializer

    def read_serializer_class(self):
        return self.read_serializer

    def read_rows(self, queryset):
        return self.rows_of(queryset, self.requested_expand())

    @classmethod
    def rows_of(cls, queryset, expand):
        """``queryset`` as the read serializer's rows, with the newest update's id when expanded."""
        fields = list(cls.read_serializer.value_fields)
        if "latest_update" in expand:
            newest = StatusUpdate.objects.filter(item=OuterRef("pk")).order_by("-on", "-pk")
            queryset = queryset.annotate(latest_update_id=Subquery(newest.values("pk")[:1]))
            fields.append("latest_update_id")
        return queryset.values(*fields)

    def list_shape(self):
        """With no filter asked for, a list depends on whether the reader sees drafts and on
        the expansions, nothing else (page and size are slices of it)."""
        if asks_to_filter(self.request, self.filterset_class):
            return None
        return can_see_drafts(self.request.user, self.read_serializer.model), tuple(sorted(self.requested_expand()))

    @classmethod
    def shaped_rows(cls, shape):
        drafts, expand = shape
        return cls.rows_of(TrackedFilterBackend.ordered(cls.items(drafts=drafts)), expand)

    def check_publishing(self, serializer):
        """Publishing and unpublishing need the publish permission; editors save drafts."""
        if "is_published" not in serializer.validated_data:
            return
        wanted = serializer.validated_data["is_published"]
        current = serializer.instance.is_published if serializer.instance else False
        opts = self.read_serializer.model._meta
        if wanted != current and not self.request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}"):
            raise exceptions.PermissionDenied(_("Publishing and unpublishing need the publish permission."))

    def _save(self, serializer, status_code):
        self.check_publishing(serializer)
        fields = dict(serializer.validated_data)
        correction = fields.pop("correction", "")
        many = {f.name: fields.pop(f.name) for f in serializer.Meta.model._meta.many_to_many if f.name in fields}
        if serializer.instance is None:
            item = item_create(model=serializer.Meta.model, editor=self.request.user, many=many, **fields)
        else:
            item = item_update(item=serializer.instance, editor=self.request.user, many=many, correction=correction,
                               **fields)
        return Response(self.represent_pk(item.pk), status=status_code)

    def represent_pk(self, pk):
        rows = list(self.read_rows(self.read_serializer.model.objects.filter(pk=pk)))
        return self._represent(rows)[0]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._save(serializer, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        return self._save(serializer, status.HTTP_200_OK)


def item_endpoint(*, read, write, filterset, example, description):
    """The viewset of one kind (``/api/v1/<kind>s/``) with its OpenAPI description:
    summaries, the expansions, an example item."""
    model = read.model
    one, many = str(model._meta.verbose_name), str(model._meta.verbose_name_plural)
    viewset = type(f"{model.__name__}ViewSet", (TrackedItemViewSet,), {
        "__module__": model.__module__, "__doc__": description, "read_serializer": read, "write_serializer": write,
        "filterset_class": filterset,
    })
    expand = [expand_parameter(read.expansions)]
    return extend_schema_view(
        list=extend_schema(summary=f"List {many}", parameters=expand,
                           examples=[OpenApiExample(f"A page of {many}", value=example, response_only=True)]),
        retrieve=extend_schema(summary=f"One {one}", parameters=expand,
                               examples=[OpenApiExample(f"A {one}", value=example, response_only=True)]),
        create=extend_schema(summary=f"Create a {one} (editors)", responses={201: read}),
        update=extend_schema(summary=f"Replace a {one} (editors)", responses={200: read}),
        partial_update=extend_schema(summary=f"Change a {one} (editors)", responses={200: read}),
    )(viewset)


class TrackedWriteSerializer(serializers.ModelSerializer):
    """Creating and changing a promise or directive. The slug is made from the
    title when not given; the database's constraints are checked before saving so
    a broken rule is a 400 with its message, not a server error."""

    slug = serializers.SlugField(required=False, max_length=200)
    topics = serializers.SlugRelatedField(many=True, slug_field="slug", queryset=Topic.objects.all(), required=False)
    correction = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=Correction._meta.get_field("note").max_length,
        help_text=_("With a change to a published item: what was wrong, for readers. Every change to a published "
                    "item's public fields is dated in the public corrections log, from what to what, note or not."),
    )
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
            if name != "correction" and not model._meta.get_field(name).many_to_many:
                setattr(probe, name, value)
        if self.instance is None and not attrs.get("slug"):
            attrs["slug"] = unique_slug(model, attrs.get(self.slug_source) or "item")
            probe.slug = attrs["slug"]
        probe.validate_constraints(exclude={"slug"})
        return attrs
