"""What editors keep for the search: synonyms (同义词), and the weekly log of what was searched.

Neither holds anything about who searched: the log is the normalised query, how many times it
was searched that week and how many results it last had (docs/search.md)."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.safety.model_check import ContentSafetyMixin

# Separators editors use between everyday terms: new lines, commas and the enumeration comma.
TERM_SEPARATORS = re.compile(r"[\n\r,，、;；]+")
MAX_TERM_LENGTH = 30


def split_terms(text):
    return [t.strip() for t in TERM_SEPARATORS.split(text or "") if t.strip()]


class Synonym(ContentSafetyMixin, models.Model):
    """An official term and the words citizens use for it, searched as one (城管 ↔ 城市管理综合执法)."""

    term = models.CharField(
        _("official term"),
        max_length=MAX_TERM_LENGTH,
        unique=True,
        help_text=_("The term the site's pages use, e.g. 城市管理综合执法."),
    )
    everyday_terms = models.TextField(
        _("everyday terms"),
        help_text=_("What citizens type instead: abbreviations and everyday words, one per line or separated by 、."),
    )

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def terms(self):
        return [self.term.strip(), *split_terms(self.everyday_terms)]

    def clean(self):
        super().clean()  # the content-safety check of both fields (core/safety/model_check.py)
        everyday = split_terms(self.everyday_terms)
        if not everyday:
            raise ValidationError({"everyday_terms": _("Enter at least one everyday term.")})
        too_long = [t for t in everyday if len(t) > MAX_TERM_LENGTH]
        if too_long:
            raise ValidationError(
                {
                    "everyday_terms": _("A term may have at most %(n)d characters: %(term)s")
                    % {"n": MAX_TERM_LENGTH, "term": too_long[0]}
                }
            )
        single = [t for t in everyday if len(t) < 2]
        if single:
            raise ValidationError(
                {
                    "everyday_terms": _("A single character matches too much to be a synonym: %(term)s")
                    % {"term": single[0]}
                }
            )
        if self.term.strip() in everyday:
            raise ValidationError({"everyday_terms": _("The official term is not an everyday term of itself.")})


def week_of(day):
    """The Monday of the day's week: the log's unit of time."""
    return day - datetime.timedelta(days=day.weekday())


class QueryLog(models.Model):
    """One normalised query in one week. Written by one upsert per search (search/query_log.py)."""

    query = models.CharField(_("query"), max_length=100)
    week = models.DateField(_("week"), help_text=_("The Monday of the week."))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    results = models.PositiveIntegerField(_("results"), default=0, help_text=_("Results the last search found."))

    class Meta:
        verbose_name = _("searched query")
        verbose_name_plural = _("searched queries")
        constraints = [models.UniqueConstraint(fields=["query", "week"], name="portal_search_querylog_query_week")]
        indexes = [models.Index(fields=["week", "-searches"], name="portal_search_querylog_week")]

    def __str__(self):
        return f"{self.query} ({self.week})"
