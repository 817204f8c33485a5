"""Background work for handbooks: the printable PDF of each live edition (content/handbooks/pdf.py
draws it), queued through django-tasks and run by the django-q2 worker (core/background.py)."""

import logging
import time
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from content.handbooks.fonts import FontUnavailable, find_cjk_font
from content.handbooks.models import EtiquetteHandbookPage
from content.handbooks.pdf import file_name, render_pdf

logger = logging.getLogger(__name__)


def build_print_edition(page_id, force=False):
    """Build the live edition's PDF unless it is already built from the live revision.

    Returns "built", "unchanged", "not-live" or "no-font". Never raises for a missing font:
    the page then simply shows no PDF link."""
    page = EtiquetteHandbookPage.objects.filter(pk=page_id).select_related("bureau", "cover_image").first()
    if page is None or not page.live:
        return "not-live"
    if (
        not force
        and page.print_pdf
        and page.live_revision_id is not None
        and page.print_pdf_revision_id == page.live_revision_id
        and page.print_pdf.storage.exists(page.print_pdf.name)
    ):
        return "unchanged"
    try:
        font = find_cjk_font()
    except FontUnavailable as error:
        logger.error("Handbook PDF for page %s not built: %s", page.pk, error)
        return "no-font"
    # The page row holds the published content (drafts live in revisions only).
    started = time.monotonic()
    data = render_pdf(page, font)
    previous = page.print_pdf.name if page.print_pdf else ""
    storage = page.print_pdf.storage
    name = storage.save(str(Path("handbooks") / file_name(page)), ContentFile(data))
    with transaction.atomic():
        type(page).objects.filter(pk=page.pk).update(
            print_pdf=name, print_pdf_revision_id=page.live_revision_id, print_pdf_built_at=timezone.now()
        )
    if previous and previous != name:
        transaction.on_commit(lambda: storage.delete(previous))
    logger.info(
        "Handbook PDF %s built for page %s in %.1f s (%d bytes)", name, page.pk, time.monotonic() - started, len(data)
    )
    return "built"


#: `build_print_edition` as a django-tasks task: `build_print_edition_task.enqueue(page_id)`.
build_print_edition_task = task()(build_print_edition)


def enqueue_print_edition(page_id):
    """Queue the build once the current transaction commits (the worker must see the revision)."""

    def enqueue():
        build_print_edition_task.enqueue(page_id)

    transaction.on_commit(enqueue)


def rebuild_all(force=False):
    results = {}
    for page_id in EtiquetteHandbookPage.objects.live().order_by("pk").values_list("pk", flat=True):
        results[page_id] = build_print_edition(page_id, force=force)
    return results
