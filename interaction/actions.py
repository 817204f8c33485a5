"""What is done to a message in the admin. Each function locks the message row, checks its own
rule (`*_refusal`, the same rule that decides whether the admin offers the button), writes the
change and its event in one transaction, and mails after the commit."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interaction import access
from interaction.models import EventKind, Message, MessageEvent, MessageReply, ReplyState, Status
from interaction.notifications import notify_answered, notify_rerouted, notify_review


class ActionRefused(Exception):
    """The action is not possible now; the message says why (shown to the user)."""


def open_reply(message):
    return message.replies.exclude(state=ReplyState.APPROVED).select_related("author").first()


def reply_refusal(user, message):
    if not access.may_reply(user, message):
        return _("Only the responsible bureau writes the reply.")
    if message.status == Status.ANSWERED:
        return _("The message has been answered.")
    if message.status == Status.IN_REVIEW:
        return _("The reply is under review; it can be changed once it is returned.")
    return None


def review_refusal(user, message, reply):
    if not access.may_review(user, message):
        return _("Only a reviewer of the responsible bureau approves the reply.")
    if reply is None or reply.state != ReplyState.SUBMITTED:
        return _("No reply is waiting for review.")
    if reply.author_id == user.pk:
        return _("You wrote this reply: another reviewer of the bureau must approve it.")
    return None


def reroute_refusal(user, message):
    if not access.may_reroute(user):
        return _("Only the civilization office reroutes messages.")
    if message.status == Status.ANSWERED:
        return _("The message has been answered.")
    return None


def publish_refusal(user, message):
    if not access.may_publish(user, message):
        return _("Only a reviewer of the responsible bureau or the civilization office publishes answers.")
    if message.status != Status.ANSWERED:
        return _("Only an answered message can be published.")
    if not message.publish_consent:
        return _("The sender did not agree to publication.")
    return None


def _locked(message):
    return Message.objects.select_for_update().get(pk=message.pk)


def _refuse(reason):
    if reason:
        raise ActionRefused(reason)


def save_reply(message, user, text, *, submit):
    """Save the bureau's reply as a draft, or submit it for review."""
    with transaction.atomic():
        message = _locked(message)
        _refuse(reply_refusal(user, message))
        reply = open_reply(message) or MessageReply(message=message, bureau_id=message.bureau_id, author=user)
        reply.text, reply.author, reply.bureau_id = text, user, message.bureau_id
        reply.state = ReplyState.SUBMITTED if submit else ReplyState.DRAFT
        reply.submitted_at = timezone.now() if submit else None
        reply.save()
        if submit:
            Message.objects.filter(pk=message.pk).update(status=Status.IN_REVIEW)
            MessageEvent.objects.create(message=message, kind=EventKind.SUBMITTED, actor=user, bureau=message.bureau)
            transaction.on_commit(lambda: notify_review(message, reply))
    return reply


def review(message, user, *, approve, note=""):
    """Approve the submitted reply (the message is answered) or return it with a note."""
    with transaction.atomic():
        message = _locked(message)
        reply = open_reply(message)
        _refuse(review_refusal(user, message, reply))
        if not approve and not note.strip():
            raise ActionRefused(_("Say what should change when you return a reply."))
        now = timezone.now()
        reply.reviewed_by, reply.reviewed_at, reply.review_note = user, now, note.strip()
        if approve:
            reply.state = ReplyState.APPROVED
            reply.save()
            Message.objects.filter(pk=message.pk).update(status=Status.ANSWERED, answered_at=now)
            MessageEvent.objects.create(message=message, kind=EventKind.ANSWERED, actor=user, bureau=message.bureau)
            transaction.on_commit(lambda: notify_answered(message))
        else:
            reply.state = ReplyState.RETURNED
            reply.save()
            Message.objects.filter(pk=message.pk).update(status=Status.RECEIVED)
            MessageEvent.objects.create(
                message=message, kind=EventKind.RETURNED, actor=user, bureau=message.bureau, note=note.strip()
            )
    return reply


def reroute(message, user, bureau, note=""):
    """Give an open message to another bureau. A reply of the former bureau is dropped (the new
    bureau answers in its own words); the deadline stays: the citizen has waited since arrival."""
    with transaction.atomic():
        message = _locked(message)
        _refuse(reroute_refusal(user, message))
        if bureau.pk == message.bureau_id:
            raise ActionRefused(_("The message is already with this bureau."))
        previous = message.bureau
        message.replies.exclude(state=ReplyState.APPROVED).delete()
        Message.objects.filter(pk=message.pk).update(bureau=bureau, status=Status.RECEIVED)
        note = note.strip() or _("From %(bureau)s") % {"bureau": previous.title}
        MessageEvent.objects.create(message=message, kind=EventKind.ROUTED, actor=user, bureau=bureau, note=note)
        message.bureau = bureau
        transaction.on_commit(lambda: notify_rerouted(message))
    return message


def publish(message, user, public_question):
    with transaction.atomic():
        message = _locked(message)
        _refuse(publish_refusal(user, message))
        Message.objects.filter(pk=message.pk).update(public_question=public_question, published_at=timezone.now())
        MessageEvent.objects.create(message=message, kind=EventKind.PUBLISHED, actor=user, bureau=message.bureau)


def unpublish(message, user):
    with transaction.atomic():
        message = _locked(message)
        _refuse(publish_refusal(user, message))
        if message.published_at is None:
            raise ActionRefused(_("The message is not on the public list."))
        Message.objects.filter(pk=message.pk).update(published_at=None)
        MessageEvent.objects.create(message=message, kind=EventKind.UNPUBLISHED, actor=user, bureau=message.bureau)
