"""The renditions of many Wagtail images for a few filter specs, in one compiled query
(core/compiled_queries.py): what `Prefetch("…__renditions", Rendition.objects.filter(…))` puts
on each image, so `{% image %}` and portal.cards.rendition_sizes find them without a query."""

from wagtail.images import get_image_model

from core.compiled_queries import CompiledRelated

_RENDITIONS = CompiledRelated(
    lambda specs: get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs).order_by("pk"),
    "image_id",
)


def attach_renditions(images, specs):
    """Give each of `images` (None skipped) its renditions of the filter `specs` (a tuple)."""
    return _RENDITIONS.attach(images, cache_name="renditions", shape=tuple(specs))
