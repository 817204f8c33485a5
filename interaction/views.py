"""The public pages of 建言献策 / 留言 (docs/messages.md):

/liuyan/             answered messages published with the sender's consent, with search
/liuyan/<id>/        one published question and its answer
/liuyan/xie/         the form (GET may be stored by the page cache; POST never)
/liuyan/huizhi/      the receipt: the tracking code, shown once (interaction/receipt.py)
/liuyan/chaxun/      status and answer by tracking code, typed into a POST form

Abuse controls as for nominations (content/nominations/views.py): CSRF, a body cap before
parsing, rate limits counted for valid messages (fail open: a citizen's message is never lost
to a cache outage), a honeypot answered exactly like a real message, photos decoded only when
everything else is valid."""

import logging

from django.core.paginator import Paginator
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from content.nominations import codes
from core.code_lookup import code_lookup
from core.ratelimit import Limit, hit, peek
from core.uploads import MAX_BYTES, may_decode_photos
from core.visitor import client_hash
from interaction import receipt
from interaction.forms import MessageForm
from interaction.models import MAX_PHOTOS, PUBLIC_EVENTS, Message, MessageEvent, MessageReply, ReplyState, Status, Topic
from interaction.submission import create_message

logger = logging.getLogger(__name__)

MESSAGES_PER_IP = Limit("message-ip", limit=5, window=3600)
MESSAGES_PER_PHONE = Limit("message-phone", limit=3, window=24 * 3600)
STATUS_LOOKUPS_PER_IP = Limit("message-status-ip", limit=30, window=3600)
MAX_BODY = MAX_PHOTOS * MAX_BYTES + 512 * 1024
PER_PAGE = 20
PUBLIC_COLUMNS = ("id", "topic", "subject", "public_question", "received_at", "answered_at", "published_at")
# As for nominations: pages that show a code send no address to another site (not "no-referrer",
# which makes browsers send "Origin: null" with the page's own POST forms).
CODE_PAGE_REFERRER_POLICY = "same-origin"


def _render(request, template, context, status=200, retry_after=None, shareable=False):
    """`shareable`: what every visitor sees alike (the blank form, the public list), which the
    page cache may store; everything else is the visitor's own."""
    response = TemplateResponse(request, template, context, status=status)
    if not (shareable and request.method in ("GET", "HEAD") and status == 200):
        add_never_cache_headers(response)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def answered_messages():
    """Published messages with their answer's text and date, in one query."""
    answer = MessageReply.objects.filter(message=OuterRef("pk"), state=ReplyState.APPROVED).order_by("-reviewed_at")
    return (
        Message.objects.published()
        .select_related("bureau")
        .only(*PUBLIC_COLUMNS, "bureau__title")
        .annotate(answer_text=Subquery(answer.values("text")[:1]))
        .order_by("-answered_at", "-id")
    )


def message_list(request):
    if request.method not in ("GET", "HEAD"):
        return _render(request, "interaction/list.html", {}, status=405)
    query = request.GET.get("q", "").strip()[:50]
    topic = request.GET.get("topic", "")
    rows = answered_messages()
    if topic in Topic.values:
        rows = rows.filter(topic=topic)
    else:
        topic = ""
    if query:
        # A substring match finds a Chinese word inside a run of characters ("交通" in "文明交通").
        answers = MessageReply.objects.filter(state=ReplyState.APPROVED, text__icontains=query).values("message_id")
        rows = rows.filter(Q(subject__icontains=query) | Q(public_question__icontains=query) | Q(pk__in=answers))
    page_obj = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    context = {
        "page_obj": page_obj,
        "query": query,
        "topic": topic,
        "topics": Topic.choices,
        # Its share card, description and canonical link (templates/includes/page_meta.html).
        "share_title": _("Answered messages"),
        "share_description": _("Citizens' suggestions and questions to the city's bureaus, with the bureaus' answers."),
    }
    return _render(request, "interaction/list.html", context, shareable=True)


def message_detail(request, pk):
    message = answered_messages().filter(pk=pk).first()
    if message is None:
        raise Http404
    context = {
        "message": message,
        "share_title": message.subject,
        "share_description": Truncator(" ".join(message.public_question.split())).chars(120),
    }
    return _render(request, "interaction/detail.html", context, shareable=True)


def _form_page(request, form, status=200, refusal=None, retry_after=None, shareable=False):
    context = {
        "form": form,
        "refusal": refusal,
        "share_title": _("Write to the bureaus"),
        "share_description": _(
            "Send a suggestion or a question to the bureau responsible: you get a tracking code, and an answer "
            "within the deadline."
        ),
    }
    return _render(request, "interaction/form.html", context, status, retry_after, shareable)


