"""The tracking-code look-up that every citizen's form shares (nominations, messages, 随手拍 and
ad problem reports).

The code is typed into the form (GET) and answered in the POST's own page, so it is in no URL, no
log line and no history; an old link that carries one is redirected to the bare page, with a note
where the page shows notes. Look-ups are counted per network (`limit`), an empty answer asks again,
and a typed text that cannot be a code is answered like an unknown code (200, not 404, so the
difference says nothing). The view keeps its own CSRF protection and its page's headers."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from core.ratelimit import hit
from core.tracking_codes import normalise
from core.visitor import client_hash


def code_lookup(request, *, render, find, describe, limit, context=None):
    """The answer to a look-up request.

    `render(context, status=200, retry_after=None)` makes the page; `find(code)` returns the record
    of a well-formed code, or None; `describe(record)` returns what its public status adds to the
    page. `context` is what every answer of the page carries."""
    base = dict(context or {})
    if request.method not in ("GET", "HEAD", "POST"):
        return render(base, status=405)
    if request.method != "POST":
        if "code" in request.GET:
            messages.info(request, _("For your privacy, a tracking code is not taken from a link: type it below."))
            response = redirect(request.path)
            add_never_cache_headers(response)
            return response
        return render(base)
    typed = request.POST.get("code", "").strip()
    answer = {**base, "typed": typed[:40]}
    if not typed:
        return render({**answer, "empty": True})
    verdict = hit(limit, client_hash(request), fail_open=True)
    if not verdict.allowed:
        answer["refusal"] = _("Too many look-ups from your network. Please try again later.")
        return render(answer, status=429, retry_after=verdict.retry_after)
    code = normalise(typed)
    found = find(code) if code else None
    if found is None:
        return render({**answer, "not_found": True}, status=404 if code else 200)
    return render({**answer, **describe(found)})
