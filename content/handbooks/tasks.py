"""Background work for handbooks, run by django-q2 (`async_task` with the dotted path)."""

import logging

from content.handbooks.pdf import build_print_edition as _build

logger = logging.getLogger(__name__)


def build_print_edition(page_id, force=False):
    """Build (or skip, when already built from the live revision) one edition's PDF."""
    return _build(page_id, force=force)


def enqueue_print_edition(page_id):
    """Queue the build once the current transaction commits (the worker must see the revision)."""
    from django.db import transaction

    def enqueue():
        from django_q.tasks import async_task

        async_task("content.handbooks.tasks.build_print_edition", page_id, task_name=f"handbook-pdf-{page_id}")

    transaction.on_commit(enqueue)


def rebuild_all(force=False):
    from content.handbooks.models import EtiquetteHandbookPage

    results = {}
    for page_id in EtiquetteHandbookPage.objects.live().order_by("pk").values_list("pk", flat=True):
        results[page_id] = _build(page_id, force=force)
    return results
