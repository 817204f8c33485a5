"""What the search page knows about each hit: type, date, bureau(s), district, year, tags.

Content types keep these in different tables (a task's bureaus are its lead bureaus, a bureau
is its own bureau, an exemplar has a district and tags, ...). For a list of hits this module
asks each content type's table once, so the number of queries depends on the number of
content types, never on the number of hits."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import F, IntegerField, Value
from django.db.models.functions import Cast

from bureaus.models.bureaus import BureauPage
from bureaus.models.districts import District
from core.compiled_queries import CompiledQuery, among, ids_parameter

FACETS = ("type", "bureau", "district", "year", "tag")


@dataclass
class Row:
    pk: int
    content_type_id: int
    date: object = None
    bureaus: tuple = ()
    district: int | None = None
    year: int | None = None
    tags: tuple = ()
    values: dict = field(default_factory=dict)  # facet name → values, worked out on first use

    def facet_table(self):
        if not self.values:
            self.values = {
                "type": (str(self.content_type_id),),
                "bureau": tuple(str(b) for b in self.bureaus),
                "district": (str(self.district),) if self.district else (),
                "year": (str(self.year),) if self.year else (),
                "tag": self.tags,
            }
        return self.values

    def facet_values(self, name):
        return self.facet_table()[name]


def _has_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _lead_rows(model, ids):
    """Creation tasks belong to every bureau that leads them: (task, bureau) in order."""
    through = model._meta.get_field("lead_bureaus").related_model
    return (
        through.objects.filter(among(through, "task_id", ids))
        .order_by("sort_order")
        .values_list("task_id", "bureau_id")
    )


def _tag_rows(models, *ids):
    """(hit, tag name) of the hits of every tagged type, in one query (a UNION of the types' tag
    tables): the search page's queries then grow by none for each tagged type."""
    parts = []
    for model, tagged_ids in zip(models, ids, strict=True):
        through = model._meta.get_field("tags").through
        parts.append(
            through.objects.filter(among(through, "content_object_id", tagged_ids))
            .order_by()
            .values_list("content_object_id", "tag__name")
        )
    return parts[0].union(*parts[1:], all=True)


def _id_samples(shape):
    # One list of ids per model, each a page id no page has, in the vendor's form.
    models, vendor = shape
    return tuple(ids_parameter([-9_876_200 - number], vendor) for number in range(len(models)))


# Shape (model, vendor): one list of task ids.
_LEADS = CompiledQuery(
    lambda shape, ids: _lead_rows(shape[0], ids), lambda shape: (ids_parameter([-9_876_200], shape[1]),)
)
_TAGS = CompiledQuery(lambda shape, *ids: _tag_rows(shape[0], *ids), _id_samples, max_shapes=256)


#: The columns a type's facet row reads, NULL where the type has none (bureau, district, year).
EXTRA_COLUMNS = (("bureau", "bureau_id"), ("district", "district_id"), ("year", "year"))


def _type_rows(model, pks):
    """The hits of one type as (pk, first published, bureau, district, year), the same columns
    for every type so that all the types are read in one UNION."""
    pk_column = model._meta.pk.column
    # The same condition on every parent table (wagtailcore_page): without it PostgreSQL
    # reads all pages to join them with the hits' rows instead of looking them up.
    conditions = [among(model, pk_column, pks)] + [
        among(parent, parent._meta.pk.column, pks) for parent in model._meta.get_parent_list()
    ]
    columns = {
        f"facet_{name}": Cast(F(column) if _has_field(model, name) else Value(None), IntegerField())
        for name, column in EXTRA_COLUMNS
    }
    return (
        model._default_manager.filter(*conditions)
        .order_by()
        .annotate(facet_pk=F("pk"), facet_date=F("first_published_at"), **columns)
        .values_list("facet_pk", "facet_date", *columns)
    )


def _type_rows_union(models, *ids):
    parts = [_type_rows(model, type_ids) for model, type_ids in zip(models, ids, strict=True)]
    return parts[0].union(*parts[1:], all=True)


# Compiled once per combination of the types among the hits (and per vendor).
_TYPE_ROWS = CompiledQuery(lambda shape, *ids: _type_rows_union(shape[0], *ids), _id_samples, max_shapes=256)


