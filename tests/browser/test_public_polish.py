"""The public site's broken items of the polish issue, each walked at a phone's and a desktop's
size (390 × 844 and 1366 × 900): the ad problem report's outcome, the search suggestions, elder
mode on a desktop, dates, the self-test, the nomination form and the like button's icon; then
screenshots of the home page, a listing, a detail page and a form against committed references
(tests/browser/visual.py), and the Nu HTML checker over the pages these touch.

Every citizen here sends from an address of their own (X-Real-IP, which the server trusts from
loopback only), so the per-address limits of other journeys do not count."""

import itertools
import json
import re
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.axe_helper import assert_no_serious_axe_violations
from tests.browser.html_checker import html_errors
from tests.browser.support import PHONE, run_shell
from tests.browser.visual import assert_matches_reference

pytestmark = pytest.mark.browser

WIDE = {"width": 1366, "height": 900}
SIZES = [pytest.param(PHONE, id="phone"), pytest.param(WIDE, id="desktop")]
_addresses = (f"203.0.113.{n}" for n in itertools.count(150))
# Pages met on the way whose HTML depends on what the visitor did (a receipt with its code, a
# status answer), as the server sent them: kept for the HTML checker at the end of the module.
CAPTURED = {}

# Two placements of their own (one per screen size), so the repeat counts are the test's alone,
# and the addresses of the demo pages the journeys open.
SETUP = """
import json
from content.ads.models.placements import AdPlacement
from content.ads.models.works import AdCarrier, PublicServiceAdPage
from content.exemplars.models import ExemplarPage
from content.handbooks.models import EtiquetteHandbookPage
from bureaus.models.districts import District

work = PublicServiceAdPage.objects.live().exclude(bureau=None).order_by("path").first()
codes = []
for place in ("浏览器测试：五华区东风西路公交站台", "浏览器测试：官渡区金马路地铁站口"):
    placement = AdPlacement.objects.filter(place=place).first() or AdPlacement.objects.create(
        work=work, carrier=AdCarrier.objects.order_by("sort_order", "id").first(), place=place,
        district=District.objects.order_by("sort_order", "id").first(), bureau=work.bureau,
    )
    codes.append(placement.code)
exemplar = ExemplarPage.objects.live().order_by("path").first()
handbook = EtiquetteHandbookPage.objects.live().order_by("path").first()
print(json.dumps({"codes": codes, "work": work.url, "exemplar": exemplar.url, "handbook": handbook.url}))
"""


@pytest.fixture(scope="package")
def demo(portal_server):
    return json.loads(run_shell(SETUP))


def citizen(new_context, size):
    """A fresh visitor at `size`, from an address of its own."""
    phone = size == PHONE
    context = new_context(
        viewport=size, has_touch=phone, is_mobile=phone, extra_http_headers={"X-Real-IP": next(_addresses)}
    )
    return context.new_page()


def send_report(page, code, problem="破损"):
    page.goto(f"/gongyi/dianwei/{code}/")
    page.get_by_role("radio", name=problem).check()
    page.get_by_role("button", name="提交问题反馈").click()
    expect(page).to_have_url(re.compile(rf"/gongyi/dianwei/{code}/huizhi/#outcome$"))


@pytest.mark.parametrize("size", SIZES)
def test_ad_report_shows_its_outcome_in_view_with_a_code_to_follow(new_context, demo, size):
    code = demo["codes"][0 if size == PHONE else 1]
    first = citizen(new_context, size)
    with first.expect_response(lambda answer: answer.url.endswith("/huizhi/")) as receipt:
        send_report(first, code)
    CAPTURED[f"ad receipt ({size['width']})"] = receipt.value.text()
    # The outcome is where the eye is: the top of a new page, not 800 px above an empty form.
    expect(first.get_by_role("heading", level=1)).to_have_text("问题反馈已收到")
    expect(first.locator("#receipt")).to_be_in_viewport()
    tracking = first.locator("#tracking-code")
    expect(tracking).to_be_in_viewport()
    expect(tracking).to_have_text(re.compile(r"^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$"))
    expect(first.locator("#save-code-hint")).to_be_visible()
    first.get_by_role("button", name="复制跟踪码").click()
    expect(first.locator(".copy-button__status")).to_have_text("已复制")
    expect(first.locator("form.report-form")).to_have_count(0)
    assert_no_serious_axe_violations(first)
    tracking_code = tracking.inner_text()

    # Someone else reports the same problem: it joins the open job instead of opening another.
    second = citizen(new_context, size)
    send_report(second, code)
    expect(second.locator("#receipt-joined")).to_be_visible()

    # The first citizen follows the report with the code.
    first.get_by_role("link", name="凭跟踪码查询问题反馈").click()
    first.get_by_label("跟踪码").fill(tracking_code.lower())
    with first.expect_response(lambda answer: answer.request.method == "POST") as status:
        first.get_by_role("button", name="查询").click()
    CAPTURED[f"ad report status ({size['width']})"] = status.value.text()
    expect(first.locator("#current-status")).to_contain_text("正在处理")
    expect(first.locator("#status-same-problem")).to_contain_text("2 份同类反馈")
    assert tracking_code not in first.url
    assert_no_serious_axe_violations(first)


