"""The home page's daily public-service ad (每日公益广告).

Government sites must show a public-service ad in a prominent place every day, 6:00–24:00.
The slot is on the home page at all hours; which work it shows changes once a day (local time)
and is the same for every visitor that day: the works valid that day, in a fixed order, taken
in turn by the day's ordinal."""

import datetime

from django.utils import timezone

from content.ads.listing import attach_artworks
from content.ads.models.works import PublicServiceAdPage
from core.compiled_queries import CompiledQuery
from core.public_pages import public, restricted_shape

#: The daily ad's image on the home page (portal/home_body.py).
DAILY_AD_IMAGE = "max-960x540"


def current_works(on):
    return (
        public(PublicServiceAdPage.objects.live())
        .filter(valid_from__lte=on, artworks__isnull=False)
        .exclude(valid_to__lt=on)
        .distinct()
        .order_by("id")
    )


# Compiled once per set of private sections (core/compiled_queries.py): the day and the chosen
# work travel as parameters. A date and an id no work has stand for them when compiling.
_CURRENT_IDS = CompiledQuery(
    lambda _shape, on: current_works(on).values_list("id", flat=True), (datetime.date(1901, 2, 4),)
)
_WORK = CompiledQuery(
    lambda _shape, pk: PublicServiceAdPage.objects.select_related("theme", "bureau").filter(pk=pk), (-9_876_031,)
)


def daily_ad(on=None):
    on = on or timezone.localdate()
    ids = _CURRENT_IDS.fetch(on, shape=restricted_shape())
    if not ids:
        return None
    chosen = ids[on.toordinal() % len(ids)]
    works = _WORK.fetch(chosen)  # none if the work went away since the first query
    attach_artworks(works)
    return works[0] if works else None
