"""Honour rolls: 市文明办 imports a roll from an XLSX in the admin, checks it first (a dry run),
sees every rejected row with its row number, column and reason, and a file with any bad row
imports nothing; the public /rongyu/ lists the rolls with filters and search."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from bureaus.workflows import final_review_group
from content.honours import importer
from content.honours.models import HonourKind, HonourLevel, HonourRollEntry
from portal.page_cache.purge import current_generation
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

HEADER = ["类别", "年度", "级别", "名称", "所属地区", "备注"]
GOOD = [
    ["文明单位", 2026, "市级", "昆明市测试医院", "五华区", ""],
    ["文明家庭", 2026, "省级", "测试家庭", "盘龙区", "第一批"],
    ["文明校园", "2026", "全国", "昆明市测试中学", "", ""],
]


def workbook(rows, header=HEADER):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, data, action):
    file = io.BytesIO(data)
    file.name = "roll.xlsx"
    return client.post(reverse("honours:import"), {"spreadsheet": file, "action": action})


@pytest.fixture
def office(client, make_user):
    client.force_login(make_user("honour-office", [final_review_group()]))
    return client


def test_a_good_file_is_checked_then_imported_once(office):
    before = HonourRollEntry.objects.count()
    response = upload(office, workbook(GOOD), "preview")
    html = response.content.decode()
    assert response.status_code == 200 and "检查通过" in html and "昆明市测试医院" in html
    assert HonourRollEntry.objects.count() == before  # the dry run wrote nothing

    response = upload(office, workbook(GOOD), "import")
    assert response.status_code == 302
    assert HonourRollEntry.objects.count() == before + 3
    entry = HonourRollEntry.objects.get(name="测试家庭")
    assert (entry.kind, entry.level, entry.year, entry.district.name, entry.note) == (
        HonourKind.FAMILY,
        HonourLevel.PROVINCE,
        2026,
        "盘龙区",
        "第一批",
    )
    # The same file again doubles nothing.
    upload(office, workbook(GOOD), "import")
    assert HonourRollEntry.objects.count() == before + 3


def test_one_bad_row_is_reported_and_nothing_is_imported(office):
    before = HonourRollEntry.objects.count()
    rows = [*GOOD, ["文明社区", 2026, "市级", "某社区", "五华区", ""], ["文明单位", 1850, "区级", "", "火星区", ""]]
    response = upload(office, workbook(rows), "import")
    assert response.status_code == 200
    html = response.content.decode()
    assert "未导入：有不合格的行" in html
    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [
        (5, "类别"),
        (6, "名称"),
        (6, "级别"),
        (6, "年度"),
        (6, "所属地区"),
    ]
    assert "只能填写：文明单位、文明家庭、文明校园、文明村镇。" in html
    assert "昆明没有名为“火星区”的县（市）区或园区。" in html
    assert HonourRollEntry.objects.count() == before
    assert not HonourRollEntry.objects.filter(name="昆明市测试医院").exists()


def test_formulas_duplicates_and_a_missing_column_are_rejected():
    result = importer.read_roll(
        workbook([GOOD[0], GOOD[0], ["文明单位", 2026, "市级", '=HYPERLINK("http://x.example","点我")', "", ""]])
    )
    assert [(e.row, e.column) for e in result.errors] == [(3, "名称"), (4, "名称")]
    assert "不接受公式" in result.errors[1].reason
    missing = importer.read_roll(workbook(GOOD, header=["类别", "年度", "名称"]))
    assert [(e.row, e.column) for e in missing.errors] == [(1, "级别")]
    assert importer.read_roll(b"not a workbook").errors[0].reason == "文件不是 Excel 工作簿（.xlsx）。"


def test_a_gambling_name_meets_the_content_check():
    result = importer.read_roll(workbook([["文明单位", 2026, "市级", "澳门博彩娱乐城", "", ""]]))
    assert result.errors and result.errors[0].column == "名称"


def test_only_the_office_and_superusers_reach_the_import(client, make_user):
    for user in (
        make_user("honour-editor", [bureau("wenmingban").editors_group]),
        make_user("honour-reviewer", [bureau("wenmingban").reviewers_group]),
    ):
        client.force_login(user)
        assert client.get(reverse("honours:import")).status_code in (302, 403)
        assert client.get(reverse("honours:template")).status_code in (302, 403)
    client.force_login(make_user("honour-root", is_superuser=True))
    assert client.get(reverse("honours:import")).status_code == 200


def test_the_template_opens_as_text_in_a_spreadsheet(office):
    response = office.get(reverse("honours:template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert importer.read_roll(response.content).ok  # the template's examples import as they are
    assert not any(str(cell).startswith("=") for row in rows for cell in row if cell is not None)


def test_the_public_roll_filters_and_searches(client):
    html = client.get("/rongyu/").content.decode()
    assert "昆明市公共交通集团有限责任公司" in html and "东川区汤丹镇" in html
    families = client.get("/rongyu/?leixing=jiating&nian=2025&jibie=shi").content.decode()
    roll = families.split('id="honour-roll"', 1)[1]
    assert "王秀英家庭" in roll and "张丽华家庭" not in roll and "昆明市五华区人民医院" not in roll
    found = client.get("/rongyu/?q=医院").content.decode().split('id="honour-roll"', 1)[1]
    assert "昆明市儿童医院" in found and "王秀英家庭" not in found
    # Unknown filter values are ignored, never an error.
    assert client.get("/rongyu/?leixing=x&nian=abc&jibie=y").status_code == 200
    assert "没有符合条件的条目" in client.get("/rongyu/?q=不存在的单位").content.decode()


def test_an_import_empties_the_page_cache(office, settings):
    settings.PAGE_CACHE_SECONDS = 300
    before = current_generation()
    upload(office, workbook(GOOD), "import")
    assert current_generation() != before
