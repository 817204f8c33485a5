"""The home page's body as plain values, rendered through the fragment memo
(core/fragment_memo.py): most visitors see the same campaign, faces, counts and titles, and the
~60 links, images and dates of the page were half of its render through the template language.

`home_body_values` reads what `portal.home_sections.home_sections` gathered and returns only
strings, numbers, dates and tuples of them, already in the active language (the memo's key holds
the language too). templates/portal/includes/home_body.html can read nothing else: a part that
starts showing another field must add it here."""

from wagtail.templatetags.wagtailcore_tags import richtext

from content.ads.daily import DAILY_AD_IMAGE
from content.specials.index import BANNER_WIDE
from content.templatetags.protected_photos import shown_sizes
from core.dates import format_date, iso_datetime
from core.fragment_memo import render_fragment
from portal.cards import href_of, rendition_sizes, special_card_values
from portal.navigation import display_title

HOME_BODY = "portal/includes/home_body.html"


def _link(request, page):
    return {"href": href_of(request, page), "title": display_title(page)} if page is not None else None


def _published(item):
    """(the <time> datetime attribute, the date shown): the day a news item reports, else the
    day the page went live."""
    published_on = getattr(item, "published_on", None)
    if published_on:
        return (published_on.isoformat(), format_date(published_on))
    return (iso_datetime(item.first_published_at), format_date(item.first_published_at))


def _daily_ad(ad, request):
    artworks = ad.artworks.all()
    image = artworks[0].image if artworks else None
    return {
        "href": href_of(request, ad),
        "title": ad.title,
        "image": rendition_sizes(image, DAILY_AD_IMAGE) if image is not None else None,
        "theme": ad.theme.name if ad.theme_id else "",
        "bureau": ad.bureau.title if ad.bureau_id else "",
        # Rendered here, not in the memo: its links follow the pages they point to.
        "description": richtext(ad.description) if ad.description else "",
    }


def _face(exemplar, request):
    shown = exemplar.shown_photos
    return {
        "href": href_of(request, exemplar),
        "photo": shown_sizes(shown[0].photo) if shown else (),
        "photo_alt": shown[0].alt_text if shown else "",
        "category": exemplar.category,
        "person_name": exemplar.person_name,
        "honour_level_label": str(exemplar.get_honour_level_display()),
        "category_label": str(exemplar.get_category_display()),
    }


def _titles(items, request):
    return tuple({"href": href_of(request, item), "title": item.title, "published": _published(item)} for item in items)


def home_body_values(page, sections, request):
    exposure = sections["exposure"]
    return {
        "title": page.title,
        "intro": page.intro,
        "nomination": _link(request, sections["nomination"]),
        # The campaign the page leads with, its banner across the column.
        "lead": special_card_values(sections["lead_special"], request, BANNER_WIDE)
        if sections["lead_special"]
        else None,
        "daily_ad": _daily_ad(sections["daily_ad"], request) if sections["daily_ad"] else None,
        "ad_plan": {"href": href_of(request, sections["ad_plan"]), "year": sections["ad_plan"].year}
        if sections["ad_plan"]
        else None,
        "specials_index": _link(request, sections["specials_index"]),
        "specials": tuple(special_card_values(special, request) for special in sections["specials"]),
        "exemplars_section": _link(request, sections["exemplars_section"]),
        "moral_day": _link(request, sections["moral_day"]),
        "faces": tuple(_face(exemplar, request) for exemplar in sections["exemplars"]),
        "exposure_section": _link(request, sections["exposure_section"]),
        "exposure_total": exposure["total"] if exposure else 0,
        "exposure_rows": tuple((row["status"], row["count"], str(row["label"])) for row in exposure["rows"])
        if exposure
        else (),
        "exposure_notices": _titles(sections["exposure_notices"], request),
        "slots": tuple(
            {
                "slug": slot["page"].slug,
                **_link(request, slot["page"]),
                "items": _titles(slot["items"], request),
                "intro": "" if slot["items"] else slot["page"].intro,
                "plan": {"href": href_of(request, slot["plan"]), "year": slot["plan"].year} if slot["plan"] else None,
            }
            for slot in sections["content"]
        ),
        "tasks": _link(request, sections["tasks"]),
        "mechanisms": tuple(
            (mechanism.slug, mechanism.ordinal, mechanism.title, mechanism.task_count)
            for mechanism in sections["mechanisms"]
        ),
        "bureaus": _link(request, sections["bureaus"]),
        "bureau_count": sections["bureau_count"],
    }


def render_home_body(page, sections, request):
    return render_fragment(HOME_BODY, home_body_values(page, sections, request))
