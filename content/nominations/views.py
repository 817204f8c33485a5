"""/tuijian/ (the form), /tuijian/huizhi/ (the receipt: the tracking code, shown once) and
/tuijian/status/ (a nomination's stage by its tracking code, typed into a POST form).

A tracking code is never put in a URL (logs, history, Referer): see content/nominations/receipt.py.

Rate limits fail OPEN when the cache is down (a citizen's nomination is never lost to a cache
outage; CSRF, the honeypot and duplicate linking still hold), as for ad reports. Code lookups
fail open too: a code has 31**12 values, so the limit only slows a pointless enumeration."""

import logging

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from content.nominations import codes, receipt
from content.nominations.forms import CATEGORY_CRITERIA, NominationForm
from content.nominations.models import Nomination, NominationEvent, Stage
from content.nominations.submission import create_nomination, would_be_linked
from core.code_lookup import code_lookup
from core.ratelimit import Limit, hit, peek
from core.uploads import MAX_BYTES, may_decode_photos
from core.visitor import client_hash

logger = logging.getLogger(__name__)

NOMINATIONS_PER_IP = Limit("nomination-ip", limit=5, window=3600)
NOMINATIONS_PER_PHONE = Limit("nomination-phone", limit=3, window=24 * 3600)
STATUS_LOOKUPS_PER_IP = Limit("nomination-status-ip", limit=30, window=3600)
# Five photos at the photo cap plus the text fields.
MAX_BODY = 5 * MAX_BYTES + 512 * 1024

# Pages that show a code send no address to another site. Not "no-referrer": browsers then send
# "Origin: null" with the page's own forms (the look-up, the language switch), and Django's CSRF
# check refuses them. The code is in no address anyway; this is the second line.
CODE_PAGE_REFERRER_POLICY = "same-origin"

#: The stages as a citizen follows them, in order (final outcomes shown separately).
PUBLIC_STAGES = [Stage.RECEIVED, Stage.DISTRICT_REVIEW, Stage.PUBLICITY, Stage.EXPERT_REVIEW, Stage.DECISION]


def _render(request, page, template, context, status=200, retry_after=None, shareable=False):
    """`shareable`: the blank form or list that every visitor sees alike, which the page cache
    may store; everything else here (an answer to a post, a receipt, a status) is the visitor's own."""
    context = {"page": page, "self": page, **context}
    response = TemplateResponse(request, template, context, status=status)
    if not (shareable and request.method in ("GET", "HEAD") and status == 200):
        add_never_cache_headers(response)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _form_page(request, page, form, status=200, refusal=None, retry_after=None, shareable=False):
    categories = [(value, label, CATEGORY_CRITERIA[value]) for value, label in form.fields["category"].choices]
    return _render(
        request,
        page,
        "content/nomination_form.html",
        {"form": form, "categories": categories, "refusal": refusal, "tasks": page.tasks_with_bureaus()},
        status=status,
        retry_after=retry_after,
        shareable=shareable,
    )


def _rate_limited(request, phone):
    verdict = hit(NOMINATIONS_PER_IP, client_hash(request), fail_open=True)
    if verdict.allowed:
        verdict = hit(NOMINATIONS_PER_PHONE, phone, fail_open=True)
    return None if verdict.allowed else verdict


