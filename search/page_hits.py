"""The best live public pages for a query, straight from the search index: one SQL statement.

The search page needs only ids (and content types) of the best MAX_HITS pages; the rest is
read per content type (facets.py). The stock database path ranks *every* match through the
ORM, and on SQLite even re-runs the full-text match once per row to get its score: at 100,000
pages a common word (文明, 创建) matches half of them and the page took seconds.

- **SQLite**: FTS5 ranks every match in C (bm25, title weighted above body); only the best few
  are joined to their pages for the live and view-restriction filters.
- **PostgreSQL**: ranking a tsvector match costs a heap read and a ts_rank per matching row, so
  the work is bounded instead: the candidates are the newest CANDIDATES pages with the words in
  their title plus the newest CANDIDATES with them in the title or body (scans that stop early,
  or the stock GIN indexes for rare words), and only those are ranked. A query matched by fewer
  pages ranks every match, exactly as before.

Both honour Wagtail's notion of public: live, and not below a page with a view restriction.
docs/search.md has the measurements."""

import datetime

from django.db import connection
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

# Per candidate list: the ranked set is at most twice this. More than the page's MAX_HITS, so a
# query matched by fewer pages ranks every one of them.
CANDIDATES = 200
# bm25() weights for the FTS5 columns (autocomplete, body, title): a word in the title counts
# ten times one in the body, as the title's boost does in the PostgreSQL ranking.
FTS5_WEIGHTS = (0.0, 1.0, 10.0)
# SQLite joins this many times `limit` of the best-ranked entries to their pages.
SQLITE_RANKED = 3


# An index entry's page. object_id is text (entries serve every model); the guard keeps the
# PostgreSQL cast from ever seeing a non-numeric id, whatever order the planner evaluates in.
POSTGRES_PAGE_JOIN = (
    "JOIN wagtailcore_page AS p ON p.id = (CASE WHEN e.object_id ~ '^[0-9]+$' THEN e.object_id::integer END)"
)


def _page_content_types():
    from modelsearch.utils import get_descendants_content_types_pks

    return list(get_descendants_content_types_pks(Page))


def _restriction_filter(alias):
    """SQL excluding pages at or below a page with a view restriction, as Wagtail's public().

    PostgreSQL checks inside the statement (one round trip less; an anti-join planned once).
    SQLite is in-process, so a first query costs nothing, while its planner would re-run the
    correlated check for every row: there the few restricted paths become parameters."""
    if connection.vendor == "postgresql":
        restrictions = PageViewRestriction._meta.db_table
        pages = Page._meta.db_table
        restricted = f"{restrictions} AS r JOIN {pages} AS rp ON rp.id = r.page_id"
        below = f"substr({alias}.path, 1, length(rp.path)) = rp.path"
        return f" AND NOT EXISTS (SELECT 1 FROM {restricted} WHERE {below})", []  # noqa: S608 - names only
    paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    return "".join(f" AND substr({alias}.path, 1, %s) <> %s" for _ in paths), [
        value for path in paths for value in (len(path), path)
    ]


def _fts5_phrase(term):
    return '"' + term.replace('"', '""') + '"'


def _fts5_group(group):
    """(城管 OR (城市 AND 管理 AND 综合执法)): any alternative, each with all its words."""
    return "(" + " OR ".join("(" + " AND ".join(map(_fts5_phrase, alt)) + ")" for alt in group) + ")"


def as_groups(terms):
    """Query groups (core.chinese.query_groups) from groups or from plain words."""
    return tuple(((t,),) if isinstance(t, str) else tuple(tuple(a) for a in t) for t in terms if t)


def _pg_group(group):
    """A group as a tsquery: plainto_tsquery ANDs an alternative's words; alternatives are ORed."""
    sql = " || ".join(["plainto_tsquery('simple', %s)"] * len(group))
    return (f"({sql})" if len(group) > 1 else sql), [" ".join(alt) for alt in group]


def _sqlite_datetime(value):
    # A raw SQLite cursor returns the stored UTC text; the ORM would return an aware datetime.
    if value is None or isinstance(value, datetime.datetime):
        return value if value is None or timezone.is_aware(value) else timezone.make_aware(value, datetime.UTC)
    return timezone.make_aware(datetime.datetime.fromisoformat(value), datetime.UTC)


