"""A kind's querysets: what is public, and counts read from the parent table alone."""

import datetime

import pytest
from django.db.models import Q

from directives.models import Directive
from directives.tests.factories import DirectiveFactory
from politics.tests.factories import TopicFactory
from promises.models import Promise
from promises.tests.factories import PromiseFactory
from tracking.models import Status, TrackedItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    topic = TopicFactory()
    promises = [PromiseFactory(is_published=n != 0, target_date=datetime.date(2020, 1, 1)) for n in range(4)]
    promises[1].topics.add(topic)
    TrackedItem.objects.filter(pk=promises[2].pk).update(current_status=Status.STALLED)
    DirectiveFactory(is_published=True)
    return promises, topic


def test_public_is_the_kind_s_published_items_only(items):
    assert Promise.objects.public().count() == 3
    assert Directive.objects.public().count() == 1
    assert TrackedItem.objects.public().count() == 4


def test_a_count_on_the_parent_s_columns_is_answered_by_the_parent_table(items, django_assert_num_queries):
    promises, topic = items
    for queryset in (Promise.objects.public(), Promise.objects.public().with_status_in([Status.STALLED]),
                     Promise.objects.exclude(is_published=True), Promise.objects.all()):
        assert queryset.on_parent_table() is not None
        assert queryset.on_parent_table().count() == len(list(queryset))
        assert "promises_promise" not in str(queryset.on_parent_table().query)


def test_a_count_that_needs_the_kind_s_own_table_or_a_join_is_not_moved(items):
    promises, topic = items
    today = datetime.date(2024, 1, 1)
    for queryset in (Promise.objects.public().overdue(today), Promise.objects.public().for_topic(topic),
                     Promise.objects.filter(title__startswith="Build"), Promise.objects.public()[:2],
                     Promise.objects.filter(pk__in=Promise.objects.values("pk")),
                     # The parent table's own alias here is a directive's, joined (LEFT) through a relation.
                     Promise.objects.filter(Q(directives__is_published=True) | Q(directives__current_status="x"))):
        assert queryset.on_parent_table() is None
        assert queryset.count() == len(list(queryset))


def test_an_annotation_that_aggregates_nothing_does_not_stop_the_parent_count(items):
    from django.db.models import Count, OuterRef, Subquery

    from tracking.models import StatusUpdate

    newest = StatusUpdate.objects.filter(item=OuterRef("pk")).values("pk")[:1]
    assert Promise.objects.public().annotate(latest=Subquery(newest)).on_parent_table().count() == 3
    assert Promise.objects.public().annotate(n=Count("topics")).on_parent_table() is None


def test_a_list_counts_its_items_from_the_counts_per_status(items, client):
    promises, _topic = items
    for query, expected in (("", 3), ("?status=stalled", 1), ("?status=stalled&status=not_rated", 3),
                            ("?status=nonsense", 3), ("?overdue=true&status=not_rated", 2)):
        response = client.get(f"/promises/{query}")
        page = response.context["page"]
        assert page.paginator.count == expected == len(list(response.context["filter"].qs)), query
