"""The daily jobs of citizens' messages (django-q2 schedules, portal/schedules.py).

`check_message_deadlines` (08:00): for each open message, once each, a reminder to the bureau
when the reply is due within MESSAGE_REMINDER_WORKING_DAYS working days, an overdue mail to the
bureau the day after the due date, and the three-month alarm to the bureau and 市文明办 终审
(interaction/deadlines.py). Idempotent: each mail is marked sent in the same row, so a job run
twice (a killed worker's task runs again) mails nothing twice; a message rerouted after a mail
is not mailed again.

`purge_messages` (02:30): MESSAGE_PURGE_DAYS after the answer, the sender's name, number,
e-mail address and address hash are erased and the photos deleted; the question, the answer and
the events stay."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from interaction.deadlines import in_alarm_filter, reminder_horizon
from interaction.models import Message, MessagePhoto, Status
from interaction.notifications import notify_deadline

logger = logging.getLogger(__name__)


def _mail_once(queryset, field, kind, now):
    sent = 0
    for pk in list(queryset.filter(**{f"{field}__isnull": True}).values_list("pk", flat=True)):
        with transaction.atomic():
            # The mark and the check in one statement: two workers never both mail a message.
            marked = Message.objects.filter(pk=pk, **{f"{field}__isnull": True}).update(**{field: now})
        if marked:
            notify_deadline(Message.objects.select_related("bureau").get(pk=pk), kind)
            sent += 1
    return sent


def check_deadlines(now=None):
    """Returns {"reminder": n, "overdue": n, "alarm": n} mails sent this run."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    open_messages = Message.objects.open()
    return {
        "alarm": _mail_once(open_messages.filter(**in_alarm_filter(today)), "alarm_notified_at", "alarm", now),
        "overdue": _mail_once(open_messages.filter(due_on__lt=today), "overdue_notified_at", "overdue", now),
        "reminder": _mail_once(
            open_messages.filter(due_on__gte=today, due_on__lte=reminder_horizon(today)), "reminded_at", "reminder", now
        ),
    }


def check_message_deadlines():
    """The scheduled job."""
    return check_deadlines()


def purge_personal_data(now=None):
    """Erase what is due; returns the number of messages erased. Idempotent."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.MESSAGE_PURGE_DAYS)
    due_ids = list(
        Message.objects.filter(
            status=Status.ANSWERED, answered_at__lte=cutoff, personal_data_erased_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if not due_ids:
        return 0
    photos = list(MessagePhoto.objects.filter(message_id__in=due_ids))
    with transaction.atomic():
        Message.objects.filter(pk__in=due_ids).update(
            contact_name="", contact_phone="", contact_email="", client_hash="", personal_data_erased_at=now
        )
        MessagePhoto.objects.filter(pk__in=[photo.pk for photo in photos]).delete()
    for photo in photos:
        photo.file.delete(save=False)
    logger.info("Erased the senders' data of %d messages", len(due_ids))
    return len(due_ids)


def purge_messages():
    """The scheduled job."""
    return purge_personal_data()