def _rate_limited(request, phone):
    verdict = hit(MESSAGES_PER_IP, client_hash(request), fail_open=True)
    if verdict.allowed and phone:
        verdict = hit(MESSAGES_PER_PHONE, phone, fail_open=True)
    return None if verdict.allowed else verdict


def message_form(request):
    if request.method not in ("GET", "HEAD", "POST"):
        return _render(request, "interaction/form.html", {}, status=405)
    if request.method != "POST":
        return _form_page(request, MessageForm(), shareable=True)
    try:
        body_length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        body_length = 0
    if body_length > MAX_BODY:
        refusal = _("What you sent is too large: send at most 3 photos of at most 8 MB each.")
        return _form_page(request, MessageForm(), status=413, refusal=refusal)

    busy = _("Several messages have come from you in a short time. Please try again later.")
    photos_sent = any(request.FILES.getlist("photos"))
    verdict, refusal = peek(MESSAGES_PER_IP, client_hash(request)), busy
    if verdict.allowed and photos_sent:
        verdict = may_decode_photos(request)
        refusal = _("You have sent many photos in a short time. Please try again later.")
    if not verdict.allowed:
        form = MessageForm(request.POST)  # what was typed comes back; the photos are not read
        form.photos_dropped = photos_sent
        form.photo_names = [f.name for f in request.FILES.getlist("photos") if f]
        return _form_page(request, form, status=429, refusal=refusal, retry_after=verdict.retry_after)

    form = MessageForm(request.POST, request.FILES)
    honeypot = form.honeypot_filled()
    if not form.is_valid():
        return _form_page(request, form)
    verdict = _rate_limited(request, form.cleaned_data["contact_phone"])
    if verdict is not None:
        form.photos_dropped = bool(form.photo_names)
        return _form_page(request, form, status=429, refusal=busy, retry_after=verdict.retry_after)

    if honeypot:
        # A bot goes the way a person goes up to here and gets a receipt with a code that was
        # never issued; nothing is stored, no photo opened, no mail sent.
        logger.info("Honeypot filled on the message form: dropped")
        code = codes.new_code()
    else:
        code = create_message(form.cleaned_data, client_hash=client_hash(request)).tracking_code
    # request.path, not a reversed URL of the site structure: nothing that reads the cache
    # stands between a stored message and its receipt.
    path = request.path.removesuffix("xie/") + "huizhi/"
    response = redirect(path)
    add_never_cache_headers(response)
    receipt.remember(response, request, path, code)
    return response


def message_receipt(request):
    if request.method not in ("GET", "HEAD"):
        return _render(request, "interaction/receipt.html", {}, status=405)
    code = receipt.read(request)
    context = {"display_code": codes.display(code) if code else ""}
    response = _render(request, "interaction/receipt.html", context)
    response["Referrer-Policy"] = CODE_PAGE_REFERRER_POLICY
    if code:
        receipt.forget(response, request)
    return response


def _status_page(request, context, status=200, retry_after=None):
    response = _render(request, "interaction/status.html", context, status, retry_after)
    response["Referrer-Policy"] = CODE_PAGE_REFERRER_POLICY
    return response


def public_status(message):
    """What the holder of the code may see: what the bureau did and said, never the sender's
    details (also the JSON API's answer, portal/api/lookups.py)."""
    events = MessageEvent.objects.filter(message=message, kind__in=PUBLIC_EVENTS).select_related("bureau")
    answer = message.answer() if message.status == Status.ANSWERED else None
    return {
        "found": True,
        "display_code": message.display_code,
        "subject": message.subject,
        "topic": message.get_topic_display(),
        "bureau": message.bureau.title,
        "status": message.status,
        "status_label": Status(message.status).label,
        "received_at": message.received_at,
        "due_on": message.due_on,
        "answered_at": message.answered_at,
        "answer": answer.text if answer else "",
        "events": [
            (event.get_kind_display(), event.at, event.bureau.title if event.bureau else "") for event in events
        ],
    }


def message_status(request):
    """The look-up form (GET) and its answer (POST): the code is typed, never in a URL (core/code_lookup.py)."""
    return code_lookup(
        request,
        render=lambda context, status=200, retry_after=None: _status_page(request, context, status, retry_after),
        find=lambda code: Message.objects.select_related("bureau").filter(tracking_code=code).first(),
        describe=public_status,
        limit=STATUS_LOOKUPS_PER_IP,
    )
