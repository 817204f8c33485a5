"""The home page's daily public-service ad (每日公益广告).

Government sites must show a public-service ad in a prominent place every day, 6:00–24:00.
The slot is on the home page at all hours; which work it shows changes once a day (local time)
and is the same for every visitor that day: the works valid that day, in a fixed order, taken
in turn by the day's ordinal."""

from django.db.models import Prefetch
from django.utils import timezone

from content.ads.models.works import AdArtwork, PublicServiceAdPage
from core.public_pages import public


def current_works(on):
    return (
        public(PublicServiceAdPage.objects.live())
        .filter(valid_from__lte=on, artworks__isnull=False)
        .exclude(valid_to__lt=on)
        .distinct()
        .order_by("id")
    )


def daily_ad(on=None):
    on = on or timezone.localdate()
    ids = list(current_works(on).values_list("id", flat=True))
    if not ids:
        return None
    chosen = ids[on.toordinal() % len(ids)]
    return (
        PublicServiceAdPage.objects.select_related("theme", "bureau")
        .prefetch_related(
            Prefetch("artworks", queryset=AdArtwork.objects.select_related("image").order_by("sort_order"))
        )
        .get(pk=chosen)
    )
