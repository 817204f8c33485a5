"""/tuijian/gongshi/: candidates under public evaluation (评议公示), their likes and objections.

Shown: name, district, category, clue, deeds and likes; never the nominator. A photo only when
the nominee agreed and is an adult. Likes: one per visitor and candidate (the exemplar likes'
visitor cookie), with the same per-source limits; objections: plain text, 3 an hour per source,
reviewed in the admin. Both fail open when the cache is down (the unique constraint still
holds for likes; objections are reviewed by people anyway)."""

import logging

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from content.nominations.forms import ObjectionForm
from content.nominations.models import (
    Nomination,
    NominationLike,
    NominationObjection,
    NominationPhoto,
    Stage,
    photos_may_be_shown,
)
from content.nominations.views import _render
from core.ratelimit import Limit, hit
from core.visitor import client_hash, new_visitor_key, remember_visitor, visitor_key

logger = logging.getLogger(__name__)

LIKES_PER_SOURCE = Limit("nomination-like-source", limit=30, window=3600)
NEW_VISITORS_PER_SOURCE = Limit("nomination-like-new-visitor", limit=20, window=24 * 3600)
OBJECTIONS_PER_SOURCE = Limit("nomination-objection-source", limit=3, window=3600)
MAX_LISTED = 100


def under_evaluation(today=None):
    today = today or timezone.localdate()
    return Nomination.objects.filter(
        stage=Stage.PUBLICITY, same_clue_of__isnull=True, publicity_ends_on__gte=today
    ).select_related("district")


def _photos_shown(today):
    return Prefetch(
        "photos",
        queryset=NominationPhoto.objects.filter(photos_may_be_shown(today, prefix="nomination__")),
        to_attr="shown_photos",
    )


def publicity_list(request, page, objection_form=None, objection_for=None, status=200, retry_after=None):
    today = timezone.localdate()
    candidates = list(
        under_evaluation(today)
        .only(
            "pk",
            "nominee_name",
            "gender",
            "district__name",
            "category",
            "clue",
            "deeds",
            "like_count",
            "publicity_ends_on",
            "photo_consent",
            "birth_year",
        )
        .prefetch_related(_photos_shown(today))
        .order_by("publicity_ends_on", "pk")[:MAX_LISTED]
    )
    key = visitor_key(request)
    liked = set()
    if key and candidates:
        liked = set(
            NominationLike.objects.filter(nomination__in=candidates, visitor_key=key).values_list(
                "nomination_id", flat=True
            )
        )
    context = {
        "candidates": candidates,
        "liked": liked,
        "objection_form": objection_form,
        "objection_for": objection_for,
        "blank_objection_form": ObjectionForm(),
    }
    # Shareable when nothing in it is the visitor's own: no supports of theirs, no objection form
    # of theirs being answered (a visitor with the like cookie is never served a stored page).
    shareable = not liked and objection_form is None
    return _render(request, page, "content/nomination_publicity.html", context, status, retry_after, shareable)


def _candidate(pk):
    candidate = under_evaluation().filter(pk=pk).first()
    if candidate is None:
        raise Http404
    return candidate


def like(request, page, pk):
    if request.method != "POST":
        return redirect(page.url + "gongshi/")
    candidate = _candidate(pk)
    source = client_hash(request)
    key = visitor_key(request)
    new_visitor = key is None
    if new_visitor:
        verdict = hit(NEW_VISITORS_PER_SOURCE, source, fail_open=True)
        key = new_visitor_key()
    else:
        verdict = hit(LIKES_PER_SOURCE, source, fail_open=True)
    if not verdict.allowed:
        logger.warning("Like of nomination %s refused from source %s", candidate.pk, source[:12])
        messages.error(request, _("Too many likes have come from your network. Please try again later."))
        response = redirect(f"{page.url}gongshi/#candidate-{candidate.pk}")
        response.status_code = 303
        return response
    try:
        with transaction.atomic():
            NominationLike.objects.create(nomination=candidate, visitor_key=key, source_hash=source)
            Nomination.objects.filter(pk=candidate.pk).update(like_count=F("like_count") + 1)
        messages.success(request, _("Thank you for your support."))
    except IntegrityError:
        messages.info(request, _("You have already supported this candidate."))
    response = redirect(f"{page.url}gongshi/#candidate-{candidate.pk}")
    if new_visitor:
        remember_visitor(response, request, key)
    return response


def objection(request, page, pk):
    if request.method != "POST":
        return redirect(page.url + "gongshi/")
    candidate = _candidate(pk)
    form = ObjectionForm(request.POST)
    # A filled honeypot (a bot) is checked and counted like any objection and thanked the same
    # way; only nothing is stored.
    honeypot = form.honeypot_filled()
    if not form.is_valid():
        return publicity_list(request, page, objection_form=form, objection_for=candidate.pk)
    verdict = hit(OBJECTIONS_PER_SOURCE, client_hash(request), fail_open=True)
    if not verdict.allowed:
        form.add_error(None, _("Several objections have come from you in a short time. Please try again later."))
        return publicity_list(
            request, page, objection_form=form, objection_for=candidate.pk, status=429, retry_after=verdict.retry_after
        )
    if honeypot:
        logger.info("Honeypot filled on an objection: dropped")
    else:
        NominationObjection.objects.create(
            nomination=candidate,
            text=form.cleaned_data["text"],
            contact=form.cleaned_data["contact"],
            client_hash=client_hash(request),
        )
    messages.success(request, _("Thank you: your objection has been received and will be reviewed."))
    return redirect(f"{page.url}gongshi/#candidate-{candidate.pk}")


def photo(request, page, pk):
    """A nominee's photo (already re-encoded without metadata), only while it may be shown."""
    today = timezone.localdate()
    item = NominationPhoto.objects.filter(
        pk=pk,
        nomination__in=under_evaluation(today).filter(photos_may_be_shown(today)),
    ).first()
    if item is None:
        raise Http404
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type="image/png" if item.file.name.endswith(".png") else "image/jpeg")
    response["Cache-Control"] = "public, max-age=600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
