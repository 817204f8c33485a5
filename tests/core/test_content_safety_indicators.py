"""The guard generalises past its term list: indicator words with a score find brands and phrasing
nobody listed, however they are spelt (letters as separators, Japanese forms, pinyin), while a
government warning that quotes the scam's words passes unless it also says how to reach a seller.
Also: the text inside uploaded documents, read at a bounded cost, and percent-encoded links."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF

from core.safety.extract import MAX_MEMBER_BYTES, MAX_TEXT_CHARS, extract_text
from core.safety.page_audit import audit_rendered_html
from core.safety.scanner import scan_html, scan_text

ROOT = Path(__file__).resolve().parents[2]
CONTENT = {"gambling", "seo_spam", "pornography", "fraud", "issuer"}
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def content_findings(text):
    return [finding for finding in scan_text(text) if finding.category in CONTENT]


def category(text):
    categories = {finding.category for finding in content_findings(text)}
    assert len(categories) == 1, (text, categories)
    return categories.pop()


# --- brands and phrasing no list names --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("鸿福国际 官网注册 首存优惠 周周返水", "gambling"),  # a brand on no list
        ("天宝棋牌 真钱炸金花 微信上下分 客服 tb8866", "gambling"),
        ("滚球盘口 赔率全网最高 点击进入官网", "gambling"),
        ("同城交友 上门服务 包夜 加微信 mm1234", "pornography"),
        ("招聘宝妈兼职 点赞关注 日结佣金 垫付返本金 QQ 1928374650", "fraud"),
        ("专业SEO 七天上首页 提升权重 收录快", "seo_spam"),
    ],
)
def test_unlisted_spam_is_found_by_its_indicators(text, expected):
    assert not any(term in text for term in ("百家乐", "六合彩", "刷单返利"))
    assert category(text) == expected
    [finding] = content_findings(text)
    assert finding.kind == "indicators"
    assert "=" in finding.rule  # the signals and the score, for the editor
    assert finding.text in text


def test_the_indicator_message_names_the_signals():
    [finding] = content_findings("鸿福国际 官网注册 首存优惠 周周返水")
    message = finding.message()
    assert "首存" in message and "返水" in message and "鸿福国际" in message


@pytest.mark.parametrize(
    "text",
    [
        "社区老年活动中心设有棋牌室、阅览室和健身房。",
        "市体育彩票管理中心开展公益金使用情况公示。",
        "志愿者注册请登录“志愿云南”平台，注册后可记录服务时长。",
        "咨询电话：0871-64123456，也可扫码关注官方微信公众号。",
        "商场国庆促销：满300减50，会员积分返利翻倍。",
        "云南白药集团、昆明钢铁集团等企业参与文明单位创建。",
        "Professor Cai Jin and Dr. Liu He presented the survey.",
        "Duchang County in Jiangxi borders Poyang Lake.",
        "QQ Music and WeChat Pay are widely used; write to wmb@km.gov.cn.",
    ],
)
def test_ordinary_text_with_single_indicator_words_passes(text):
    assert content_findings(text) == []


# --- spellings that hide a word ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("百A家B乐 真人视讯", "百家乐"),  # letters as separators
        ("六x合x彩 资料", "六合彩"),
        ("博1彩2网站", "博彩"),
        ("刷v单v返v利", "刷单返利"),
        ("百家楽", "百家乐"),  # Japanese 楽
        ("娯楽城", "娱乐城"),  # Japanese 娯 and 楽
        ("新葡亰", "新葡京"),  # the variant 亰
        ("賭場開戸", "赌场"),  # traditional 賭, Japanese 戸
    ],
)
def test_separators_and_variant_characters_do_not_hide_a_term(text, term):
    rules = [finding.rule for finding in content_findings(text)]
    assert any(term in rule for rule in rules), rules


def test_a_separator_finding_quotes_the_text_as_written():
    [finding] = content_findings("欢迎 百A家B乐")
    assert finding.text == "百A家B乐"


def test_a_japanese_variant_is_not_mapped_when_it_is_a_simplified_character_too():
    # 沪 is also the Japanese form of 濾 (滤): in a simplified text it stays Shanghai.
    assert scan_text("沪昆高铁") == []


@pytest.mark.parametrize(
    "text",
    [
        "baijiale zhenren kaihu",
        "Liu He Cai zi liao da quan",
        "bǎi jiā lè zài xiàn",
        "bo cai tui jian guan wang",
        "yuepao tongcheng, jia wx ab1234",
    ],
)
def test_pinyin_spellings_are_found(text):
    assert content_findings(text), text


def test_pinyin_in_an_address_is_not_read():
    assert content_findings("详见 https://www.km.gov.cn/baijiale/ 与 liuhecai@km.gov.cn") == []


# --- warnings that quote the scam -------------------------------------------------------------

NOTICE = "【反诈提醒】凡是刷单返利都是诈骗！骗子以“日结佣金”“垫付返利”为诱饵，请市民提高警惕。"


def test_an_anti_fraud_notice_quoting_the_scam_passes():
    assert content_findings(NOTICE) == []


def test_the_same_words_with_a_qq_number_are_found():
    found = content_findings("刷单返利 日结佣金 垫付返利，加QQ 1928374650")
    assert found and {finding.category for finding in found} == {"fraud"}


def test_a_warning_word_does_not_protect_a_line_that_gives_a_contact():
    found = content_findings("谨防假冒！刷单返利唯一平台，日结佣金，加QQ 1928374650")
    assert {finding.category for finding in found} == {"fraud"}


def test_a_warning_on_another_line_does_not_protect_spam():
    text = "请市民提高警惕，谨防诈骗。\n\n兼职刷单 日结佣金 垫付返利 高佣金"
    assert {finding.category for finding in content_findings(text)} == {"fraud"}


def test_a_warning_does_not_protect_a_named_brand():
    assert [finding.rule for finding in content_findings("警惕澳门新葡京")] == ["澳门新葡京"]


@pytest.mark.parametrize(
    "text",
    [
        "依法严厉打击网上赌博、电信诈骗等违法犯罪活动。",
        "民警提醒：所谓“百家乐”“时时彩”网站都是境外赌博平台，后台可随意操控输赢。",
        "警惕“同城交友”背后的裸聊敲诈，不要轻易与陌生人视频。",
        "严禁在公共场所进行赌博活动，发现违法行为请拨打12345或110举报。",
    ],
)
def test_government_warnings_pass(text):
    assert content_findings(text) == []


def test_in_html_a_warning_paragraph_does_not_protect_the_next_paragraph():
    html = "<p>请市民提高警惕，谨防网络赌博。</p><p>注册送彩金 首存100送100</p>"
    assert {finding.category for finding in scan_html(html)} == {"gambling"}


# --- the nightly audit reads links as a reader does -------------------------------------------


def test_a_percent_encoded_document_link_is_found():
    html = (
        "<html><body><p>昆明文明城市创建网</p>"
        '<a href="/documents/12/%E5%8D%9A%E5%BD%A9%E5%B9%B3%E5%8F%B0.pdf">年度报告</a></body></html>'
    )
    found = audit_rendered_html(html, site_name="昆明文明城市创建网", issuer_names=[], allowed_hosts=[])
    assert [(finding.category, finding.text) for finding in found] == [("gambling", "/documents/12/博彩平台.pdf")]


def test_a_percent_encoded_host_is_judged_decoded():
    html = '<p>昆明文明城市创建网</p><a href="https://%65vil.example/">x</a>'
    found = audit_rendered_html(html, site_name="昆明文明城市创建网", issuer_names=[], allowed_hosts=[])
    assert [(finding.category, finding.rule) for finding in found] == [("link", "evil.example")]


# --- text inside uploaded documents -----------------------------------------------------------


def named(data, name):
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def office_file(name, members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    return named(buffer.getvalue(), name)


def docx(*paragraphs):
    runs = "".join(f"<w:p><w:r><w:t>{p[:1]}</w:t></w:r><w:r><w:t>{p[1:]}</w:t></w:r></w:p>" for p in paragraphs)
    body = f'<?xml version="1.0"?><w:document xmlns:w="urn:w"><w:body>{runs}</w:body></w:document>'
    return office_file("report.docx", {"[Content_Types].xml": "<Types/>", "word/document.xml": body})


SHEET = '<worksheet><sheetData><row><c t="s"><v>0</v></c></row></sheetData></worksheet>'


def xlsx(*strings):
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return office_file(
        "table.xlsx",
        {
            "xl/workbook.xml": '<workbook><sheets><sheet name="统计" sheetId="1"/></sheets></workbook>',
            "xl/sharedStrings.xml": f"<sst>{shared}</sst>",
            "xl/worksheets/sheet1.xml": SHEET,
        },
    )


def pdf(text, font=None):
    document = FPDF()
    document.add_page()
    if font:
        document.add_font("cjk", "", str(font), collection_font_number=2)
        document.set_font("cjk", size=12)
    else:
        document.set_font("helvetica", size=12)
    document.multi_cell(0, 10, text)
    return named(bytes(document.output()), "notice.pdf")


def test_docx_text_is_read_across_runs_and_paragraphs():
    text = extract_text(docx("年度工作总结", "百家乐真人荷官 &amp; 更多"))
    assert "年度工作总结\n" in text and "百家乐真人荷官 & 更多" in text


def test_xlsx_shared_strings_and_sheet_names_are_read():
    text = extract_text(xlsx("注册送彩金", "QQ 12345678"))
    assert "统计" in text and "注册送彩金 QQ 12345678" in text


def test_pdf_text_is_read():
    assert "baijiale zhenren kaihu" in extract_text(pdf("Annual report\nbaijiale zhenren kaihu song caijin"))


@pytest.mark.skipif(not NOTO_CJK.exists(), reason="no Noto Sans CJK font to write a Chinese PDF")
def test_chinese_pdf_text_is_read():
    text = extract_text(pdf("年度工作总结\n新用户注册送彩金，首存100送100，加QQ 12345678", NOTO_CJK))
    assert "注册送彩金" in text and "\x00" not in text
    assert "gambling" in {finding.category for finding in scan_text(text)}


def test_plain_text_in_gb18030_is_read():
    assert extract_text(named("刷单返利".encode("gb18030"), "a.txt")) == "刷单返利"


def test_a_zip_bomb_is_read_only_up_to_the_cap():
    upload = office_file("bomb.docx", {"word/document.xml": "<w:t>" + "a" * (MAX_MEMBER_BYTES * 4) + "</w:t>"})
    assert len(upload.getvalue()) < MAX_MEMBER_BYTES // 10
    text = extract_text(upload)
    assert len(text) == MAX_TEXT_CHARS


@pytest.mark.parametrize("name", ["broken.docx", "broken.xlsx", "broken.pdf", "broken.zip"])
def test_a_damaged_file_yields_no_text_and_no_error(name):
    assert extract_text(named(b"PK\x03\x04 this is not a real archive", name)) == ""


def test_entities_are_not_expanded():
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:t>&b;</w:t>'
    text = extract_text(office_file("x.docx", {"word/document.xml": bomb}))
    assert "aaaaaaaaaa" not in text.replace('"aaaaaaaaaa"', "")


# --- the labelled benchmark -------------------------------------------------------------------


def test_the_benchmark_has_a_held_back_part_and_enough_examples():
    rows = [
        json.loads(line)
        for path in (ROOT / "benchmarks" / "data").glob("safety_labelled_*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(rows) >= 150
    parts = {(row["part"], row["label"]) for row in rows}
    assert parts == {("tune", "spam"), ("tune", "clean"), ("heldout", "spam"), ("heldout", "clean")}
