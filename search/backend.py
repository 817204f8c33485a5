"""Wagtail's database search backend, taught Chinese.

Configured as WAGTAILSEARCH_BACKENDS["default"], so the public page and the admin search both
use it. Index time: every search and autocomplete field is stored as its jieba-segmented copy
plus pinyin (core/chinese.py). Query time: plain strings and Wagtail's parsed query objects
(the admin passes those: PlainText, Phrase, And/Or/Not, Boost, Fuzzy) are segmented the same way.

modelsearch picks its database backend by vendor through a factory function, so the Chinese
behaviour is one mixin applied to whichever vendor class is in use; `SearchBackend(params)` is
the entry point Wagtail imports."""

from django.db import connection
from django.utils.functional import cached_property
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText, SearchQuery

from core.chinese import index_text, query_terms


def segment_query(query, operator="and"):
    """The same query with its words cut as the index cuts them; None when nothing is left."""
    if isinstance(query, str):
        terms = query_terms(query)
        return PlainText(" ".join(terms), operator=operator) if terms else None
    if isinstance(query, PlainText):
        terms = query_terms(query.query_string)
        return PlainText(" ".join(terms), operator=query.operator) if terms else None
    if isinstance(query, Phrase):
        # Adjacent segmented words: the index holds 文明 交通 where the text said 文明交通.
        terms = query_terms(query.query_string)
        return Phrase(" ".join(terms)) if terms else None
    if isinstance(query, Fuzzy):
        terms = query_terms(query.query_string)
        return PlainText(" ".join(terms), operator=operator) if terms else None
    if isinstance(query, (And, Or)):
        parts = [p for p in (segment_query(q, operator) for q in query.subqueries) if p is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else type(query)(parts)
    if isinstance(query, Not):
        inner = segment_query(query.subquery, operator)
        return Not(inner) if inner is not None else None
    if isinstance(query, Boost):
        inner = segment_query(query.subquery, operator)
        return Boost(inner, query.boost) if inner is not None else None
    if isinstance(query, (MatchAll, SearchQuery)):
        return query
    return query


class ChineseSearchMixin:
    """Segments queries before the vendor backend compiles them."""

    segments_text = True  # read by the indexers below

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        operator = (kwargs.get("operator") or "and").lower()
        segmented = segment_query(query, operator)
        return super()._search(
            query_compiler_class, "" if segmented is None else segmented, model_or_queryset, **kwargs
        )


def _segmenting(indexer_class):
    """An ObjectIndexer that stores segmented text, but only for a backend that asks for it.

    The vendor modules look their ObjectIndexer up at call time, so replacing it there keeps
    their add_items() unchanged; the stock backend (benchmarks compare against it) is unaffected."""

    class SegmentingIndexer(indexer_class):
        def __init__(self, obj, backend):
            super().__init__(obj, backend)
            self.segments = getattr(backend, "segments_text", False)

        def prepare_field(self, obj, field):
            for item in super().prepare_field(obj, field):
                # A RelatedFields' sub-fields come back through this method and are already cut.
                if not self.segments or isinstance(field, RelatedFields):
                    yield item
                else:
                    yield (*item[:-1], index_text(item[-1]))

        @cached_property
        def autocomplete(self):
            """Wagtail's admin page search is an autocomplete query, and pages declare only their
            title as an AutocompleteField: the Chinese backend puts the body words there too, so an
            editor finds a page by a word from its body, as a citizen does."""
            if not self.segments:
                return super().autocomplete
            texts = []
            for search_field in self.search_fields:
                for item in self.prepare_field(self.obj, search_field):
                    if isinstance(item[0], (SearchField, AutocompleteField)):
                        texts.append((item[2], item[1]) if len(item) == 3 else item[1])
            if hasattr(self, "as_vector"):  # PostgreSQL: (text, weight) pairs become a tsvector
                return self.as_vector([(text, "D") for text, _weight in texts], for_autocomplete=True)
            return " ".join(texts)

    SegmentingIndexer.__name__ = SegmentingIndexer.__qualname__ = f"Segmenting{indexer_class.__name__}"
    return SegmentingIndexer


def _install(module):
    if not getattr(module.ObjectIndexer, "segments_installed", False):
        module.ObjectIndexer = _segmenting(module.ObjectIndexer)
        module.ObjectIndexer.segments_installed = True


_classes = {}


def _backend_class(vendor):
    """The vendor's backend with the mixin. Vendor modules are imported only for the database in
    use: modelsearch's SQLite module cannot even be imported on PostgreSQL (its FTS model is absent)."""
    if vendor not in _classes:
        if vendor == "postgresql":
            from modelsearch.backends.database.postgres import postgres as module

            base = module.PostgresSearchBackend
        else:
            from modelsearch.backends.database.sqlite import sqlite as module

            base = module.SQLiteSearchBackend
        _install(module)
        name = "ChinesePostgresSearchBackend" if vendor == "postgresql" else "ChineseSQLiteSearchBackend"
        _classes[vendor] = type(name, (ChineseSearchMixin, base), {"__module__": __name__})
    return _classes[vendor]


def SearchBackend(params):
    if connection.vendor == "postgresql":
        # "simple": no English stemming of pinyin and Latin words; Chinese is already cut.
        return _backend_class("postgresql")({"SEARCH_CONFIG": "simple", **params})
    if connection.vendor == "sqlite":
        from modelsearch.backends import database

        # The stock factory decides whether FTS5 is usable; keep its fallback when it is not.
        stock = database.SearchBackend(params)
        if type(stock).__name__ == "SQLiteSearchBackend":
            return _backend_class("sqlite")(params)
        return stock
    raise NotImplementedError(f"Chinese search supports SQLite and PostgreSQL, not {connection.vendor}")
