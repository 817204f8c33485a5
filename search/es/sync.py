"""Keeping the portal index in step with the site, in background tasks.

Publish, unpublish, move and delete enqueue one task per page (django-tasks → django-q2 in
production, inline in tests and `load_demo`). Each task reads the page's current state and
writes or deletes its document, so running it twice (the ORM broker may redeliver) is harmless.
Nothing is enqueued unless SEARCH_BACKEND=elasticsearch."""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django_tasks import task
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import facets
from search.es import portal_index

logger = logging.getLogger(__name__)


def enabled():
    return getattr(settings, "SEARCH_BACKEND", "database") == "elasticsearch"


def document_for_page_id(page_id):
    """The document for a live public page, or None when the page should not be in the index."""

    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None or page.depth <= 2:
        return None
    rows = facets.rows_for([(page.pk, page.content_type_id)])
    return portal_index.document_for(page, rows[0]) if rows else None


@task()
def sync_page_task(page_id):

    doc = document_for_page_id(page_id)
    if doc is None:
        portal_index.document_class()(meta={"id": page_id}).delete(using=portal_index.client(), ignore=404)
    else:
        doc.save(using=portal_index.client())


@task()
def sync_subtree_task(page_id):
    """A move changes the URL (and maybe the bureau) of every page below the moved one."""
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        for pk in page.get_descendants(inclusive=True).values_list("pk", flat=True):
            sync_page_task.call(pk)


def enqueue(task_obj, page_id):
    if not enabled():
        return
    try:
        transaction.on_commit(lambda: task_obj.enqueue(page_id))
    except Exception:
        logger.exception("Could not enqueue %s for page %s", task_obj.name, page_id)


@receiver(page_published)
@receiver(page_unpublished)
def _page_changed(sender, instance, **kwargs):
    enqueue(sync_page_task, instance.pk)


@receiver(post_page_move)
def _page_moved(sender, instance, **kwargs):
    enqueue(sync_subtree_task, instance.pk)


@receiver(post_delete)
def _page_deleted(sender, instance, **kwargs):
    # Multi-table inheritance sends this for the specific model and for Page: the task is idempotent.
    if isinstance(instance, Page):
        enqueue(sync_page_task, instance.pk)
