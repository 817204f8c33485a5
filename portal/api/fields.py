"""What leaves the site through the API, built from explicit lists of fields (never a model's
every field, so a field added to a model tomorrow is not published by accident).

- URLs are absolute on `PORTAL_PUBLIC_URL` (the configured public address, never the request's
  Host, so an answer does not vary by it and a forged Host cannot point a client elsewhere).
- Library images (ad artworks, handbook covers) are given as renditions, never the original file
  (nginx does not serve originals: docs/production.md).
- Protected photos (exemplars, exposure notices) are given as their public renditions only, and
  only when the photo may be public by the same rule as the HTML (`public_photo_shown`): no
  minor, a good person's photo only with a recorded consent, an exposure photo only once an
  editor reviewed its blur regions. Editors' titles, consent records and uploaders never leave.
- Rich text is expanded (internal links become URLs) and cleaned with nh3: Wagtail does not
  sanitise rich text on output, and a mini-program renders it with its own component.
"""

from urllib.parse import urlencode

import nh3
from django.conf import settings
from django.db.models import Prefetch
from wagtail.images.models import Rendition
from wagtail.rich_text import expand_db_html

from content.photos.models import PhotoPurpose, ProtectedPhoto, PublicPhotoRendition
from core.sanitise import RICH_TEXT_TAGS
from portal.sharing.links import page_path

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def absolute(url):
    """An absolute URL on the public address for a site-relative one ("" stays "")."""
    if not url:
        return ""
    if url.startswith("/"):
        return settings.PORTAL_PUBLIC_URL + url
    return url


def api_url(path, **query):
    query = {name: value for name, value in query.items() if value not in (None, "")}
    return absolute(f"/api/v1/{path}") + (f"?{urlencode(query)}" if query else "")


def page_urls(page, request):
    """`detail_url` (this API) and `html_url` (the public page) of a page."""
    return {"detail_url": api_url(f"pages/{page.pk}/"), "html_url": absolute(page_path(page, request))}


def choice(value, choices):
    """{"value", "label"} of a TextChoices value, or None."""
    if value in (None, ""):
        return None
    return {"value": value, "label": str(choices(value).label)}


def named(obj, name_field="name"):
    """{"id", "name", "slug"} of a reference-data row (theme, carrier, district, behaviour type)."""
    if obj is None:
        return None
    return {"id": obj.pk, "name": getattr(obj, name_field), "slug": obj.slug}


def bureau_ref(bureau):
    if bureau is None:
        return None
    return {"id": bureau.pk, "title": bureau.title, "slug": bureau.slug, "detail_url": api_url(f"pages/{bureau.pk}/")}


# -- library images --------------------------------------------------------------------------


def prefetch_renditions(lookup, spec):
    """Prefetch of the renditions at `spec` of the library image at `lookup` (e.g. "image")."""
    return Prefetch(f"{lookup}__renditions", queryset=Rendition.objects.filter(filter_spec=spec))


def image(image_obj, spec, alt=""):
    """{"url", "width", "height", "alt"} of one rendition; made on first use like `{% image %}`
    (and then found by a prefetch of `spec`, so a list costs no query per item)."""
    if image_obj is None:
        return None
    rendition = image_obj.get_rendition(spec)
    return {"url": absolute(rendition.url), "width": rendition.width, "height": rendition.height, "alt": alt}


# -- protected photos ------------------------------------------------------------------------


def public_photo_shown(photo, purpose):
    """Whether the public may see `photo` on a page of `purpose`: the rule of the HTML template
    tag (`{% public_photo %}`: reviewed blur regions, no minor, consent) and, stricter than it,
    a photo uploaded for the page's own purpose (an exemplar photo was never blurred)."""
    return photo is not None and photo.purpose == purpose and not photo.needs_review and photo.may_be_public


def protected_photo(photo, purpose, alt="", caption=""):
    """{"alt", "caption", "renditions": [{"url", "width", "height"}]} or None when it may not be shown.
    Reads `photo.public_renditions.all()`: prefetch it (`photos_prefetch`)."""
    if not public_photo_shown(photo, purpose):
        return None
    renditions = sorted((r for r in photo.public_renditions.all() if r.file), key=lambda r: r.max_width)
    if not renditions:
        return None
    return {
        "alt": alt,
        "caption": caption,
        "renditions": [{"url": absolute(r.file.url), "width": r.width, "height": r.height} for r in renditions],
    }


def shown_photos_query(model, purpose, lookup="photo"):
    """`model` rows (ExemplarPhoto, ExposurePhoto, …) whose photo may be public, with its renditions."""
    reviewed = {f"{lookup}__purpose": purpose}
    if purpose == PhotoPurpose.EXPOSURE:
        reviewed[f"{lookup}__regions_reviewed_at__isnull"] = False
    return (
        model.objects.filter(ProtectedPhoto.public_filter(f"{lookup}__"), **reviewed)
        .select_related(lookup)
        .prefetch_related(
            Prefetch(f"{lookup}__public_renditions", queryset=PublicPhotoRendition.objects.order_by("max_width"))
        )
    )


# -- rich text -------------------------------------------------------------------------------


def _absolute_links(element, attribute, value):
    if element == "a" and attribute == "href":
        return absolute(value)
    return value


def rich_text(html):
    """Stored rich text as clean HTML with absolute links."""
    if not html:
        return ""
    return nh3.clean(
        expand_db_html(html),
        tags=RICH_TEXT_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        attribute_filter=_absolute_links,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# -- listings --------------------------------------------------------------------------------


def limit_and_offset(params):
    """(limit, offset) from the query string; like the listing filters, an ill-formed value is
    ignored (the default is used) and a limit above MAX_LIMIT is MAX_LIMIT."""
    try:
        limit = int(params.get("limit", DEFAULT_LIMIT))
    except (TypeError, ValueError):
        limit = DEFAULT_LIMIT
    try:
        offset = int(params.get("offset", 0))
    except (TypeError, ValueError):
        offset = 0
    return min(max(limit, 1), MAX_LIMIT), max(offset, 0)


def listing(request, path, queryset, serialize, filters, extra_meta=None, options=None):
    """One page of a listing in the API v2 shape: meta (total_count, limit, offset, the filters
    in effect and the next/previous page), items, and the filters a client may offer."""
    limit, offset = limit_and_offset(request.GET)
    total = queryset.count()
    items = [serialize(item) for item in queryset[offset : offset + limit]] if offset < total else []
    query = {name: request.GET.get(name) for name in filters.active}
    meta = {
        "total_count": total,
        "limit": limit,
        "offset": offset,
        "filters": {name: str(label) for name, label in filters.active.items()},
        "next": api_url(path, **query, limit=limit, offset=offset + limit) if offset + limit < total else None,
        "previous": api_url(path, **query, limit=limit, offset=max(offset - limit, 0)) if offset else None,
        **(extra_meta or {}),
    }
    return {"meta": meta, "items": items, "filter_options": options or {}}
