"""POST look-ups by tracking code: /api/v1/nominations/status/ (a nomination's stage),
/api/v1/messages/status/ (a message to the bureaus and its answer) and /api/v1/suishoupai/status/
(a 随手拍 report's handling).

Each is the same look-up as its page (/tuijian/status/, /liuyan/chaxun/, /suishoupai/status/),
with the page's protections:

- the code travels in the POST body (form-encoded or JSON), never in a URL: URLs end up in logs,
  histories and Referer headers; a GET answers 405;
- the same rate limit, counted on the same counter (`STATUS_LOOKUPS_PER_IP`), so the API is no
  way around the page's limit; it fails open as the page does (a code has 31**12 values);
- only what the page shows its code holder leaves: a nomination's stage, its dates and the end of
  the 公示 (never the nominee, nominator, contact, deeds or reviewer notes); a message's subject,
  handling bureau, dates and approved answer (`interaction.views.public_status`: never the
  sender's details or text); a report's status, bureau, the reason given and a published notice
  (`content.snapshots.views.public_status`: never its text, place, point or photos);
- never stored by any cache, and no CORS header (module docstring of http.py).

Ad problem reports have no look-up to mirror: the reference number a reporter gets is only a
receipt (content/ads/views.py `_pretend_reference`), so the API offers none either."""

import json

from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from content.nominations import codes
from content.nominations.models import Nomination, NominationEvent, Stage
from content.nominations.views import PUBLIC_STAGES, STATUS_LOOKUPS_PER_IP
from content.snapshots import views as snapshot_views
from content.snapshots.models import SnapshotReport
from core.ratelimit import hit
from core.visitor import client_hash
from interaction import views as message_views
from interaction.models import Message
from portal.api.fields import choice
from portal.api.http import bad_request, endpoint, error, json_response, rate_limited
from portal.sharing.links import absolute_url

MAX_BODY = 4096


def _typed_code(request):
    if request.content_type == "application/json":
        if len(request.body) > MAX_BODY:
            return None
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return None
        value = body.get("code", "") if isinstance(body, dict) else None
        return value if isinstance(value, str) else None
    return request.POST.get("code", "")


def _status(found):
    root = found.same_clue_of or found
    events = NominationEvent.objects.filter(nomination=root).exclude(to_stage=Stage.MERGED).values("to_stage", "at")
    return {
        "found": True,
        "code": codes.display(found.tracking_code),
        "linked": not found.is_primary,
        "stage": choice(root.stage, Stage),
        "outcome": choice(root.stage, Stage) if root.stage in (Stage.APPROVED, Stage.REJECTED) else None,
        "publicity_ends_on": root.publicity_ends_on if root.stage == Stage.PUBLICITY else None,
        "stages": [choice(stage, Stage) for stage in PUBLIC_STAGES],
        "events": [{"stage": choice(event["to_stage"], Stage), "at": event["at"]} for event in events],
    }


def _look_up(request, limit, find, answer, empty_message, not_found_message):
    typed = _typed_code(request)
    if typed is None:
        return bad_request(_("Send the tracking code as the code field of a form or a JSON object."))
    typed = typed.strip()
    if not typed:
        return bad_request(empty_message)
    verdict = hit(limit, client_hash(request), fail_open=True)
    if not verdict.allowed:
        return rate_limited(verdict.retry_after)
    code = codes.normalise(typed)
    found = find(code) if code else None
    if found is None:
        return error(404, "not_found", not_found_message)
    response = json_response(answer(found))
    add_never_cache_headers(response)
    return response


# Each its own page's limit only: the general API limit would let a client's reading use up its look-ups.
@endpoint(methods=("POST",), cors=False, limit=False)
def nomination_status(request):
    return _look_up(
        request,
        STATUS_LOOKUPS_PER_IP,
        lambda code: Nomination.objects.select_related("same_clue_of").filter(tracking_code=code).first(),
        _status,
        _("Type the tracking code of the nomination."),
        _("No nomination has this code. Check it and try again."),
    )


def _message_answer(message):
    status = message_views.public_status(message)
    return {
        "found": True,
        "code": status["display_code"],
        "subject": status["subject"],
        "topic": status["topic"],
        "bureau": status["bureau"],
        "status": {"value": status["status"], "label": str(status["status_label"])},
        "received_at": status["received_at"],
        "due_on": status["due_on"],
        "answered_at": status["answered_at"],
        "answer": status["answer"],
        "events": [{"label": str(label), "at": at, "bureau": bureau} for label, at, bureau in status["events"]],
    }


@endpoint(methods=("POST",), cors=False, limit=False)
def message_status(request):
    return _look_up(
        request,
        message_views.STATUS_LOOKUPS_PER_IP,
        lambda code: Message.objects.select_related("bureau").filter(tracking_code=code).first(),
        _message_answer,
        _("Type the tracking code of the message."),
        _("No message has this code. Check it and try again."),
    )


def _report_answer(report):
    status = snapshot_views.public_status(report)
    return {
        "found": True,
        "code": status["display_code"],
        "status": {"value": status["status"], "label": str(status["status_label"])},
        "bureau": status["bureau_name"],
        "events": [{"label": str(label), "at": at} for label, at in status["events"]],
        "outcome": status["outcome"] or None,
        "reason": status["reason"] or None,
        "notice_url": absolute_url(status["notice_url"]) if status["notice_url"] else None,
    }


@endpoint(methods=("POST",), cors=False, limit=False)
def snapshot_status(request):
    return _look_up(
        request,
        snapshot_views.STATUS_LOOKUPS_PER_IP,
        lambda code: SnapshotReport.objects.select_related("bureau", "notice").filter(tracking_code=code).first(),
        _report_answer,
        _("Type the tracking code of the report."),
        _("No report has this code. Check it and try again."),
    )
