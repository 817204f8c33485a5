"""One address of every kind of public page, for the checks that must see them all (the Nu HTML
Checker in tests/portal/test_valid_html.py, axe in tests/browser/test_every_page_accessible.py).

Page types are found, not listed: every concrete Wagtail page model with a live, public page
contributes its first one, so a page type added later is checked without touching this file.
A page model with no live page at all must be named in NOT_IN_DEMO with the reason, so a new page
type cannot slip past the checks by having no demo content. The public pages that are views, not
Wagtail pages (forms, look-ups, search, the site map, placement pages), are listed below."""

from django.urls import reverse
from wagtail.models import Page, get_page_models

# Page models that the demo has no live page of, and why they are not checked here.
NOT_IN_DEMO = {}

# Public views outside the page tree (each answers 200 to an anonymous GET).
VIEW_ADDRESSES = [
    ("search results", "/search/?q=%E4%BA%A4%E9%80%9A"),
    ("search without results", "/search/?q=zzzzqqqq"),
    ("search form", "/search/"),
    ("messages", "/liuyan/"),
    ("message form", "/liuyan/xie/"),
    ("message look-up", "/liuyan/chaxun/"),
    ("随手拍 form", "/suishoupai/"),
    ("随手拍 look-up", "/suishoupai/status/"),
    ("site map", "/wangzhanditu/"),
]


def _first_public(model):
    return model.objects.live().public().exact_type(model).order_by("path").first()


def page_type_addresses():
    """[(label, address)] of the first live public page of every concrete page model."""
    found, missing = [], []
    models = [model for model in get_page_models() if model is not Page and not model._meta.abstract]
    for model in models:
        page = _first_public(model)
        if page is None:
            # The base of other page types (ExposureNoticePage) is checked through them.
            if not any(other is not model and issubclass(other, model) for other in models):
                missing.append(model._meta.label)
            continue
        found.append((model._meta.label, page.url))
    return found, missing


def routed_addresses():
    """Sub-pages that routable pages serve, and placement and answered-message pages."""
    # Imported here: the content models need the app registry, which a test module's import
    # would otherwise reach before Django is set up.
    from content.ads.models.placements import AdPlacement
    from content.nominations.index import NominationIndexPage
    from interaction.models import Message

    addresses = []
    nominations = _first_public(NominationIndexPage)
    if nominations is not None:
        addresses += [
            ("nomination look-up", nominations.url + "status/"),
            ("nomination publicity", nominations.url + "gongshi/"),
        ]
    placement = AdPlacement.objects.exclude(status="removed").filter(work__live=True).order_by("pk").first()
    if placement is not None:
        addresses.append(("ad placement", reverse("ad_placement", kwargs={"code": placement.code})))
    message = Message.objects.published().order_by("pk").first()
    if message is not None:
        addresses.append(("answered message", reverse("messages:detail", kwargs={"pk": message.pk})))
    return addresses


def form_posts():
    """[(label, address, data)]: the citizens' forms sent empty or half filled, as their error
    pages look, and the handbook quiz's result page."""
    from content.handbooks.models import EtiquetteHandbookPage
    from content.nominations.index import NominationIndexPage

    posts = [
        ("message form with errors", "/liuyan/xie/", {"body": "太短"}),
        ("随手拍 form with errors", "/suishoupai/", {"place": ""}),
    ]
    nominations = _first_public(NominationIndexPage)
    if nominations is not None:
        posts.append(("nomination form with errors", nominations.url, {"nominee_name": "张"}))
    handbook = EtiquetteHandbookPage.objects.live().public().exclude(quiz=[]).order_by("path").first()
    if handbook is not None:
        posts.append(("handbook quiz result", handbook.quiz_url(), {}))
    return posts


def public_addresses():
    """[(label, address)] of every kind of public page, and the page models left out."""
    pages, missing = page_type_addresses()
    return pages + routed_addresses() + VIEW_ADDRESSES, missing
