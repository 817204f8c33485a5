"""The scheduled purge of nominators' personal data (django-q2 schedule "purge_nominations", daily).

NOMINATION_PURGE_DAYS (default 180) after a nomination is decided (approved, rejected or merged),
the nominator's name, number, relation and unit and the sender's address hash are erased from
it and from its additional recommendations and merged duplicates; a rejected nomination's photos
are deleted too (an
approved one's are copies in the protected photo library by then). Objections lose their sender
hash and the contact they left. The nomination, its stages and the access log stay: they are the
record of the decision."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from content.nominations.models import Nomination, NominationObjection, NominationPhoto, Stage

logger = logging.getLogger(__name__)


def purge_days():
    return getattr(settings, "NOMINATION_PURGE_DAYS", 180)


def purge_personal_data(now=None):
    """Erase what is due; returns the number of nominations erased. Idempotent."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=purge_days())
    # An additional recommendation (or a merged duplicate) follows the decision of the nomination it joined.
    due = Nomination.objects.filter(personal_data_erased_at__isnull=True).filter(
        Q(same_clue_of__isnull=True, decided_at__lte=cutoff) | Q(same_clue_of__decided_at__lte=cutoff)
    )
    due_ids = list(due.values_list("pk", flat=True))
    if not due_ids:
        return 0
    rejected = Nomination.objects.filter(pk__in=due_ids).filter(
        Q(same_clue_of__isnull=True, stage=Stage.REJECTED) | Q(same_clue_of__stage=Stage.REJECTED)
    )
    photos = list(NominationPhoto.objects.filter(nomination__in=rejected))
    with transaction.atomic():
        Nomination.objects.filter(pk__in=due_ids).update(
            nominator_name="",
            nominator_phone="",
            nominator_relation="",
            nominator_unit="",
            client_hash="",
            personal_data_erased_at=now,
        )
        NominationObjection.objects.filter(nomination_id__in=due_ids).update(client_hash="", contact="")
        NominationPhoto.objects.filter(pk__in=[photo.pk for photo in photos]).delete()
    for photo in photos:
        photo.file.delete(save=False)
    logger.info("Erased the nominators' data of %d nominations", len(due_ids))
    return len(due_ids)


def purge_nominations():
    """The scheduled job."""
    return purge_personal_data()
