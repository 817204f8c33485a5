"""What the guard found, and how it is told to an editor."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Category -> the sentence shown to an editor; %(text)s is the offending text as written.
MESSAGES = {
    "gambling": _("Gambling or betting content “%(text)s”: …%(excerpt)s…"),
    "seo_spam": _("Search-engine spam “%(text)s”: …%(excerpt)s…"),
    "pornography": _("Pornographic content “%(text)s”: …%(excerpt)s…"),
    "fraud": _("Fraud or illegal-service advertising “%(text)s”: …%(excerpt)s…"),
    "issuer": _("The issuing body's name looks replaced by “%(text)s”: …%(excerpt)s…"),
    "link": _("Link to a site outside the allowed list “%(text)s”: %(excerpt)s"),
    "lookalike_host": _(
        "Link to a look-alike address “%(text)s”: it mixes letters of different alphabets and leads "
        "somewhere else than it seems: %(excerpt)s"
    ),
    "script_link": _("Link that runs a script “%(text)s”: %(excerpt)s"),
    "hidden_link": _("Hidden link “%(text)s” (%(rule)s): %(excerpt)s"),
    "script": _("Unexpected script “%(text)s”: %(excerpt)s"),
    "embed": _("Embedded frame or object “%(text)s”: %(excerpt)s"),
    "site_name_missing": _("The site name “%(text)s” is missing from the page."),
    "issuer_missing": _("The issuing body's name “%(text)s” is missing from the page."),
    "page_error": _("The page could not be rendered (HTTP status %(text)s)."),
}

# For a group of indicator words (core/safety/indicators.py); %(rule)s is "word + word … = score".
INDICATOR_MESSAGES = {
    "gambling": _("Reads like gambling advertising “%(text)s” (signals and score: %(rule)s)"),
    "seo_spam": _("Reads like search-engine spam “%(text)s” (signals and score: %(rule)s)"),
    "pornography": _("Reads like pornographic solicitation “%(text)s” (signals and score: %(rule)s)"),
    "fraud": _("Reads like fraud or illegal-service advertising “%(text)s” (signals and score: %(rule)s)"),
}

CATEGORY_LABELS = {
    "gambling": _("gambling"),
    "seo_spam": _("SEO spam"),
    "pornography": _("pornography"),
    "fraud": _("fraud"),
    "issuer": _("altered issuer name"),
    "link": _("outbound link"),
    "lookalike_host": _("look-alike address"),
    "script_link": _("script link"),
    "hidden_link": _("hidden link"),
    "script": _("script"),
    "embed": _("embedded frame"),
    "site_name_missing": _("site name missing"),
    "issuer_missing": _("issuer name missing"),
    "page_error": _("page error"),
}


@dataclass(frozen=True)
class Finding:
    category: str  # a key of MESSAGES
    rule: str  # the banned term in canonical form, or the rule that fired
    text: str  # the offending text exactly as written
    excerpt: str  # the offending text with some context, on one line
    start: int = 0  # offsets in the scanned source
    end: int = 0
    line: int = 1
    column: int = 1
    kind: str = "term"  # "indicators": a group of indicator words scored over the threshold

    def message(self):
        template = INDICATOR_MESSAGES[self.category] if self.kind == "indicators" else MESSAGES[self.category]
        return str(template) % {"text": self.text, "excerpt": self.excerpt, "rule": self.rule}

    def as_line(self, path):
        """`path:line:col: category: term: excerpt`, the format of `manage.py check_content`."""
        term = self.text if self.rule in ("", self.text) else f"{self.text} ({self.rule})"
        return f"{path}:{self.line}:{self.column}: {self.category}: {term}: {self.excerpt}"


def messages(findings):
    """The editor-facing sentences for a list of findings, one each, in order."""
    return [finding.message() for finding in findings]
