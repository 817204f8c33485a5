"""The faceted portal index in Elasticsearch, defined with elasticsearch.dsl documents.

One document per live public page with the facet fields as keywords, so a single request
returns the hits and every facet's counts (aggregations). Wagtail's own elasticsearch9 index
(WAGTAILSEARCH_BACKENDS) serves the admin; this index serves the public page. Building the
mapping, a document and the query are pure functions, tested as data (no cluster runs here)."""

from django.conf import settings
from elasticsearch.dsl import Date, Document, Integer, Keyword, Search, Text, analyzer, connections, token_filter

from core.chinese import NO_SYNONYMS, index_text, query_groups
from search import facets
from search.es.config import ANALYZERS, SYNONYM_FILTER
from search.outcome import Outcome
from search.snippets import plain_text

INDEX_SUFFIX = "pages"
FIELD_OF = {"type": "content_type", "bureau": "bureau", "district": "district", "year": "year", "tag": "tag"}
ALIAS = "portal"


class ElasticsearchUnreachable(RuntimeError):
    """The cluster did not answer; the search page is being served by the database backend."""


def index_name():
    return f"{getattr(settings, 'ELASTICSEARCH_INDEX_PREFIX', 'portal_')}{INDEX_SUFFIX}"


def chinese_analyzers(kind=None):
    kind = kind or getattr(settings, "ELASTICSEARCH_ANALYZER", "cjk")
    spec = ANALYZERS[kind]
    return (
        analyzer(f"portal_{kind}_index", **spec["index"]) if "tokenizer" in spec["index"] else spec["index"]["type"],
        analyzer(f"portal_{kind}_search", **spec["search"])
        if "tokenizer" in spec["search"]
        else spec["search"]["type"],
    )


def synonym_analyzer():
    """The search analyzer of the segmented copies: whitespace words, then the editors' synonyms
    (an updateable synonym set, search/es/synonyms.py), so the cluster expands them as the
    database path does."""
    graph = token_filter("portal_synonym_graph", **SYNONYM_FILTER)
    return analyzer("portal_synonyms", tokenizer="whitespace", filter=["lowercase", graph])


def document_class(kind=None):
    """The Document for the chosen analyzer. Text fields have a `seg` sub-field holding the jieba +
    pinyin copy (core/chinese.py) analysed on whitespace, so pinyin and the local dictionary
    work in Elasticsearch as they do in the database."""
    index_analyzer, search_analyzer = chinese_analyzers(kind)
    synonyms = synonym_analyzer()

    def text(**extra):
        return Text(
            analyzer=index_analyzer,
            search_analyzer=search_analyzer,
            fields={"seg": Text(analyzer="whitespace", search_analyzer=synonyms)},
            **extra,
        )

    class PortalPage(Document):
        title = text()
        body = text()
        segmented = Text(analyzer="whitespace", search_analyzer=synonyms)
        url = Keyword(index=False)
        content_type = Keyword()
        type_label = Keyword(index=False)
        bureau = Keyword(multi=True)
        district = Keyword()
        year = Integer()
        tag = Keyword(multi=True)
        date = Date()

        class Index:
            name = index_name()
            settings = {"number_of_shards": 1, "number_of_replicas": 0}

    return PortalPage


def mapping(kind=None):
    return document_class(kind)._doc_type.mapping.to_dict()


def document_for(page, row):
    """The document of one live page (`row` is its facets.Row)."""

    body = plain_text(page)
    cls = document_class()
    return cls(
        meta={"id": page.pk},
        title=page.title,
        body=body,
        segmented=index_text(f"{page.title} {body}"),
        url=page.url_path,
        content_type=str(row.content_type_id),
        type_label=str(page._meta.verbose_name),
        bureau=[str(b) for b in row.bureaus],
        district=str(row.district) if row.district else None,
        year=row.year,
        tag=list(row.tags),
        date=row.date,
    )


FIELDS = ["title^3", "title.seg^3", "body", "body.seg", "segmented"]


def _match(words):
    return {"multi_match": {"query": " ".join(words), "fields": FIELDS, "operator": "and", "type": "most_fields"}}


def build_query(query, selected, sort="relevance", limit=1000, thesaurus=NO_SYNONYMS):
    """The Search for a visitor's query: full-text on the analysed fields and the segmented copy,
    facet filters as a post_filter, and per facet a terms aggregation under the other facets' filters.
    A query with other readings (synonyms, pinyin) asks for one reading of every group."""
    groups = query_groups(query, thesaurus)
    if all(len(group) == 1 for group in groups):
        search = Search(index=index_name()).query(_match([w for group in groups for w in group[0]]))
    else:
        must = [{"bool": {"should": [_match(alt) for alt in group], "minimum_should_match": 1}} for group in groups]
        search = Search(index=index_name()).query({"bool": {"must": must}})
    active = {name: value for name, value in selected.items() if value}
    if active:
        # post_filter narrows the hits but not the aggregations; each facet is counted under the
        # other facets' filters, as the database path counts (facets.count_facets).
        search = search.post_filter("bool", filter=[{"term": {FIELD_OF[n]: v}} for n, v in active.items()])
    for name in facets.FACETS:
        others = [{"term": {FIELD_OF[n]: v}} for n, v in active.items() if n != name]
        search.aggs.bucket(name, "filter", bool={"filter": others}).bucket(
            "values", "terms", field=FIELD_OF[name], size=50
        )
    if sort == "date":
        search = search.sort("-date", "_score")
    return search.source(["content_type", "bureau", "district", "year", "tag", "date"]).extra(
        size=limit, track_total_hits=True
    )


def search(query, selected, sort="relevance", limit=1000, using=None, thesaurus=NO_SYNONYMS):
    """Run the query; returns a service.Outcome. Raises when the cluster is unreachable."""
    response = build_query(query, selected, sort, limit, thesaurus).using(using or client()).execute()
    outcome = Outcome()
    for hit in response.hits:
        source = hit.to_dict()
        outcome.rows.append(
            facets.Row(
                pk=int(hit.meta.id),
                content_type_id=int(source["content_type"]),
                date=source.get("date"),
                bureaus=tuple(int(b) for b in source.get("bureau", [])),
                district=int(source["district"]) if source.get("district") else None,
                year=source.get("year"),
                tags=tuple(source.get("tag", [])),
            )
        )
    outcome.total_matches = response.hits.total.value
    outcome.capped = outcome.total_matches > limit
    outcome.counts = {
        name: {str(b.key): b.doc_count for b in getattr(response.aggregations, name)["values"].buckets}
        for name in facets.FACETS
    }
    return outcome


def client():
    """The connection to ELASTICSEARCH_URL, created once (short timeouts: the page falls back)."""
    try:
        return connections.get_connection("portal")
    except KeyError:
        return connections.create_connection("portal", hosts=[settings.ELASTICSEARCH_URL], request_timeout=3)


def ping():
    return client().info()
