"""Queries whose SQL is compiled once per process and then run with new parameters.

Building a narrow Django query and compiling it costs far more than running it: the served-tasks
list of a section (one join of six tables, 22 columns) took 2 ms to build and 1 ms to compile,
and 0.05 ms in SQLite. Where the query's shape depends only on the code, `CompiledRows` builds
it once with sample arguments, finds each argument's places in the compiled parameters and keeps the SQL;
later calls put their own arguments in those places and run the SQL, converting the rows with
the compiler Django made (booleans, dates as Django returns them).

`CompiledQuery` does the same for queries whose shape also depends on a few things a request
chooses: which filters are active, the slice of a page, the private sections (their paths are
written into the SQL). The caller names that choice as a `shape` (a hashable value); each shape
is compiled once, at most `max_shapes` of them kept. A queryset of model instances (with
`select_related`, `only()` and annotations, no prefetches) comes back as instances, made the way
Django's own iterator makes them; prefetches run afterwards on the list
(`prefetch_related_objects`), as the queryset would have run them.

`CompiledRelated` does what a prefetch does (the related rows of many parents, put where the
related manager finds them) with the parents' ids as one parameter (`ids_parameter`), so its SQL
too is compiled once. `ListFilters` is a list's table of filters: which filters a request chose
names the shape, their values are the arguments.

What makes this safe: the SQL text is a function of the builder's code, the shape and the
database (one entry per connection alias, so per vendor), never of data a visitor sends; that
data all travel as parameters. An argument whose sample does not turn up among the parameters (a
builder that folds it into the SQL, drops it, or a lookup Django answers without a parameter) is
refused when first compiled, and every call of that shape then takes the plain ORM path. The
samples are values no row or constant of the query has (a negative id, a string with a NUL),
so a place is never mistaken. A deploy starts new processes, so
changed code never meets an old entry.
"""

import datetime
import json
import threading
from collections import defaultdict

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BooleanField, Count, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
    prefetch_related_objects,
)

_lock = threading.Lock()


#: The sample of an argument that a shape's query does not use (today's date in a count with no
#: status filter, where Django leaves the unused status out); refused if it reaches a parameter.
NOT_IN_QUERY = type("NotInQuery", (), {"__repr__": lambda _self: "NOT_IN_QUERY"})()


def _is(param, value):
    return type(param) is type(value) and param == value


def _as_given(value):
    return value


def _form_of(param, sample):
    """How the compiled parameter `param` carries `sample` (a function making the parameter from
    an argument), or None when it does not: as given; an integer in the type psycopg gives it on
    PostgreSQL (Int2, Int4, Int8: Django picks it from the field); a date as the ISO text that
    SQLite's backend turns it into."""
    if _is(param, sample):
        return _as_given
    if _is_integer(sample) and _is_integer(param) and int(param) == sample:
        return type(param)
    is_date = isinstance(sample, datetime.date) and not isinstance(sample, datetime.datetime)
    if is_date and _is(param, sample.isoformat()):
        return datetime.date.isoformat
    return None


def _is_integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


