"""Quarterly filing export (备案): the exact rows for crafted data, as CSV and XLSX, and who may
download which bureau's filing."""

import csv
import datetime
import io
import zoneinfo

import openpyxl
import pytest

from bureaus.models.districts import District
from content.ads.filing_export import export_csv, export_xlsx, filing_sections, quarter_bounds
from content.ads.models.placements import AdPlacement, PlacementStatus
from content.ads.models.works import AdCarrier, AdTheme, PublicServiceAdPage
from tests.factories.bureaus import BureauFactory

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
YEAR, QUARTER = 2025, 2  # 2025-04-01 … 2025-06-30

WORKS_HEADER = ["标题", "主题", "形式", "责任单位", "有效期起", "有效期止", "出品单位", "使用许可", "网址"]
PLACEMENTS_HEADER = [
    "编码",
    "作品",
    "载体",
    "地点",
    "县（市）区",
    "责任单位",
    "开始日期",
    "结束日期",
    "状态",
    "最近巡查",
]


def at(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def filing():
    a = BureauFactory(title="备案测试甲局", slug="filing-bureau-a")
    b = BureauFactory(title="备案测试乙局", slug="filing-bureau-b")
    theme = AdTheme.objects.create(name="备案测试主题", slug="filing-theme")
    carrier = AdCarrier.objects.create(name="备案测试围挡", slug="filing-carrier")
    district = District.objects.get(slug="wuhua")

    def work(owner, slug, published, live=True, **extra):
        page = PublicServiceAdPage(
            title=f"作品{slug}",
            slug=slug,
            theme=theme,
            live=live,
            first_published_at=published,
            valid_from=datetime.date(2025, 1, 1),
            **extra,
        )
        owner.add_child(instance=page)
        return page

    works = {
        "first-day": work(
            a, "first-day", at(2025, 4, 1, 0, 0), sponsor="市文明办", valid_to=datetime.date(2025, 12, 31)
        ),
        "last-day": work(a, "last-day", at(2025, 6, 30, 23, 59), medium="video", licence="cc-by-4.0"),
        "before": work(a, "before", at(2025, 3, 31, 23, 59)),
        "after": work(a, "after", at(2025, 7, 1, 0, 0)),
        "draft": work(a, "draft", at(2025, 5, 1), live=False),
        "other-bureau": work(b, "other-bureau", at(2025, 5, 1)),
    }

    def placement(code, owner=a, starts_on=datetime.date(2025, 1, 1), ends_on=None, status="showing", **extra):
        return AdPlacement.objects.create(
            code=code,
            work=works["first-day"],
            carrier=carrier,
            place=f"地点{code}",
            district=district,
            bureau=owner,
            starts_on=starts_on,
            ends_on=ends_on,
            status=status,
            **extra,
        )

    placement("FQA01")  # since January, still up
    placement("FQA02", starts_on=datetime.date(2025, 6, 30))  # put up on the quarter's last day
    placement("FQA03", starts_on=datetime.date(2025, 7, 1))  # after the quarter
    placement("FQA04", ends_on=datetime.date(2025, 4, 1), status=PlacementStatus.REMOVED)  # down on the first day
    placement("FQA05", ends_on=datetime.date(2025, 3, 31), status=PlacementStatus.REMOVED)  # down before
    placement("FQA06", starts_on=datetime.date(2025, 5, 1), status=PlacementStatus.PLANNED)  # never put up
    placement("FQA07", status=PlacementStatus.REMOVED)  # removed, no end date: unknown, left out
    placement("FQA08", owner=b)  # another bureau
    p9 = placement("FQA09", status=PlacementStatus.NEEDS_UPDATE)
    AdPlacement.objects.filter(pk=p9.pk).update(last_inspected_on=datetime.date(2025, 5, 20))
    return {"a": a, "b": b, "works": works}


def expected_works(filing):
    a = filing["a"]
    return [
        [
            "作品first-day",
            "备案测试主题",
            "平面",
            "备案测试甲局",
            "2025-01-01",
            "2025-12-31",
            "市文明办",
            "免费供公益使用，不得修改，须注明出处",
            f"http://localhost/gongyi/{a.slug}/first-day/",
        ],
        [
            "作品last-day",
            "备案测试主题",
            "视频",
            "备案测试甲局",
            "2025-01-01",
            "",
            "",
            "CC BY 4.0（署名）",
            f"http://localhost/gongyi/{a.slug}/last-day/",
        ],
    ]


def placement_row(code, ends_on="", status="展示中", last_inspected="", starts_on="2025-01-01"):
    return [
        code,
        "作品first-day",
        "备案测试围挡",
        f"地点{code}",
        "五华区",
        "备案测试甲局",
        starts_on,
        ends_on,
        status,
        last_inspected,
    ]


EXPECTED_PLACEMENTS = [
    placement_row("FQA01"),
    placement_row("FQA02", starts_on="2025-06-30"),
    placement_row("FQA04", ends_on="2025-04-01", status="已撤除"),
    placement_row("FQA09", status="待更新", last_inspected="2025-05-20"),
]


def test_quarter_bounds():
    assert quarter_bounds(2025, 1) == (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
    assert quarter_bounds(2025, 2) == (datetime.date(2025, 4, 1), datetime.date(2025, 6, 30))
    assert quarter_bounds(2024, 4) == (datetime.date(2024, 10, 1), datetime.date(2024, 12, 31))
    with pytest.raises(ValueError):
        quarter_bounds(2025, 5)


def test_sections_hold_exactly_the_quarter_rows_of_the_bureau(filing):
    works, placements = filing_sections([filing["a"].pk], YEAR, QUARTER)
    assert (works.title, placements.title) == ("作品", "点位")
    assert works.header == WORKS_HEADER
    assert works.rows == expected_works(filing)
    assert placements.header == PLACEMENTS_HEADER
    assert placements.rows == EXPECTED_PLACEMENTS


def test_csv_has_a_bom_and_both_sections(filing):
    body = export_csv([filing["a"].pk], YEAR, QUARTER)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows == [
        ["作品"],
        WORKS_HEADER,
        *expected_works(filing),
        [],
        ["点位"],
        PLACEMENTS_HEADER,
        *EXPECTED_PLACEMENTS,
    ]


def test_xlsx_has_one_sheet_per_section(filing):
    workbook = openpyxl.load_workbook(io.BytesIO(export_xlsx([filing["a"].pk], YEAR, QUARTER)))
    assert workbook.sheetnames == ["作品", "点位"]

    def values(sheet):
        return [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]

    assert values(workbook["作品"]) == [WORKS_HEADER, *expected_works(filing)]
    assert values(workbook["点位"]) == [PLACEMENTS_HEADER, *EXPECTED_PLACEMENTS]


def test_other_quarters_and_bureaus(filing):
    works, placements = filing_sections([filing["b"].pk], YEAR, QUARTER)
    assert [row[0] for row in works.rows] == ["作品other-bureau"]
    assert [row[0] for row in placements.rows] == ["FQA08"]
    works, placements = filing_sections([filing["a"].pk], YEAR, 1)
    assert [row[0] for row in works.rows] == ["作品before"]
    assert [row[0] for row in placements.rows] == ["FQA01", "FQA04", "FQA05", "FQA09"]


def test_text_that_looks_like_a_formula_is_neutralised(filing):
    page = filing["works"]["first-day"]
    # (A formula with a link to an unknown host would already be refused by the content-safety
    # check when saved; the export must neutralise any formula all the same.)
    page.sponsor = '=SUM(A1:A9)*cmd|"/C calc"!A0'
    page.save()
    works, _placements = filing_sections([filing["a"].pk], YEAR, QUARTER)
    assert works.rows[0][6] == '\'=SUM(A1:A9)*cmd|"/C calc"!A0'


# --- the admin view ---------------------------------------------------------------------------


def test_bureau_editor_downloads_own_filing_as_csv_and_xlsx(client, make_user, filing):
    editor = make_user("filing-editor", groups=[filing["a"].editors_group])
    client.force_login(editor)
    page = client.get("/admin/ad-filing/")
    assert page.status_code == 200
    assert list(page.context["form"].fields["bureau"].queryset) == [filing["a"]]
    params = {"year": YEAR, "quarter": QUARTER, "bureau": filing["a"].pk}
    response = client.get("/admin/ad-filing/", {**params, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content == export_csv([filing["a"].pk], YEAR, QUARTER)
    response = client.get("/admin/ad-filing/", {**params, "format": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [row[0] for row in workbook["点位"].iter_rows(min_row=2, values_only=True)] == [
        "FQA01",
        "FQA02",
        "FQA04",
        "FQA09",
    ]


def test_bureau_editor_cannot_export_another_bureau(client, make_user, filing):
    editor = make_user("filing-editor", groups=[filing["a"].editors_group])
    client.force_login(editor)
    for bureau in (filing["b"].pk, "x"):
        response = client.get(
            "/admin/ad-filing/", {"year": YEAR, "quarter": QUARTER, "bureau": bureau, "format": "csv"}
        )
        assert response.status_code == 403
    # Without a bureau the form asks for one; it never falls back to all bureaus.
    response = client.get("/admin/ad-filing/", {"year": YEAR, "quarter": QUARTER, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "bureau" in response.context["form"].errors


def test_superuser_exports_any_bureau_or_all(client, make_user, filing):
    admin = make_user("filing-super", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get(
        "/admin/ad-filing/", {"year": YEAR, "quarter": QUARTER, "bureau": filing["b"].pk, "format": "csv"}
    )
    assert response.status_code == 200
    assert "FQA08" in response.content.decode("utf-8-sig")
    response = client.get("/admin/ad-filing/", {"year": YEAR, "quarter": QUARTER, "bureau": "", "format": "csv"})
    body = response.content.decode("utf-8-sig")
    assert "FQA01" in body and "FQA08" in body


def test_anonymous_export_goes_to_login(client):
    response = client.get("/admin/ad-filing/", {"year": YEAR, "quarter": QUARTER, "format": "csv"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
