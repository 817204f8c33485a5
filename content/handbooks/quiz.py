"""The self-test (知识测试): visitors answer without an account, see their score and the right
answers; only anonymous per-question totals are kept (QuizQuestionStat)."""

from dataclasses import dataclass, field

from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from core.visitor import client_address, keyed_hash

FIELD_PREFIX = "q-"
# A light limit on how often one address is counted in the totals (answers are still scored).
COUNTED_SUBMISSIONS_PER_HOUR = 20


@dataclass
class Question:
    id: str
    number: int
    text: str
    choices: list
    correct: int  # 1-based
    explanation: str
    chosen: int | None = None
    error: str = ""
    options: list = field(default_factory=list)

    @property
    def field_name(self):
        return f"{FIELD_PREFIX}{self.id}"

    @property
    def is_correct(self):
        return self.chosen == self.correct

    @property
    def correct_text(self):
        return self.choices[self.correct - 1] if 0 < self.correct <= len(self.choices) else ""


def questions_of(page):
    result = []
    for number, block in enumerate((b for b in page.quiz if b.block_type == "question"), 1):
        value = block.value
        choices = [str(choice) for choice in value["choices"]]
        result.append(
            Question(
                id=str(block.id),
                number=number,
                text=value["question"],
                choices=choices,
                correct=value["correct_choice"],
                explanation=value["explanation"] or "",
            )
        )
    for question in result:
        question.options = [
            {"value": index, "label": label, "letter": chr(64 + index), "id": f"{question.field_name}-{index}"}
            for index, label in enumerate(question.choices, 1)
        ]
    return result


class QuizForm(forms.Form):
    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question.field_name] = forms.TypedChoiceField(
                label=question.text,
                choices=[(index, label) for index, label in enumerate(question.choices, 1)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Please choose an answer to this question."),
                    "invalid_choice": _("Please choose one of the answers given."),
                },
            )

    def annotate(self):
        """Copy the chosen answers and the errors onto the questions, for the template."""
        for question in self.questions:
            raw = self.data.get(question.field_name)
            try:
                chosen = int(raw)
            except (TypeError, ValueError):
                chosen = None
            question.chosen = chosen if chosen and 1 <= chosen <= len(question.choices) else None
            errors = self.errors.get(question.field_name) if self.is_bound else None
            question.error = errors[0] if errors else ""
        return self.questions


@dataclass
class QuizResult:
    questions: list
    score: int
    total: int

    @property
    def percent(self):
        return round(100 * self.score / self.total) if self.total else 0


def score(questions):
    return QuizResult(questions, sum(1 for q in questions if q.is_correct), len(questions))


def _client_key(request, page):
    digest = keyed_hash(f"{page.pk}:{client_address(request)}", "handbook-quiz")[:24]
    return f"handbook-quiz:{digest}"


def may_count(request, page):
    """At most COUNTED_SUBMISSIONS_PER_HOUR submissions per address and page enter the totals.

    Only a hash is used as a transient cache key; nothing about the visitor is stored."""
    key = _client_key(request, page)
    if cache.add(key, 1, timeout=3600):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        return True
    return count <= COUNTED_SUBMISSIONS_PER_HOUR
