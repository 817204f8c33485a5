"""Storing a valid 随手拍 report: all or nothing (report, photos, first event), routed by routing.py."""

from django.db import IntegrityError, transaction

from content.nominations.codes import new_code
from content.snapshots.models import SnapshotEvent, SnapshotPhoto, SnapshotReport, Status
from content.snapshots.routing import route
from core.storage import private_storage

FIELDS = ("behaviour_type", "district", "place", "latitude", "longitude", "seen_at", "description", "consent")


def create_report(data, *, client_hash=""):
    """Save a report from the form's cleaned data; returns it. Nothing is stored if any step fails:
    the rows roll back and the photo files already written are deleted."""
    stored_files = []
    try:
        with transaction.atomic():
            report = _insert({name: data[name] for name in FIELDS}, client_hash)
            for order, content in enumerate(data["photos"]):
                photo = SnapshotPhoto(report=report, sort_order=order)
                photo.file.save(content.name, content, save=False)
                stored_files.append(photo.file.name)
                photo.save()
            SnapshotEvent.objects.create(report=report, status=Status.RECEIVED, bureau=report.bureau)
    except BaseException:
        storage = private_storage()
        for name in stored_files:
            storage.delete(name)
        raise
    return report


def _insert(fields, client_hash):
    bureau = route(fields["behaviour_type"])
    for _attempt in range(3):
        report = SnapshotReport(tracking_code=new_code(), bureau=bureau, client_hash=client_hash, **fields)
        try:
            with transaction.atomic():
                report.save()
            return report
        except IntegrityError:
            continue  # once in 10**17 the code was taken: draw another
    raise IntegrityError("could not store the report after three attempts")
