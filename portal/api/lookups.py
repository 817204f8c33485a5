"""POST /api/v1/nominations/status/: a nomination's stage by its tracking code.

The same look-up as /tuijian/status/ (content/nominations/views.py), with its protections:

- the code travels in the POST body (form-encoded or JSON), never in a URL: URLs end up in logs,
  histories and Referer headers; a GET answers 405;
- the same rate limit, counted on the same counter (`STATUS_LOOKUPS_PER_IP`), so the API is no
  way around the page's limit; it fails open as the page does (a code has 31**12 values);
- only the stage, its dates and the end of the 公示 leave: never the nomination itself (no
  nominee, nominator, contact, deeds or reviewer notes);
- never stored by any cache, and no CORS header (module docstring of http.py).

Ad problem reports have no look-up to mirror: the reference number a reporter gets is only a
receipt (content/ads/views.py `_pretend_reference`), so the API offers none either."""

import json

from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from content.nominations import codes
from content.nominations.models import Nomination, NominationEvent, Stage
from content.nominations.views import PUBLIC_STAGES, STATUS_LOOKUPS_PER_IP
from core.ratelimit import hit
from core.visitor import client_hash
from portal.api.fields import choice
from portal.api.http import bad_request, endpoint, error, json_response, rate_limited

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


# Its own limit only: the general API limit would let a client's reading use up its look-ups.
@endpoint(methods=("POST",), cors=False, limit=False)
def nomination_status(request):
    typed = _typed_code(request)
    if typed is None:
        return bad_request(_("Send the tracking code as the code field of a form or a JSON object."))
    typed = typed.strip()
    if not typed:
        return bad_request(_("Type the tracking code of the nomination."))
    verdict = hit(STATUS_LOOKUPS_PER_IP, client_hash(request), fail_open=True)
    if not verdict.allowed:
        return rate_limited(verdict.retry_after)
    code = codes.normalise(typed)
    found = Nomination.objects.select_related("same_clue_of").filter(tracking_code=code).first() if code else None
    if found is None:
        return error(404, "not_found", _("No nomination has this code. Check it and try again."))
    response = json_response(_status(found))
    add_never_cache_headers(response)
    return response
