"""/suishoupai/ (the form), /suishoupai/huizhi/ (the receipt: the tracking code, shown once) and
/suishoupai/status/ (a report's status by its code, typed into a POST form). docs/suishoupai.md.

As for nominations: the code is in no URL, a filled honeypot goes the way a person goes and gets
a pretend receipt, and the rate limits fail OPEN when the cache is down (a report is never lost
to a cache outage; CSRF and the honeypot still hold)."""

import logging

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect

from content.nominations import codes
from content.snapshots import receipt
from content.snapshots.forms import SnapshotForm
from content.snapshots.models import MAX_PHOTOS, SnapshotEvent, SnapshotReport, Status
from content.snapshots.submission import create_report
from core.code_lookup import code_lookup
from core.ratelimit import Limit, hit, peek
from core.security_headers import PERMISSIONS_POLICY
from core.uploads import MAX_BYTES, may_decode_photos
from core.visitor import client_hash

logger = logging.getLogger(__name__)

REPORTS_PER_IP = Limit("snapshot-ip", limit=5, window=3600)
REPORTS_PER_IP_DAY = Limit("snapshot-ip-day", limit=20, window=24 * 3600)
STATUS_LOOKUPS_PER_IP = Limit("snapshot-status-ip", limit=30, window=3600)
RECEIPT_ROUTE = "huizhi/"
MAX_BODY = MAX_PHOTOS * MAX_BYTES + 512 * 1024
CODE_PAGE_REFERRER_POLICY = "same-origin"
# The form's "use my location" button needs the browser's geolocation, which every other page
# switches off (core/security_headers.py): this page alone allows it, for itself only.
FORM_PERMISSIONS_POLICY = PERMISSIONS_POLICY.replace("geolocation=()", "geolocation=(self)")
#: The order a citizen follows; the outcome (not accepted, notice, closed) is the last step.
PUBLIC_STEPS = [Status.RECEIVED, Status.ACCEPTED]
OUTCOMES = (Status.REJECTED, Status.NOTICE, Status.CLOSED)


def _render(request, template, context, status=200, retry_after=None, shareable=False):
    response = TemplateResponse(request, template, context, status=status)
    if not (shareable and request.method in ("GET", "HEAD") and status == 200):
        add_never_cache_headers(response)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _form_page(request, form, status=200, refusal=None, retry_after=None, shareable=False):
    response = _render(
        request,
        "content/snapshots/form.html",
        {
            "form": form,
            "refusal": refusal,
            # Its share card, description and canonical link (templates/includes/page_meta.html).
            "share_title": _("Report uncivil behaviour (随手拍)"),
            "share_description": _(
                "Photograph uncivil behaviour in Kunming and send it to the bureau responsible: you get a tracking "
                "code to follow what is done."
            ),
        },
        status=status,
        retry_after=retry_after,
        shareable=shareable,
    )
    response["Permissions-Policy"] = FORM_PERMISSIONS_POLICY
    return response


def _over_limit(request):
    sender = client_hash(request)
    verdict = hit(REPORTS_PER_IP, sender, fail_open=True)
    if verdict.allowed:
        verdict = hit(REPORTS_PER_IP_DAY, sender, fail_open=True)
    return None if verdict.allowed else verdict


@csrf_protect
def report_form(request):
    if request.method not in ("GET", "HEAD", "POST"):
        return _form_page(request, None, status=405)
    if request.method != "POST":
        return _form_page(request, SnapshotForm(), shareable=True)
    try:
        body_length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        body_length = 0
    if body_length > MAX_BODY:
        refusal = _("What you sent is too large: send at most 5 photos of at most 8 MB each.")
        return _form_page(request, SnapshotForm(), status=413, refusal=refusal)

    # Refusals that need no look at the photos come first: a sender over a limit costs no decoding.
    photos_sent = any(request.FILES.getlist("photos"))
    verdict = peek(REPORTS_PER_IP, client_hash(request))
    refusal = _("Several reports have come from you in a short time. Please try again later.")
    if verdict.allowed and photos_sent:
        verdict = may_decode_photos(request)
        refusal = _("You have sent many photos in a short time. Please try again later.")
    if not verdict.allowed:
        form = SnapshotForm(request.POST)
        form.photos_dropped = photos_sent
        form.photo_names = [f.name for f in request.FILES.getlist("photos") if f]
        return _form_page(request, form, status=429, refusal=refusal, retry_after=verdict.retry_after)

    form = SnapshotForm(request.POST, request.FILES)
    honeypot = form.honeypot_filled()
    if not form.is_valid():
        return _form_page(request, form)
    verdict = _over_limit(request)
    if verdict is not None:
        form.photos_dropped = bool(form.photo_names)
        refusal = _("Several reports have come from you in a short time. Please try again later.")
        return _form_page(request, form, status=429, refusal=refusal, retry_after=verdict.retry_after)

    if honeypot:
        logger.info("Honeypot filled on the 随手拍 form: dropped")
        code = codes.new_code()
    else:
        code = create_report(form.cleaned_data, client_hash=client_hash(request)).tracking_code
    # request.path, not reverse(): the receipt is the form's own address + huizhi/.
    path = f"{request.path}{RECEIPT_ROUTE}"
    response = redirect(path)
    add_never_cache_headers(response)
    receipt.remember(response, request, path, code)
    return response


def _code_page(request, template, context, status=200, retry_after=None):
    context = {"form_url": reverse("snapshot_form"), "status_url": reverse("snapshot_status"), **context}
    response = _render(request, template, context, status, retry_after)
    response["Referrer-Policy"] = CODE_PAGE_REFERRER_POLICY
    return response


def report_receipt(request):
    """The receipt: the tracking code once, then never again at this address."""
    if request.method not in ("GET", "HEAD"):
        return _code_page(request, "content/snapshots/receipt.html", {}, status=405)
    code = receipt.read(request)
    response = _code_page(
        request, "content/snapshots/receipt.html", {"display_code": codes.display(code) if code else ""}
    )
    if code:
        receipt.forget(response, request)
    return response


@csrf_protect
def report_status(request):
    """The look-up form (GET) and its answer (POST): the code is in no URL (core/code_lookup.py)."""
    return code_lookup(
        request,
        render=lambda context, status=200, retry_after=None: _code_page(
            request, "content/snapshots/status.html", context, status, retry_after
        ),
        find=lambda code: SnapshotReport.objects.select_related("bureau", "notice").filter(tracking_code=code).first(),
        describe=public_status,
        limit=STATUS_LOOKUPS_PER_IP,
    )


def public_status(report):
    """What the reporter may see: the status, its dates, the handling bureau, the reason given to
    them and a published notice. Never the report's own text, place, point or photos."""
    events = list(SnapshotEvent.objects.filter(report=report, rerouted=False).values("status", "at"))
    notice = report.notice if report.notice_id and report.notice.live else None
    return {
        "found": True,
        "display_code": report.display_code,
        "status": report.status,
        "status_label": Status(report.status).label,
        "bureau_name": report.bureau.title if report.bureau_id else "",
        "steps": PUBLIC_STEPS,
        "reached": {event["status"] for event in events},
        "events": [(Status(event["status"]).label, event["at"]) for event in events],
        "outcome": report.status if report.status in OUTCOMES else "",
        "reason": report.reason if report.status in OUTCOMES else "",
        "notice_url": notice.url if notice else "",
    }
