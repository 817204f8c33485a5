"""No export opens as a formula: our own CSV files and Wagtail's list and report exports alike."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page

from content.handbooks.models import EtiquetteHandbookPage, QuizQuestionStat
from core.spreadsheet import spreadsheet_text

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://example.com/","点我领奖")'


@pytest.fixture
def admin_client():
    user = get_user_model().objects.create_superuser("sheet-admin", "sheet@example.org", "a-long-test-password")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def rows(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_starts_are_neutralised(text):
    assert spreadsheet_text(text) == "'" + text


@pytest.mark.parametrize("text", ["文明城市", "1+1=2", "", None, "2026-11-30"])
def test_ordinary_text_is_unchanged(text):
    assert spreadsheet_text(text) == ("" if text is None else text)


def test_the_quiz_results_export_writes_a_question_as_text(admin_client):
    edition = EtiquetteHandbookPage.objects.live().first()
    QuizQuestionStat.objects.create(page=edition, question_id="q-formula", question_text=FORMULA, answered=3, correct=1)
    response = admin_client.get("/admin/handbooks/quiz/", {"export": "csv"})
    assert response.status_code == 200
    cells = [cell for row in rows(response) for cell in row]
    assert "'" + FORMULA in cells and FORMULA not in cells


def test_wagtails_own_report_exports_write_a_page_title_as_text(admin_client):
    page = Page.objects.live().filter(depth__gt=2).order_by("pk").first()
    Page.objects.filter(pk=page.pk).update(title="@SUM(1+1)*cmd|' /C calc'!A0")
    response = admin_client.get("/admin/reports/aging-pages/", {"export": "csv"})
    assert response.status_code == 200
    cells = [cell for row in rows(response) for cell in row]
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
