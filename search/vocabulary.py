"""The editors' search vocabulary as a query reads it: synonym sets and the promoted queries.

Read on every search, so it is kept in the default cache (no query on a warm cache) and dropped
when a synonym or an editors' pick changes. The cache may be per process (no Redis): entries
live VOCABULARY_SECONDS at most, so another process sees an edit within a minute."""

import hashlib
import json

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from core.chinese import Thesaurus, to_simplified
from search.models import Synonym

CACHE_KEY = "search:vocabulary"
VOCABULARY_SECONDS = 60

_thesauri = {}


def promotion_key(query):
    """How a query and a promoted query are compared: simplified, lower case, single spaces."""
    return " ".join(to_simplified(query or "").lower().split())


def _load():
    sets = [row.terms() for row in Synonym.objects.order_by("pk")]
    promoted = sorted(
        {
            promotion_key(q)
            for q in Query.objects.filter(editors_picks__isnull=False).values_list("query_string", flat=True)
        }
    )
    key = hashlib.sha1(json.dumps(sets, ensure_ascii=False).encode()).hexdigest()[:16]  # noqa: S324 - a cache key
    return {"sets": sets, "promoted": promoted, "key": key}


def current():
    data = cache.get(CACHE_KEY)
    if data is None:
        data = _load()
        cache.set(CACHE_KEY, data, VOCABULARY_SECONDS)
    return data


def thesaurus():
    """The synonyms as a core.chinese.Thesaurus, one object per version (its readings are cached)."""
    data = current()
    if data["key"] not in _thesauri:
        _thesauri.clear()
        _thesauri[data["key"]] = Thesaurus(data["sets"], key=data["key"])
    return _thesauri[data["key"]]


def is_promoted(query):
    return promotion_key(query) in current()["promoted"]


def forget(**kwargs):
    cache.delete(CACHE_KEY)


for model in (Synonym, SearchPromotion, Query):
    receiver(post_save, sender=model, dispatch_uid=f"search-vocabulary-save-{model.__name__}")(forget)
    receiver(post_delete, sender=model, dispatch_uid=f"search-vocabulary-delete-{model.__name__}")(forget)
