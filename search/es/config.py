"""Elasticsearch settings as plain data, importable from the settings module (no Django imports).

The analyzer names what Chinese becomes in the index: "cjk" (built into Elasticsearch: width
folding and overlapping bigrams, so 交通 matches inside 文明交通专项整治) needs no plugin;
"smartcn" and "ik" (ik_max_word at index time, ik_smart for queries) are real word segmenters
and need the analysis-smartcn or analysis-ik plugin on every node."""

ANALYZERS = {
    "cjk": {"index": {"type": "cjk"}, "search": {"type": "cjk"}},
    "smartcn": {"index": {"type": "smartcn"}, "search": {"type": "smartcn"}},
    "ik": {
        "index": {"type": "custom", "tokenizer": "ik_max_word", "filter": ["lowercase"]},
        "search": {"type": "custom", "tokenizer": "ik_smart", "filter": ["lowercase"]},
    },
}


# The editors' synonyms live in the cluster as a synonym set (Elasticsearch ≥ 8.10): updating the
# set reloads every search analyzer that uses it, with no reindex (search/es/synonyms.py).
SYNONYM_SET = "portal-synonyms"
SYNONYM_FILTER = {"type": "synonym_graph", "synonyms_set": SYNONYM_SET, "updateable": True}


def analysis(analyzer="cjk"):
    """The index "analysis" settings: "default" and "default_search" become the Chinese analyzer,
    so every text field Wagtail maps without an explicit analyzer uses it."""
    try:
        chosen = ANALYZERS[analyzer]
    except KeyError:
        raise ValueError(f"ELASTICSEARCH_ANALYZER must be one of {', '.join(ANALYZERS)}, not {analyzer!r}") from None
    return {"analyzer": {"default": dict(chosen["index"]), "default_search": dict(chosen["search"])}}


def wagtail_backend_settings(url, analyzer="cjk", index_prefix="portal_"):
    return {
        "BACKEND": "wagtail.search.backends.elasticsearch9",
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": 5,
        "OPTIONS": {},
        "INDEX_SETTINGS": {"settings": {"analysis": analysis(analyzer)}},
    }
