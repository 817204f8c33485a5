"""Pinyin slugs for the pages editors create, instead of percent-encoded Chinese.

Wagtail's editor fills the slug from the title as the editor types; for a Chinese title that is
the title itself (/danwei/gongan/%E6%96%87%E6%98%8E…/), and Wagtail's own routability checks
fail on such slugs. Whenever one of these pages is validated with an empty slug or one that is
not plain ASCII — in the admin (every save and workflow action) or from code — the
slug becomes the title's pinyin, unique among the page's siblings:

- words (cut by jieba with the search dictionary) run together, hyphens between words:
  文明交通专项整治 → wenmingjiaotong-zhuanxiangzhengzhi; letters and digits stay: 2026年 → 2026-nian;
- a 好人 page titled with the person's name: surname, hyphen, given name: 李建国 → li-jianguo;
- at most 60 characters, cut between words; -2, -3 … when a sibling has the same slug.

An ASCII slug the editor typed is kept as it is (Wagtail then checks it is unique)."""

import re

from django.utils.text import slugify

from core.chinese import pinyin, tokenizer

MAX_LENGTH = 60
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NAME = re.compile(r"^[\u3400-\u9fff]{2,4}$")
_LATIN_RUN = re.compile(r"[A-Za-z0-9]+")
COMPOUND_SURNAMES = frozenset(
    ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯"]
    + ["令狐", "澹台", "端木", "轩辕", "呼延", "南宫", "西门", "独孤"]
)
# Surnames read differently from the character's everyday reading.
SURNAME_READINGS = {"单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "查": "zha", "区": "ou"}
SURNAME_READINGS |= {"盖": "ge", "乐": "yue", "尉迟": "yuchi", "长孙": "zhangsun", "覃": "qin", "缪": "miao"}


def _pinyin(text):

    return pinyin(text)


def _words(title):

    words = []
    for token in tokenizer().cut(title):
        if _HAN.search(token):
            words.append(_pinyin(token))
        else:
            words += [run.lower() for run in _LATIN_RUN.findall(token)]
    return [word for word in words if word]


def _name_words(name):
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES else name[:1]
    return [SURNAME_READINGS.get(surname) or _pinyin(surname), _pinyin(name[len(surname) :])]


def _shorten(words):
    kept = []
    for word in words:
        if kept and len("-".join([*kept, word])) > MAX_LENGTH:
            break
        kept.append(word[:MAX_LENGTH])
    return "-".join(kept)


def pinyin_slug(title, person_name=False):
    """The slug for `title` ('' when it has neither Chinese nor letters or digits)."""
    title = (title or "").strip()
    words = _name_words(title) if person_name and _NAME.match(title) else _words(title)
    return slugify(_shorten(words))


def needs_pinyin(slug):
    return not slug or not slug.isascii()


class PinyinSlugMixin:
    """For page models: replaces an empty or non-ASCII slug with the title's pinyin on validation."""

    def _title_is_person_name(self):
        name = (getattr(self, "person_name", "") or "").strip()
        return bool(name) and name == (self.title or "").strip()

    def _unique_among_siblings(self, base):
        parent = self.get_parent()
        if parent is None:
            return base
        siblings = parent.get_children().exclude(pk=self.pk).filter(slug__startswith=base)
        taken = set(siblings.values_list("slug", flat=True))
        slug, suffix = base, 1
        while slug in taken:
            suffix += 1
            slug = f"{base}-{suffix}"
        return slug

    def _fill_pinyin_slug(self):
        # Without a tree position (the add form validates before the page is placed) siblings are
        # unknown: the slug is converted when the page is saved into the tree, which cleans again.
        if needs_pinyin(self.slug) and self.path:
            base = pinyin_slug(self.title, person_name=self._title_is_person_name())
            if base:
                self.slug = self._unique_among_siblings(base)

    def full_clean(self, *args, **kwargs):
        self._fill_pinyin_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        # What Page.save() runs for a draft (the add form) instead of full_clean().
        self._fill_pinyin_slug()
        super().minimal_clean()
