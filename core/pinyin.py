"""Pinyin as citizens type it: run together (laojiuxiaoqu), as initials (ljfl), or mixed (lajifl).

The index holds the pinyin of every Chinese word run together (老旧 → laojiu) and, for longer
words and pairs of adjacent words, their initials (垃圾分类 → ljfl, 老旧 小区 → ljxq;
core/chinese.py). A typed Latin run is read here as one of those:

- **full pinyin**: cut into syllables, then grouped into words of a lexicon (jieba's dictionary
  above a frequency, plus the local terms and editors' synonyms) so the groups are the tokens
  the index holds: laojiuxiaoqu → laojiu xiaoqu.
- **initials**: a run that is not all syllables but reads as syllables and single initials
  (la ji f l) becomes the first letters, ljfl; at least MIN_INITIALS of them, because two
  letters would match most of the site.

The same lexicon turns the pinyin of a query with a same-sound typo back into characters for
the "did you mean" suggestion (垃圾分累 → lajifenlei → 垃圾分类)."""

import math
import os
import threading
from functools import lru_cache

import jieba
from pypinyin import Style, lazy_pinyin, pinyin
from pypinyin.pinyin_dict import pinyin_dict

# Initials read as such from this many letters: "wm" would match every page with 文明, 为民, 问卖…
MIN_INITIALS = 3
# jieba's dictionary words at least this frequent join the lexicon (~30,000 words, ~0.8 s per
# process, once); the local terms and synonyms always do.
LEXICON_MIN_FREQUENCY = 100
# Words longer than this (in syllables) are not looked for inside a pinyin run.
LONGEST_WORD = 8
# The cost of two syllables that spell no known word, against 1 for a word and 2 per lone syllable.
UNKNOWN_PAIR = 1.5
INITIAL_LETTERS = frozenset("bpmfdtnlgkhjqxzcsryw")

_lock = threading.Lock()
_lexicon = None


@lru_cache(maxsize=1)
def syllables():
    """Every toneless syllable pypinyin knows (without the vowel-less interjections m, n, ng, hm:
    those letters are initials when typed alone)."""
    found = set()
    for code in pinyin_dict:
        for reading in pinyin(chr(code), style=Style.NORMAL, heteronym=True, errors="ignore"):
            for syllable in reading:
                if syllable.isascii() and syllable.isalpha() and any(v in syllable for v in "aeiouv"):
                    found.add(syllable.lower())
    return frozenset(found)


def initials(word):
    """First letters of a Chinese word's syllables: 垃圾分类 → ljfl."""
    return "".join(lazy_pinyin(word, style=Style.FIRST_LETTER, errors="ignore")).lower()


def spelled(word):
    return "".join(lazy_pinyin(word, style=Style.NORMAL, errors="ignore")).lower()


class Lexicon:
    """Toneless pinyin → the Chinese words it spells, with a score per word (higher: likelier)."""

    def __init__(self, base=None):
        self.base = base
        self.words = {}  # pinyin → {word: score}

    def add(self, word, score):
        if len(word) < 2 or not all("\u3400" <= ch <= "\u9fff" for ch in word):
            return
        key = spelled(word)
        if key:
            entry = self.words.setdefault(key, {})
            entry[word] = max(entry.get(word, 0.0), score)

    def _entry(self, key):
        own = self.words.get(key, {})
        return {**self.base._entry(key), **own} if self.base is not None else own

    def score(self, key):
        entry = self._entry(key)
        return max(entry.values()) if entry else None

    def candidates(self, key):
        entry = self._entry(key)
        return sorted(entry, key=lambda w: -entry[w])

    def extended(self, words, score=100.0):
        """This lexicon with more words (the editors' synonyms), without copying it."""
        overlay = Lexicon(base=self)
        for word in words:
            overlay.add(word, score)
        return overlay


def _jieba_words(path, min_frequency):
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) >= min_frequency:
                yield parts[0], int(parts[1])


def lexicon(local_terms_file):
    """The process's lexicon: jieba's frequent words and the local terms (built once)."""
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                built = Lexicon()
                dictionary = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
                for word, frequency in _jieba_words(dictionary, LEXICON_MIN_FREQUENCY):
                    built.add(word, math.log(frequency))
                # Local terms outrank any general word of the same sound (in the site's words).
                for word, _frequency in _jieba_words(local_terms_file, 0):
                    built.add(word, 100.0)
                _lexicon = built
    return _lexicon


