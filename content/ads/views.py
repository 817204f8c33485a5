"""The public page of an ad placement (opened from the QR sticker), its QR codes and the
"report a problem" form. See docs/placements-public.md."""

import logging

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from content.ads.forms import AdProblemReportForm
from content.ads.models.placements import AdPlacement, AdProblemReport, PlacementStatus
from content.ads.models.works import AdArtwork
from content.ads.report_status import RECEIPT
from core.qr import qr_png, qr_svg
from core.ratelimit import Limit, hit, peek
from core.tracking_codes import new_code
from core.uploads import MAX_BYTES, may_decode_photos, photo_error
from core.visitor import client_hash

logger = logging.getLogger(__name__)

# Saved reports allowed per client IP and per placement. Counted only for valid submissions
# (a form with errors saves nothing and costs nothing). When the cache is down both fail OPEN.
REPORTS_PER_IP = Limit("ad-report-ip", limit=5, window=3600)
REPORTS_PER_PLACEMENT = Limit("ad-report-placement", limit=20, window=24 * 3600)
QR_MAX_AGE = 24 * 3600
# A request body larger than this is refused before it is parsed (the photo cap plus the fields).
MAX_REPORT_BODY = MAX_BYTES + 256 * 1024


def _uppercase_redirect(request, url_name, code):
    url = reverse(url_name, kwargs={"code": code.upper()})
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    return redirect(url, permanent=True)


def _placement_or_404(code):
    return get_object_or_404(
        AdPlacement.objects.select_related("work", "work__theme", "carrier", "district", "bureau"), code=code
    )


def _render_page(request, placement, form, status=200, photo_dropped=False, refusal=None):
    artwork = (
        AdArtwork.objects.filter(page_id=placement.work_id).select_related("image").order_by("sort_order", "id").first()
    )
    context = {
        "placement": placement,
        "work": placement.work,
        "artwork": artwork,
        "form": form,
        "photo_dropped": photo_dropped,
        "refusal": refusal,
        "removed": placement.status == PlacementStatus.REMOVED,
        "description_max_length": form.fields["description"].validators[0].limit_value if form else None,
    }
    response = render(request, "content/ad_placement.html", context, status=status)
    if refusal and refusal.get("retry_after"):
        response["Retry-After"] = str(refusal["retry_after"])
    return response


def _report_limits(request, placement):
    """Each limit on problem reports, with what it counts: the sender, and the placement."""
    return ((REPORTS_PER_IP, client_hash(request)), (REPORTS_PER_PLACEMENT, placement.pk))


def _refuse_before_reading(request, placement, photo_sent):
    """A refusal decided from the sender alone, before the form (and its photo) is read."""
    for limit, identifier in _report_limits(request, placement):
        verdict = peek(limit, identifier)
        if not verdict.allowed:
            return _refusal_for(limit, verdict)
    if photo_sent:
        verdict = may_decode_photos(request)
        if not verdict.allowed:
            return {
                "message": _("You have sent many photos in a short time. Please try again later."),
                "retry_after": verdict.retry_after,
            }
    return None


def _refusal_for(limit, verdict):
    if limit is REPORTS_PER_IP:
        message = _("You have sent several problem reports in a short time. Please try again later.")
    else:
        message = _(
            "This ad has already received many problem reports today and its bureau has been told. "
            "Please try again tomorrow."
        )
    return {"message": message, "retry_after": verdict.retry_after}


def _refuse_if_rate_limited(request, placement):
    """None when the report may be saved, else a dict describing the refusal."""
    for limit, identifier in _report_limits(request, placement):
        verdict = hit(limit, identifier, fail_open=True)
        if not verdict.allowed:
            return _refusal_for(limit, verdict)
    return None


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def ad_placement(request, code):
    if code != code.upper():
        if request.method == "POST":  # a redirect would lose the form: answer at the right URL
            code = code.upper()
        else:
            return _uppercase_redirect(request, "ad_placement", code)
    placement = _placement_or_404(code)

    if placement.status == PlacementStatus.REMOVED:
        return _render_page(request, placement, form=None, status=410)

    if request.method != "POST":
        return _render_page(request, placement, AdProblemReportForm())

    try:
        body_length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        body_length = 0
    if body_length > MAX_REPORT_BODY:
        # Refused before the body is read; what was typed cannot be kept in this case.
        refusal = {"message": str(photo_error("too_big", megabytes=f"{MAX_BYTES / (1024 * 1024):g}").messages[0])}
        return _render_page(request, placement, AdProblemReportForm(), status=413, refusal=refusal)

    photo_sent = bool(request.FILES.get("photo"))
    # Refusals that need no look at the photo come first: a sender over a limit costs no decoding.
    refusal = _refuse_before_reading(request, placement, photo_sent)
    if refusal:
        form = AdProblemReportForm(request.POST)  # what was typed is shown again; the photo is not read
        return _render_page(request, placement, form, status=429, photo_dropped=photo_sent, refusal=refusal)
    form = AdProblemReportForm(request.POST, request.FILES)
    # A filled honeypot (a bot) goes the same way as a person up to the last step: the same
    # checks, the same rate limits counted, the same redirect and a receipt with a tracking code
    # (one never stored); only nothing is kept and its photo is never opened.
    honeypot = form.honeypot_filled()

    if not form.is_valid():
        return _render_page(request, placement, form, photo_dropped=photo_sent)

    refusal = _refuse_if_rate_limited(request, placement)
    if refusal:
        return _render_page(request, placement, form, status=429, photo_dropped=photo_sent, refusal=refusal)

    if honeypot:
        logger.info("Honeypot filled on placement %s: report dropped", placement.code)
        code, joined = new_code(), False
    else:
        report = AdProblemReport(
            placement=placement,
            problem=form.cleaned_data["problem"],
            description=form.cleaned_data["description"],
            client_hash=client_hash(request),
        )
        if form.cleaned_data["photo"]:
            report.photo = form.cleaned_data["photo"]
        report.save()  # opens an update task for the placement's bureau, or joins the open one
        code, joined = report.tracking_code, report.joined_task_id is not None
    # The outcome is a page of its own (POST-redirect-GET), starting with the thank-you and the
    # code: on a phone the eye is at the top of a new page, not 800 px below a message.
    path = reverse("ad_report_receipt", kwargs={"code": placement.code})
    # A fragment of its own: the browser would otherwise keep the form's #report on the redirect.
    response = redirect(f"{path}#outcome")
    add_never_cache_headers(response)
    RECEIPT.remember(response, request, path, f"{code}:{int(joined)}")
    return response


def placement_public_url(placement):
    """The address a QR sticker opens: the configured public address, whatever Host was asked."""
    return settings.PORTAL_PUBLIC_URL + reverse("ad_placement", kwargs={"code": placement.code})


def _qr_response(content, content_type, placement, extension):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="placement-{placement.code}.{extension}"'
    patch_cache_control(response, public=True, max_age=QR_MAX_AGE)
    return response


@require_safe
def ad_placement_qr_png(request, code):
    if code != code.upper():
        return _uppercase_redirect(request, "ad_placement_qr_png", code)
    placement = _placement_or_404(code)
    return _qr_response(qr_png(placement_public_url(placement)), "image/png", placement, "png")


@require_safe
def ad_placement_qr_svg(request, code):
    if code != code.upper():
        return _uppercase_redirect(request, "ad_placement_qr_svg", code)
    placement = _placement_or_404(code)
    return _qr_response(qr_svg(placement_public_url(placement)), "image/svg+xml", placement, "svg")
