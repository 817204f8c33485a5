"""A citizen's ad problem report after sending: the receipt with its tracking code
(/gongyi/dianwei/<placement>/huizhi/, shown once) and the public status look-up
(/gongyi/dianwei/chaxun/, the code typed into a POST form). docs/placements-public.md.

As for nominations and 随手拍 reports, the code is in no URL: it reaches the receipt in a signed
cookie for that path only (core/receipt_cookie.py)."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_protect

from content.ads.models.placements import AdPlacement, AdProblemReport, UpdateTaskStatus
from core.code_lookup import code_lookup
from core.ratelimit import Limit
from core.receipt_cookie import ReceiptCookie
from core.tracking_codes import display

RECEIPT = ReceiptCookie("ad_report_receipt", salt="content.ads.receipt")
STATUS_LOOKUPS_PER_IP = Limit("ad-report-status-ip", limit=30, window=3600)


def _page(request, template, context, status=200, retry_after=None):
    context = {"status_url": reverse("ad_report_status"), **context}
    response = TemplateResponse(request, template, context, status=status)
    add_never_cache_headers(response)
    # The receipt shows a code: no other site learns the address it was shown on.
    response["Referrer-Policy"] = "same-origin"
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def report_receipt(request, code):
    """The thank-you, at the top of its own page, with the tracking code once."""
    placement = get_object_or_404(AdPlacement.objects.select_related("bureau"), code=code.upper())
    if request.method not in ("GET", "HEAD"):
        return _page(request, "content/placement/receipt.html", {"placement": placement}, status=405)
    remembered = RECEIPT.read(request)
    context = {"placement": placement}
    if remembered:
        tracking_code, joined = remembered
        context.update(display_code=display(tracking_code), joined=joined == "1")
    response = _page(request, "content/placement/receipt.html", context)
    if remembered:
        RECEIPT.forget(response, request)
    return response


def public_status(report):
    """What the sender may see: the placement and problem, the dates, the bureau's progress and
    what was done. Never the report's own text or photo, nor anything of other senders but
    their number."""
    task = report.task
    closed = task is not None and task.status == UpdateTaskStatus.CLOSED
    same_problem = 0
    if task is not None:
        # Reports handled by the same task: the one that opened it and those that joined it.
        same_problem = task.repeat_reports.count() + (1 if task.report_id else 0)
    return {
        "found": True,
        "report": report,
        "display_code": report.display_code,
        "task": task,
        "closed": closed,
        "joined": report.joined_task_id is not None,
        "same_problem": same_problem,
    }


@csrf_protect
def report_status(request):
    """The look-up form (GET) and its answer (POST): the code is in no URL (core/code_lookup.py)."""
    reports = AdProblemReport.objects.select_related(
        "placement", "placement__bureau", "placement__carrier", "joined_task", "update_task"
    )
    return code_lookup(
        request,
        render=lambda context, status=200, retry_after=None: _page(
            request, "content/placement/status.html", context, status, retry_after
        ),
        find=lambda code: reports.filter(tracking_code=code).first(),
        describe=public_status,
        limit=STATUS_LOOKUPS_PER_IP,
    )
