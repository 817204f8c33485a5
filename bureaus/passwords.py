"""The site-words password rule (core/passwords.py) with the bureaus' words added: each lead unit's
slug and its parts (gongan, xuanchuanbu, chengguan, zhifa) and its name in pinyin with initials
(市公安局 → shigonganju, sgaj), read from the directory the repository ships (bureaus/seed.py)."""

from functools import cache

from bureaus import seed
from core.passwords import SiteWordsValidator, pinyin_words


@cache
def bureau_words():
    words = set()
    for bureau in seed.bureaus():
        parts = bureau.slug.split("-")
        words.update([bureau.slug.replace("-", ""), *parts, *pinyin_words(bureau.name)])
    return tuple(sorted(w for w in words if len(w) >= 3))


class SiteAndBureauWordsValidator(SiteWordsValidator):
    def __init__(self, words=(), site_name=None):
        super().__init__(words=(*bureau_words(), *words), site_name=site_name)
