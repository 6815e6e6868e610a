"""Reads whose SQL is built once per shape, not on every request.

Django builds a query's SQL anew each time it runs. For the small reads an API page makes
whatever its filters (the topics of its 50 items, their latest updates, their parties), building
costs more than running: each is a fixed query over a list of ids. ``prepared_rows(build, ids,
...)`` calls ``build(stand_in_ids, ...)`` (a function returning a ``.values()`` or
``.values_list()`` queryset filtered by those ids) once per database and number of ids, keeps the
SQL Django made of it, and from then on runs that SQL with the real ids in the stand-ins' places.
The rows are the queryset's own: the same columns, the same conversions (Django's converters run
on them), the same order.

A list with no filter asked for (its drafts or not, its expansions: a few shapes) is prepared the
same way: ``PreparedQuerySet(build, *args)`` gives a paginator the count and the slices of
``build(*args)`` from SQL built once per shape (and per slice).

The stand-ins are negative numbers no table uses as a key; every other parameter of the query
(a flag, a kind) is kept as built. ``build`` must give the same query for the same arguments
(not depending on the request, the user or the clock): it is called once per shape.
"""

import functools

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import ValuesIterable, ValuesListIterable

# Where the stand-in ids start: far below any key a table hands out.
_STAND_IN_BASE = -(2**62)


def prepared_rows(build, ids, *args, using=DEFAULT_DB_ALIAS, **kwargs):
    """The rows of ``build(ids, *args, **kwargs)`` — dicts for ``.values()``, tuples for
    ``.values_list()`` — from SQL built once per (``build``, arguments, database, len(ids))."""
    ids = list(ids)
    if not ids:
        return []
    return _run(_plan(build, args, tuple(sorted(kwargs.items())), using, len(ids)), ids, using)


class PreparedQuerySet:
    """The rows of ``build(*args)``, a ``.values()`` queryset over no list of ids (a list of a
    given shape: its filters, its order), where a paginator takes a queryset: ``count()`` and
    slices run SQL built once per (``build``, arguments, database), per slice for the slices.
    The count is the queryset's own ``count()``, its SQL kept the first time it runs."""

    ordered = True  # built ordered; tells Django's paginator so

    def __init__(self, build, *args, using=DEFAULT_DB_ALIAS):
        self.build, self.args, self.using = build, args, using

    def count(self):
        key = (self.build, self.args, self.using)
        plan = _count_plans.get(key)
        if plan is None:
            if len(_count_plans) >= 256:
                _count_plans.clear()
            plan, count = _watched_count(self.build, self.args, self.using)
            _count_plans[key] = plan
            return count
        if plan is _NO_ROWS:
            return 0
        sql, params = plan
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("a prepared queryset gives slices only")
        return _run(_plan(_sliced, (self.build, self.args, index.start, index.stop), (), self.using, 0), [], self.using)


def _sliced(ids, build, args, start, stop):
    return build(*args)[start:stop]


# (build, arguments, database) -> the SQL and parameters of its count, or _NO_ROWS.
_count_plans = {}
_NO_ROWS = ("", ())  # a query Django knows to have no rows: it counts 0 without asking


def _watched_count(build, args, using):
    """``build(*args).count()``, and the SQL and parameters Django ran for it."""
    seen = []

    def watch(execute, sql, params, many, context):
        seen.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connections[using].execute_wrapper(watch):
        count = build(*args).count()
    if len(seen) > 1:
        raise ValueError(f"{build.__qualname__}: counting took {len(seen)} queries, not one")
    return (seen[0] if seen else _NO_ROWS), count


def _run(plan, ids, using):
    if plan is None:
        return []
    sql, slots, width, names, converters = plan
    params = [ids[slot] if isinstance(slot, int) else slot[0] for slot in slots]
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if converters or width is not None:
        rows = list(_converted(rows, width, converters, connection))
    if names is None:
        return [tuple(row) for row in rows]
    return [dict(zip(names, row, strict=True)) for row in rows]


def _converted(rows, width, converters, connection):
    """Django's ``SQLCompiler.apply_converters``, on this thread's connection."""
    for row in rows:
        row = list(row[:width] if width is not None else row)
        for position, (functions, expression) in converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        yield row


@functools.lru_cache(maxsize=2048)
def _plan(build, args, kwargs, using, count):
    """The SQL of ``build`` for ``count`` ids; where each parameter comes from (an int: the
    index of the id it stands for; a 1-tuple: a constant); how many leading columns are the
    values (None: all of them); the values' names (None for tuples); and the converters that
    turn raw values into the queryset's."""
    stand_ins = {_STAND_IN_BASE + index: index for index in range(count)}
    queryset = build(list(stand_ins), *args, **dict(kwargs))
    if queryset._iterable_class not in (ValuesIterable, ValuesListIterable):
        raise TypeError(f"{build.__qualname__} must return a .values() or .values_list() queryset")
    compiler = queryset.query.get_compiler(using)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # a query Django knows to have no rows (an empty slice): none, no SQL
        return None
    slots = [stand_ins.get(param, (param,)) if type(param) is int else (param,) for param in params]
    if sorted(slot for slot in slots if isinstance(slot, int)) != list(range(count)):
        raise ValueError(f"{build.__qualname__} must use each of its ids exactly once in its query")
    query = queryset.query
    names = None
    if queryset._iterable_class is ValuesIterable:
        names = tuple(query.selected or (*query.extra_select, *query.values_select, *query.annotation_select))
    fields = [column[0] for column in compiler.select[: compiler.col_count]]
    if compiler.has_composite_fields(fields):
        raise TypeError(f"{build.__qualname__}: composite primary keys are not supported")
    converters = tuple(compiler.get_converters(fields).items())
    width = compiler.col_count if compiler.has_extra_select else None
    return sql, slots, width, names, converters
