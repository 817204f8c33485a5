"""/api/v1/pages/<id>/: one live, public page of a section, with its image renditions.

A page that is not live (a draft never published, an unpublished or expired page), lies at or
below a view restriction (password, groups or sign-in), or is of a type the API does not
publish (the home page, section pages, plans) answers the same 404: the API never says that a
page exists but is hidden. A live page's row holds its published content; drafts and later
revisions stay in the revision table, which the API never reads."""

from django.db.models import Count, Prefetch
from django.utils import timezone
from wagtail.models import Page

from bureaus.models.bureaus import BureauPage
from bureaus.models.directive import CreationTaskLeadBureau, CreationTaskPage
from content.ads.models.placements import PlacementStatus
from content.ads.models.works import AdLicence, PublicServiceAdPage
from content.exemplars.models import ExemplarPage, ExemplarPhoto, exemplar_cards
from content.exposure.listing import annotate_card, public_notices, with_details
from content.exposure.models import BehaviourNoticePage, ExposurePhoto, RectificationUpdate, UnitNoticePage
from content.handbooks.models import EtiquetteHandbookPage
from content.news.models import NewsPage
from content.photos.models import PhotoPurpose
from core.public_pages import public
from portal.api import fields as f
from portal.api import sections
from portal.api.http import endpoint, json_response, not_found
from portal.api.news import news_detail

ARTWORK = "max-960x1280"  # as on the ad's page
HANDBOOK_IMAGE = "width-800"
RECENT_CONTENT = 20


def _tags(page):
    return [tag.name for tag in page.tags.all()]


def ad_detail(page, request):
    work = (
        public(PublicServiceAdPage.objects.live())
        .select_related("theme", "bureau")
        .prefetch_related("artworks__image", "tags")
        .get(pk=page.pk)
    )
    data = sections.ad_item(work, request)
    data.update(
        description=f.rich_text(work.description),
        artworks=[
            {"image": f.image(a.image, ARTWORK, a.alt_text), "caption": a.caption}
            for a in sorted(work.artworks.all(), key=lambda a: (a.sort_order or 0, a.pk))
        ],
        media_files=[
            {
                "title": m.title,
                "url": f.absolute(m.document.url),
                "duration_seconds": m.duration_seconds,
                "transcript": m.transcript,
            }
            for m in work.media_files.select_related("document").order_by("sort_order")
        ],
        downloads=[
            {
                "label": d.label,
                "carrier": f.named(d.carrier),
                "width_mm": d.width_mm,
                "height_mm": d.height_mm,
                "width_px": d.width_px,
                "height_px": d.height_px,
                "dpi": d.dpi,
                "url": f.absolute(d.document.url),
                "file_extension": d.document.file_extension,
            }
            for d in work.downloads.select_related("carrier", "document").order_by("sort_order")
        ],
        placements=[
            {
                "code": p.code,
                "carrier": f.named(p.carrier),
                "district": f.named(p.district),
                "place": p.place,
                "status": f.choice(p.status, PlacementStatus),
            }
            for p in work.placements.exclude(status=PlacementStatus.REMOVED)
            .select_related("carrier", "district")
            .order_by("carrier__sort_order", "code")
        ],
        sponsor=work.sponsor,
        licence=f.choice(work.licence, AdLicence),
        attribution=work.attribution,
        tags=_tags(work),
    )
    return data


def exemplar_detail(page, request):
    shown = f.shown_photos_query(ExemplarPhoto, PhotoPurpose.EXEMPLAR).order_by("sort_order", "id")
    exemplar = (
        exemplar_cards(public(ExemplarPage.objects.live()), photos=False)
        .prefetch_related(Prefetch("photos", queryset=shown, to_attr="shown_photos"), "honours", "tags")
        .get(pk=page.pk)
    )
    data = sections.exemplar_item(exemplar, request)
    photos = [f.protected_photo(p.photo, PhotoPurpose.EXEMPLAR, p.alt_text, p.caption) for p in exemplar.shown_photos]
    data.update(
        story=f.rich_text(exemplar.story),
        photos=[photo for photo in photos if photo],
        honours=[{"title": h.title, "year": h.year, "awarded_by": h.awarded_by} for h in exemplar.honours.all()],
        tags=_tags(exemplar),
    )
    return data


