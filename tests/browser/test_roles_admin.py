"""An administrator gives a new colleague a bureau's editor role in the admin's user form, and the
colleague then works in that bureau only."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.admin_steps import log_in
from tests.browser.axe_helper import assert_no_serious_axe_violations
from tests.browser.support import run_shell

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-9Pw"
SETUP = """
import json
from django.contrib.auth.models import User
from bureaus.models.bureaus import BureauPage

admin, _ = User.objects.get_or_create(username="roles-admin", defaults={"is_superuser": True, "is_staff": True})
admin.set_password(PASSWORD)
admin.save()
bureaus = {slug: BureauPage.objects.get(slug=slug).pk for slug in ("gongan", "minzheng")}
print(json.dumps({"admin": admin.username, **bureaus}))
"""


@pytest.fixture(scope="module")
def setup(portal_server):
    return json.loads(run_shell(f"PASSWORD = {PASSWORD!r}\n{SETUP}"))


def test_admin_gives_a_new_colleague_a_bureau_editor_role(page, new_context, setup):
    log_in(page, setup["admin"])
    page.goto("/admin/users/new/")
    page.locator("#id_username").fill("browser.editor")
    page.locator("#id_email").fill("browser.editor@example.com")
    page.locator("#id_first_name").fill("伟")
    page.locator("#id_last_name").fill("张")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)

    page.locator("#tab-label-roles").click()
    roles = page.locator(".portal-roles")
    expect(roles.locator("h3").first).to_have_text("牵头单位角色")
    row = roles.locator("tbody tr", has=page.get_by_role("rowheader", name="市公安局", exact=True))
    expect(row.get_by_role("checkbox")).to_have_count(2)
    expect(roles.locator("thead")).to_contain_text("不能发布")
    expect(roles).to_contain_text("终审通过即发布")
    expect(roles).not_to_contain_text("Moderators")
    assert_no_serious_axe_violations(page)

    page.get_by_role("checkbox", name="市公安局 编辑").check()
    page.locator("form#w-editor-form button[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text("browser.editor")

    colleague = new_context().new_page()
    log_in(colleague, "browser.editor")
    own = colleague.goto(f"/admin/pages/add/content/behaviournoticepage/{setup['gongan']}/")
    assert own.status == 200
    expect(colleague.locator("#id_title")).to_be_visible()
    other = colleague.goto(f"/admin/pages/add/content/behaviournoticepage/{setup['minzheng']}/")
    assert other.status == 403
