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


def shown_sizes(photo):
    """The photo's shown renditions as plain (url, width, height), smallest first; () while it may
    not be shown. What `{% public_photo %}` writes, as values a memoised card can key on."""
    return tuple((r.file.url, r.width, r.height) for r in _shown_renditions(photo))


@register.simple_tag
def public_photo(photo, alt_text, sizes=DEFAULT_SIZES, css_class=""):
    """An <img> with a srcset of the photo's public renditions, or "" while it may not be shown."""
    return photo_img(shown_sizes(photo), alt_text, sizes, css_class)


@register.simple_tag
def photo_img(renditions, alt_text, sizes=DEFAULT_SIZES, css_class=""):
    """`{% public_photo %}` from `shown_sizes(photo)`: (url, width, height) smallest first."""
    if not renditions:
        return ""
    fallback = next((r for r in renditions if r[1] >= FALLBACK_WIDTH), renditions[-1])
    largest = renditions[-1]
    srcset = format_html_join(", ", "{} {}w", ((url, width) for url, width, _height in renditions))
    class_attribute = format_html(' class="{}"', css_class) if css_class else ""
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} loading="lazy" decoding="async">',
        fallback[0],
        srcset,
        sizes,
        largest[1],
        largest[2],
        alt_text,
        class_attribute,
    )
