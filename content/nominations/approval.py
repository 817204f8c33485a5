"""An approved nomination becomes an exemplar page draft under the responsible bureau, submitted
into that bureau's publishing workflow. Runs inside the approval's transaction.

The citizen's text is escaped paragraph by paragraph and the HTML cleaned with nh3 before it is
stored as rich text. The nomination's photos enter the protected photo library only now; their
consent is left for the editor to record (the nominator's word is not the nominee's signed
consent), so none is public until an editor records it. Evidence links stay in the admin: an
outbound link in a page's body would be refused by the content-safety check."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from content.exemplars.models import ExemplarPage, ExemplarPhoto, HonourLevel
from content.nominations.models import TransitionRefused, is_adult
from content.photos.ingest import store_protected_photo
from content.photos.models import PhotoPurpose, ProtectedPhoto
from core.sanitise import clean_rich_text


def story_html(deeds):
    paragraphs = [part.strip() for part in deeds.split("\n") if part.strip()]
    return clean_rich_text("".join(f"<p>{escape(part)}</p>" for part in paragraphs))


def create_exemplar_draft(nomination, bureau, user):
    year, quarter = int(nomination.period[:4]), int(nomination.period[-1])
    minor = not is_adult(nomination.birth_year, nomination.birth_month, timezone.localdate())
    photos = []
    for number, source in enumerate(nomination.photos.all(), 1):
        with source.file.open("rb") as handle:
            stored = store_protected_photo(
                handle,
                purpose=PhotoPurpose.EXEMPLAR,
                title=f"{nomination.nominee_name} {number}"[:100],
                bureau=bureau,
                uploaded_by=user,
            )
        if minor:
            ProtectedPhoto.objects.filter(pk=stored.pk).update(shows_minor=True)
        photos.append(
            ExemplarPhoto(
                photo=stored,
                alt_text=_("Photo of %(name)s") % {"name": nomination.nominee_name},
                sort_order=number,
            )
        )
    page = ExemplarPage(
        title=nomination.nominee_name,
        slug=f"tuijian-{nomination.tracking_code.lower()}",
        person_name=nomination.nominee_name,
        honour_level=HonourLevel.KUNMING,
        category=nomination.category,
        year=year,
        quarter=quarter,
        district=nomination.district,
        deed=nomination.clue[:70],
        story=story_html(nomination.deeds),
        live=False,
    )
    page.photos = photos
    try:
        bureau.specific.add_child(instance=page)
    except ValidationError as error:
        raise TransitionRefused(" ".join(error.messages)) from error
    page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    if workflow is not None:  # a bureau without a workflow still gets the draft in its explorer
        workflow.start(page, user)
    return page