def _split(text, units):
    """The fewest `units` (a set of strings) that spell `text` exactly, or None."""
    n = len(text)
    best = [None] * (n + 1)
    best[0] = []
    longest = max(map(len, units))
    for end in range(1, n + 1):
        for start in range(max(0, end - longest), end):
            piece = text[start:end]
            if best[start] is not None and piece in units:
                candidate = best[start] + [piece]
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    return best[n]


def split_syllables(text):
    """laojiuxiaoqu → [lao, jiu, xiao, qu]; None when the text is not all pinyin syllables."""
    return _split(text, syllables()) if text else None


def group_spans(parts, words):
    """Syllables grouped into the lexicon's words, fewest groups first, then the likelier words:
    [lao, jiu, xiao, qu] → [(0, 2), (2, 4)] (laojiu, xiaoqu). A syllable no word takes stays on
    its own and costs as much as two groups; two syllables no word spells cost UNKNOWN_PAIR
    (jieba finds words outside its dictionary, such as 老旧, and the index spells them too)."""
    n = len(parts)
    best = [None] * (n + 1)  # best[i] = (groups, -score, spans) for parts[:i]
    best[0] = (0, 0.0, [])
    for end in range(1, n + 1):
        for start in range(max(0, end - LONGEST_WORD), end):
            if best[start] is None:
                continue
            score = words.score("".join(parts[start:end]))
            if score is not None:
                weight = 1.0
            elif end - start == 2:
                weight = UNKNOWN_PAIR  # most Chinese words are two characters, dictionary or not
            elif end - start == 1:
                weight = 2.0
            else:
                continue
            groups, cost, spans = best[start]
            candidate = (groups + weight, cost - (score or 0.0), [*spans, (start, end)])
            if best[end] is None or candidate[:2] < best[end][:2]:
                best[end] = candidate
    return best[n][2]


def group_words(parts, words):
    return ["".join(parts[start:end]) for start, end in group_spans(parts, words)]


def read_latin(token, words):
    """What a typed Latin run stands for: ("pinyin", [words' pinyin]), ("initials", "ljfl"), or
    None for anything else (an English word, a code, digits)."""
    if not token.isascii() or not token.isalpha() or len(token) < 2:
        return None
    parts = split_syllables(token)
    if parts:
        return "pinyin", group_words(parts, words)
    units = _split(token, syllables() | INITIAL_LETTERS)
    if units and len(units) >= MIN_INITIALS:
        return "initials", "".join(unit[0] for unit in units)
    return None


def respell(text, words, index_words=None):
    """A query's Chinese characters read by their sound: (index words of that sound, the query
    written with `words`' likeliest words of that sound, keeping as many of the typed characters
    as possible): 垃圾分累 → (["lajifenlei"], "垃圾分类"). Anything else is kept as typed.

    The words searched are grouped by `index_words` (the index's vocabulary, default `words`):
    a lexicon with the editors' synonyms may join syllables into a phrase the index never holds
    as one word (老旧小区), which is right for the suggestion but would find nothing."""
    index_words = index_words or words
    tokens, written, run = [], [], []

    def close_run():
        if not run:
            return
        sounds = [spelled(ch) for ch in run]
        for start, end in group_spans(sounds, index_words):
            single = end - start == 1
            tokens.append(run[start] if single else "".join(sounds[start:end]))
        for start, end in group_spans(sounds, words):
            typed = "".join(run[start:end])
            options = [w for w in words.candidates("".join(sounds[start:end])) if len(w) == len(typed)]
            if end - start > 1 and options and typed not in options:
                # max() keeps the first (likeliest) of equally close words.
                written.append(max(options, key=lambda w: sum(a == b for a, b in zip(w, typed, strict=True))))
            else:
                written.append(typed)
        run.clear()

    for ch in text:
        if "\u3400" <= ch <= "\u9fff" and spelled(ch):
            run.append(ch)
        else:
            close_run()
            written.append(ch)
            if ch.strip():
                tokens.append(ch)
    close_run()
    return tokens, "".join(written)
