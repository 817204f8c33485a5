"""Etiquette handbooks: the edition page, its print PDF (built in the background on publish),
the self-test and its anonymous totals, the demo editions and the query budgets."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from bureaus.models.bureaus import BureauPage
from content.handbooks import fonts
from content.handbooks.demo import EDITIONS, build_handbooks
from content.handbooks.models import EtiquetteHandbookPage, QuizQuestionStat
from content.handbooks.tasks import build_print_edition
from portal.demo.builder import Builder
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

PDFTOTEXT = shutil.which("pdftotext")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """A media folder of the test's own (PDFs are written and deleted here), starting with the
    files the session's demo content refers to (the cover images)."""
    demo_media = Path(settings.MEDIA_ROOT)
    settings.MEDIA_ROOT = tmp_path / "media"
    if (demo_media / "original_images").exists():
        shutil.copytree(demo_media / "original_images", settings.MEDIA_ROOT / "original_images")
    return settings.MEDIA_ROOT


def bureaus():
    return {bureau.title: bureau for bureau in BureauPage.objects.all()}


@pytest.fixture
def editions():
    """The demo editions, published; their PDFs are not built (a build takes seconds)."""
    pages = build_handbooks(Builder(), bureaus(), build_pdfs=False)
    return {page.audience: EtiquetteHandbookPage.objects.get(pk=page.pk) for page in pages}


@pytest.fixture
def school(editions):
    return editions["school"]


@pytest.fixture
def built_school(school, django_capture_on_commit_callbacks):
    """The school edition with its PDF, built as publishing builds it: by the django-q2 task."""
    with django_capture_on_commit_callbacks(execute=True):
        school.save_revision().publish()
    school.refresh_from_db()
    assert school.print_pdf
    return school


def pdf_text(path):
    if PDFTOTEXT is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("pdftotext is missing: install Debian's poppler-utils")
        pytest.skip("pdftotext is missing (Debian's poppler-utils)")
    result = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode()


def right_answers(page):
    return {f"q-{block.id}": str(block.value["correct_choice"]) for block in page.quiz}


def quiz_url(page):
    return page.url + "ceshi/"


# -- demo content ------------------------------------------------------------------------


def test_demo_has_two_editions_with_chapters_dos_qa_and_quiz(editions):
    assert set(editions) == {"school", "community"}
    for page in editions.values():
        assert page.live
        assert page.bureau.title == "市文明办"
        assert page.url.startswith("/liyi/wenmingban/liyi-2026-")
        assert len(page.chapter_headings()) >= 4
        kinds = {block.block_type for block in page.body}
        assert {"chapter", "text", "dos_and_donts", "qa"} <= kinds
        questions = list(page.quiz)
        assert len(questions) >= 8
        for block in questions:
            assert 3 <= len(block.value["choices"]) <= 4
            assert 1 <= block.value["correct_choice"] <= len(block.value["choices"])
            assert block.value["explanation"]
        dos = next(block for block in page.body if block.block_type == "dos_and_donts")
        assert len(dos.value["dos"]) == 10
        assert len(dos.value["donts"]) == 10


def test_demo_handbooks_second_run_changes_nothing():
    first = build_handbooks(Builder(), bureaus())  # builds the PDFs when a font is installed
    editions = EtiquetteHandbookPage.objects.filter(pk__in=[page.pk for page in first])
    revisions = {page.pk: page.latest_revision_id for page in editions}
    pdfs = {page.pk: page.print_pdf.name for page in editions}
    if fonts.font_available():
        assert all(pdfs.values())
    builder = Builder()
    build_handbooks(builder, bureaus())
    assert (builder.created, builder.updated) == (0, 0)
    for page in EtiquetteHandbookPage.objects.filter(pk__in=revisions):
        assert page.latest_revision_id == revisions[page.pk]
        assert page.print_pdf.name == pdfs[page.pk]


# -- the edition page ---------------------------------------------------------------------


