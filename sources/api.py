"""Articles (their public fields) and, for editors only, the candidates that
statement finding proposed. Accepting or merging a candidate is a service of the
app that owns the result, so those endpoints live in ``promises.api`` and
``directives.api``; rejecting is this app's."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import decorators, filters, serializers, viewsets
from rest_framework.response import Response

from core.api import (
    ApiLinkField,
    ConditionalGetMixin,
    EditorsOnly,
    IdFilter,
    LookupByIdMixin,
    StrictOrderingFilter,
)

from .models import Article, Candidate
from .services import candidate_reject

# Articles the public may see: fetched ones. Pending and failed fetches are the
# editors' business (and may hold nothing but a URL).
PUBLIC_ARTICLE_STATES = (Article.State.FETCHED, Article.State.DONE, Article.State.DUPLICATE)


class ArticleSerializer(serializers.ModelSerializer):
    """An article's public fields: where and when it appeared, not its text."""

    url = ApiLinkField("article", source="pk")
    link = serializers.URLField(source="url", help_text=_("The article's canonical URL."))
    outlet = serializers.CharField(source="outlet.name", allow_null=True, default=None)
    outlet_domain = serializers.CharField(source="outlet.domain", allow_null=True, default=None)
    duplicate_of_url = ApiLinkField("article", source="duplicate_of_id", allow_null=True)

    class Meta:
        model = Article
        fields = ["id", "url", "link", "title", "published_on", "language", "outlet", "outlet_domain",
                  "duplicate_of", "duplicate_of_url"]


class ArticleFilter(django_filters.FilterSet):
    outlet = django_filters.CharFilter(label=_("Outlet domain"), field_name="outlet__domain", lookup_expr="iexact")
    language = django_filters.CharFilter(label=_("Language"), lookup_expr="iexact")
    published_after = django_filters.DateFilter(label=_("Published on or after"), field_name="published_on",
                                                lookup_expr="gte")
    published_before = django_filters.DateFilter(label=_("Published on or before"), field_name="published_on",
                                                 lookup_expr="lte")

    class Meta:
        model = Article
        fields = ["outlet", "language", "published_after", "published_before"]


class ArticleViewSet(LookupByIdMixin, ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """Articles that reported directives and promises or serve as evidence."""

    queryset = Article.objects.filter(state__in=PUBLIC_ARTICLE_STATES).select_related("outlet").order_by(
        "-published_on", "-id"
    )
    serializer_class = ArticleSerializer
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, filters.SearchFilter,
                       StrictOrderingFilter]
    filterset_class = ArticleFilter
    search_fields = ["title"]
    ordering_fields = ["published_on", "title", "id"]


class CandidateSerializer(serializers.ModelSerializer):
    url = ApiLinkField("candidate", source="pk")
    article_url = ApiLinkField("article", source="article_id")
    speaker_url = ApiLinkField("leader", source="speaker_id", allow_null=True)
    addressee_party_url = ApiLinkField("party", source="addressee_party_id", allow_null=True)
    addressee_leader_url = ApiLinkField("leader", source="addressee_leader_id", allow_null=True)

    class Meta:
        model = Candidate
        fields = ["id", "url", "article", "article_url", "kind", "sentence", "start", "end", "action",
                  "speaker_text", "speaker_name", "speaker", "speaker_url", "addressee_text", "addressee_name",
                  "addressee_party", "addressee_party_url", "addressee_leader", "addressee_leader_url", "confidence",
                  "rule", "state", "reviewed_at", "created_at"]
        read_only_fields = fields


class CandidateFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=Candidate.State.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Candidate.Kind.choices)
    article = IdFilter(label=_("Article id"), field_name="article_id")
    min_confidence = django_filters.NumberFilter(label=_("Confidence at least"), field_name="confidence",
                                                 lookup_expr="gte")

    class Meta:
        model = Candidate
        fields = ["state", "kind", "article", "min_confidence"]


class CandidateJudges(EditorsOnly):
    """Reading needs the view permission; the one write here, judging, the change permission."""

    perms_map = {**EditorsOnly.perms_map, "POST": ["%(app_label)s.change_%(model_name)s"]}


@extend_schema_view(
    list=extend_schema(summary="The review queue (editors)"),
    retrieve=extend_schema(summary="One candidate (editors)"),
)
class CandidateViewSet(LookupByIdMixin, ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """Statements ingestion found and editors judge. Editors only: reading needs
    ``sources.view_candidate``, rejecting ``sources.change_candidate``."""

    queryset = Candidate.objects.order_by("-confidence", "-created_at", "start", "id")  # likeliest first
    serializer_class = CandidateSerializer
    permission_classes = [CandidateJudges]
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, filters.SearchFilter,
                       StrictOrderingFilter]
    filterset_class = CandidateFilter
    search_fields = ["sentence", "speaker_name", "addressee_name"]
    ordering_fields = ["created_at", "confidence", "id"]

    @extend_schema(summary="Reject a candidate (editors)", request=None, responses={200: CandidateSerializer})
    @decorators.action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        candidate = candidate_reject(candidate=self.get_object(), editor=request.user)
        return Response(self.get_serializer(candidate).data)