@pytest.mark.parametrize("size", SIZES)
def test_search_suggestions_are_styled_everywhere_and_never_the_home_page(new_context, demo, size):
    page = citizen(new_context, size)
    page.goto("/gongyi/")  # not /search/: the suggestions' styles load on every page
    box = page.locator("header input[name=q]")
    box.click()
    box.press_sequentially("文明")
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    assert listbox.evaluate("el => getComputedStyle(el).position") == "absolute"  # over the page, not pushing it
    assert listbox.evaluate("el => getComputedStyle(el).listStyleType") == "none"
    options = listbox.get_by_role("option")
    expect(options.first).to_be_visible()
    assert "/" not in options.evaluate_all("items => items.map(item => item.dataset.url)")
    plain = options.first.evaluate("el => getComputedStyle(el).backgroundColor")
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    chosen = options.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert chosen != plain, "the chosen suggestion must be visibly highlighted"


def test_elder_mode_keeps_a_desktop_layout_and_a_phone_single_column(new_context, portal_server, demo):
    heights = {}
    for elder in ("0", "1"):
        context = new_context(viewport=WIDE)
        context.add_cookies([{"name": "elder_mode", "value": elder, "url": portal_server}])
        page = context.new_page()
        page.goto("/gongyi/")
        heights[elder] = page.evaluate("document.documentElement.scrollHeight")
        widest = page.evaluate("Math.max(...[...document.querySelectorAll('main img')].map(i => i.width), 0)")
        columns = page.locator(".card-grid").first.evaluate(
            "el => getComputedStyle(el).gridTemplateColumns.split(' ').length"
        )
        assert widest <= 700, f"elder={elder}: an image {widest} px wide"
        assert columns >= 2, f"elder={elder}: {columns} column(s) on a 1366 px screen"
    # Larger type makes the page longer (measured 2,286 → about 4,000 px), never the 6× of photos
    # stretched to the page's width (2,063 → 11,984 px before).
    assert heights["1"] <= 2.5 * heights["0"], heights

    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.add_cookies([{"name": "elder_mode", "value": "1", "url": portal_server}])
    page = phone.new_page()
    page.goto("/gongyi/")
    columns = page.locator(".card-grid").first.evaluate("el => getComputedStyle(el).gridTemplateColumns.split(' ')")
    assert len(columns) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("size", SIZES)
def test_the_home_page_leads_with_the_campaign_faces_and_live_counts(new_context, demo, size):
    page = citizen(new_context, size)
    page.goto("/")
    banner = page.locator(".home-campaign__banner")
    expect(banner).to_be_visible()
    assert banner.evaluate("image => image.complete && image.naturalWidth > 0"), "the campaign's banner loads"
    faces = page.locator(".home-face")
    expect(faces).to_have_count(6)
    expect(page.locator(".home-face img.home-face__photo").first).to_be_visible()
    # Each count opens the board filtered by its status, where the board says the same number.
    overdue = page.locator(".home-count--overdue a")
    count = overdue.locator(".home-count__number").inner_text()
    overdue.click()
    expect(page).to_have_url(re.compile(r"/baoguang/\?zhuangtai=overdue$"))
    expect(page.locator(".status-count--overdue .status-count__number")).to_have_text(count)
    expect(page.get_by_role("heading", level=1)).to_have_text("曝光台")


@pytest.mark.parametrize("size", SIZES)
def test_list_dates_are_valid_dates_without_a_time_of_day(new_context, demo, size):
    page = citizen(new_context, size)
    shown = []
    for path in ("/", "/danwei/gongan/"):
        page.goto(path)
        shown += page.locator("main time").evaluate_all("items => items.map(t => [t.dateTime, t.textContent])")
    assert shown
    for value, text in shown:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?", value), value
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()), text
    assert len({text for _value, text in shown}) > 1, "every demo item shows the same date"


