"""Admin for etiquette handbooks: quiz results (知晓率) per edition and question.

Reports → 知识测试结果 lists every question of the editions the user may edit (superusers: all;
a bureau's groups: their bureau's editions), with how many answered, how many answered right
and the rate. /admin/handbooks/<page id>/quiz/ shows one edition and answers 403 to anyone who
may not edit it."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from content.handbooks.models import EtiquetteHandbookPage, QuizQuestionStat
from content.handbooks.quiz import questions_of


@dataclass
class QuestionRow:
    edition: str
    number: int
    question: str
    answered: int
    correct: int

    @property
    def correct_rate(self):
        return f"{100 * self.correct / self.answered:.1f}%" if self.answered else "—"


def editable_editions(user):
    """The handbook editions `user` may edit (Wagtail's page permissions: superusers, bureau groups)."""
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return EtiquetteHandbookPage.objects.filter(pk__in=pages.values("pk")).order_by("-year", "audience", "pk")


def question_rows(editions):
    editions = list(editions)
    stats = {
        (s.page_id, s.question_id): s
        for s in QuizQuestionStat.objects.filter(page__in=[e.pk for e in editions]).only(
            "page_id", "question_id", "question_text", "answered", "correct"
        )
    }
    rows = []
    for edition in editions:
        seen = set()
        for question in questions_of(edition):
            stat = stats.get((edition.pk, question.id))
            seen.add(question.id)
            rows.append(
                QuestionRow(
                    edition.title,
                    question.number,
                    question.text,
                    stat.answered if stat else 0,
                    stat.correct if stat else 0,
                )
            )
        # Questions since removed from the quiz keep their totals.
        for (page_id, question_id), stat in stats.items():
            if page_id == edition.pk and question_id not in seen:
                rows.append(QuestionRow(edition.title, 0, stat.question_text, stat.answered, stat.correct))
    return rows


class QuizResultsView(ReportView):
    page_title = _("Quiz results")
    header_icon = "pick"
    index_url_name = "handbook_quiz_results"
    index_results_url_name = "handbook_quiz_results_results"
    paginate_by = 100
    columns = [
        Column("edition", label=_("Edition")),
        Column("number", label=_("No.")),
        Column("question", label=_("Question")),
        Column("answered", label=_("Answered")),
        Column("correct", label=_("Answered correctly")),
        Column("correct_rate", label=_("Correct rate")),
    ]
    list_export = ["edition", "number", "question", "answered", "correct", "correct_rate"]
    export_headings = {
        "edition": _("Edition"),
        "number": _("No."),
        "question": _("Question"),
        "answered": _("Answered"),
        "correct": _("Answered correctly"),
        "correct_rate": _("Correct rate"),
    }

    def dispatch(self, request, *args, **kwargs):
        # Like the menu item: users who may edit no page (the final reviewers) have no results here.
        if not QuizResultsMenuItem.may_see(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        editions = editable_editions(self.request.user)
        page_id = self.kwargs.get("page_id")
        if page_id is not None:
            page = get_object_or_404(EtiquetteHandbookPage, pk=page_id)
            if not page.permissions_for_user(self.request.user).can_edit():
                raise PermissionDenied
            editions = editions.filter(pk=page.pk)
        return question_rows(editions)

    def get_index_url(self):
        if self.kwargs.get("page_id") is not None:
            return reverse("handbook_quiz_results_page", args=[self.kwargs["page_id"]])
        return super().get_index_url()

    def get_index_results_url(self):
        if self.kwargs.get("page_id") is not None:
            return reverse("handbook_quiz_results_page_results", args=[self.kwargs["page_id"]])
        return super().get_index_results_url()


class QuizResultsMenuItem(MenuItem):
    @staticmethod
    def may_see(user):
        return user.is_superuser or PagePermissionPolicy().user_has_permission(user, "change")

    def is_shown(self, request):
        return self.may_see(request.user)


@hooks.register("register_admin_urls")
def register_quiz_results_urls():
    return [
        path("handbooks/quiz/", QuizResultsView.as_view(), name="handbook_quiz_results"),
        path(
            "handbooks/quiz/results/",
            QuizResultsView.as_view(results_only=True),
            name="handbook_quiz_results_results",
        ),
        path("handbooks/<int:page_id>/quiz/", QuizResultsView.as_view(), name="handbook_quiz_results_page"),
        path(
            "handbooks/<int:page_id>/quiz/results/",
            QuizResultsView.as_view(results_only=True),
            name="handbook_quiz_results_page_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_quiz_results_menu_item():
    return QuizResultsMenuItem(
        _("Quiz results"), reverse("handbook_quiz_results"), name="handbook-quiz-results", icon_name="pick", order=900
    )
