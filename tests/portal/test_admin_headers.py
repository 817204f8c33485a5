"""Every admin page of ours is headed by its own title, not by "首页" (Home) alone: the slim
header shows the breadcrumbs, and a page whose breadcrumbs are only "Home" shows "首页" where
its title belongs (the title is then only in a screen-reader heading)."""

import html as html_lib
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bureaus.models.directive import Mechanism
from bureaus.models.districts import District
from content.ads.models.placements import AdInspection, AdProblemReport
from content.exposure.models import BehaviourType
from content.handbooks.models import EtiquetteHandbookPage
from content.photos.ingest import store_protected_photo
from content.photos.models import PhotoPurpose
from tests.factories.ads import OWN, make_placement
from tests.factories.nominations import make_nomination
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

#: URL namespaces and names of our admin pages (each content family's admin modules, portal/wagtail_hooks.py).
OURS = (
    "nominations",
    "ad_placements",
    "ad_inspections",
    "ad_update_tasks",
    "ad_reports",
    "protected_photos",
    "behaviour_types",
    "wagtailsnippets_portal_district",
    "wagtailsnippets_content_mechanism",
    "ad_filing_export",
    "handbook_quiz_results",
    "handbook_quiz_results_page",
)
# Not pages: files, partial listings for the filter form, POST-only actions, modal choosers.
NOT_PAGES = re.compile(r"(results|:photo|:original|:export|:action|:review_objection|:choose|:chosen)$")


def our_page_urls():
    """(name, parameter names) of every GET admin page of ours, found by walking the resolver."""

    def walk(resolver, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                ns = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
                yield from walk(entry, ns)
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                converters = getattr(entry.pattern, "converters", None) or entry.pattern.regex.groupindex
                yield name, tuple(converters)

    names = {}
    for name, params in walk(get_resolver(), None):
        if name.split(":")[0] in OURS and not NOT_PAGES.search(name) and name.split(":")[-1] != "delete":
            names[name] = params
    return names


@pytest.fixture
def objects():
    placement = make_placement(bureau(OWN))
    inspection = AdInspection.objects.create(placement=placement, inspector="甲", result="faded")
    report = AdProblemReport.objects.create(placement=placement, problem="damaged", description="破损")
    photo = store_protected_photo(
        _image(), purpose=PhotoPurpose.EXEMPLAR, title="标题测试照片", bureau=bureau(OWN), process_now=False
    )
    return {
        "nominations": make_nomination(),
        "ad_placements": placement,
        "ad_inspections": inspection,
        "ad_update_tasks": inspection.update_task,
        "ad_reports": report,
        "protected_photos": photo,
        "behaviour_types": BehaviourType.objects.first(),
        "wagtailsnippets_portal_district": District.objects.first(),
        "wagtailsnippets_content_mechanism": Mechanism.objects.first(),
        "handbook_quiz_results_page": EtiquetteHandbookPage.objects.first(),
    }


def _image():
    from PIL import Image

    return Image.new("RGB", (40, 30), (120, 120, 200))


def breadcrumbs(page):
    nav = re.search(r'<nav[^>]*aria-label="当前位置"[^>]*>(.*?)</nav>', page, re.S)
    assert nav, "no breadcrumbs"
    items = re.findall(r"<li[^>]*>(.*?)</li>", nav.group(1), re.S)
    return [html_lib.unescape(re.sub(r"<[^>]+>|\s+", "", item)) for item in items]


def page_title(page):
    return html_lib.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1)).strip()


def test_every_admin_page_of_ours_is_headed_by_its_title(client, make_user, objects):
    client.force_login(make_user("header-super", is_superuser=True, is_staff=True))
    checked, wrong = [], []
    for name, params in sorted(our_page_urls().items()):
        if len(params) > 1:
            continue  # revisions of one object: not among our own views
        owner = objects.get(name.split(":")[0])
        response = client.get(reverse(name, args=[owner.pk] if params else []))
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        page = response.content.decode()
        crumbs, title = breadcrumbs(page), page_title(page).replace(" ", "")
        if len(crumbs) < 2 or crumbs[-1] == "首页" or crumbs[-1].replace(" ", "") not in title:
            wrong.append((name, crumbs, title))
        checked.append(name)
    assert not wrong, "\n".join(map(str, wrong))
    for name in ("nominations:index", "nominations:detail", "ad_filing_export", "protected_photos:review"):
        assert name in checked
    assert len(checked) >= 25, checked


def test_the_nominations_pages_say_where_you_are(client, make_user):
    from tests.factories.nominations import admin_client, staff

    nomination = make_nomination()
    client = admin_client(staff("view_nomination"))
    assert breadcrumbs(client.get("/admin/nominations/").content.decode()) == ["首页", "推荐评审"]
    detail = client.get(f"/admin/nominations/{nomination.pk}/").content.decode()
    assert breadcrumbs(detail) == ["首页", "推荐评审", nomination.display_code]
    assert f'href="{reverse("nominations:index")}"' in re.search(r"<nav.*?</nav>", detail, re.S).group(0)