def rows_for(hits):
    """Rows for [(pk, content_type_id[, first_published_at]), ...], in the same order (hits no
    longer live are dropped). A fixed number of queries whatever the types among the hits: one
    UNION for the types' own columns, one for their tags, one for the tasks' lead bureaus."""
    by_type = defaultdict(list)
    dates = {}
    for hit in hits:
        by_type[hit[1]].append(hit[0])
        if len(hit) > 2:
            dates[hit[0]] = hit[2]
    models = {}
    for ct_id in by_type:
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is not None:
            models[ct_id] = model
    vendor = connection.vendor
    leads = defaultdict(list)
    for ct_id, model in models.items():
        if _has_field(model, "lead_bureaus"):
            for task_id, bureau_id in _LEADS.fetch(ids_parameter(by_type[ct_id], vendor), shape=(model, vendor)):
                leads[task_id].append(bureau_id)
    tagged = [(model, by_type[ct_id]) for ct_id, model in models.items() if _has_field(model, "tags")]
    tags = defaultdict(list)
    if tagged:
        shape = (tuple(model for model, _pks in tagged), vendor)
        for object_id, name in _TAGS.fetch(*(ids_parameter(pks, vendor) for _model, pks in tagged), shape=shape):
            tags[object_id].append(name)

    values = {}
    queried = []
    for ct_id, model in models.items():
        pks = by_type[ct_id]
        has_extra = any(_has_field(model, name) for name, _column in EXTRA_COLUMNS)
        if has_extra or any(pk not in dates for pk in pks):
            queried.append((model, pks))
        else:
            values.update((pk, (ct_id, dates[pk], None, None, None)) for pk in pks)
    type_of = {pk: ct_id for ct_id, pks in by_type.items() for pk in pks}
    if queried:
        shape = (tuple(model for model, _pks in queried), vendor)
        for pk, date, bureau_id, district_id, year in _TYPE_ROWS.fetch(
            *(ids_parameter(pks, vendor) for _model, pks in queried), shape=shape
        ):
            values[pk] = (type_of[pk], date, bureau_id, district_id, year)

    rows = {}
    for pk, (ct_id, date, bureau_id, district_id, year) in values.items():
        is_bureau = models[ct_id]._meta.label == "portal.BureauPage"
        bureaus = (pk,) if is_bureau else tuple(dict.fromkeys(leads.get(pk, ()))) or ((bureau_id,) if bureau_id else ())
        rows[pk] = Row(
            pk=pk,
            content_type_id=ct_id,
            date=date,
            bureaus=bureaus,
            district=district_id,
            year=year or (date.year if date else None),
            tags=tuple(sorted(set(tags.get(pk, ())))),
        )
    return [rows[hit[0]] for hit in hits if hit[0] in rows]


def matches(row, selected, skip=None):
    return all(value in row.facet_values(name) for name, value in selected.items() if value and name != skip)


def filter_rows(rows, selected):
    return [row for row in rows if matches(row, selected)]


def count_facets(rows, selected):
    """Counts per facet value. A facet's counts ignore that facet's own selection, so choosing a
    value shows exactly as many results as its count said (and the other values stay visible)."""
    active = [(name, value) for name, value in selected.items() if value and name in FACETS]
    table = [row.facet_table() for row in rows]
    counts = {}
    for name in FACETS:
        others = [(other, value) for other, value in active if other != name]
        counter = Counter()
        for values in table:
            if all(value in values[other] for other, value in others):
                counter.update(values[name])
        counts[name] = counter
    return counts


def labels(counts):
    """Display names for the facet values (one query per facet that needs names)."""

    found = {"type": {}, "bureau": {}, "district": {}, "year": {}, "tag": {}}
    for ct_id in counts["type"]:
        model = ContentType.objects.get_for_id(int(ct_id)).model_class()
        found["type"][ct_id] = str(model._meta.verbose_name) if model else ct_id
    if counts["bureau"]:
        found["bureau"] = {
            str(pk): title
            for pk, title in BureauPage.objects.filter(pk__in=[int(b) for b in counts["bureau"]]).values_list(
                "pk", "title"
            )
        }
    if counts["district"]:
        found["district"] = {
            str(pk): name
            for pk, name in District.objects.filter(pk__in=[int(d) for d in counts["district"]]).values_list(
                "pk", "name"
            )
        }
    found["year"] = {y: y for y in counts["year"]}
    found["tag"] = {t: t for t in counts["tag"]}
    return found