def test_edition_page_shows_meta_toc_chapters_pdf_link_and_quiz(client, built_school):
    school = built_school
    response = client.get(school.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>文明礼仪手册（学校版）</h1>" in html
    assert "2026" in html
    assert "学校" in html
    assert "第1版" in html
    # cover through a rendition (library images are stored under random names: core/image_privacy.py)
    cover = school.cover_image.get_rendition("width-640")
    assert re.search(rf'<img [^>]*src="{re.escape(cover.url)}"', html) and cover.url.startswith("/media/images/")
    # table of contents with anchors, then the chapters under them
    for number, heading in enumerate(school.chapter_headings(), 1):
        assert f'<a href="#chapter-{number}">{heading}</a>' in html
        assert f'<h2 id="chapter-{number}">{heading}</h2>' in html
    assert "校园文明十要十不要" in html
    assert "<li>要尊敬师长，主动问好</li>" in html
    assert "在校园里遇到老师" in html
    # PDF link with its size
    assert f'href="{school.print_pdf.url}"' in html
    assert re.search(r"下载印刷版（PDF）, [\d.]+\xa0(KB|MB)", html)
    # the quiz: a fieldset and legend per question, labelled radios, a CSRF-protected form
    assert html.count("<fieldset") == len(school.quiz)
    assert html.count("<legend>") == len(school.quiz)
    assert 'name="csrfmiddlewaretoken"' in html
    first = school.quiz[0]
    assert f'<label for="q-{first.id}-1">' in html


def test_index_lists_editions_with_meta_and_pdf(client, editions, built_school):
    html = client.get("/liyi/").content.decode()
    for page in editions.values():
        assert f'href="{page.url}"' in html
    assert f'href="{built_school.print_pdf.url}"' in html
    assert "2026 · 学校 · 第1版" in html


# -- the print edition ------------------------------------------------------------------------


def test_pdf_has_title_and_every_chapter_heading_as_text(built_school, media_root):
    school = built_school
    assert school.print_pdf.name == "handbooks/wenming-liyi-2026-school-1.pdf"
    assert school.print_pdf_revision_id == school.live_revision_id
    assert school.print_pdf_built_at is not None
    text = pdf_text(media_root / school.print_pdf.name)
    assert school.title in text
    assert "目录" in text
    assert "市文明办" in text
    for heading in school.chapter_headings():
        assert heading in text
    assert "附录：知识测试" in text
    assert "要尊敬师长，主动问好" in text


def test_republishing_rebuilds_the_pdf_in_the_background(built_school, media_root, django_capture_on_commit_callbacks):
    school = built_school
    old_name, old_revision = school.print_pdf.name, school.print_pdf_revision_id
    school.title = "文明礼仪手册（学校版·修订）"
    with django_capture_on_commit_callbacks(execute=True):
        school.save_revision().publish()
    school.refresh_from_db()
    assert school.print_pdf_revision_id == school.live_revision_id != old_revision
    assert school.print_pdf.name != old_name
    assert not (media_root / old_name).exists()
    assert "文明礼仪手册（学校版·修订）" in pdf_text(media_root / school.print_pdf.name)


def test_building_twice_without_changes_does_nothing(built_school):
    school = built_school
    built_at, name = school.print_pdf_built_at, school.print_pdf.name
    assert build_print_edition(school.pk) == "unchanged"
    call_command("build_handbook_pdfs", stdout=open(os.devnull, "w"))  # noqa: SIM115
    school.refresh_from_db()
    assert (school.print_pdf_built_at, school.print_pdf.name) == (built_at, name)


def test_a_missing_pdf_file_is_rebuilt(built_school, media_root):
    school = built_school
    (media_root / school.print_pdf.name).unlink()
    assert build_print_edition(school.pk) == "built"


def test_without_a_font_there_is_no_pdf_and_no_error(client, school, settings, monkeypatch, caplog):
    settings.HANDBOOK_PDF_FONT = "/nonexistent/font.ttc"
    monkeypatch.setattr(fonts, "DEBIAN_NOTO_CJK", fonts.Path("/nonexistent/NotoSansCJK-Regular.ttc"))
    EtiquetteHandbookPage.objects.filter(pk=school.pk).update(print_pdf="", print_pdf_revision=None)
    assert build_print_edition(school.pk) == "no-font"
    assert "No CJK font for the handbook PDF" in caplog.text
    response = client.get(school.url)
    assert response.status_code == 200
    assert "下载印刷版" not in response.content.decode()


def test_font_setting_is_used(settings):
    settings.HANDBOOK_PDF_FONT = str(fonts.DEBIAN_NOTO_CJK)
    if not fonts.DEBIAN_NOTO_CJK.exists():
        pytest.skip("fonts-noto-cjk is not installed")
    font = fonts.find_cjk_font()
    assert (font.path, font.collection_font_number) == (fonts.DEBIAN_NOTO_CJK, 2)
    settings.HANDBOOK_PDF_FONT = f"{fonts.DEBIAN_NOTO_CJK}#3"
    assert fonts.find_cjk_font().collection_font_number == 3


# -- the quiz --------------------------------------------------------------------------------


def test_all_right_answers_give_full_score_and_are_counted(client, school):
    answers = right_answers(school)
    response = client.post(quiz_url(school), answers)
    assert response.status_code == 200
    html = response.content.decode()
    total = len(answers)
    assert f"你的得分：{total} / {total}" in html
    first = school.quiz[0].value
    assert first["explanation"] in html
    stats = QuizQuestionStat.objects.filter(page=school)
    assert stats.count() == total
    assert all((s.answered, s.correct) == (1, 1) for s in stats)


def test_wrong_answers_show_score_right_answers_and_count_as_wrong(client, school):
    answers = right_answers(school)
    first, second = list(school.quiz)[:2]
    answers[f"q-{first.id}"] = str(first.value["correct_choice"] % len(first.value["choices"]) + 1)
    html = client.post(quiz_url(school), answers).content.decode()
    total = len(answers)
    assert f"你的得分：{total - 1} / {total}" in html
    right = first.value["choices"][first.value["correct_choice"] - 1]
    assert f"正确答案： {chr(64 + first.value['correct_choice'])}. {right}" in html
    stat = QuizQuestionStat.objects.get(page=school, question_id=first.id)
    assert (stat.answered, stat.correct) == (1, 0)
    stat = QuizQuestionStat.objects.get(page=school, question_id=second.id)
    assert (stat.answered, stat.correct) == (1, 1)


def test_a_missing_answer_shows_a_chinese_error_and_keeps_the_other_choices(client, school):
    answers = right_answers(school)
    missing = school.quiz[2]
    del answers[f"q-{missing.id}"]
    response = client.post(quiz_url(school), answers)
    assert response.status_code == 200
    html = response.content.decode()
    assert "请选择这道题的答案。" in html
    assert f'<p class="field-error" id="q-{missing.id}-error">' in html
    assert f'<fieldset id="q-{missing.id}" aria-describedby="q-{missing.id}-error">' in html
    assert "1道题还没有作答" in html
    assert "你的得分" not in html
    kept = school.quiz[0]
    assert re.search(rf'id="q-{kept.id}-{kept.value["correct_choice"]}" value="\d" checked', html)
    assert html.count(" checked") == len(answers)
    assert not QuizQuestionStat.objects.filter(page=school).exists()


def test_quiz_needs_the_csrf_token(school):
    client = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    assert client.post(quiz_url(school), right_answers(school)).status_code == 403


def test_quiz_route_get_goes_back_to_the_page(client, school):
    response = client.get(quiz_url(school))
    assert response.status_code == 302
    assert response["Location"] == school.url + "#quiz"


def test_counts_accumulate_atomically(client, school):
    answers = right_answers(school)
    for _ in range(3):
        client.post(quiz_url(school), answers)
    assert {(s.answered, s.correct) for s in QuizQuestionStat.objects.filter(page=school)} == {(3, 3)}


# -- quiz results in the admin ------------------------------------------------------------------


def test_quiz_results_are_shown_to_the_owning_bureau_and_refused_to_another(client, school, make_user):
    answers = right_answers(school)
    client.post(quiz_url(school), answers)
    first = school.quiz[0]
    answers[f"q-{first.id}"] = str(first.value["correct_choice"] % len(first.value["choices"]) + 1)
    client.post(quiz_url(school), answers)

    owner = BureauPage.objects.get(title="市文明办")
    other = BureauPage.objects.exclude(pk=owner.pk).exclude(editors_group=None).first()
    editor = make_user("wenmingban-editor", groups=[owner.editors_group])
    stranger = make_user("other-editor", groups=[other.editors_group])
    url = reverse("handbook_quiz_results_page", args=[school.pk])

    admin = Client(HTTP_HOST="localhost")
    admin.force_login(editor)
    html = admin.get(url).content.decode()
    assert first.value["question"] in html
    assert "50.0%" in html  # the first question: 1 right of 2
    assert "100.0%" in html
    listing = admin.get(reverse("handbook_quiz_results")).content.decode()
    assert school.title in listing
    assert "handbook-quiz-results" in admin.get(reverse("wagtailadmin_home")).content.decode()  # the menu item

    admin.force_login(stranger)
    assert admin.get(url).status_code == 403
    assert school.title not in admin.get(reverse("handbook_quiz_results")).content.decode()

    anonymous = Client(HTTP_HOST="localhost")
    assert anonymous.get(url).status_code == 302  # to the admin login


def test_quiz_results_export_as_csv(client, school, make_user):
    client.post(quiz_url(school), right_answers(school))
    admin = Client(HTTP_HOST="localhost")
    admin.force_login(make_user("root", is_superuser=True, is_staff=True))
    response = admin.get(reverse("handbook_quiz_results_page", args=[school.pk]) + "?export=csv")
    assert response.status_code == 200
    assert "100.0%" in b"".join(response.streaming_content).decode("utf-8-sig")


# -- query budgets ------------------------------------------------------------------------------


INDEX_BUDGET = 12
EDITION_BUDGET = 15


def add_editions(count, bureau):
    from wagtail.blocks import StreamValue

    template = EtiquetteHandbookPage.objects.get(slug=EDITIONS[0]["slug"])
    for n in range(count):
        page = EtiquetteHandbookPage(
            title=f"测试手册{n}",
            slug=f"test-handbook-{n}",
            year=2030 + n,
            audience="general",
            summary="测试",
            body=StreamValue(template.body.stream_block, template.body.raw_data, is_lazy=True),
            quiz=StreamValue(template.quiz.stream_block, template.quiz.raw_data, is_lazy=True),
        )
        bureau.add_child(instance=page)
        page.save_revision().publish()


def test_index_and_edition_query_counts_are_bounded_and_flat(client, built_school):
    school = built_school
    index_before = count_queries(client, "/liyi/")
    edition_before = count_queries(client, school.url)
    assert index_before <= INDEX_BUDGET and edition_before <= EDITION_BUDGET
    add_editions(5, BureauPage.objects.get(title="市文明办"))
    assert EtiquetteHandbookPage.objects.live().count() >= 7
    assert count_queries(client, "/liyi/") == index_before
    assert count_queries(client, school.url) == edition_before
