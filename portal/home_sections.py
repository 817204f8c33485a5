"""What the home page shows: the campaign it leads with, the daily ad, the newest good people with
their faces, the exposure board's live counts, the newest items of each section, and the links to
this year's 9·20 page and annual ad plan. Each part fills by itself once its content exists, and
the whole page costs a fixed number of queries however much is published."""

import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, F, Q, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone
from wagtail.models import Page, Site, get_page_models

from bureaus.models.bureaus import BureauIndexPage, BureauPage
from bureaus.models.directive import CreationTaskIndexPage, Mechanism
from content.ads.daily import daily_ad
from content.ads.models.index import PublicServiceAdIndexPage
from content.ads.models.plans import AdPlanPage
from content.exemplars.index import ExemplarIndexPage
from content.exemplars.listing import newest_exemplars
from content.exemplars.models import MoralDayCampaignPage
from content.exposure.index import ExposureIndexPage
from content.exposure.listing import board_summary
from content.exposure.models import ExposureNoticePage
from content.handbooks.index import EtiquetteIndexPage
from content.news.index import NewsIndexPage
from content.nominations.index import NominationIndexPage
from content.specials.index import (
    BANNER_CARD,
    BANNER_WIDE,
    CampaignSpecialIndexPage,
    special_card_rows,
)
from content.specials.models import current_specials
from core.compiled_queries import CompiledQuery, total_count
from core.public_pages import LINKED_PAGE_FIELDS, public, restricted_shape
from core.renditions import attach_renditions
from portal.navigation import home_children

HOME_SLOT_SIZE = 5
HOME_SPECIALS = 3
HOME_EXEMPLARS = 6
HOME_NOTICES = 3
#: The sections listed by their newest titles.
TITLE_SLOTS = [NewsIndexPage, PublicServiceAdIndexPage, EtiquetteIndexPage]


def _groups(models):
    """{content type id: index of the model in `models` it counts for}."""
    # A model's pages may be of its subclasses (an exposure notice is a behaviour or a unit
    # notice): each content type counts for the model it is a kind of.
    group_of = {}
    for page_model in get_page_models():
        for number, model in enumerate(models):
            if issubclass(page_model, model) and not page_model._meta.abstract:
                group_of[ContentType.objects.get_for_model(page_model).pk] = number
    return group_of


def _newest_rows(models, this_year):
    group_of = _groups(models)
    group = Case(*(When(content_type_id=pk, then=Value(number)) for pk, number in group_of.items()))
    year = Coalesce(F("moraldaycampaignpage__year"), F("adplanpage__year"))
    return (
        public(Page.objects.live())
        .filter(content_type_id__in=list(group_of))
        .filter(Q(adplanpage__isnull=True) | Q(adplanpage__year__lte=this_year))
        .annotate(
            published_on=F("newspage__published_on"),
            year=year,
            rank=Window(
                RowNumber(),
                partition_by=group,
                order_by=[
                    year.desc(nulls_last=True),
                    F("newspage__published_on").desc(nulls_last=True),
                    F("first_published_at").desc(),
                    F("pk").desc(),
                ],
            ),
        )
        .filter(rank__lte=HOME_SLOT_SIZE)
        .only(*LINKED_PAGE_FIELDS, "first_published_at")
        .order_by("rank")
    )


# Compiled once per set of models and of private sections; the year travels as a parameter (a
# year no plan has stands for it when compiling).
_NEWEST = CompiledQuery(lambda shape, this_year: _newest_rows(shape[0], this_year), (32_003,))


def newest_pages(models, this_year):
    """{model: [its newest live, public pages]} for all `models` in one query (a row number per
    model), as plain pages with what a link and a date need.

    Each model's own order: news by the day it reports, the 9·20 pages and the annual plans by
    their year (no plan for a later year: this year's, else the latest), the rest by when they
    went live; HOME_SLOT_SIZE of each at most."""
    group_of = _groups(models)
    newest = {model: [] for model in models}
    for row in _NEWEST.fetch(this_year, shape=(tuple(models), restricted_shape())):
        newest[models[group_of[row.content_type_id]]].append(row)
    return newest


def _current_specials(_shape, today):
    return special_card_rows(current_specials(today))[:HOME_SPECIALS]


_SPECIALS = CompiledQuery(_current_specials, (datetime.date(1901, 2, 5),))
_MECHANISMS = CompiledQuery(
    lambda _shape: Mechanism.objects.annotate(task_count=Count("tasks", filter=Q(tasks__live=True))), ()
)
_BUREAU_COUNT = CompiledQuery(lambda _shape: total_count(BureauPage.objects.live()), ())


def featured_specials(today):
    """The specials the home page features today, with their banners' renditions."""
    specials = _SPECIALS.fetch(today, shape=restricted_shape())
    attach_renditions([special.banner_image for special in specials], (BANNER_CARD, BANNER_WIDE))
    return specials


def home_sections(home, request):
    site = Site.find_for_request(request)
    if site is not None and site.root_page_id == home.id:
        children = home_children(request)  # loaded with the page (portal/routing.py), shared with the header
    else:
        children = list(Page.objects.child_of(home).live())
    # The sections as plain pages: the home page shows only their titles and links (and an empty
    # section's introduction, loaded then).
    first_of = {}
    for child in children:
        first_of.setdefault(child.specific_class, child)

    today = timezone.localdate()
    slot_models = [apps.get_model(section_model.item_model) for section_model in TITLE_SLOTS]
    newest = newest_pages([*slot_models, ExposureNoticePage, MoralDayCampaignPage, AdPlanPage], today.year)
    ad_plan = next(iter(newest[AdPlanPage]), None)

    def section_with_intro(section, items):
        return section if items else section.specific

    slots = []
    for section_model, model in zip(TITLE_SLOTS, slot_models, strict=True):
        section = first_of.get(section_model)
        if section is not None:
            slots.append(
                {
                    "page": section_with_intro(section, newest[model]),
                    "items": newest[model],
                    # The plan is linked from the daily ad, and from the ads' slot on a day without one.
                    "plan": ad_plan if section_model is PublicServiceAdIndexPage else None,
                }
            )

    exemplars_section = first_of.get(ExemplarIndexPage)
    exposure_section = first_of.get(ExposureIndexPage)
    specials_index = first_of.get(CampaignSpecialIndexPage)
    specials = featured_specials(today) if specials_index else []
    exemplars = newest_exemplars(HOME_EXEMPLARS) if exemplars_section else []
    notices = newest[ExposureNoticePage][:HOME_NOTICES]
    return {
        "daily_ad": daily_ad(today),
        # The specials the home page features today (featured_from ≤ today ≤ featured_until): the
        # first leads the page with its wide banner.
        "lead_special": specials[0] if specials else None,
        "specials": specials[1:],
        "specials_index": specials_index,
        "exemplars": exemplars,
        "exemplars_section": section_with_intro(exemplars_section, exemplars) if exemplars_section else None,
        "exposure": board_summary(today) if exposure_section else None,
        "exposure_notices": notices,
        "exposure_section": section_with_intro(exposure_section, notices) if exposure_section else None,
        "moral_day": next(iter(newest[MoralDayCampaignPage]), None),
        "ad_plan": ad_plan,
        "content": slots,
        "tasks": first_of.get(CreationTaskIndexPage),
        "mechanisms": _MECHANISMS.fetch(),
        "bureaus": first_of.get(BureauIndexPage),
        "bureau_count": next(iter(_BUREAU_COUNT.fetch()), 0),
        "nomination": first_of.get(NominationIndexPage),
    }
