"""`{% public_photo photo alt_text %}`: the public image of a protected photo, never its original."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

DEFAULT_SIZES = "(min-width: 60rem) 60rem, 100vw"
#: The plain `src` (browsers without srcset): the smallest rendition at least this wide.
FALLBACK_WIDTH = 960


def _renditions(photo):
    # .all() (not a filter) so a prefetch of public_renditions answers without a query.
    return sorted((r for r in photo.public_renditions.all() if r.file), key=lambda r: r.max_width)


def _shown_renditions(photo):
    """The photo's public renditions, smallest first; none while it may not be shown: blur
    regions not reviewed yet, a minor, or a good person's photo without a recorded consent."""
    if photo is None or photo.needs_review or not photo.may_be_public:
        return []
    return _renditions(photo)


def _fallback(renditions):
    return next((r for r in renditions if r.width >= FALLBACK_WIDTH), renditions[-1])


def public_photo_src(photo):
    """The address of the rendition a plain `src` shows (also the share card's image), or None."""
    renditions = _shown_renditions(photo)
    return _fallback(renditions).file.url if renditions else None


@register.simple_tag
def public_photo(photo, alt_text, sizes=DEFAULT_SIZES, css_class=""):
    """An <img> with a srcset of the photo's public renditions, or "" while it may not be shown."""
    renditions = _shown_renditions(photo)
    if not renditions:
        return ""
    fallback = _fallback(renditions)
    largest = renditions[-1]
    srcset = format_html_join(", ", "{} {}w", ((r.file.url, r.width) for r in renditions))
    class_attribute = format_html(' class="{}"', css_class) if css_class else ""
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} loading="lazy" decoding="async">',
        fallback.file.url,
        srcset,
        sizes,
        largest.width,
        largest.height,
        alt_text,
        class_attribute,
    )
