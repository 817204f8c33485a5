"""A nomination from the phone to an exemplar draft: a citizen fills in /tuijian/ on a
phone-sized screen with a photo, reads the tracking code on the receipt (shown once, in no
address) and looks the stage up through the form at /tuijian/status/;
reviewers in the demo's 推荐评审 groups move it through every stage in the admin, three experts
score it, and the approval leaves an exemplar draft in the bureau's review workflow.

The public evaluation must run its days (NOMINATION_PUBLICITY_DAYS); the test ends it early the
documented way, by backdating `publicity_ends_on` through `manage.py shell`."""

import io
import json
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.admin_steps import sign_in
from tests.browser.axe_helper import assert_no_serious_axe_violations
from tests.browser.support import run_shell

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-9Pw"
NOMINEE = "浏览器测试段春梅"
CLUE = "二十年照料社区孤寡老人"
DEEDS = (
    "段春梅二十年来每天为社区里的三位孤寡老人送饭、打扫房间、陪他们看病，"
    "逢年过节把老人接到自己家里团聚，从不求回报，邻居们都称她是大家的好女儿。"
)
CODE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")

# The reviewers, each only in the demo's 推荐评审 groups (no test-only permissions): the chief
# screens, does the district review, scores and decides; two more experts score.
SETUP = """
from django.contrib.auth.models import Group, User

people = {
    "nf-chief": ["推荐评审 受理", "推荐评审 属地初审", "推荐评审 专家", "推荐评审 审批"],
    "nf-expert-2": ["推荐评审 专家"],
    "nf-expert-3": ["推荐评审 专家"],
}
for username, groups in people.items():
    user, _ = User.objects.get_or_create(username=username)
    user.email = f"{username}@example.cn"
    user.set_password(PASSWORD)
    user.save()
    user.groups.set(Group.objects.filter(name__in=groups))
print("ok")
"""

NOMINATION = """
import json
from content.nominations.models import Nomination

n = Nomination.objects.get(tracking_code={code!r})
print(json.dumps({{"pk": n.pk, "stage": n.stage, "name": n.nominee_name, "photos": n.photos.count()}}))
"""

# The documented way to end the public evaluation early in a test: its last day was yesterday.
END_PUBLICITY = """
import datetime
from django.utils import timezone
from content.nominations.models import Nomination

Nomination.objects.filter(pk={pk}).update(publicity_ends_on=timezone.localdate() - datetime.timedelta(days=1))
print("ok")
"""

DRAFT = """
import json
from wagtail.models import WorkflowState
from content.nominations.models import Nomination

n = Nomination.objects.select_related("exemplar", "bureau").get(pk={pk})
page = n.exemplar.specific
state = WorkflowState.objects.for_instance(page).order_by("-pk").first()
print(json.dumps({{
    "stage": n.stage,
    "person": page.person_name,
    "live": page.live,
    "parent": page.get_parent().slug,
    "bureau": n.bureau.slug,
    "workflow": state and state.status,
    "bureau_workflow": state is not None and state.workflow_id == n.bureau.review_workflow_id,
    "photos": page.photos.count(),
}}))
"""


def _jpeg():
    output = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 200)).save(output, format="JPEG")
    return output.getvalue()


@pytest.fixture(scope="module")
def reviewers(portal_server):
    return run_shell(f"PASSWORD = {PASSWORD!r}\n{SETUP}")


