"""Rebuild the Elasticsearch portal index from the live public pages.

Builds a new index, fills it, then points the `<prefix>pages` alias at it and drops the old one,
so the public search keeps answering from the old index until the new one is complete.
`--print-mapping` shows the mapping and analyzers without a cluster."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import Page

from search import facets
from search.es import portal_index, sync, synonyms

BATCH = 500


class Command(BaseCommand):
    help = "Rebuild the Elasticsearch portal index (SEARCH_BACKEND=elasticsearch)."

    def add_arguments(self, parser):
        parser.add_argument("--print-mapping", action="store_true", help="Print the index mapping and exit.")

    def handle(self, *args, print_mapping=False, **options):

        if print_mapping:
            cls = portal_index.document_class()
            body = {"mappings": portal_index.mapping(), "settings": cls._index.to_dict().get("settings", {})}
            self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
            return
        if not sync.enabled():
            raise CommandError("SEARCH_BACKEND is not elasticsearch: the database index is rebuilt by update_index.")
        from elasticsearch.helpers import bulk

        es = portal_index.client()
        alias = portal_index.index_name()
        target = f"{alias}-{timezone.now():%Y%m%d%H%M%S}"
        cls = portal_index.document_class()
        synonyms.push(es)  # the new index's search analyzers refer to the synonym set
        cls._index.clone(name=target).create(using=es)
        pages = Page.objects.live().public().filter(depth__gt=2).specific().order_by("pk")
        total = 0
        batch = []
        for page in pages.iterator(chunk_size=BATCH):
            batch.append(page)
            if len(batch) >= BATCH:
                total += self._send(es, bulk, target, batch, facets, portal_index)
                batch = []
        if batch:
            total += self._send(es, bulk, target, batch, facets, portal_index)
        old = list(es.indices.get_alias(name=alias, ignore_unavailable=True) or {})
        actions = [{"add": {"index": target, "alias": alias}}] + [{"remove": {"index": i, "alias": alias}} for i in old]
        es.indices.update_aliases(actions=actions)
        for index in old:
            es.indices.delete(index=index, ignore_unavailable=True)
        self.stdout.write(f"Indexed {total} pages into {target} (alias {alias}).")

    def _send(self, es, bulk, target, pages, facets, portal_index):
        rows = {row.pk: row for row in facets.rows_for([(p.pk, p.content_type_id) for p in pages])}
        actions = []
        for page in pages:
            if page.pk in rows:
                doc = portal_index.document_for(page, rows[page.pk])
                actions.append({"_index": target, "_id": page.pk, "_source": doc.to_dict()})
        bulk(es, actions)
        return len(actions)
