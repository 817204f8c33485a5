"""The values each list card is rendered from, for the fragment memo (core/fragment_memo.py).

A card template (templates/content/includes/*_card.html) reads only the names these functions
return: plain strings, numbers, dates and tuples, already translated into the active language
(the memo's key holds the language too). A card that starts showing another field must add it
here; the template cannot reach the model, so a forgotten value fails loudly (an empty spot in
the card that the tests comparing the HTML catch), never as stale output.
"""

from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found

from content.ads.listing import AD_CARD_IMAGE
from content.specials.index import BANNER_CARD
from content.templatetags.protected_photos import shown_sizes
from core.fragment_memo import render_fragment
from portal.templatetags.portal_tags import page_href

EXEMPLAR_CARD = "content/includes/exemplar_card.html"
EXPOSURE_CARD = "content/includes/exposure_card.html"
AD_WORK_CARD = "content/includes/ad_work_card.html"
TASK_REGISTER = "content/includes/task_register.html"
SPECIAL_CARD = "content/includes/special_card.html"

#: One Filter per spec for the process: Wagtail's `{% image %}` parses the spec on every call.
_FILTERS = {}


def _filter(spec):
    if spec not in _FILTERS:
        _FILTERS[spec] = Filter(spec=spec)
    return _FILTERS[spec]


def rendition_sizes(image, spec):
    """(url, width, height) of the image's rendition for `spec`, as `{% image %}` would show it.

    Read from the image's prefetched renditions when the list prefetched them, with the same
    focal-point match as Wagtail (a rendition made before the focal point moved is not used);
    otherwise — or when the rendition does not exist yet — Wagtail's own lookup, which creates it."""
    image_filter = _filter(spec)
    prefetched = getattr(image, "_prefetched_objects_cache", {}).get("renditions")
    if prefetched is not None:
        focal_point_key = image_filter.get_cache_key(image)
        for rendition in prefetched:
            if rendition.filter_spec == spec and rendition.focal_point_key == focal_point_key:
                return (rendition.url, rendition.width, rendition.height)
    rendition = get_rendition_or_not_found(image, image_filter)
    return (rendition.url, rendition.width, rendition.height)


def href_of(request, page):
    return page_href({"request": request}, page)


def exemplar_card_values(exemplar, request, heading="h3"):
    """`exemplar` from content.exemplars.models.exemplar_cards (bureau, district, like_count,
    shown_photos)."""
    # A list read without photos (exemplar_cards(photos=False)) shows every card's placeholder.
    shown = getattr(exemplar, "shown_photos", None)
    photo = shown[0] if shown else None
    return {
        "heading": heading,
        "href": href_of(request, exemplar),
        "has_photo": photo is not None,
        "photo": shown_sizes(photo.photo) if photo is not None else (),
        "photo_alt": photo.alt_text if photo is not None else "",
        "category": exemplar.category,
        "category_label": str(exemplar.get_category_display()),
        "honour_level": exemplar.honour_level,
        "honour_level_label": str(exemplar.get_honour_level_display()),
        "person_name": exemplar.person_name,
        "deed": exemplar.deed,
        "district": exemplar.district.name if exemplar.district_id else None,
        "bureau": exemplar.bureau.title if exemplar.bureau_id else None,
        "like_count": exemplar.like_count,
    }


def exposure_card_values(notice, request):
    """`notice` from content.exposure.listing (annotate_card: today's status, the subclass row,
    its photos prefetched)."""
    photos = notice.photos.all()
    first = photos[0] if photos else None
    behaviour, unit = notice.behaviour, notice.unit
    return {
        "href": href_of(request, notice),
        "title": notice.title,
        "has_photo": first is not None,
        "photo": shown_sizes(first.photo) if first is not None else (),
        "photo_alt": first.alt_text if first is not None else "",
        "kind": notice.kind,
        "kind_label": str(notice.get_kind_display()),
        "status": notice.status_today,
        "status_label": str(notice.status_today_label),
        "overdue_days": notice.overdue_days,
        "is_behaviour": bool(behaviour),
        "behaviour_type": behaviour.behaviour_type.name if behaviour and behaviour.behaviour_type_id else "",
        "place": behaviour.place if behaviour else "",
        "is_unit": bool(unit),
        "unit_bureau": unit.unit_bureau.title if unit and unit.unit_bureau_id else None,
        "unit_name": unit.unit_name if unit else "",
        "district": notice.district.name if notice.district_id else None,
        "bureau": notice.bureau.title if notice.bureau_id else None,
        "deadline": notice.deadline,
    }


def ad_work_card_values(work, request):
    """`work` from content.ads.listing.ad_listing (theme, bureau, artworks with the card's
    renditions prefetched)."""
    artworks = work.artworks.all()
    artwork = artworks[0] if artworks else None
    image = artwork.image if artwork is not None else None
    return {
        "href": href_of(request, work),
        "title": work.title,
        "image": rendition_sizes(image, AD_CARD_IMAGE) if image is not None else None,
        "image_alt": artwork.alt_text if image is not None else "",
        "theme": work.theme.name if work.theme_id else "",
        "medium_label": str(work.get_medium_display()),
        "bureau": work.bureau.title if work.bureau_id else None,
        "valid_from": work.valid_from,
        "valid_to": work.valid_to,
    }


def special_card_values(special, request, banner=BANNER_CARD):
    """`special` from content.specials.index.special_card_rows (banner image with its `banner`
    rendition prefetched; `is_current` where the list marks the specials under way)."""
    image = special.banner_image
    return {
        "href": href_of(request, special),
        "title": special.title,
        "banner": rendition_sizes(image, banner) if image is not None else None,
        "banner_alt": special.banner_alt,
        "campaign_starts_on": special.campaign_starts_on,
        "campaign_ends_on": special.campaign_ends_on,
        "is_current": getattr(special, "is_current", False),
        "intro": special.intro,
    }


def task_register_values(groups, request):
    """`groups` from CreationTaskIndexPage.get_context: [{mechanism, tasks}], each task with its
    `leads` (bureau pages) and progress (`progress_status`, `progress_label`, `progress_updated`).
    The whole register is one fragment: 50 tasks and ~100 lead links through the template language
    were half of /renwu/'s render."""
    return {
        "groups": tuple(
            (
                group["mechanism"].slug,
                group["mechanism"].ordinal,
                group["mechanism"].title,
                tuple(
                    (
                        task.number,
                        href_of(request, task),
                        task.title,
                        tuple((href_of(request, bureau), bureau.title) for bureau in task.leads),
                        task.progress_status,
                        getattr(task, "progress_label", ""),
                        getattr(task, "progress_updated", ""),
                    )
                    for task in group["tasks"]
                ),
            )
            for group in groups
        )
    }


def render_card(template_name, values):
    return render_fragment(template_name, values)
