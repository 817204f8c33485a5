"""Chinese text for the search index and for queries, segmented the same way on both sides.

The database backends treat a run of Chinese characters as a single token, so "交通" never
matches "开展文明交通专项整治行动". Both the indexed text and the query are therefore cut into
words with jieba (with a dictionary of local terms shipped in core/data/), and every indexed
Chinese word also gets its pinyin, so "wenming" finds 文明. Queries are converted from
traditional to simplified characters and lose question words ("哪里可以推荐好人" → 推荐 好人).
"""

import re
import threading
from functools import lru_cache
from pathlib import Path

import jieba
from pypinyin import Style, lazy_pinyin

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
    return " ".join(words + spelled)


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
