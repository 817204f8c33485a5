"""Storing a valid nomination: all or nothing, duplicates linked (同一线索), reviewers told."""

import unicodedata

from django.db import IntegrityError, transaction
from django.utils import timezone

from content.nominations.codes import new_code
from content.nominations.models import Nomination, NominationEvent, NominationPhoto, Stage
from content.nominations.notifications import notify_stage
from core.storage import private_storage


def period_of(day):
    """Kunming names 昆明好人 by quarter, so a quarter is the period in which a person counts once."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def clue_key(name, district_id, category, period):
    # NFKC folds full-width letters and digits; spaces inside a Chinese name are typing noise.
    folded = "".join(unicodedata.normalize("NFKC", name).casefold().split())
    return f"{period}|{district_id}|{category}|{folded}"


def _root(nomination):
    return nomination.same_clue_of if nomination.same_clue_of_id else nomination


def _existing_clue(key):
    row = Nomination.objects.select_related("same_clue_of").filter(clue_key=key).order_by("id").first()
    return _root(row) if row else None


def _period_and_key(data, today):
    period = period_of(today or timezone.localdate())
    return period, clue_key(data["nominee_name"], data["district"].pk, data["category"], period)


def would_be_linked(data, *, today=None):
    """Whether a nomination with this cleaned data would be joined to an earlier one (同一线索),
    without storing anything: a filled honeypot is answered as that nomination would have been."""
    _period, key = _period_and_key(data, today)
    return _existing_clue(key) is not None


def create_nomination(data, *, client_hash="", today=None):
    """Save a nomination from the form's cleaned data; returns it. Nothing is stored if any step fails."""
    period, key = _period_and_key(data, today)
    fields = {
        name: data[name]
        for name in (
            "nominee_name",
            "gender",
            "birth_year",
            "birth_month",
            "guardian_consent",
            "district",
            "category",
            "clue",
            "deeds",
            "evidence_links",
            "nominee_awareness",
            "photo_consent",
            "nominator_name",
            "nominator_phone",
            "nominator_relation",
            "nominator_unit",
            "declaration",
            "data_consent",
        )
    }
    stored_files = []
    try:
        with transaction.atomic():
            nomination = _insert(fields, key, period, client_hash)
            for order, content in enumerate(data.get("photos") or []):
                photo = NominationPhoto(nomination=nomination, sort_order=order)
                photo.file.save(content.name, content, save=False)
                stored_files.append(photo.file.name)
                photo.save()
            NominationEvent.objects.create(nomination=nomination, to_stage=Stage.RECEIVED)
    except BaseException:
        # The rows are rolled back; the files written before the failure must go too.

        storage = private_storage()
        for name in stored_files:
            storage.delete(name)
        raise
    if nomination.is_primary:
        transaction.on_commit(lambda: notify_stage(nomination, Stage.RECEIVED))
    return nomination


def _insert(fields, key, period, client_hash):
    for _attempt in range(3):
        primary = _existing_clue(key)
        nomination = Nomination(
            tracking_code=new_code(),
            period=period,
            clue_key=key,
            same_clue_of=primary,
            client_hash=client_hash,
            **fields,
        )
        try:
            with transaction.atomic():
                nomination.save()
            return nomination
        except IntegrityError:
            # Another submission of the same person became the primary a moment ago (or, once in
            # 10**17, the code was taken): look again and link to it.
            continue
    raise IntegrityError("could not store the nomination after three attempts")