def _sqlite(terms, operator, limit):
    from wagtail.search.models import IndexEntry

    entry = IndexEntry._meta.db_table
    fts = f"{entry}_fts"
    joiner = " AND " if operator == "and" else " OR "
    match = "{title body} : (" + joiner.join(_fts5_group(g) for g in terms) + ")"
    types = _page_content_types()
    restricted, restricted_params = _restriction_filter("p")
    weights = ", ".join(map(str, FTS5_WEIGHTS))

    def best(ranked_limit):
        # FTS5 ranks inside the virtual table; joining 50,000 matches to their pages before
        # sorting them cost three times the ranking itself, so only the best few are joined.
        ranked = f"SELECT rowid AS id, bm25({fts}, {weights}) AS score FROM {fts} WHERE {fts} MATCH %s ORDER BY score"  # noqa: S608 - as below
        sql = f"""
            SELECT p.id, p.content_type_id, p.first_published_at
            FROM ({ranked}{" LIMIT %s" if ranked_limit else ""}) AS ranked
            JOIN {entry} AS e ON e.id = ranked.id
            JOIN wagtailcore_page AS p ON p.id = CAST(e.object_id AS INTEGER)
            WHERE e.content_type_id IN ({", ".join(["%s"] * len(types))})
              AND p.live{restricted}
            ORDER BY ranked.score, p.id DESC
            LIMIT %s"""  # noqa: S608 - table names and placeholders only; values are parameters
        params = [match, *([ranked_limit] if ranked_limit else []), *types, *restricted_params, limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(pk, ct_id, _sqlite_datetime(published)) for pk, ct_id, published in cursor.fetchall()]

    hits = best(SQLITE_RANKED * limit)
    # Fewer than asked for: either that is all there is, or drafts and private pages filled the
    # best ranks; only then is every match joined.
    return hits if len(hits) == limit else best(None)