def nomination_form(request, page):
    if request.method not in ("GET", "HEAD", "POST"):
        return _render(request, page, "content/nomination_form.html", {}, status=405)
    if request.method != "POST":
        return _form_page(request, page, NominationForm(), shareable=True)
    try:
        body_length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        body_length = 0
    if body_length > MAX_BODY:
        refusal = _("What you sent is too large: send at most 5 photos of at most 8 MB each.")
        return _form_page(request, page, NominationForm(), status=413, refusal=refusal)

    # Refusals that need no look at the photos come first: a sender over a limit costs no decoding.
    photos_sent = any(request.FILES.getlist("photos"))
    verdict = peek(NOMINATIONS_PER_IP, client_hash(request))
    refusal = _("Several nominations have come from you in a short time. Please try again later.")
    if verdict.allowed and photos_sent:
        verdict = may_decode_photos(request)
        refusal = _("You have sent many photos in a short time. Please try again later.")
    if not verdict.allowed:
        form = NominationForm(request.POST)  # what was typed is shown again; the photos are not read
        form.photos_dropped = photos_sent
        return _form_page(request, page, form, status=429, refusal=refusal, retry_after=verdict.retry_after)

    form = NominationForm(request.POST, request.FILES)
    # A filled honeypot (a bot) goes the same way as a person up to the last step: the same
    # checks, the same rate limits counted, the same redirect, cookie and receipt; only nothing
    # is stored, its photos are never opened and its code was never issued.
    honeypot = form.honeypot_filled()
    if not form.is_valid():
        return _form_page(request, page, form)
    verdict = _rate_limited(request, form.cleaned_data["nominator_phone"])
    if verdict is not None:
        form.photos_dropped = bool(form.photo_names)
        refusal = _("Several nominations have come from you in a short time. Please try again later.")
        return _form_page(request, page, form, status=429, refusal=refusal, retry_after=verdict.retry_after)

    if honeypot:
        logger.info("Honeypot filled on the nomination form: dropped")
        code, linked = codes.new_code(), would_be_linked(form.cleaned_data)
    else:
        nomination = create_nomination(form.cleaned_data, client_hash=client_hash(request))
        code, linked = nomination.tracking_code, not nomination.is_primary
    # The code goes to the receipt in a cookie, never in the URL. request.path is the page's URL
    # here; page.url would read the site root paths from the cache, and a cache outage must not
    # turn a stored nomination into an error page.
    path = receipt.receipt_path(request.path)
    response = redirect(path)
    add_never_cache_headers(response)
    receipt.remember(response, request, path, code, linked)
    return response


def nomination_receipt(request, page):
    """The receipt: the tracking code once, then never again at this address."""
    if request.method not in ("GET", "HEAD"):
        return _render(request, page, "content/nomination_receipt.html", {}, status=405)
    found = receipt.read(request)
    context = {"status_url": f"{request.path.removesuffix(receipt.RECEIPT_ROUTE)}status/"}
    if found:
        code, linked = found
        context.update(display_code=codes.display(code), linked=linked)
    response = _render(request, page, "content/nomination_receipt.html", context)
    response["Referrer-Policy"] = CODE_PAGE_REFERRER_POLICY
    if found:
        receipt.forget(response, request)
    return response


def _status_page(request, page, context, status=200, retry_after=None):
    response = _render(request, page, "content/nomination_status.html", context, status, retry_after)
    response["Referrer-Policy"] = CODE_PAGE_REFERRER_POLICY
    return response


def nomination_status(request, page):
    """The look-up form (GET) and its answer (POST, CSRF-checked): the code is typed into the
    form and answered in the POST's own page, so it is in no URL, no log line and no history
    (core/code_lookup.py)."""
    response = code_lookup(
        request,
        render=lambda context, status=200, retry_after=None: _status_page(request, page, context, status, retry_after),
        find=lambda code: Nomination.objects.select_related("same_clue_of").filter(tracking_code=code).first(),
        describe=_public_status,
        limit=STATUS_LOOKUPS_PER_IP,
        context={"stages": PUBLIC_STAGES},
    )
    # The redirect from an old link too: no other site learns the address.
    response["Referrer-Policy"] = CODE_PAGE_REFERRER_POLICY
    return response


def _public_status(found):
    """Only the stage and dates reach the template: never the nomination itself (no personal data)."""
    root = found.same_clue_of or found
    events = list(
        NominationEvent.objects.filter(nomination=root).exclude(to_stage=Stage.MERGED).values("to_stage", "at")
    )
    return {
        "found": True,
        "display_code": codes.display(found.tracking_code),
        "linked": not found.is_primary,
        "stage": root.stage,
        "stage_label": Stage(root.stage).label,
        "events": [(Stage(event["to_stage"]).label, event["at"]) for event in events],
        "reached": {event["to_stage"] for event in events},
        "outcome": root.stage if root.stage in (Stage.APPROVED, Stage.REJECTED) else "",
        "publicity_ends_on": root.publicity_ends_on if root.stage == Stage.PUBLICITY else None,
    }