def _fill_nomination(page, nominee=NOMINEE, phone="139 1234 5678"):
    page.locator("#id_nominee_name").fill(nominee)
    page.locator("#id_gender_0").check()
    page.locator("#id_birth_year").fill("1968")
    page.locator("#id_birth_month").select_option("5")
    page.locator("#id_district").select_option(index=1)
    page.locator("#id_category_0").check()
    page.locator("#id_clue").fill(CLUE)
    page.locator("#id_deeds").fill(DEEDS)
    page.locator("#id_photos").set_input_files({"name": "duan.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()})
    page.locator("#id_nominee_awareness_0").check()
    page.locator("#id_photo_consent").check()
    page.locator("#id_nominator_name").fill("王明")
    page.locator("#id_nominator_phone").fill(phone)
    page.locator("#id_nominator_relation").fill("邻居")
    page.locator("#id_declaration").check()
    page.locator("#id_data_consent").check()


def _advance(page, pk, stage_after):
    page.goto(f"/admin/nominations/{pk}/")
    page.locator("#advance-button").click()
    expect(page.locator("#nomination-stage")).to_have_text(stage_after)


def _score(page, pk, score):
    page.goto(f"/admin/nominations/{pk}/")
    page.locator("#id_score").fill(str(score))
    page.locator("#score-button").click()
    expect(page.locator(".messages")).to_contain_text("您的评分已记录")


def _look_up(page, code):
    if not page.url.endswith("/tuijian/status/"):
        page.goto("/tuijian/status/")
    page.locator("#id_code").fill(code.lower())  # typed codes may be lower case
    with page.expect_navigation():
        page.locator("main form.status-form button[type=submit]").click()
    assert page.url.endswith("/tuijian/status/")  # answered by the POST itself
    return page.locator("#current-stage")


def assert_code_in_no_address(page, code):
    """Neither the address bar, nor a link, nor a form that sends with GET carries the code."""
    spellings = {code, code.replace("-", ""), code.lower(), code.replace("-", "").lower()}
    addresses = page.evaluate(
        """() => [
            location.href,
            document.referrer,
            ...[...document.querySelectorAll("[href], [src], [action]")].map(
                (element) => ["href", "src", "action"].map((name) => element.getAttribute(name) || "").join(" ")
            ),
            ...[...document.querySelectorAll("form")]
                .filter((form) => form.method === "get")
                .flatMap((form) => [...form.elements].map((field) => `${field.name}=${field.value}`)),
        ]"""
    )
    assert not [address for address in addresses if any(spelling in address for spelling in spellings)]


def test_a_phone_nomination_goes_through_every_stage_to_an_exemplar_draft(phone_page, new_context, reviewers):
    citizen = phone_page
    assert citizen.goto("/tuijian/").status == 200
    assert_no_serious_axe_violations(citizen)
    _fill_nomination(citizen)
    citizen.locator("form.nomination-form button[type=submit]").click()

    # The receipt shows the code once, at an address without it.
    expect(citizen).to_have_url(re.compile(r"/tuijian/huizhi/$"))
    expect(citizen.locator("#receipt")).to_contain_text("您的推荐已受理")
    code = citizen.locator("#tracking-code").inner_text().strip()
    assert CODE.fullmatch(code)
    assert_code_in_no_address(citizen, code)
    assert_no_serious_axe_violations(citizen)
    citizen.reload()  # nothing sent again, the code not shown again
    expect(citizen.locator("#receipt-shown")).to_be_visible()
    expect(citizen.locator("#tracking-code")).to_have_count(0)

    # The citizen follows it through the look-up form: the stage, and no personal data.
    citizen.get_by_role("link", name="凭跟踪码查询推荐进度").click()
    expect(citizen).to_have_url(re.compile(r"/tuijian/status/$"))
    expect(_look_up(citizen, code)).to_contain_text("已受理")
    expect(citizen.locator("main")).not_to_contain_text(NOMINEE)
    assert_code_in_no_address(citizen, code)
    assert_no_serious_axe_violations(citizen)

    # An old link with the code in it shows no stage and leaves the code out of the address bar.
    citizen.goto(f"/tuijian/status/?code={code}")
    expect(citizen).to_have_url(re.compile(r"/tuijian/status/$"))
    expect(citizen.locator("#current-stage")).to_have_count(0)

    stored = json.loads(run_shell(NOMINATION.format(code=code.replace("-", ""))))
    assert (stored["stage"], stored["name"], stored["photos"]) == ("received", NOMINEE, 1)
    pk = stored["pk"]

    chief = sign_in(new_context, "nf-chief").page
    chief.goto(f"/admin/nominations/{pk}/")
    expect(chief.locator("#nomination-clue")).to_have_text(CLUE)
    _advance(chief, pk, "属地初审")
    _advance(chief, pk, "评议公示")
    expect(_look_up(citizen, code)).to_contain_text("评议公示")

    # Still within the public evaluation: no button to move on, and the page says why.
    chief.goto(f"/admin/nominations/{pk}/")
    expect(chief.locator("#advance-button")).to_have_count(0)
    expect(chief.locator("#advance-waiting")).to_contain_text("评议公示期至")
    expect(chief.locator("#nomination-stage")).to_have_text("评议公示")
    run_shell(END_PUBLICITY.format(pk=pk))
    _advance(chief, pk, "专家评审")

    # Three expert scores are needed (NOMINATION_EXPERT_SCORES); two are not enough.
    _score(chief, pk, 90)
    _score(sign_in(new_context, "nf-expert-2").page, pk, 86)
    chief.goto(f"/admin/nominations/{pk}/")
    expect(chief.locator("#advance-button")).to_have_count(0)
    expect(chief.locator("#advance-waiting")).to_contain_text("已收到 2 份专家评分，共需 3 份")
    expect(chief.locator("#nomination-stage")).to_have_text("专家评审")
    _score(sign_in(new_context, "nf-expert-3").page, pk, 93)
    _advance(chief, pk, "审批")

    chief.goto(f"/admin/nominations/{pk}/")
    expect(chief.locator("#id_bureau")).to_have_value(re.compile(r"\d+"))  # the civilization office by default
    chief.locator("#id_note").fill("评审通过")
    chief.locator("#advance-button").click()
    expect(chief.locator("#nomination-stage")).to_have_text("已通过")
    expect(chief.locator("#exemplar-link")).to_be_visible()

    draft = json.loads(run_shell(DRAFT.format(pk=pk)))
    assert draft == {
        "stage": "approved",
        "person": NOMINEE,
        "live": False,
        "parent": "wenmingban",  # the draft is written under the approving bureau's page
        "bureau": "wenmingban",  # 市文明办, the bureau chosen by default
        "workflow": "in_progress",
        "bureau_workflow": True,
        "photos": 1,
    }
    expect(_look_up(citizen, code)).to_contain_text("已通过")


COUNT_NOMINEE = """
from content.nominations.models import Nomination
print(Nomination.objects.filter(nominee_name={name!r}).count())
"""


def test_a_bot_that_fills_the_honeypot_gets_a_receipt_like_anyone_and_nothing_is_kept(phone_page):
    bot = phone_page
    bot.goto("/tuijian/")
    name = "浏览器测试机器人填的人"
    _fill_nomination(bot, nominee=name, phone="139 8765 4321")
    honeypot = bot.locator("#id_website")
    assert honeypot.get_attribute("tabindex") == "-1"  # out of the tab order, and out of sight
    assert not honeypot.is_visible() or honeypot.bounding_box()["x"] < 0
    honeypot.evaluate("field => { field.value = 'http://spam.example/'; }")
    bot.locator("form.nomination-form button[type=submit]").click()

    expect(bot).to_have_url(re.compile(r"/tuijian/huizhi/$"))
    expect(bot.locator("#receipt")).to_contain_text("您的推荐已受理")
    code = bot.locator("#tracking-code").inner_text().strip()
    assert CODE.fullmatch(code)
    assert run_shell(COUNT_NOMINEE.format(name=name)) == "0"
    bot.get_by_role("link", name="凭跟踪码查询推荐进度").click()
    expect(bot).to_have_url(re.compile(r"/tuijian/status/$"))
    _look_up(bot, code)
    expect(bot.locator("#status-not-found")).to_be_visible()  # as for any code nobody has
