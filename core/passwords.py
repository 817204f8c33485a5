"""A password rule against the words everyone guesses first on this site.

`SiteWordsValidator` (in AUTH_PASSWORD_VALIDATORS) refuses a password made only of site and city
words (kunming, wenming, chuangcheng, gov, admin, …, plus `words` from its options) with digits
and symbols around or between them: kunming2026, Wenming@2026!, km2026kunming, Adm1n#2026 and
昆明2026 are refused; a password with any other word in it is left to the other validators.

How it reads a password: Unicode-normalised (full-width letters become ASCII), case-folded,
Chinese characters spelt in pinyin (昆明 → kunming), common look-alike substitutions undone
inside a word (0→o, 1→i or l, 3→e, 4→a, 5→s, 7→t, @→a, $→s, !→i). It is refused when it can be
cut, from start to end, into listed words and runs of non-letters, with at least one word."""

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

#: Words of the site, the city and the office; the site's name is added by the validator.
SITE_WORDS = (
    "kunming", "km", "kmc", "kunmingshi", "chuncheng", "yunnan", "yn", "dianchi",
    "wenming", "wm", "wenmingcheng", "wenmingchengshi", "wmcs", "wenmingban", "wmb",
    "chuangcheng", "chuangwen", "chuangjian", "cjwm", "kmwm", "wmkm", "wangzhan",
    "gov", "govcn", "cn", "www", "com", "gongwu", "zhengfu", "shizhengfu", "admin", "administrator", "root", "guanli",
    "guanliyuan", "wagtail", "password", "passwd", "pass", "mima", "welcome", "qwerty", "china",
    "zhongguo",
)  # fmt: skip
LOOK_ALIKES = {"0": "o", "1": "il", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}


def spelt(text):
    """The password as the rule reads it: NFKC, case-folded, Chinese characters in pinyin."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    return "".join(lazy_pinyin(normal))


def _matches(text, start, word):
    if start + len(word) > len(text):
        return False
    return all(c == w or w in LOOK_ALIKES.get(c, "") for c, w in zip(text[start:], word, strict=False))


def only_site_words(password, words):
    """Whether `password` cuts into `words` and non-letters only, with at least one word."""
    text = spelt(password)
    # reach[i]: (the first i characters cut cleanly, whether a word was used)
    reach = [None] * (len(text) + 1)
    reach[0] = False
    for i, char in enumerate(text):
        if reach[i] is None:
            continue
        if not char.isalpha():
            reach[i + 1] = reach[i + 1] or reach[i]
        for word in words:
            if _matches(text, i, word):
                reach[i + len(word)] = True
    return reach[len(text)] is True


def pinyin_words(name):
    """A Chinese name as words to refuse: its pinyin and its initials (昆明文明城市创建网 →
    kunmingwenmingchengshichuangjianwang, kmwmcscjw)."""
    syllables = [s for s in lazy_pinyin(name) if s.isascii() and s.isalpha()]
    return ["".join(syllables), "".join(s[0] for s in syllables)] if syllables else []


class SiteWordsValidator:
    def __init__(self, words=(), site_name=None):
        site_name = site_name if site_name is not None else getattr(settings, "WAGTAIL_SITE_NAME", "")
        extra = [spelt(w) for w in words] + pinyin_words(site_name or "")
        # Longest first: "wenmingcheng" before "wenming" (either cut works; this one is quicker).
        self.words = sorted({w for w in (*SITE_WORDS, *extra) if w}, key=len, reverse=True)

    def validate(self, password, user=None):
        if only_site_words(password, self.words):
            raise ValidationError(
                _(
                    "This password is only the site's or the city's words (such as kunming, wenming or admin) "
                    "with digits or symbols: it is among the first anyone would try."
                ),
                code="password_site_words",
            )

    def get_help_text(self):
        return _(
            "Your password cannot be made only of the site's or the city's words (such as kunming, wenming "
            "or admin) with digits or symbols."
        )
