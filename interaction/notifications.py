"""Mail about messages (Django's e-mail backend), plain text only: nothing a citizen typed can
become markup in a mail client. Staff mails name the code, topic and subject and link to the
admin by id; they never carry the sender's details. A mail failure is logged, never undoes the
change that caused it."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from bureaus.workflows import FINAL_REVIEW_NAME

logger = logging.getLogger(__name__)


def _emails(users):
    return sorted({user.email for user in users if user.email})


def bureau_emails(bureau, *, reviewers_only=False, exclude=None):
    """The active members of a bureau's groups (its reviewers only, if asked)."""
    groups = Q(groups__pk=bureau.reviewers_group_id)
    if not reviewers_only:
        groups |= Q(groups__pk=bureau.editors_group_id)
    users = get_user_model().objects.filter(groups, is_active=True).distinct()
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return _emails(users)


def office_emails():
    return _emails(get_user_model().objects.filter(groups__name=FINAL_REVIEW_NAME, is_active=True).distinct())


def admin_url(message):
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "") + reverse("messages_admin:detail", args=[message.pk])


def _send(subject, body, to, message):
    if not to:
        return 0
    try:
        return send_mass_mail([(subject, body, None, [address]) for address in to])
    except Exception as exc:  # noqa: BLE001 - the change stands; the mail is reported
        logger.warning("Mail about message %s failed (%s)", message.pk, type(exc).__name__)
        return 0


def _staff_mail(message, headline, to):
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Message %(code)s: %(headline)s") % {"code": message.display_code, "headline": headline}
        body = _(
            "%(headline)s\n\nCode: %(code)s\nTopic: %(topic)s\nSubject: %(subject)s\nReply due on: %(due)s\n\n"
            "Open it in the admin: %(url)s\n"
        ) % {
            "headline": headline,
            "code": message.display_code,
            "topic": message.get_topic_display(),
            "subject": message.subject,
            "due": message.due_on.isoformat(),
            "url": admin_url(message),
        }
    return _send(subject, body, to, message)


def notify_new(message):
    with translation.override(settings.LANGUAGE_CODE):
        headline = _("A citizen's message awaits your bureau's reply")
    return _staff_mail(message, headline, bureau_emails(message.bureau))


def notify_rerouted(message):
    with translation.override(settings.LANGUAGE_CODE):
        headline = _("The civilization office passed a citizen's message to your bureau")
    return _staff_mail(message, headline, bureau_emails(message.bureau))


def notify_review(message, reply):
    with translation.override(settings.LANGUAGE_CODE):
        headline = _("A reply awaits your review")
    return _staff_mail(message, headline, bureau_emails(message.bureau, reviewers_only=True, exclude=reply.author))


def notify_deadline(message, kind):
    """kind: "reminder" (to the bureau), "overdue" (to the bureau), "alarm" (to the bureau and the office)."""
    with translation.override(settings.LANGUAGE_CODE):
        headline = {
            "reminder": _("The reply to a citizen's message is due soon"),
            "overdue": _("The reply to a citizen's message is overdue"),
            "alarm": _("A citizen's message is close to three months without an answer"),
        }[kind]
    to = bureau_emails(message.bureau)
    if kind == "alarm":
        to = sorted(set(to) | set(office_emails()))
    return _staff_mail(message, headline, to)


def notify_answered(message):
    """The sender, if they left an e-mail address: the answer is ready to be read by code."""
    if not message.contact_email:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your message %(code)s has been answered") % {"code": message.display_code}
        body = _(
            "The bureau has answered your message “%(subject)s”.\n\n"
            "Read the answer with your tracking code %(code)s at %(url)s\n"
        ) % {
            "subject": message.subject,
            "code": message.display_code,
            "url": getattr(settings, "PORTAL_PUBLIC_URL", "") + reverse("messages:status"),
        }
    return _send(subject, body, [message.contact_email], message)