def _postgres(terms, operator, limit, candidates):
    from modelsearch.backends.database.postgres.weights import get_sql_weights
    from wagtail.search.models import IndexEntry

    entry = IndexEntry._meta.db_table
    joiner = " && " if operator == "and" else " || "
    groups = [_pg_group(g) for g in terms]
    tsquery = "(" + joiner.join(sql for sql, _ in groups) + ")"
    words = [p for _, params in groups for p in params]
    # "Every word in the title or the body", written without `title || body`: merging the two
    # vectors cost ~20 µs a row, testing each one is a binary search (and each side has its GIN
    # index). With every word required, each word may be on either side.
    if operator == "and" and len(terms) > 1:
        anywhere = " AND ".join(f"(e.title @@ {sql} OR e.body @@ {sql})" for sql, _ in groups)
        anywhere_params = [p for _, params in groups for p in (*params, *params)]
    else:
        anywhere = f"(e.title @@ {tsquery} OR e.body @@ {tsquery})"
        anywhere_params = [*words, *words]
    types = _page_content_types()
    restricted, restricted_params = _restriction_filter("p")
    page_join = POSTGRES_PAGE_JOIN
    candidate_sql = f"""
        SELECT e.id FROM {entry} AS e {page_join}
        WHERE e.content_type_id = ANY(%s) AND {{condition}} AND p.live{restricted}
        ORDER BY e.id DESC LIMIT %s"""  # noqa: S608 - as below
    sql = f"""
        WITH candidates AS MATERIALIZED (
            ({candidate_sql.format(condition=f"e.title @@ {tsquery}")})
            UNION
            ({candidate_sql.format(condition=anywhere)})
        )
        SELECT p.id, p.content_type_id, p.first_published_at
        FROM candidates AS c
        JOIN {entry} AS e ON e.id = c.id
        {page_join}
        ORDER BY ts_rank(%s::float4[], e.title, {tsquery}) * e.title_norm
                 + ts_rank(%s::float4[], e.body, {tsquery}) DESC, p.id DESC
        LIMIT %s"""  # noqa: S608 - table names and placeholders only; values are parameters
    weights = get_sql_weights()
    # The tsquery is written out wherever it is used, not shared through a CTE: as a constant the
    # planner can estimate how many rows match and pick the index scan that stops early.
    params = [types, *words, *restricted_params, candidates]
    params += [types, *anywhere_params, *restricted_params, candidates]
    params += [weights, *words, weights, *words, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def best_public_pages(terms, operator="and", limit=1000, candidates=CANDIDATES):
    """[(page id, content type id, …)] of the best `limit` live public pages for already segmented
    terms (words, or query groups: see core.chinese.query_groups), best first; None on a
    database this module does not know (the caller falls back to the backend's own search).
    Each hit also carries its first publication date, which spares facets.rows_for a query for
    page types whose facets are all on the page."""
    terms = as_groups(terms)
    if not terms:
        return []
    # Each candidate list at least as long as the answer, so more matches always show as such.
    candidates = max(candidates, limit)
    if connection.vendor == "postgresql":
        get_search_backend("database")  # fills modelsearch's weights on first use
        return _postgres(terms, operator, limit, candidates)
    if connection.vendor == "sqlite" and type(get_search_backend("database")).__name__.startswith("Chinese"):
        return _sqlite(terms, operator, limit)
    return None


SUGGESTION_CANDIDATES = 100


def _tsquery_prefix(term):
    """A tsquery lexeme written out: quoted, so that no character of the term is syntax."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "':*"


def _suggest_postgres(terms, limit):
    from wagtail.search.models import IndexEntry

    entry = IndexEntry._meta.db_table
    *whole, last = terms
    parts = ["plainto_tsquery('simple', %s)"] * len(whole) + ["to_tsquery('simple', %s)"]
    tsquery = "(" + " && ".join(parts) + ")"
    words = [*whole, _tsquery_prefix(last)]
    types = _page_content_types()
    restricted, restricted_params = _restriction_filter("p")
    page_join = POSTGRES_PAGE_JOIN
    sql = f"""
        WITH candidates AS MATERIALIZED (
            SELECT e.id FROM {entry} AS e {page_join}
            WHERE e.content_type_id = ANY(%s) AND e.title @@ {tsquery} AND p.live{restricted}
            ORDER BY e.id DESC LIMIT %s
        )
        SELECT p.id FROM candidates AS c JOIN {entry} AS e ON e.id = c.id {page_join}
        ORDER BY ts_rank(e.title, {tsquery}) * e.title_norm DESC, p.id DESC
        LIMIT %s"""  # noqa: S608 - table names and placeholders only; values are parameters
    params = [types, *words, *restricted_params, SUGGESTION_CANDIDATES, *words, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _suggest_sqlite(terms, limit):
    from wagtail.search.models import IndexEntry

    entry = IndexEntry._meta.db_table
    fts = f"{entry}_fts"
    *whole, last = terms
    match = "{title} : (" + " AND ".join([*(_fts5_phrase(t) for t in whole), _fts5_phrase(last) + " *"]) + ")"
    types = _page_content_types()
    restricted, restricted_params = _restriction_filter("p")
    sql = f"""
        SELECT p.id
        FROM (SELECT rowid AS id, bm25({fts}, {", ".join(map(str, FTS5_WEIGHTS))}) AS score
              FROM {fts} WHERE {fts} MATCH %s ORDER BY score LIMIT %s) AS ranked
        JOIN {entry} AS e ON e.id = ranked.id
        JOIN wagtailcore_page AS p ON p.id = CAST(e.object_id AS INTEGER)
        WHERE e.content_type_id IN ({", ".join(["%s"] * len(types))}) AND p.live{restricted}
        ORDER BY ranked.score, p.id DESC
        LIMIT %s"""  # noqa: S608 - table names and placeholders only; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, SUGGESTION_CANDIDATES, *types, *restricted_params, limit])
        return [row[0] for row in cursor.fetchall()]


def suggested_pages(terms, limit=8):
    """Ids of live public pages whose *title* holds the words typed so far, the last one as a
    prefix (交 finds 交通), best first; None on a database this module does not know.

    The search box asks on every keystroke, so the work is bounded as for the results: the
    newest SUGGESTION_CANDIDATES title matches are ranked (PostgreSQL), or the best-ranked ones
    joined (SQLite). Wagtail's autocomplete ranked every match: a second per keystroke at
    100,000 pages."""
    terms = [t for t in terms if t]
    if not terms:
        return []
    if connection.vendor == "postgresql":
        return _suggest_postgres(terms, limit)
    if connection.vendor == "sqlite" and type(get_search_backend("database")).__name__.startswith("Chinese"):
        return _suggest_sqlite(terms, limit)
    return None
