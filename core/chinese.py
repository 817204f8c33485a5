"""Chinese text for the search index and for queries, segmented the same way on both sides.

The database backends treat a run of Chinese characters as a single token, so "交通" never
matches "开展文明交通专项整治行动". Both the indexed text and the query are therefore cut into
words with jieba (with a dictionary of local terms shipped in core/data/), and every indexed
Chinese word also gets its pinyin, so "wenming" finds 文明. Queries are converted from
traditional to simplified characters and lose question words ("哪里可以推荐好人" → 推荐 好人).
"""

import itertools
import re
import threading
from functools import lru_cache
from pathlib import Path

import jieba
from pypinyin import Style, lazy_pinyin

from core import pinyin as typed_pinyin

DATA = Path(__file__).resolve().parent / "data"
USER_DICT = DATA / "local_terms.txt"
STOP_WORDS_FILE = DATA / "stop_words.txt"

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A token worth indexing: Chinese, Latin letters or digits. Punctuation and spaces are not.
_WORDISH = re.compile(r"[\w\u3400-\u9fff]", re.UNICODE)
_LATIN = re.compile(r"^[a-z0-9]+$")

_lock = threading.Lock()
_tokenizer = None


def tokenizer():
    """jieba's tokenizer with the local dictionary, built once per process (it takes ~1 s)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                jieba.setLogLevel(60)
                tok = jieba.Tokenizer()
                tok.load_userdict(str(USER_DICT))
                _tokenizer = tok
    return _tokenizer


@lru_cache(maxsize=1)
def stop_words():
    lines = STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text):
    return _converter().convert(text) if _HAN.search(text or "") else text


def has_han(text):
    return bool(_HAN.search(text or ""))


@lru_cache(maxsize=20000)
def pinyin(word):
    """Full-syllable pinyin of a Chinese word, run together: 文明 → wenming."""
    return "".join(lazy_pinyin(word, style=Style.NORMAL, errors="ignore")).lower()


def _words(tokens):
    return [t.strip() for t in tokens if t.strip() and _WORDISH.search(t)]


def index_text(text):
    """The segmented copy of a field's text that goes into the index.

    Search mode also emits the parts of long words (专项整治 → 专项, 整治, 专项整治), so a
    query for either part matches. The pinyin of each distinct Chinese word is appended once."""
    if not text:
        return ""
    words = _words(tokenizer().cut_for_search(text))
    seen = set()
    spelled = []
    for word in words:
        if word not in seen and has_han(word) and len(word) > 1:
            seen.add(word)
            spelled.append(pinyin(word))
    return " ".join(words + spelled + _initials(text, seen))


def _is_chinese_word(word):
    return bool(word) and all(_HAN.match(ch) for ch in word)


def _initials(text, words):
    """Initials of the words and of adjacent word pairs spanning at least MIN_INITIALS characters
    (垃圾分类 → ljfl; 老旧 小区 → ljxq): what a citizen types as initials. Shorter ones would
    be matched by too much to be worth storing."""
    found = {typed_pinyin.initials(w) for w in words if len(w) >= typed_pinyin.MIN_INITIALS}
    cut = [w for w in tokenizer().cut(text) if w.strip()]
    for first, second in itertools.pairwise(cut):
        pair = first + second
        if _is_chinese_word(first) and _is_chinese_word(second) and len(pair) >= typed_pinyin.MIN_INITIALS:
            found.add(typed_pinyin.initials(pair))
    return sorted(i for i in found if len(i) >= typed_pinyin.MIN_INITIALS)


@lru_cache(maxsize=4096)
def _query_terms(query):
    text = to_simplified(query).lower()
    words = _words(tokenizer().cut(text))
    kept = [w for w in words if w not in stop_words()]
    # A query made only of question words is still a query: keep it rather than return nothing.
    return tuple(kept or words)


def query_terms(query):
    """The words of a visitor's query, as the index holds them."""
    return list(_query_terms(query or ""))


def highlight_terms(query):
    """Terms to mark in snippets: the query's words, and for a pinyin word nothing to mark."""
    return [t for t in query_terms(query) if not _LATIN.match(t) or len(t) > 1]


