"""The editors' synonyms in Elasticsearch: the `portal-synonyms` synonym set.

Rules are written as the segmented copies hold words (城管, 城市 管理 综合执法), since the set
serves the whitespace-analysed `seg` fields. Saving or deleting a synonym enqueues one task
that writes the whole set (idempotent; Elasticsearch reloads the search analyzers using it).
`manage.py search_reindex` writes it before creating an index, which refers to it."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_tasks import task

from core.chinese import to_simplified, tokenizer
from search.es import portal_index, sync
from search.es.config import SYNONYM_SET
from search.models import Synonym

logger = logging.getLogger(__name__)


def _segmented(term):
    return " ".join(w for w in tokenizer().cut(to_simplified(term).lower()) if w.strip())


def rules(synonyms=None):
    """The synonym set's rules, one per synonym row: equivalent terms, comma-separated."""
    rows = Synonym.objects.order_by("pk") if synonyms is None else synonyms
    return [{"id": f"synonym-{row.pk}", "synonyms": ", ".join(_segmented(t) for t in row.terms())} for row in rows]


def push(es):
    """Write the whole set (creating it if needed)."""
    return es.synonyms.put_synonym(id=SYNONYM_SET, synonyms_set=rules())


@task()
def push_synonyms_task():
    push(portal_index.client())


@receiver(post_save, sender=Synonym, dispatch_uid="search-es-synonyms-save")
@receiver(post_delete, sender=Synonym, dispatch_uid="search-es-synonyms-delete")
def _synonyms_changed(**kwargs):
    if not sync.enabled():
        return
    try:
        transaction.on_commit(push_synonyms_task.enqueue)
    except Exception:
        logger.exception("Could not enqueue the synonym set's update")
