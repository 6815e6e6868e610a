"""Reads whose SQL is built once per shape (core/prepared.py): the same rows as the queryset
gives, for any ids of that shape, without building the SQL again."""

import datetime

import pytest
from django.db.models.sql.compiler import SQLCompiler

from core.prepared import PreparedQuerySet, prepared_rows
from directives.models import Directive
from directives.tests.factories import DirectiveFactory
from politics.tests.factories import TopicFactory
from promises.models import Promise
from promises.tests.factories import PromiseFactory
from tracking import api
from tracking.models import StatusUpdate
from tracking.services import record_status

pytestmark = pytest.mark.django_db


def count_sql_builds(monkeypatch):
    built = []
    original = SQLCompiler.as_sql

    def counted(compiler, *args, **kwargs):
        built.append(compiler.query.model)
        return original(compiler, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    return built


def promises_with_updates(editor, count):
    promises = []
    for number in range(count):
        promise = PromiseFactory(title=f"Promise {number}", made_on=datetime.date(2021, 1, 1))
        record_status(
            item=promise,
            status="in_progress",
            explanation=f"Begun {number}",
            evidence=[f"https://news.example/{number}"],
            editor=editor,
            on=datetime.date(2022, 3, number + 1),
        )
        promises.append(promise)
    return promises


def test_rows_are_the_querysets_own_for_any_ids_of_the_shape(editor, monkeypatch):
    promises_with_updates(editor, 4)
    updates = list(StatusUpdate.objects.order_by("pk").values_list("pk", flat=True))
    built = count_sql_builds(monkeypatch)
    for ids in (updates[:2], updates[2:], [updates[3], updates[0]]):
        assert prepared_rows(api._summary_query, ids) == list(api._summary_query(ids))  # dates, datetimes, joins
    # The Django queryset built its SQL each time (3); the prepared read once for the length 2.
    assert len(built) == 3 + 1


def test_tuples_and_the_querys_own_parameters_are_kept():
    topic = TopicFactory(name="Schools")
    published, draft = PromiseFactory(), PromiseFactory(is_published=False)
    for promise in (published, draft):
        promise.topics.add(topic)
    ids = [published.pk, draft.pk]
    pairs = prepared_rows(api._m2m_pairs_query, ids, Promise, "topics", "slug", "name")
    assert sorted(pairs) == sorted(api._m2m_pairs_query(ids, Promise, "topics", "slug", "name"))
    assert {pair[0] for pair in pairs} == set(ids) and all(pair[3] == "Schools" for pair in pairs)
    # A directive's promises, to readers: the "published" condition is a parameter of its own.
    directive = DirectiveFactory()
    directive.promises.add(published, draft)
    assert api.m2m_pairs(Directive, "promises", [directive.pk], public_only=True) == [(directive.pk, published.pk)]
    assert sorted(api.m2m_pairs(Directive, "promises", [directive.pk])) == sorted(
        [(directive.pk, published.pk), (directive.pk, draft.pk)]
    )


def test_no_ids_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert prepared_rows(api._summary_query, []) == []


def test_a_query_that_does_not_read_its_ids_once_each_is_refused():
    with pytest.raises(ValueError, match="each of its ids exactly once"):
        prepared_rows(lambda ids: Promise.objects.values("pk"), [1])
    with pytest.raises(TypeError, match="values"):
        prepared_rows(lambda ids: Promise.objects.filter(pk__in=ids), [1])


def published_promises(order):
    return Promise.objects.public().order_by(order, "pk").values("id", "title", "made_on", "created_at")


def test_a_prepared_list_counts_and_slices_as_its_queryset_does_on_fresh_data(monkeypatch):
    for number in range(7):
        PromiseFactory(title=f"Promise {number % 3}", made_on=datetime.date(2021, 1, number + 1))
    PromiseFactory(is_published=False)
    slices = [(0, 3), (3, 6), (6, 7), (0, 0), (9, 12)]

    def same_as_the_queryset():
        prepared, queryset = PreparedQuerySet(published_promises, "-title"), published_promises("-title")
        assert prepared.count() == queryset.count()
        for start, stop in slices:
            assert prepared[start:stop] == list(queryset[start:stop]), (start, stop)

    same_as_the_queryset()
    # Changed data, the same shape: the rows and the count are read afresh from SQL built before.
    Promise.objects.filter(title="Promise 1").update(is_published=False)
    PromiseFactory(title="Promise 9")
    built = count_sql_builds(monkeypatch)
    prepared = PreparedQuerySet(published_promises, "-title")
    assert prepared.count() == 6
    assert [row["title"] for row in prepared[0:3]] == ["Promise 9", "Promise 2", "Promise 2"]
    assert built == []
    same_as_the_queryset()  # each shape keeps its own SQL: another order is another shape
    assert [row["title"] for row in PreparedQuerySet(published_promises, "title")[0:1]] == ["Promise 0"]


def test_a_prepared_list_gives_slices_only():
    with pytest.raises(TypeError, match="slices"):
        PreparedQuerySet(published_promises, "title")[0]
