"""The actors in the API: leaders with their offices, parties with their dated
names, elections, programmes and topics. Read-only; editors change them in the admin."""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import filters, serializers, viewsets

from core.api import ApiLinkField, ConditionalGetMixin, LookupByIdMixin, PageLinkField, StrictOrderingFilter
from core.translated import every_language
from core.translated_api import InLanguageField

from .models import Election, Leader, Office, Party, PartyName, Programme, Topic

# --- serializers ----------------------------------------------------------


class OfficeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Office
        fields = ["title", "jurisdiction", "start", "end"]


class LeaderSerializer(serializers.ModelSerializer):
    url = ApiLinkField("leader", source="pk")
    html_url = PageLinkField("leader_detail", source="slug")
    full_name = InLanguageField()
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="alias")
    offices = OfficeSerializer(many=True, read_only=True)

    class Meta:
        model = Leader
        fields = ["id", "url", "html_url", "slug", "full_name", "aliases", "country", "born_on", "bio", "website",
                  "offices", "updated_at"]


class PartyNameSerializer(serializers.ModelSerializer):
    name = InLanguageField()

    class Meta:
        model = PartyName
        fields = ["name", "valid_from", "valid_to"]


class PartySerializer(serializers.ModelSerializer):
    url = ApiLinkField("party", source="pk")
    html_url = PageLinkField("party_detail", source="slug")
    parent_url = ApiLinkField("party", source="parent_id", allow_null=True)
    name = InLanguageField()
    names = PartyNameSerializer(many=True, read_only=True)
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="alias")

    class Meta:
        model = Party
        fields = ["id", "url", "html_url", "slug", "name", "abbreviation", "names", "aliases", "country", "parent",
                  "parent_url", "founded_on", "dissolved_on", "website", "description", "updated_at"]


class ElectionSerializer(serializers.ModelSerializer):
    url = ApiLinkField("election", source="pk")
    html_url = PageLinkField("election_detail", source="slug")
    name = InLanguageField()

    class Meta:
        model = Election
        fields = ["id", "url", "html_url", "slug", "name", "country", "held_on", "kind", "description"]


class ProgrammeSerializer(serializers.ModelSerializer):
    url = ApiLinkField("programme", source="pk")
    html_url = PageLinkField("programme_detail", source="slug")
    election_url = ApiLinkField("election", source="election_id", allow_null=True)
    party_url = ApiLinkField("party", source="party_id", allow_null=True)
    leader_url = ApiLinkField("leader", source="leader_id", allow_null=True)
    title = InLanguageField()
    summary = InLanguageField()

    class Meta:
        model = Programme
        fields = ["id", "url", "html_url", "slug", "title", "election", "election_url", "party", "party_url",
                  "leader", "leader_url", "published_on", "source_url", "summary"]


class TopicSerializer(serializers.ModelSerializer):
    url = ApiLinkField("topic", source="pk")
    html_url = PageLinkField("topic_detail", source="slug")
    name = InLanguageField()

    class Meta:
        model = Topic
        fields = ["id", "url", "html_url", "slug", "name", "description"]


# --- filters --------------------------------------------------------------


class LeaderFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(label=_("Country"), lookup_expr="iexact")
    office = django_filters.CharFilter(label=_("Office title held at any time"), field_name="offices__title",
                                       lookup_expr="iexact", distinct=True)

    class Meta:
        model = Leader
        fields = ["country", "office"]


class PartyFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(label=_("Country"), lookup_expr="iexact")
    parent = django_filters.ModelChoiceFilter(label=_("Parent party"), queryset=Party.objects.all(),
                                              to_field_name="slug")

    class Meta:
        model = Party
        fields = ["country", "parent"]


class ElectionFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(label=_("Country"), lookup_expr="iexact")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Election.Kind.choices)
    held_after = django_filters.DateFilter(label=_("Held on or after"), field_name="held_on", lookup_expr="gte")
    held_before = django_filters.DateFilter(label=_("Held on or before"), field_name="held_on", lookup_expr="lte")

    class Meta:
        model = Election
        fields = ["country", "kind", "held_after", "held_before"]


class ProgrammeFilter(django_filters.FilterSet):
    election = django_filters.ModelChoiceFilter(label=_("Election"), queryset=Election.objects.all(),
                                                to_field_name="slug")
    party = django_filters.ModelChoiceFilter(label=_("Party"), queryset=Party.objects.all(), to_field_name="slug")
    leader = django_filters.ModelChoiceFilter(label=_("Candidate"), queryset=Leader.objects.all(),
                                              to_field_name="slug")

    class Meta:
        model = Programme
        fields = ["election", "party", "leader"]


# --- views ----------------------------------------------------------------


class ReadOnlyViewSet(LookupByIdMixin, ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, filters.SearchFilter,
                       StrictOrderingFilter]


class LeaderViewSet(ReadOnlyViewSet):
    """Leaders, with their aliases and the offices they held. `?office=President` finds whoever ever held one."""

    queryset = Leader.objects.prefetch_related("aliases", "offices").order_by("full_name", "id")
    serializer_class = LeaderSerializer
    filterset_class = LeaderFilter
    search_fields = [*every_language("full_name"), *every_language("aliases__alias")]
    ordering_fields = ["full_name", "born_on", "updated_at", "id"]


class PartyViewSet(ReadOnlyViewSet):
    """Parties, with every name they went by (dated) and their aliases."""

    queryset = Party.objects.prefetch_related(
        Prefetch("names", queryset=PartyName.objects.order_by("valid_from", "id")), "aliases"
    ).order_by("name", "id")
    serializer_class = PartySerializer
    filterset_class = PartyFilter
    search_fields = [*every_language("name"), "abbreviation", *every_language("names__name"), *every_language("aliases__alias")]
    ordering_fields = ["name", "founded_on", "updated_at", "id"]


class ElectionViewSet(ReadOnlyViewSet):
    queryset = Election.objects.order_by("-held_on", "id")
    serializer_class = ElectionSerializer
    filterset_class = ElectionFilter
    search_fields = [*every_language("name"), "country"]
    ordering_fields = ["held_on", "name", "id"]


class ProgrammeViewSet(ReadOnlyViewSet):
    queryset = Programme.objects.order_by("-published_on", "title", "id")
    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilter
    search_fields = [*every_language("title"), *every_language("summary")]
    ordering_fields = ["published_on", "title", "id"]


class TopicViewSet(ReadOnlyViewSet):
    queryset = Topic.objects.order_by("name", "id")
    serializer_class = TopicSerializer
    search_fields = [*every_language("name"), "description"]
    ordering_fields = ["name", "id"]
