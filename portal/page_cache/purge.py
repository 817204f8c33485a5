"""Emptying the page cache when something a page shows changes.

Purging is all or nothing: a published page shows up on the home page, its section's list, its
bureau's page, its tags and its neighbours' "related" boxes, and a bureau's or a task's name on
every page of theirs. Working out which addresses show what would be a second copy of every
template's logic, wrong the day a template changes; content changes a few dozen times a day, and
one purge costs each page one fresh render. So each change bumps a generation number that is part
of every key, and old entries age out on their own (they are never read again).

What purges (`connect()`):
- Wagtail's page signals: published, unpublished (also sent for the pages under an unpublished
  one), moved, deleted;
- any save or delete of a model of the project's apps, Wagtail's images, documents and sites and
  taggit's tags, except the models in `NEVER_PURGES` (visitors' own activity: likes, reports,
  nominations being sent); a page's own save purges only when the page is live and more than its
  draft bookkeeping changed (saving a draft changes nothing public; publishing does).

What may be stale for up to `PAGE_CACHE_SECONDS` (docs/page-cache.md): like tallies, quiz answer
statistics and counts of citizens' reports, which change with every visitor and would otherwise
purge the cache many times a minute in a campaign. The visitor who likes sees the new tally in
the answer to the like.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"

WATCHED_APPS = {
    "content",
    "interaction",
    "portal",
    "bureaus",
    "search",
    # The search app's label: an edited synonym changes what /search/ finds (the log never purges).
    "portal_search",
    "core",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailsearchpromotions",
    "wagtailcore",
    "taggit",
}

# Saved by visitors or by the machinery around pages; none of them changes what a page shows, or
# only a tally that may be a few minutes stale (see the module's docstring).
NEVER_PURGES = {
    "portal_search.QueryLog",
    "wagtailsearchpromotions.QueryDailyHits",
    "content.ExemplarLike",
    "content.ExemplarLikeTally",
    "content.RefusedLike",
    "content.NominationLike",
    "content.QuizQuestionStat",
    "content.NominationEvent",
    "content.NominationPhoto",
    "content.NominatorDataAccess",
    "content.ExpertScore",
    # Photos, events and reply drafts of citizens' messages never show on a public page; an
    # answer does only once the message row itself is published (a change that purges).
    "interaction.MessagePhoto",
    "interaction.MessageEvent",
    "interaction.MessageReply",
    "content.PublicPhotoRendition",
    "wagtailimages.Rendition",
    "wagtailcore.Revision",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.WorkflowState",
    "wagtailcore.TaskState",
    "wagtailcore.PageSubscription",
    "wagtailcore.Comment",
    "wagtailcore.CommentReply",
    "wagtailcore.UploadedFile",
    "wagtailcore.ReferenceIndex",
    "wagtailcore.GroupApprovalTask",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupCollectionPermission",
}

# Sent by citizens (a new nomination, a report on an ad): only a later change by an editor, such
# as a nomination put up for public notice, can alter a page.
PURGES_ON_CHANGE_ONLY = {
    "content.Nomination",
    "content.AdProblemReport",
    "content.NominationObjection",
    "interaction.Message",
}


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_generation(cache=None):
    cache = cache or page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Starts from a number no earlier life of the cache used, so entries of a generation
        # forgotten by a restarted cache can never be read again.
        generation = int(time.time() * 1000)
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def purge_all(reason=""):
    """Makes every stored page unreachable. Cheap (one cache write), so it also runs again at commit."""
    # The generation also dates each process's site structure (portal/site_structure.py).
    if not (settings.PAGE_CACHE_SECONDS or settings.SITE_STRUCTURE_CACHE):
        return
    cache = page_cache()
    current_generation(cache)
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the key vanished between the two calls: the next read starts a new generation
        cache.delete(GENERATION_KEY)
    logger.debug("page cache purged: %s", reason)


def purge_now_and_at_commit(reason):
    # Now, so the change's own request and tests see it; and again at commit, since a page
    # rendered by another request between the two would hold the old content under the new number.
    purge_all(reason)
    transaction.on_commit(lambda: purge_all(reason))


def _on_page_change(sender, instance=None, **kwargs):
    purge_now_and_at_commit(f"page {getattr(instance, 'pk', '')} {sender.__name__}")


def _on_model_change(sender, instance=None, created=False, raw=False, **kwargs):
    label = sender._meta.label
    if sender._meta.app_label not in WATCHED_APPS or label in NEVER_PURGES:
        return
    if created and label in PURGES_ON_CHANGE_ONLY:
        return
    if isinstance(instance, Page) and kwargs.get("signal") is post_save and not _changes_live_page(instance, kwargs):
        return
    purge_now_and_at_commit(f"{label} {getattr(instance, 'pk', '')}")


# What saving a draft, locking or starting a review writes on the page row: nothing a visitor sees.
PAGE_BOOKKEEPING_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


def _changes_live_page(page, kwargs):
    """A page saved outside publishing (by code, a command) changes the site only if it is live."""
    if not page.live:
        return False
    update_fields = kwargs.get("update_fields")
    return update_fields is None or not set(update_fields) <= PAGE_BOOKKEEPING_FIELDS


def connect():
    page_published.connect(_on_page_change, dispatch_uid="page_cache_published")
    page_unpublished.connect(_on_page_change, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_on_page_change, dispatch_uid="page_cache_moved")
    post_save.connect(_on_model_change, dispatch_uid="page_cache_saved")
    post_delete.connect(_on_model_change, dispatch_uid="page_cache_deleted")
