"""Etiquette handbooks (文明礼仪手册): a yearly edition per audience, its print PDF and its quiz."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.search import index

from bureaus.models.ownership import BureauOwnedPage
from content.handbooks import quiz


class HandbookAudience(models.TextChoices):
    SCHOOL = "school", _("Schools")
    COMMUNITY = "community", _("Communities")
    WORKPLACE = "workplace", _("Workplaces")
    GENERAL = "general", _("Everyone")


class LabelledCharBlock(blocks.CharBlock):
    """A one-line text block whose input carries its label. Wagtail shows a stream child's label
    in the block's header only, so a screen reader announced the chapter heading input unnamed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.field.widget.attrs["aria-label"] = self.label


class DosAndDontsBlock(blocks.StructBlock):
    """十要 / 十不要: what to do and what not to do."""

    title = blocks.CharBlock(label=_("title"), required=False)
    dos = blocks.ListBlock(blocks.CharBlock(label=_("do")), label=_("Do"))
    donts = blocks.ListBlock(blocks.CharBlock(label=_("don't")), label=_("Don't"))

    class Meta:
        icon = "list-ul"
        label = _("Dos and don'ts")
        template = "content/blocks/dos_and_donts.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"))
    answer = blocks.TextBlock(label=_("answer"))

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "content/blocks/question_answer.html"


class HandbookImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "content/blocks/handbook_image.html"


class QuizQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"))
    choices = blocks.ListBlock(blocks.CharBlock(label=_("choice")), min_num=2, max_num=6, label=_("choices"))
    correct_choice = blocks.IntegerBlock(
        label=_("number of the right choice"), min_value=1, max_value=6, help_text=_("1 for the first choice")
    )
    explanation = blocks.TextBlock(label=_("explanation"), required=False)

    class Meta:
        icon = "pick"
        label = _("Quiz question")

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        if value["correct_choice"] > len(value["choices"]):
            raise StructBlockValidationError(
                block_errors={"correct_choice": ValidationError(_("There is no choice with that number."))}
            )
        return value


class EtiquetteHandbookPage(RoutablePageMixin, BureauOwnedPage):
    #: Served at /liyi/<bureau>/<slug>/ (文明礼仪; bureaus/section_urls.py).
    section_slug = "liyi"
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2017), MaxValueValidator(2100)])
    audience = models.CharField(_("audience"), max_length=10, choices=HandbookAudience.choices)
    edition_number = models.PositiveSmallIntegerField(_("edition"), default=1)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(
        [
            ("chapter", LabelledCharBlock(label=_("Chapter heading"), icon="title", form_classname="title")),
            ("text", blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "ol", "ul", "link"])),
            ("dos_and_donts", DosAndDontsBlock()),
            ("image", HandbookImageBlock()),
            ("qa", QuestionAnswerBlock()),
        ],
        verbose_name=_("chapters"),
    )
    quiz = StreamField([("question", QuizQuestionBlock())], verbose_name=_("quiz"), blank=True)
    print_pdf = models.FileField(
        _("print edition (PDF)"), upload_to="handbooks/", blank=True, editable=False, max_length=200
    )
    print_pdf_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    print_pdf_built_at = models.DateTimeField(_("print edition built"), null=True, blank=True, editable=False)

    content_panels = BureauOwnedPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("audience"), FieldPanel("edition_number")]),
                FieldPanel("cover_image"),
                FieldPanel("summary"),
            ],
            heading=_("Edition"),
        ),
        FieldPanel("body"),
        FieldPanel("quiz"),
    ]
    search_fields = BureauOwnedPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("audience"),
        index.FilterField("year"),
    ]

    class Meta:
        verbose_name = _("etiquette handbook")
        verbose_name_plural = _("etiquette handbooks")
        constraints = [
            models.UniqueConstraint(fields=["year", "audience", "edition_number"], name="one_handbook_edition")
        ]

    def chapter_headings(self):
        return [block.value for block in self.body if block.block_type == "chapter"]

    # -- public page -------------------------------------------------------------------

    def chapters(self):
        """The body as (block, anchor) pairs; a chapter heading gets an anchor for the contents."""
        result, number = [], 0
        for block in self.body:
            anchor = ""
            if block.block_type == "chapter":
                number += 1
                anchor = f"chapter-{number}"
            result.append((block, anchor))
        return result

    def print_edition(self):
        """{"url", "size"} of the built PDF, or None (not built, or the file is gone)."""
        if not self.print_pdf:
            return None
        try:
            return {"url": self.print_pdf.url, "size": self.print_pdf.size}
        except (OSError, ValueError):
            return None

    def quiz_url(self):
        return self.url + self.reverse_subpage("quiz").lstrip("/") if self.url else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chapters = self.chapters()
        context["chapters"] = chapters
        context["toc"] = [(block.value, anchor) for block, anchor in chapters if anchor]
        context["print_edition"] = self.print_edition()
        context.setdefault("questions", quiz.questions_of(self))
        return context

    @path("")
    def edition(self, request):
        return self.render(request)

    @path("ceshi/", name="quiz")
    def quiz_answers(self, request):
        """Score a visitor's answers (POST). Nothing about the visitor is stored."""
        if request.method != "POST":
            return HttpResponseRedirect(self.url + "#quiz")
        questions = quiz.questions_of(self)
        form = quiz.QuizForm(questions, data=request.POST)
        valid = form.is_valid()
        form.annotate()
        overrides = {"questions": questions, "quiz_form": form}
        if valid:
            result = quiz.score(questions)
            if quiz.may_count(request, self):
                record_answers(self, questions)
            overrides["quiz_result"] = result
        return self.render(request, context_overrides=overrides)


class QuizQuestionStat(models.Model):
    """Anonymous totals per quiz question: how many answered, how many right (知晓率)."""

    page = models.ForeignKey(EtiquetteHandbookPage, on_delete=models.CASCADE, related_name="quiz_stats")
    question_id = models.CharField(_("question"), max_length=64)
    question_text = models.CharField(_("question text"), max_length=255)
    answered = models.PositiveIntegerField(_("answered"), default=0)
    correct = models.PositiveIntegerField(_("answered correctly"), default=0)

    class Meta:
        verbose_name = _("quiz question result")
        verbose_name_plural = _("quiz question results")
        constraints = [models.UniqueConstraint(fields=["page", "question_id"], name="one_stat_per_question")]

    def __str__(self):
        return self.question_text

    @property
    def correct_rate(self):
        return self.correct / self.answered if self.answered else None


@transaction.atomic
def record_answers(page, questions):
    """Add one answer per question to the anonymous totals, atomically (F expressions)."""
    if not questions:
        return
    ids = [q.id for q in questions]
    QuizQuestionStat.objects.bulk_create(
        [QuizQuestionStat(page=page, question_id=q.id, question_text=q.text[:255]) for q in questions],
        ignore_conflicts=True,
    )
    stats = QuizQuestionStat.objects.filter(page=page, question_id__in=ids)
    stats.update(answered=F("answered") + 1)
    right = [q.id for q in questions if q.is_correct]
    if right:
        stats.filter(question_id__in=right).update(correct=F("correct") + 1)