@pytest.mark.parametrize("size", SIZES)
def test_quiz_numbers_each_question_once_with_large_choices(new_context, demo, size):
    page = citizen(new_context, size)
    page.goto(demo["handbook"] + "#quiz")
    questions = page.locator(".quiz-questions > li")
    assert page.locator(".quiz-questions").evaluate("el => getComputedStyle(el).listStyleType") == "none"
    legend = questions.first.locator("legend")
    assert not re.match(r"^\s*\d", legend.inner_text()), "the number is the list's, not the text's too"
    choice = questions.first.locator(".quiz-choice").nth(2)
    choice.locator("label").click()
    expect(choice.locator("input")).to_be_checked()
    radio = choice.locator("input").bounding_box()
    assert radio["width"] >= 22 and radio["height"] >= 22
    assert choice.bounding_box()["height"] >= 44  # a finger-sized target
    assert choice.evaluate("el => getComputedStyle(el).borderColor") != questions.first.locator(".quiz-choice").nth(
        0
    ).evaluate("el => getComputedStyle(el).borderColor")


@pytest.mark.parametrize("size", SIZES)
def test_nomination_form_speaks_to_citizens(new_context, demo, size):
    page = citizen(new_context, size)
    page.goto("/tuijian/")
    guardian = page.locator("#guardian-consent")
    expect(guardian).to_be_hidden()
    page.get_by_label("出生年份").fill(str(2026 - 10))
    expect(guardian).to_be_visible()
    page.get_by_label("出生年份").fill("1962")
    expect(guardian).to_be_hidden()

    # Category names are kept whole: each label is one line high.
    for label in page.locator(".choice-box--described label").all():
        box = label.bounding_box()
        line = label.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)")
        assert box["height"] < 1.6 * line, f"{label.inner_text()!r} wraps"
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]

    phone = page.get_by_label("您的手机号码")
    phone.fill("+86 138-0013-8000")
    expect(page.locator("#id_nominator_phone-count")).to_have_text("11 / 11")

    page.locator("form.nomination-form").evaluate("form => form.noValidate = true")
    page.get_by_label("详细事迹").fill("他常年帮助邻居。")
    page.get_by_role("button", name="提交推荐").click()
    summary = page.locator("#nomination-errors")
    expect(summary).to_be_visible()
    text = summary.inner_text()
    for stock in ("确保该变量", "这个字段是必填项", "必需字段"):
        assert stock not in text
    expect(summary).to_contain_text("请填写被推荐人的姓名。")
    expect(summary).to_contain_text("事迹介绍至少 50 字")
    assert_no_serious_axe_violations(page)


@pytest.mark.parametrize("size", SIZES)
def test_the_like_button_has_an_icon_that_ships_with_the_site(new_context, demo, size):
    page = citizen(new_context, size)
    page.goto(demo["exemplar"])
    button = page.locator(".exemplar-like__button")
    expect(button).to_be_visible()
    assert "👍" not in button.inner_text()
    icon = button.locator("svg.icon")
    expect(icon).to_be_visible()
    box = icon.bounding_box()
    assert box["width"] >= 16 and box["height"] >= 16


VISUAL_PAGES = [
    pytest.param("/", id="home"),
    # One theme's works: the editorial journeys publish new ads under another theme, and a
    # screenshot must not depend on which browser tests ran before it.
    pytest.param("/gongyi/?zhuti=wenming-jiaotong", id="listing"),
    pytest.param("handbook", id="detail"),
    pytest.param("/tuijian/", id="form"),
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", VISUAL_PAGES)
def test_pages_look_as_their_references(new_context, demo, path, size, request):
    page = citizen(new_context, size)
    page.goto(demo.get(path, path))
    page.wait_for_load_state("networkidle")  # every image in view has loaded (or failed) by then
    page.evaluate("document.fonts.ready")
    # Dates follow the day the demo was built: masked, like any count other journeys change, and
    # the home page's daily ad, which is another work each day.
    masks = [page.locator("time"), page.locator("[data-like-count]"), page.locator(".daily-ad")]
    png = page.screenshot(animations="disabled", caret="hide", mask=masks)
    assert_matches_reference(png, request.node.callspec.id)


def test_touched_pages_pass_the_html_checker(portal_server, demo, tmp_path):
    paths = [
        "/",
        "/gongyi/",
        demo["work"],
        f"/gongyi/dianwei/{demo['codes'][0]}/",
        f"/gongyi/dianwei/{demo['codes'][0]}/huizhi/",
        "/gongyi/dianwei/chaxun/",
        "/danwei/gongan/",
        "/search/?q=%E6%96%87%E6%98%8E",
        demo["exemplar"],
        demo["handbook"],
        "/tuijian/",
        "/tuijian/gongshi/",
        "/suishoupai/",
    ]
    documents = {}
    for path in paths:
        with urllib.request.urlopen(portal_server + path, timeout=30) as response:  # noqa: S310 - the test server
            documents[path] = response.read().decode("utf-8")
    documents.update(CAPTURED)
    errors = html_errors(documents, tmp_path)
    assert errors == {}, "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in errors.items())
