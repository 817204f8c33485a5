"""What the search page knows about each hit: type, date, bureau(s), district, year, tags.

Content types keep these in different tables (a task's bureaus are its lead bureaus, a bureau
is its own bureau, an exemplar has a district and tags, ...). For a list of hits this module
asks each content type's table once, so the number of queries depends on the number of
content types, never on the number of hits."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist

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
    values: dict = field(default_factory=dict)

    def facet_values(self, name):
        if name == "type":
            return (str(self.content_type_id),)
        if name == "bureau":
            return tuple(str(b) for b in self.bureaus)
        if name == "district":
            return (str(self.district),) if self.district else ()
        if name == "year":
            return (str(self.year),) if self.year else ()
        if name == "tag":
            return self.tags
        raise KeyError(name)


def _has_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _lead_bureaus(model, pks):
    """Creation tasks belong to every bureau that leads them."""
    through = model._meta.get_field("lead_bureaus").related_model
    found = defaultdict(list)
    for task_id, bureau_id in (
        through.objects.filter(task_id__in=pks).order_by("sort_order").values_list("task_id", "bureau_id")
    ):
        found[task_id].append(bureau_id)
    return found


def _tags(model, pks):
    through = model._meta.get_field("tags").through
    found = defaultdict(list)
    for object_id, name in through.objects.filter(content_object_id__in=pks).values_list(
        "content_object_id", "tag__name"
    ):
        found[object_id].append(name)
    return found


def rows_for(hits):
    """Rows for [(pk, content_type_id), ...], in the same order (hits no longer live are dropped)."""
    by_type = defaultdict(list)
    for pk, ct_id in hits:
        by_type[ct_id].append(pk)
    rows = {}
    for ct_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is None:
            continue
        names = ["pk", "first_published_at"]
        has_bureau = _has_field(model, "bureau")
        has_district = _has_field(model, "district")
        has_year = _has_field(model, "year")
        names += ["bureau_id"] * has_bureau + ["district_id"] * has_district + ["year"] * has_year
        leads = _lead_bureaus(model, pks) if _has_field(model, "lead_bureaus") else {}
        tags = _tags(model, pks) if _has_field(model, "tags") else {}
        is_bureau = model._meta.label == "portal.BureauPage"
        for values in model._default_manager.filter(pk__in=pks).values(*names):
            pk = values["pk"]
            date = values["first_published_at"]
            bureaus = (
                (pk,)
                if is_bureau
                else tuple(leads.get(pk, ())) or ((values["bureau_id"],) if has_bureau and values["bureau_id"] else ())
            )
            rows[pk] = Row(
                pk=pk,
                content_type_id=ct_id,
                date=date,
                bureaus=bureaus,
                district=values.get("district_id"),
                year=values.get("year") or (date.year if date else None),
                tags=tuple(sorted(set(tags.get(pk, ())))),
            )
    return [rows[pk] for pk, _ in hits if pk in rows]


def matches(row, selected, skip=None):
    return all(value in row.facet_values(name) for name, value in selected.items() if value and name != skip)


def filter_rows(rows, selected):
    return [row for row in rows if matches(row, selected)]


def count_facets(rows, selected):
    """Counts per facet value. A facet's counts ignore that facet's own selection, so choosing a
    value shows exactly as many results as its count said (and the other values stay visible)."""
    counts = {}
    for name in FACETS:
        counter = Counter()
        for row in rows:
            if matches(row, selected, skip=name):
                counter.update(set(row.facet_values(name)))
        counts[name] = counter
    return counts


def labels(counts):
    """Display names for the facet values (one query per facet that needs names)."""
    from portal.models import BureauPage, District

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
