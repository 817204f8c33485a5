"""The home page's section slots: each section with its newest items (none until a section's
content type exists, and then the slot fills by itself)."""

from django.db.models import Count, Q
from wagtail.models import Page, Site

from bureaus.models.bureaus import BureauIndexPage, BureauPage
from bureaus.models.directive import CreationTaskIndexPage, Mechanism
from content.ads.daily import daily_ad
from content.ads.models.index import PublicServiceAdIndexPage
from content.exemplars.index import ExemplarIndexPage
from content.exposure.index import ExposureIndexPage
from content.handbooks.index import EtiquetteIndexPage
from content.news.index import NewsIndexPage
from content.nominations.index import NominationIndexPage
from content.specials.index import CampaignSpecialIndexPage, special_cards
from content.specials.models import current_specials
from core.public_pages import LINKED_PAGE_FIELDS, public
from portal.navigation import home_children

HOME_SLOT_SIZE = 5
HOME_SPECIALS = 3
CONTENT_SECTIONS = [NewsIndexPage, PublicServiceAdIndexPage, ExemplarIndexPage, EtiquetteIndexPage, ExposureIndexPage]


def home_sections(home, request):
    site = Site.find_for_request(request)
    if site is not None and site.root_page_id == home.id:
        children = home_children(request)  # loaded with the page (portal/routing.py), shared with the header
    else:
        children = list(Page.objects.child_of(home).live())
    # The sections as plain pages: the slots show only their titles and links (and an empty
    # section's introduction, loaded then).
    first_of = {}
    for child in children:
        first_of.setdefault(child.specific_class, child)

    slots = []
    for model in CONTENT_SECTIONS:
        section = first_of.get(model)
        if section is not None:
            # A slot shows each item's title, link and date; items in a private section stay out.
            items = list(
                public(model.live_items())
                .select_related(None)
                .only(*LINKED_PAGE_FIELDS, "first_published_at", *model.slot_date_fields)[:HOME_SLOT_SIZE]
            )
            slots.append({"page": section if items else section.specific, "items": items})

    specials_index = first_of.get(CampaignSpecialIndexPage)
    return {
        "daily_ad": daily_ad(),
        # The specials the home page features today (featured_from ≤ today ≤ featured_until).
        "specials": list(special_cards(current_specials())[:HOME_SPECIALS]) if specials_index else [],
        "specials_index": specials_index,
        "content": slots,
        "tasks": first_of.get(CreationTaskIndexPage),
        "mechanisms": Mechanism.objects.annotate(task_count=Count("tasks", filter=Q(tasks__live=True))),
        "bureaus": first_of.get(BureauIndexPage),
        "bureau_count": BureauPage.objects.live().count(),
        "nomination": first_of.get(NominationIndexPage),
    }
