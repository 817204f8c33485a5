"""市文明办 imports an honour roll from an XLSX in the admin: a file with one bad row is refused
with the row, column and reason, and nothing of it reaches the public 荣誉榜; the corrected file
is checked (dry run) and imported, and the entries are listed at /rongyu/."""

import io
import json

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from tests.browser.admin_steps import people_setup, sign_in
from tests.browser.axe_helper import assert_no_serious_axe_violations
from tests.browser.support import run_shell

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GOOD_ROWS = [
    ["文明单位", 2026, "市级", "昆明市浏览器测试图书馆", "盘龙区", ""],
    ["文明家庭", 2026, "市级", "浏览器测试家庭", "五华区", "邻里和睦"],
]
BAD_ROW = ["文明家庭", 2026, "县级", "浏览器测试家庭", "五华区", "邻里和睦"]


def roll_file(rows):
    book = Workbook()
    book.active.append(["类别", "年度", "级别", "名称", "所属地区", "备注"])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return {"name": "roll.xlsx", "mimeType": XLSX, "buffer": out.getvalue()}


def test_an_honour_roll_with_a_bad_row_imports_nothing_and_the_corrected_one_imports(new_context, portal_server):
    json.loads(run_shell(people_setup({"hr-final": (None, "final")})))
    office = sign_in(new_context, "hr-final")
    page = office.page
    page.goto("/admin/")
    page.locator("a[href='/admin/rongyu/']").first.click()
    expect(page.locator("#honour-import-form")).to_be_visible()

    page.locator("#id_spreadsheet").set_input_files(roll_file([GOOD_ROWS[0], BAD_ROW]))
    page.get_by_role("button", name="导入", exact=True).click()
    errors = page.locator("#honour-import-errors")
    expect(errors).to_contain_text("3")
    expect(errors).to_contain_text("级别")
    expect(errors).to_contain_text("只能填写：全国、省级、市级。")
    expect(page.locator("#honour-import-result")).to_contain_text("没有导入任何内容")
    assert_no_serious_axe_violations(page)

    visitor = new_context().new_page()
    visitor.goto("/rongyu/?q=浏览器测试")
    expect(visitor.locator("main")).to_contain_text("没有符合条件的条目")

    page.locator("#id_spreadsheet").set_input_files(roll_file(GOOD_ROWS))
    page.get_by_role("button", name="检查（不导入）").click()
    expect(page.locator("#honour-import-preview")).to_contain_text("昆明市浏览器测试图书馆")
    page.locator("#id_spreadsheet").set_input_files(roll_file(GOOD_ROWS))
    page.get_by_role("button", name="导入", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("新增 2 条")
    expect(page.locator("#honour-summary")).to_contain_text("2026")

    visitor.goto("/rongyu/?q=浏览器测试&nian=2026&jibie=shi")
    roll = visitor.locator("#honour-roll")
    expect(roll).to_contain_text("昆明市浏览器测试图书馆")
    expect(roll).to_contain_text("浏览器测试家庭")
    assert_no_serious_axe_violations(visitor)
    assert office.refused_landings() == []