def _block(block):
    value = block.value
    if block.block_type == "chapter":
        return {"type": "chapter", "text": value}
    if block.block_type == "text":
        return {"type": "text", "html": f.rich_text(value.source)}
    if block.block_type == "dos_and_donts":
        return {
            "type": "dos_and_donts",
            "title": value["title"],
            "dos": list(value["dos"]),
            "donts": list(value["donts"]),
        }
    if block.block_type == "image":
        picture = value["image"]
        alt = "" if getattr(picture, "decorative", False) else getattr(picture, "contextual_alt_text", "") or ""
        return {"type": "image", "image": f.image(picture, HANDBOOK_IMAGE, alt), "caption": value["caption"]}
    if block.block_type == "qa":
        return {"type": "qa", "question": value["question"], "answer": value["answer"]}
    return None  # a block type added later is published only once it is listed here


def handbook_detail(page, request):
    handbook = (
        public(EtiquetteHandbookPage.objects.live())
        .select_related("bureau", "cover_image")
        .prefetch_related(f.prefetch_renditions("cover_image", sections.HANDBOOK_COVER))
        .get(pk=page.pk)
    )
    data = sections.handbook_item(handbook, request)
    blocks = [_block(block) for block in handbook.body]
    # The quiz's questions are left out: their right answers are the quiz's own (POSTed on the page).
    data.update(body=[block for block in blocks if block], chapters=handbook.chapter_headings())
    return data


def notice_detail(page, request):
    today = timezone.localdate()
    notice = with_details(public_notices(today)).get(pk=page.pk)
    data = sections.notice_item(annotate_card(notice, today), request)
    if notice.unit is not None:
        data["unit"].update(problem=notice.unit.problem, requirement=notice.unit.requirement)
    photos = [
        f.protected_photo(p.photo, PhotoPurpose.EXPOSURE, p.alt_text, p.caption)
        for p in f.shown_photos_query(ExposurePhoto, PhotoPurpose.EXPOSURE).filter(page=notice).order_by("sort_order")
    ]
    updates = RectificationUpdate.objects.filter(page=notice).order_by("date", "sort_order")
    shown_updates = {
        update.pk: update
        for update in f.shown_photos_query(RectificationUpdate, PhotoPurpose.EXPOSURE).filter(page=notice)
    }
    data.update(
        photos=[photo for photo in photos if photo],
        timeline=[
            {
                "date": update.date,
                "text": update.text,
                "photo": f.protected_photo(shown_updates[update.pk].photo, PhotoPurpose.EXPOSURE, update.photo_alt_text)
                if update.pk in shown_updates
                else None,
            }
            for update in updates
        ],
    )
    return data


def bureau_detail(page, request):
    bureau = (
        public(BureauPage.objects.live())
        .annotate(task_count=Count("led_tasks"))
        .only("id", "title", "slug", "url_path", "path", "depth", "kind", "intro")
        .get(pk=page.pk)
    )
    data = sections.bureau_item(bureau, request)
    led = public(CreationTaskPage.objects.live()).filter(lead_bureaus__bureau=bureau).select_related("mechanism")
    recent = public(bureau.get_children().live()).specific().order_by("-first_published_at")[:RECENT_CONTENT]
    data.update(
        led_tasks=[
            {"id": t.pk, "title": t.title, "reference": t.reference, **f.page_urls(t, request)}
            for t in led.order_by("mechanism__number", "number")
        ],
        # Every live content page, as on the bureau's page; a type the API does not publish (an
        # annual plan, a campaign) has no detail_url.
        recent_content=[
            {
                "id": p.pk,
                "title": p.title,
                "type": str(p._meta.verbose_name),
                **f.page_urls(p, request),
                **({} if type(p) in DETAILS else {"detail_url": None}),
            }
            for p in recent
        ],
    )
    return data


def task_detail(page, request):
    task = (
        public(CreationTaskPage.objects.live())
        .select_related("mechanism")
        .prefetch_related(
            Prefetch(
                "lead_bureaus",
                queryset=CreationTaskLeadBureau.objects.select_related("bureau").order_by("sort_order"),
                to_attr="leads",
            )
        )
        .get(pk=page.pk)
    )
    data = sections.task_item(task, request, task.leads)
    data.update(text=task.text, reference=task.reference)
    return data


DETAILS = {
    NewsPage: news_detail,
    PublicServiceAdPage: ad_detail,
    ExemplarPage: exemplar_detail,
    EtiquetteHandbookPage: handbook_detail,
    BehaviourNoticePage: notice_detail,
    UnitNoticePage: notice_detail,
    BureauPage: bureau_detail,
    CreationTaskPage: task_detail,
}


def published_page(page_id):
    """The live, public page with this id (base Page row, its type known), or None."""
    return public(Page.objects.live()).filter(pk=page_id).only("id", "content_type").first()


@endpoint()
def page_detail(request, page_id):
    page = published_page(page_id)
    if page is None or page.specific_class not in DETAILS:
        return not_found()
    return json_response(DETAILS[page.specific_class](page, request))