class Thesaurus:
    """Editors' synonyms as the query side needs them: each term (simplified, lower case) → the
    other terms of its set, and the lexicon that knows their sound. `key` changes with the rows,
    so cached readings of a query never outlive an edit."""

    def __init__(self, sets=(), key="none"):
        self.key = key
        self.terms = {}
        for terms in sets:
            clean = [to_simplified(t).strip().lower() for t in terms]
            clean = [t for t in dict.fromkeys(clean) if t]
            for term in clean:
                others = [t for t in clean if t != term]
                self.terms[term] = tuple(dict.fromkeys([*self.terms.get(term, ()), *others]))
        self.longest = max(map(len, self.terms), default=0)
        self._lexicon = None

    @property
    def index_lexicon(self):
        """The words the index holds as one token: jieba's and the local terms, not the synonyms
        (their phrases are cut like any text: 老旧小区 is 老旧 小区 in the index)."""
        return typed_pinyin.lexicon(USER_DICT)

    @property
    def lexicon(self):
        if self._lexicon is None:
            base = typed_pinyin.lexicon(USER_DICT)
            self._lexicon = base.extended(t for t in self.terms if has_han(t)) if self.terms else base
        return self._lexicon

    def spans(self, text):
        """The text cut into (piece, is_synonym_term) with the longest terms matched first."""
        pieces, gap, i = [], "", 0
        while i < len(text):
            for length in range(min(self.longest, len(text) - i), 1, -1):
                if text[i : i + length] in self.terms:
                    if gap:
                        pieces.append((gap, False))
                        gap = ""
                    pieces.append((text[i : i + length], True))
                    i += length
                    break
            else:
                gap += text[i]
                i += 1
        if gap:
            pieces.append((gap, False))
        return pieces


NO_SYNONYMS = Thesaurus()


def _plain_words(text):
    words = _words(tokenizer().cut(text))
    return [w for w in words if w not in stop_words()]


def _joined_syllables(words):
    """Pinyin typed syllable by syllable (lao jiu xiao qu) read as one run, as it was meant."""
    out = []
    for word in words:
        single = _LATIN.match(word) and word in typed_pinyin.syllables()
        if single and out and out[-1][1]:
            out[-1] = (out[-1][0] + word, True)
        else:
            out.append((word, bool(single)))
    return [word for word, _ in out]


def _latin_alternatives(word, lexicon):
    reading = typed_pinyin.read_latin(word, lexicon)
    alternatives = [(word,)]
    if reading and reading[0] == "pinyin":
        alternatives.append(tuple(reading[1]))
    elif reading:
        alternatives.append((reading[1],))
    return tuple(dict.fromkeys(alternatives))


@lru_cache(maxsize=4096)
def _query_groups(query, thesaurus_key, thesaurus):
    text = to_simplified(query).lower()
    groups = []
    for piece, is_term in thesaurus.spans(text):
        if is_term:
            alternatives = [tuple(_plain_words(t) or [t]) for t in (piece, *thesaurus.terms[piece])]
            groups.append(tuple(dict.fromkeys(a for a in alternatives if a)))
            continue
        for word in _joined_syllables(_plain_words(piece)):
            if _LATIN.match(word):
                groups.append(_latin_alternatives(word, thesaurus.index_lexicon))
            else:
                groups.append(((word,),))
    if not groups:
        # A query made only of question words is still a query (as query_terms).
        groups = [((w,),) for w in _words(tokenizer().cut(text))]
    return tuple(groups)


def query_groups(query, thesaurus=NO_SYNONYMS):
    """The query as the index can answer it: a tuple of groups that must all match; a group is a
    tuple of alternatives (any one matches), an alternative a tuple of index words (all match).

    垃圾分类 → (((垃圾分类,),),); laojiuxiaoqu → (((laojiuxiaoqu,), (laojiu, xiaoqu)),);
    城管 with the synonym 城市管理综合执法 → (((城管,), (城市, 管理, 综合执法)),). Question words
    are dropped before anything else."""
    return _query_groups(query or "", thesaurus.key, thesaurus)


def group_words(groups):
    """Every index word of the groups (for highlighting and the log)."""
    return [w for group in groups for alternative in group for w in alternative]


def phonetic_groups(query, thesaurus=NO_SYNONYMS):
    """The query read by its sound, for a typo of the same sound (垃圾分累): (groups, respelt
    query). Latin words are kept; stop words are gone, as in query_groups."""
    lexicon, index_lexicon = thesaurus.lexicon, thesaurus.index_lexicon
    kept = _plain_words(to_simplified(query or "").lower())
    tokens, written = [], []
    for word in kept:
        if has_han(word):
            sound, spelt = typed_pinyin.respell(word, lexicon, index_lexicon)
            tokens.extend(sound)
            written.append(spelt)
        else:
            tokens.append(word)
            written.append(word)
    # Adjacent words respelt together: 分累 after 垃圾 is one word by sound.
    if kept and all(has_han(w) for w in kept):
        tokens, spelt = typed_pinyin.respell("".join(kept), lexicon, index_lexicon)
        written = [spelt]
    typed = "".join(kept)
    respelt = "".join(written)
    return tuple(((t,),) for t in tokens), (respelt if respelt != typed else "")
