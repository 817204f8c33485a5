"""A triaged 随手拍 report becomes a behaviour-notice draft on the exposure board, under the
report's bureau. Runs inside the triage transaction.

The draft is not submitted for review: its photos enter the protected photo library as exposure
photos, which always need an editor's blur review (faces, plates) before any notice showing them
can be published (content/photos/, ExposureNoticePage.publish). The editor reviews the photos,
rewrites the description for the public (a behaviour and a place, never a person) and submits
the page into the bureau's workflow. The reporter's map point never leaves the report."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from content.exposure.models import BehaviourNoticePage, ExposurePhoto
from content.photos.ingest import store_protected_photo
from content.photos.models import PhotoPurpose
from content.snapshots.models import TriageRefused


def create_notice_draft(report, user):
    type_name = report.behaviour_type.name
    photos = []
    for number, source in enumerate(report.photos.all(), 1):
        with source.file.open("rb") as handle:
            stored = store_protected_photo(
                handle,
                purpose=PhotoPurpose.EXPOSURE,
                title=f"随手拍 {report.pk}-{number} {type_name}"[:100],
                bureau=report.bureau,
                uploaded_by=user,
            )
        photos.append(
            ExposurePhoto(
                photo=stored,
                alt_text=(_("%(behaviour)s at %(place)s") % {"behaviour": type_name, "place": report.place})[:200],
                sort_order=number,
            )
        )
    page = BehaviourNoticePage(
        title=f"{type_name}：{report.place}"[:255],
        slug=f"suishoupai-{report.pk}",
        behaviour_type=report.behaviour_type,
        place=report.place,
        district=report.district,
        found_on=timezone.localdate(report.seen_at),
        description=report.description or type_name,
        owner=user,
        live=False,
    )
    page.photos = photos
    try:
        report.bureau.specific.add_child(instance=page)
    except ValidationError as error:
        raise TriageRefused(" ".join(error.messages)) from error
    page.save_revision(user=user, log_action=True)
    return page
