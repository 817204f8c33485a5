"""The print edition of a handbook: a PDF made with fpdf2 from the live page.

Cover (title, year, audience, edition, issuing bureau, cover image), table of contents, one
section per chapter (rich text as paragraphs and bullets, 十要/十不要, images, Q&A), the quiz
with its answers as an appendix, page numbers. The Chinese text is set in an embedded CJK font
(see fonts.py), so it is selectable and extractable."""

import io
import logging

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos

from content.handbooks.fonts import find_cjk_font
from content.handbooks.text import rich_text_parts

logger = logging.getLogger(__name__)

ISSUER_FALLBACK = "昆明市精神文明建设指导委员会办公室"
AUDIENCE_CN = {"school": "学校版", "community": "社区版", "workplace": "单位版", "general": "通用版"}
TEXT_COLOUR = (33, 33, 33)
ACCENT = (159, 28, 28)


class HandbookPDF(FPDF):
    def __init__(self, font, title):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.handbook_title = title
        self.set_auto_page_break(auto=True, margin=20)
        self.set_margins(22, 20, 22)
        # One face only: every extra face is subset and embedded again (seconds per build).
        # Headings stand out by size and colour.
        self.add_font(font.family, "", str(font.path), collection_font_number=font.collection_font_number)
        self.family = font.family
        self.set_title(title)
        self.set_author(ISSUER_FALLBACK)
        self.set_creator("昆明文明城市创建网")
        self.set_lang("zh-CN")

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-14)
        self.set_font(self.family, "", 9)
        self.set_text_color(110, 110, 110)
        self.cell(0, 6, f"— {self.page_no()} —", align="C")

    # -- writing helpers ---------------------------------------------------------------

    def para(self, text, size=11, indent=0.0, height=6.6, colour=TEXT_COLOUR):
        self.set_font(self.family, "", size)
        self.set_text_color(*colour)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.epw - indent, height, text, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def bullets(self, items, marker="•", numbered=False):
        for number, item in enumerate(items, 1):
            self.set_font(self.family, "", 11)
            self.set_text_color(*TEXT_COLOUR)
            label = f"{number}." if numbered else marker
            self.set_x(self.l_margin + 4)
            self.cell(7, 6.6, label)
            self.multi_cell(self.epw - 11, 6.6, item, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)

    def subheading(self, text):
        self.ln(2)
        self.para(text, size=13, height=8, colour=ACCENT)
        self.ln(1)

    def picture(self, image, caption=""):
        data = _image_bytes(image)
        if data is None:
            return
        width = min(self.epw, 150)
        height = width * image.height / image.width if image.width else width * 0.66
        if height > 110:
            height = 110
            width = height * image.width / image.height
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()
        self.image(data, x=self.l_margin + (self.epw - width) / 2, w=width, h=height)
        if caption:
            self.para(caption, size=9, colour=(90, 90, 90))
        self.ln(2)


def _image_bytes(image):
    """The original file of a Wagtail image, or None when it cannot be read."""
    if image is None:
        return None
    try:
        with image.file.open("rb") as handle:
            return io.BytesIO(handle.read())
    except (OSError, ValueError):
        logger.warning("Handbook image %s (%s) could not be read; left out of the PDF", image.pk, image.file.name)
        return None


def render_toc(pdf, outline):
    pdf.set_x(pdf.l_margin)
    pdf.set_font(pdf.family, "", 20)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 14, "目录", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_text_color(*TEXT_COLOUR)
    for section in outline:
        link = pdf.add_link(page=section.page_number)
        pdf.set_font(pdf.family, "", 12)
        indent = 8 * section.level
        number = str(section.page_number)
        name_width = pdf.get_string_width(section.name)
        number_width = pdf.get_string_width(number)
        dots_width = pdf.epw - indent - name_width - number_width - 4
        dots = "." * max(int(dots_width / max(pdf.get_string_width("."), 0.1)), 2)
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(name_width + 1, 9, section.name, link=link)
        pdf.cell(dots_width + 2, 9, dots, align="C", link=link)
        pdf.cell(0, 9, number, align="R", link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def edition_label(page):
    return f"{page.year}年 · {AUDIENCE_CN.get(page.audience, page.get_audience_display())} · 第{page.edition_number}版"


def issuer(page):
    return page.bureau.title if page.bureau_id else ISSUER_FALLBACK


def render_pdf(page, font=None):
    """The print edition of `page` (its current field values) as PDF bytes."""
    font = font or find_cjk_font()
    pdf = HandbookPDF(font, page.title)

    # Cover
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, 12, style="F")
    pdf.ln(30)
    pdf.para("文明礼仪手册", size=14, colour=ACCENT)
    pdf.ln(4)
    pdf.para(page.title, size=26, height=13)
    pdf.ln(6)
    pdf.para(edition_label(page), size=14, height=9)
    if page.cover_image_id:
        pdf.ln(8)
        pdf.picture(page.cover_image)
    pdf.set_y(-60)
    pdf.para(issuer(page), size=13, height=8)
    pdf.para(f"{page.year}年", size=12, height=8)

    # Table of contents on its own page, filled in when the document is output
    pdf.add_page()
    pdf.insert_toc_placeholder(render_toc, pages=1, allow_extra_pages=True)

    started = False
    for block in page.body:
        if block.block_type == "chapter":
            if started:
                pdf.add_page()
            started = True
            pdf.start_section(block.value, level=0)
            pdf.para(block.value, size=18, height=11, colour=ACCENT)
            pdf.ln(3)
            continue
        started = True
        if block.block_type == "text":
            for kind, value in rich_text_parts(block.value.source):
                if kind == "para":
                    pdf.para(value)
                    pdf.ln(1.5)
                else:
                    pdf.bullets(value, numbered=kind == "numbered")
        elif block.block_type == "dos_and_donts":
            value = block.value
            if value["title"]:
                pdf.subheading(value["title"])
            pdf.para("要", size=12, height=8)
            pdf.bullets(list(value["dos"]), marker="○")
            pdf.para("不要", size=12, height=8)
            pdf.bullets(list(value["donts"]), marker="×")
        elif block.block_type == "qa":
            pdf.para(f"问：{block.value['question']}")
            pdf.para(f"答：{block.value['answer']}", indent=0)
            pdf.ln(2)
        elif block.block_type == "image":
            pdf.picture(block.value["image"], block.value["caption"])

    questions = [block for block in page.quiz if block.block_type == "question"]
    if questions:
        pdf.add_page()
        pdf.start_section("附录：知识测试", level=0)
        pdf.para("附录：知识测试", size=18, height=11, colour=ACCENT)
        pdf.ln(3)
        for number, block in enumerate(questions, 1):
            value = block.value
            pdf.para(f"{number}. {value['question']}")
            for index, choice in enumerate(value["choices"]):
                pdf.para(f"{chr(65 + index)}. {choice}", indent=6)
            right = value["correct_choice"]
            answer = f"答案：{chr(64 + right)}"
            if value["explanation"]:
                answer += f"。{value['explanation']}"
            pdf.para(answer, size=10, indent=6, colour=(90, 90, 90))
            pdf.ln(2)
    return bytes(pdf.output())


def file_name(page):
    return f"wenming-liyi-{page.year}-{page.audience}-{page.edition_number}.pdf"
