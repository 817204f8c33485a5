"""The home page's section slots: each section with its newest items (none until a section's
content type exists, and then the slot fills by itself)."""

from django.db.models import Count, Q

from bureaus.models.bureaus import BureauIndexPage, BureauPage
from bureaus.models.directive import CreationTaskIndexPage, Mechanism
from content.ads.daily import daily_ad
from content.ads.models.index import PublicServiceAdIndexPage
from content.exemplars.index import ExemplarIndexPage
from content.exposure.index import ExposureIndexPage
from content.handbooks.index import EtiquetteIndexPage
from content.nominations.index import NominationIndexPage

HOME_SLOT_SIZE = 5
CONTENT_SECTIONS = [PublicServiceAdIndexPage, ExemplarIndexPage, EtiquetteIndexPage, ExposureIndexPage]


def home_sections(home):
    slots = []
    for model in CONTENT_SECTIONS:
        section = model.objects.child_of(home).live().first()
        if section is not None:
            slots.append({"page": section, "items": list(section.items()[:HOME_SLOT_SIZE])})

    return {
        "daily_ad": daily_ad(),
        "content": slots,
        "tasks": CreationTaskIndexPage.objects.child_of(home).live().first(),
        "mechanisms": Mechanism.objects.annotate(task_count=Count("tasks", filter=Q(tasks__live=True))),
        "bureaus": BureauIndexPage.objects.child_of(home).live().first(),
        "bureau_count": BureauPage.objects.live().count(),
        "nomination": NominationIndexPage.objects.child_of(home).live().first(),
    }
