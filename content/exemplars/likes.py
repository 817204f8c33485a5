"""Likes (点赞) of exemplars without an account. See docs/exemplars.md.

A visitor is a random id in a signed, long-lived cookie set on the first like. One like per
exemplar, visitor and day is enforced by a unique constraint. Bulk liking is refused per source
(a salted hash of the client address, never the address itself): at most LIKES_PER_SOURCE likes
an hour and NEW_VISITORS_PER_SOURCE new visitor ids a day, so clearing the cookie does not help
either. The form works without JavaScript (redirect back with a message); static/js/likes.js
sends the same POST asking for JSON and updates the count in place."""

import logging

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from content.exemplars import models as exemplar_models
from content.exemplars.models import ExemplarLike, ExemplarLikeTally, ExemplarPage, RefusedLike
from core.ratelimit import Limit, hit
from core.visitor import client_hash, new_visitor_key, remember_visitor, visitor_key

logger = logging.getLogger("portal.likes")

# A household or office behind one address likes a few exemplars; a script likes hundreds.
# The cache failing lets likes through (fail open): the per-visitor unique constraint still holds.
LIKES_PER_SOURCE = Limit("exemplar-like-source", limit=30, window=3600)
NEW_VISITORS_PER_SOURCE = Limit("exemplar-like-new-visitor", limit=20, window=24 * 3600)
#: Refusals written as RefusedLike rows and warnings: the first of a window, then one in this
#: many, so a flood does not become a flood of rows.
RECORD_EVERY = 50


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _refusal(request, exemplar, source, limit, verdict):
    reason = "new-visitors" if limit is NEW_VISITORS_PER_SOURCE else "rate"
    over = (verdict.count or 0) - limit.limit  # None when the cache failed: record it
    if over <= 1 or over % RECORD_EVERY == 0:
        RefusedLike.objects.create(exemplar=exemplar, source_hash=source, reason=reason)
        logger.warning(
            "Like of exemplar %s refused (%s, %s hits this window) from source %s",
            exemplar.pk,
            reason,
            verdict.count,
            source[:12],
        )
    message = _("Too many likes have come from your network. Please try again later.")
    if _wants_json(request):
        response = JsonResponse({"ok": False, "message": message}, status=429)
    else:
        context = exemplar.get_context(request)
        context["like_message"] = message
        response = TemplateResponse(request, exemplar.get_template(request), context, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


def _count_like(exemplar_id):
    """Add one to the tally, creating it on the first like; atomic under concurrent likes."""
    if ExemplarLikeTally.objects.filter(exemplar_id=exemplar_id).update(total=F("total") + 1):
        return
    try:
        with transaction.atomic():
            ExemplarLikeTally.objects.create(exemplar_id=exemplar_id, total=1)
    except IntegrityError:  # another like created it in between
        ExemplarLikeTally.objects.filter(exemplar_id=exemplar_id).update(total=F("total") + 1)


@never_cache
@require_POST
def like_exemplar(request, page_id):
    exemplar = ExemplarPage.objects.live().public().filter(pk=page_id).first()
    if exemplar is None:
        raise Http404
    source = client_hash(request)
    key = visitor_key(request)
    new_visitor = key is None
    if new_visitor:
        verdict = hit(NEW_VISITORS_PER_SOURCE, source, fail_open=True)
        if not verdict.allowed:
            return _refusal(request, exemplar, source, NEW_VISITORS_PER_SOURCE, verdict)
        key = new_visitor_key()
    verdict = hit(LIKES_PER_SOURCE, source, fail_open=True)
    if not verdict.allowed:
        return _refusal(request, exemplar, source, LIKES_PER_SOURCE, verdict)

    try:
        with transaction.atomic():
            ExemplarLike.objects.create(
                exemplar=exemplar, visitor_key=key, liked_on=exemplar_models.today(), source_hash=source
            )
            _count_like(exemplar.pk)
        counted = True
        message = _("Thank you for your like.")
    except IntegrityError:
        counted = False
        message = _("You have already liked this person today. You can like again tomorrow.")
    count = ExemplarLikeTally.objects.filter(exemplar_id=exemplar.pk).values_list("total", flat=True).first() or 0

    if _wants_json(request):
        response = JsonResponse({"ok": counted, "count": count, "message": message})
    else:
        (messages.success if counted else messages.info)(request, message)
        response = redirect(exemplar.get_url(request) + "#like")
    if new_visitor:
        remember_visitor(response, request, key)
    return response