class _Compiled:
    def __init__(self, queryset, alias, samples):
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        params = list(params)
        if any(param is NOT_IN_QUERY for param in params):
            raise LookupError(NOT_IN_QUERY)
        places = []
        for sample in samples:
            if sample is NOT_IN_QUERY:
                places.append([])
                continue
            found = [(i, form) for i, param in enumerate(params) if (form := _form_of(param, sample)) is not None]
            # A sample must be told apart from the query's own constants, and so must be unlike
            # any of them; it may stand in several places (a date compared twice).
            if not found or sum(1 for other in samples if _is(other, sample)) != 1:
                raise LookupError(sample)
            places.append(found)
        iterable = queryset._iterable_class
        if queryset._prefetch_related_lookups:
            # Prefetches run on the fetched list (prefetch_related_objects), not compiled here.
            raise LookupError("prefetch_related")
        if iterable not in (ModelIterable, ValuesListIterable, FlatValuesListIterable):
            raise LookupError(iterable)
        self.sql, self.params, self.places, self.compiler, self.iterable = sql, params, places, compiler, iterable
        if iterable is ModelIterable:
            select, klass_info = compiler.select, compiler.klass_info
            self.model = klass_info["model"]
            fields = klass_info["select_fields"]
            self.model_columns = (fields[0], fields[-1] + 1)
            self.init_list = [column[0].target.attname for column in select[fields[0] : fields[-1] + 1]]
            self.annotation_columns = dict(compiler.annotation_col_map)
            # The populators only read what they are made from, so one set serves every run.
            self.populators = get_related_populators(klass_info, select, alias)

    def run(self, arguments, alias):
        params = list(self.params)
        for places, argument in zip(self.places, arguments, strict=True):
            for place, form in places:
                params[place] = form(argument)
        with connections[alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            fetched = cursor.fetchall()
        rows = self.compiler.results_iter(results=[fetched], tuple_expected=True)
        if self.iterable is FlatValuesListIterable:
            return [row[0] for row in rows]
        if self.iterable is ValuesListIterable:
            return list(rows)
        # What ModelIterable does with each row (Django 5.2), from the compiler kept at compile time.
        start, end = self.model_columns
        instances = []
        for row in rows:
            instance = self.model.from_db(alias, self.init_list, row[start:end])
            for populator in self.populators:
                populator.populate(row, instance)
            for name, column in self.annotation_columns.items():
                setattr(instance, name, row[column])
            instances.append(instance)
        return instances


class CompiledQuery:
    """`build(shape, *arguments)` returns a queryset; `fetch(*arguments, shape=…)` its results as a
    list, from SQL compiled once per shape. `samples` stand for the arguments when compiling: a
    tuple, or a function of the shape giving one (when the shape decides which arguments there
    are), each unlikely to occur elsewhere in the query's parameters."""

    def __init__(self, build, samples, max_shapes=64):
        self.build = build
        self.samples = samples
        self.max_shapes = max_shapes
        self._compiled = {}

    def _entry(self, shape, alias):
        key = (alias, shape)
        compiled = self._compiled.get(key)
        if compiled is None:
            samples = self.samples(shape) if callable(self.samples) else self.samples
            try:
                compiled = _Compiled(self.build(shape, *samples).using(alias), alias, samples)
            except (LookupError, EmptyResultSet):
                # An argument not in its place, or a query that is empty by its shape (an empty
                # slice): the ORM answers these.
                compiled = False
            with _lock:
                if len(self._compiled) >= self.max_shapes:
                    self._compiled.pop(next(iter(self._compiled)), None)
                self._compiled[key] = compiled
        return compiled

    def fetch(self, *arguments, shape=(), using="default"):
        compiled = self._entry(shape, using)
        if compiled is False:
            return list(self.build(shape, *arguments).using(using))
        return compiled.run(arguments, using)


class CompiledListing:
    """What Django's Paginator pages through: the count and each page's slice come from compiled
    queries. `items.build(shape, *arguments)` gets the shape `(shape, start, stop)` and slices
    its queryset so; `total.build(shape, *arguments)` gives the count as a one-row `values_list`
    (`total_count()`). `prefetch` lookups run on each page's instances."""

    def __init__(self, items, total, arguments, shape, prefetch=()):
        # `prefetch`: lookups (prefetch_related_objects) or functions of the page's instances
        # (a CompiledRelated's attach, say).
        self.items, self.total, self.arguments, self.shape, self.prefetch = items, total, arguments, shape, prefetch

    def count(self):
        if not hasattr(self, "_count"):
            rows = self.total.fetch(*self.arguments, shape=self.shape)
            self._count = rows[0] if rows else 0
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        page = self.items.fetch(*self.arguments, shape=(self.shape, index.start, index.stop))
        lookups = [lookup for lookup in self.prefetch if not callable(lookup)]
        if lookups:
            prefetch_related_objects(page, *lookups)
        for attach in self.prefetch:
            if callable(attach):
                attach(page)
        return page


class ListFilters:
    """A list's filters in the order their values reach its compiled queries, each as
    (name, samples, narrow): `samples` stand for the filter's values when compiling (one value,
    or a tuple of several: a year is its first and last day), `narrow(queryset, *values)` applies
    the filter. The chosen filters are a dict {name: values (a tuple)}; a query's shape holds
    their names, its arguments their values, both in the table's order."""

    def __init__(self, *filters):
        self.filters = {
            name: (samples if isinstance(samples, tuple) else (samples,), narrow) for name, samples, narrow in filters
        }

    def in_order(self, chosen):
        """`chosen` ({name: values}) in the table's order."""
        return {name: tuple(chosen[name]) for name in self.filters if name in chosen}

    def arguments(self, chosen):
        """The values of the `chosen` filters (already in order), one after another."""
        return tuple(value for values in chosen.values() for value in values)

    def samples(self, names):
        return tuple(sample for name in names for sample in self.filters[name][0])

    def narrowed(self, queryset, names, arguments):
        """`queryset` narrowed by the filters `names`, their values read from `arguments` in turn."""
        arguments = list(arguments)
        for name in names:
            samples, narrow = self.filters[name]
            queryset, arguments = narrow(queryset, *arguments[: len(samples)]), arguments[len(samples) :]
        if arguments:
            raise TypeError(f"{len(arguments)} arguments left over after the filters {names}")
        return queryset


def total_count(queryset):
    """`queryset`'s row count as a one-row, one-column `values_list` (none when it has no rows):
    a window over the rows, since an aggregate in `values_list` would group by every column."""
    return queryset.order_by().annotate(total_rows=Window(Count("pk"))).values_list("total_rows", flat=True)[:1]


class CompiledRows(CompiledQuery):
    """`build(*arguments)` returns a `values_list()` queryset whose shape depends on the code
    alone; `rows(*arguments)` its rows."""

    def __init__(self, build, *samples):
        super().__init__(lambda _shape, *arguments: build(*arguments), samples)

    def rows(self, *arguments, using="default"):
        return self.fetch(*arguments, using=using)


def ids_parameter(ids, vendor):
    """A list of ids as one query parameter: an array on PostgreSQL, JSON text on SQLite (read
    with json_each). One parameter, not one per id, so a query's SQL is the same for any number
    of ids and is compiled once."""
    ids = [int(i) for i in ids]
    return ids if vendor == "postgresql" else json.dumps(ids)


def among(model, column, ids):
    """`column IN ids` as one expression (`ids` from `ids_parameter`): the ORM's `__in` writes a
    placeholder per value and prepares every value through the field."""
    column = f'"{model._meta.db_table}"."{column}"'
    if isinstance(ids, list):
        return RawSQL(f"{column} = ANY(%s)", [ids], output_field=BooleanField())  # noqa: S611 - column name only
    sql = f"{column} IN (SELECT value FROM json_each(%s))"  # noqa: S608 - column name only
    return RawSQL(sql, [ids], output_field=BooleanField())  # noqa: S611 - as above


#: The ids that stand for a list of parents' ids when compiling: no row has a negative id.
_PARENT_IDS_SAMPLE = (-9_876_401,)


class CompiledRelated:
    """What a prefetch does, from SQL compiled once per shape: the related rows of many parents
    in one query whose parents' ids travel as one parameter (`ids_parameter`), put on each
    parent where the related manager (`cache_name`) or `to_attr` finds them.

    `build(shape)` is the related queryset (ordered, with its `select_related`); `column` is its
    column holding the parent's id ("page_id"). Django's own prefetch builds and compiles the
    related query again on every request: for a list's photos and their renditions that cost
    more than the rows."""

    def __init__(self, build, column, max_shapes=64):
        self.column, self.model = column, None
        self.query = CompiledQuery(
            lambda shape, ids: self._among(build(shape[1]), ids),
            lambda shape: (ids_parameter(_PARENT_IDS_SAMPLE, shape[0]),),
            max_shapes=max_shapes,
        )

    def _among(self, related, ids):
        self.model = related.model
        return related.filter(among(related.model, related.model._meta.get_field(self.column).column, ids))

    def attach(self, parents, cache_name=None, to_attr=None, shape=(), key="pk", using="default"):
        """Fetch the rows related to `parents` (whose id is their `key` attribute) and give each
        parent its own, in the query's order: a list at `to_attr`, or what its related manager
        `cache_name` answers `.all()` with. Returns all the rows fetched."""
        parent_ids = {getattr(parent, key) for parent in parents if parent is not None}
        if not parent_ids:
            rows = []
        else:
            vendor = connections[using].vendor
            rows = self.query.fetch(ids_parameter(sorted(parent_ids), vendor), shape=(vendor, shape), using=using)
        by_parent = defaultdict(list)
        for row in rows:
            by_parent[getattr(row, self.column)].append(row)
        if rows and key == "pk":
            # Each row knows its parent without a query (rendition.image, photo.page), as after
            # Django's prefetch.
            link = self.model._meta.get_field(self.column)
            parent_of = {parent.pk: parent for parent in parents if parent is not None}
            for row in rows:
                link.set_cached_value(row, parent_of[getattr(row, self.column)])
        for parent in parents:
            if parent is None:
                continue
            found = by_parent.get(getattr(parent, key), [])
            if to_attr is not None:
                setattr(parent, to_attr, found)
            else:
                parent.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = _answered(self.model, found)
        return rows


def _answered(model, rows):
    """A queryset that answers with `rows` without a query, as Django's prefetch leaves on a
    related manager (the manager's `.all()` returns it as it is)."""
    answered = QuerySet(model=model)
    answered._result_cache = rows
    answered._prefetch_done = True
    return answered
