"""Storing a valid message: all or nothing, routed to its topic's bureau, the bureau told."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from content.nominations.codes import new_code
from core.storage import private_storage
from interaction.deadlines import due_date
from interaction.models import EventKind, Message, MessageEvent, MessagePhoto
from interaction.notifications import notify_new
from interaction.routing import bureau_for

FIELDS = (
    "topic",
    "subject",
    "text",
    "contact_name",
    "contact_phone",
    "contact_email",
    "publish_consent",
    "data_consent",
)


def create_message(data, *, client_hash="", now=None):
    """Save a message from the form's cleaned data; returns it. Nothing is stored if any step fails."""
    now = now or timezone.now()
    bureau = bureau_for(data["topic"])
    stored_files = []
    try:
        with transaction.atomic():
            message = _insert({name: data[name] for name in FIELDS}, bureau, now, client_hash)
            for order, content in enumerate(data.get("photos") or []):
                photo = MessagePhoto(message=message, sort_order=order)
                photo.file.save(content.name, content, save=False)
                stored_files.append(photo.file.name)
                photo.save()
            MessageEvent.objects.create(message=message, kind=EventKind.RECEIVED, bureau=bureau)
    except BaseException:
        # The rows are rolled back; the files written before the failure must go too.
        storage = private_storage()
        for name in stored_files:
            storage.delete(name)
        raise
    transaction.on_commit(lambda: notify_new(message))
    return message


def _insert(fields, bureau, now, client_hash):
    for _attempt in range(3):
        message = Message(
            tracking_code=new_code(),
            bureau=bureau,
            received_at=now,
            due_on=due_date(now),
            client_hash=client_hash,
            **fields,
        )
        try:
            with transaction.atomic():
                message.save()
            return message
        except IntegrityError:
            # Once in 10**17 the code was taken: draw another.
            continue
    raise IntegrityError("could not store the message after three attempts")
