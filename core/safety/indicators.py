"""Indicator patterns: spam no term list names yet, judged by the words around it.

New gambling brands and new phrasing appear every week; the words that sell them do not change:
betting words (首存, 返水, 盘口 …), porn and fraud words (上门服务, 垫付, 日结 …), solicitation
(官网, 加微信, 扫码 …) and a way to get in touch (a mobile, QQ or WeChat id, a Telegram handle, a
short or off-list link). Each is a *signal* with a weight (indicators.json); signals close together
on one line form a group, and a group scoring over the threshold is a finding even when none of
its words is on the term list.

Signals come from three views of the text, all with offsets in the original:

- cues on the tight skeleton (normalise.py), so 百A家B乐 and 賭場 read as 百家乐 and 赌场; a brand
  shape is 2–4 Chinese characters before 娱乐/棋牌/彩票/国际 … ;
- contacts in the light text;
- pinyin: Latin words that spell a cue or a listed term (bai jia le, liuhecai, bǎi jiā lè).

A government warning quotes the scam's words ("凡是刷单返利都是诈骗"). Words with a warning word
on their line (警惕, 诈骗, 公安, 依法 …) are a quotation, not an offer, unless the line also
carries a way to reach the seller (a contact, an off-list link) or an override (唯一官网, 认准 …)."""

import bisect
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from core.safety.normalise import is_han, normalise

INDICATORS_FILE = Path(__file__).with_name("indicators.json")
CATEGORIES = ("gambling", "seo_spam", "pornography", "fraud")
#: Signals that say how to reach the seller; they lift a warning's protection.
REACHING = ("contact", "override")

# One expression per kind, each starting with a literal, so that the engine skips in C the
# positions where none can start (one alternation of them all was four times slower); what must
# not stand before one is checked afterwards (`_NOT_BEFORE`).
_CONTACTS = {
    name: re.compile(pattern)
    for name, pattern in {
        "mobile": r"1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])",
        "qq": r"(?:qq|扣扣|企鹅|加q|q号|q群)\s*(?:号码|号|群)?\s*:?\s*[1-9][0-9]{4,11}(?![0-9])",
        "wechat": r"(?:微信|薇信|威信|徽信|v信|加v|加微|加薇|vx|wx|weixin|wechat|v)\s*号?\s*:?\s*"
        r"(?:[a-z][a-z0-9_-]{3,19}|[0-9]{5,12})(?![a-z0-9_-])",
        "telegram": r"(?:tg|telegram|纸飞机|飞机|电报)\s*:?\s*@?[a-z][a-z0-9_]{3,31}",
        "handle": r"@[a-z][a-z0-9_]{3,31}(?![a-z0-9_.@])",
        "short": r"(?:t\.me|wa\.me|bit\.ly|t\.cn|url\.cn|dwz\.cn|suo\.im|tinyurl\.com)/[a-z0-9_/+-]+",
    }.items()
}
_NOT_BEFORE = {
    "mobile": "0123456789",
    "wechat": "abcdefghijklmnopqrstuvwxyz",
    "telegram": "abcdefghijklmnopqrstuvwxyz",
    "handle": "abcdefghijklmnopqrstuvwxyz0123456789._%+-",
    "short": "abcdefghijklmnopqrstuvwxyz0123456789.-",
}
_LATIN_WORD = re.compile(r"[a-z]+")
_WORD_JOINERS = set(" \t-_'.·")
_URL_OR_EMAIL = re.compile(r"(?:(?:https?|ftp)://|www\.)\S+|[a-z0-9._%+-]+@[a-z0-9.-]+|[a-z0-9-]+(?:\.[a-z0-9-]+)+/\S*")


@dataclass(frozen=True)
class Signal:
    start: int  # offsets in the original text
    end: int
    kind: str  # cue, solicit, brand, warning, override, contact, term
    category: str  # for cues, brands and terms
    weight: int
    label: str


@dataclass(frozen=True)
class Group:
    category: str
    start: int
    end: int
    score: int
    labels: tuple


@functools.lru_cache(maxsize=1)
def lexicon():
    data = json.loads(INDICATORS_FILE.read_text(encoding="utf-8"))
    entries = {}  # skeleton form -> (kind, category, weight)
    for category, cues in data["cues"].items():
        kind = "solicit" if category == "solicit" else "cue"
        for cue, weight in cues.items():
            entries[normalise(cue).skeleton] = (kind, "" if kind == "solicit" else category, weight)
    for word in data["warnings"]:
        entries.setdefault(normalise(word).skeleton, ("warning", "", 0))
    for word in data["overrides"]:
        entries[normalise(word).skeleton] = ("override", "", 0)
    # Words with Latin letters (被k, 加v, 下载app) and the patterns are matched on the skeleton:
    # the tight view drops a letter or two digits between two Chinese characters. The others on
    # the tight view.
    words = {"tight": [], "skeleton": []}
    for text in entries:
        words["skeleton" if any(char.isascii() for char in text) else "tight"].append(text)
    # Each pattern on its own: an expression starting with a literal is searched for in C, one
    # starting with a named group is tried at every position.
    patterns = []
    for category, listed in data["cue_patterns"].items():
        kind = "solicit" if category == "solicit" else "cue"
        for pattern, weight in listed:
            patterns.append((re.compile(pattern), (kind, "" if kind == "solicit" else category, weight)))
    views = {
        "tight": re.compile(trie_pattern(words["tight"])),
        "skeleton": re.compile(trie_pattern(words["skeleton"])),
    }
    suffixes = data["brand_suffixes"]
    brand = re.compile("|".join(sorted(suffixes, key=len, reverse=True)))
    pinyin = {key.replace(" ", ""): (han, len(key.split())) for key, han in data["pinyin"].items()}
    return {
        "views": views,
        "patterns": patterns,
        "brand": brand,
        "brand_weights": suffixes,
        "pinyin": pinyin,
        "pinyin_longest": max(map(len, pinyin)),
        "cue_of": entries,
        **{key: data[key] for key in ("threshold", "category_minimum", "gap", "warning_reach")},
    }


def trie_pattern(words):
    """One regular expression matching any of `words`, longest first, factored by common prefix
    (下注|下分|下载app -> 下(?:注|分|载app)): Python's engine then tries one branch per position
    instead of every word, and skips in C the positions where no word can start."""
    trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node):
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie) or "(?!)"


# Pinyin tone marks, read as the plain letter (bǎi jiā lè is bai jia le).
_TONE_MARK = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]")
_TONELESS = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuuuuuunnnm")


class Indicators:
    """The signals of one text (`norm` is its `normalise` result) and what they add up to.

    `terms` maps each listed term (skeleton form) to its category: a pinyin spelling of three or
    more syllables of one is a finding on its own, as the term would be. `links` are (start, end)
    of the off-list links the scanner found in the text, counted as contacts."""

    def __init__(self, norm, terms, links=()):
        self.norm = norm
        self.text = norm.original
        self.lex = lexicon()
        self.terms = terms
        self.signals = sorted(
            [
                *self._cues(),
                *self._contacts(),
                *self._pinyin(),
                *(Signal(start, end, "contact", "", 3, "link") for start, end in links),
            ],
            key=lambda signal: (signal.start, signal.end),
        )

    # --- collecting signals -----------------------------------------------------------------

    def _span(self, tight_map, start, end):
        return self.norm.original_span(tight_map[start], tight_map[end - 1] + 1)

    def _cues(self):
        tight, tight_map = self.norm.tight
        lex, found = self.lex, []
        brands = []
        for match in lex["brand"].finditer(tight):
            first = match.start()
            while first > 0 and match.start() - first < 4 and is_han(tight[first - 1]):
                first -= 1
            if match.start() - first >= 2:
                brands.append((match.start(), match.end()))
                start, end = self._span(tight_map, first, match.end())
                weight = lex["brand_weights"][match.group()]
                found.append(Signal(start, end, "brand", "gambling", weight, tight[first : match.end()]))
        skeleton, cue_of = self.norm.skeleton, lex["cue_of"]
        matches = [(match, tight_map, cue_of[match.group()]) for match in lex["views"]["tight"].finditer(tight)]
        matches += [(match, None, cue_of[match.group()]) for match in lex["views"]["skeleton"].finditer(skeleton)]
        for expression, rule in lex["patterns"]:
            matches += [(match, None, rule) for match in expression.finditer(skeleton)]
        for match, index_map, (kind, category, weight) in matches:
            if index_map is None:
                start, end = self.norm.original_span(match.start(), match.end())
            else:
                if kind in ("cue", "solicit") and any(s < match.end() and match.start() < e for s, e in brands):
                    continue  # 体育彩票: the brand shape already counts its ending
                start, end = self._span(index_map, match.start(), match.end())
            found.append(Signal(start, end, kind, category, weight, match.group()))
        return found

    def _contacts(self):
        norm, found = self.norm, []
        light = norm.light
        for kind, expression in _CONTACTS.items():
            for match in expression.finditer(light):
                if (
                    match.start()
                    and light[match.start() - 1] in _NOT_BEFORE.get(kind, "")
                    and (kind != "wechat" or light[match.start()].isascii())
                ):
                    continue  # part of a longer number or word: "avx", "e-mail@host"
                start = norm.light_map[match.start()]
                end = norm.light_map[match.end() - 1] + 1
                found.append(Signal(start, end, "contact", "", 3, kind))
        return found

    def _pinyin(self):
        """Latin words that spell a cue or a term, alone or run together (bai jia le, baijiale)."""
        plain = self.norm.light
        if _TONE_MARK.search(plain):
            plain = plain.translate(_TONELESS)
        words = list(_LATIN_WORD.finditer(plain))
        lex, found, index = self.lex, [], 0
        while index < len(words):
            joined, best = "", None
            for last in range(index, len(words)):
                if last > index:
                    between = plain[words[last - 1].end() : words[last].start()]
                    if len(between) > 3 or not set(between) <= _WORD_JOINERS:
                        break
                joined += words[last].group()
                if len(joined) > lex["pinyin_longest"]:
                    break
                if joined in lex["pinyin"]:
                    best = (last, joined)
            if best is None:
                index += 1
                continue
            last, joined = best
            han, syllables = lex["pinyin"][joined]
            start = self.norm.light_map[words[index].start()]
            end = self.norm.light_map[words[last].end() - 1] + 1
            label = f"{self.text[start:end]} ({han})"
            if syllables >= 3 and han in self.terms:
                found.append(Signal(start, end, "term", self.terms[han], 0, label))
            elif han in lex["cue_of"]:
                kind, category, weight = lex["cue_of"][han]
                if kind == "cue" and weight >= 3:
                    weight += 1  # spelling a betting or porn word in Latin letters is itself evasion
                found.append(Signal(start, end, kind, category, weight, label))
            index = last + 1
        if found:  # words of a URL or an e-mail address are not pinyin (www.duchang.gov.cn)
            hidden = [(m.start(), m.end()) for m in _URL_OR_EMAIL.finditer(self.norm.light)]
            found = [signal for signal in found if not any(s <= self._light_index(signal.start) < e for s, e in hidden)]
        return found

    def _light_index(self, original):
        return bisect.bisect_left(self.norm.light_map, original)

    # --- judging ----------------------------------------------------------------------------

    def quoted_warning(self, start, end):
        """Whether text[start:end] stands on a line with a warning word and nothing that reaches
        the seller, within `warning_reach` characters either side."""
        reach, text = self.lex["warning_reach"], self.text
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        low = max(line_start, start - reach)
        high = min(line_end if line_end >= 0 else len(text), end + reach)
        near = [s for s in self.signals if s.end > low and s.start < high]
        return any(s.kind == "warning" for s in near) and not any(s.kind in REACHING for s in near)

    def pinyin_terms(self):
        return [signal for signal in self.signals if signal.kind == "term"]

    def groups(self):
        """Groups of signals over the threshold, warnings quoted excepted."""
        lex, found, members = self.lex, [], []
        for signal in self.signals:
            if signal.kind in ("warning", "term"):
                continue
            if members and (
                signal.start - max(s.end for s in members) > lex["gap"]
                or "\n" in self.text[members[-1].end : signal.start]
            ):
                found.extend(self._judge(members))
                members = []
            members.append(signal)
        found.extend(self._judge(members))
        return found

    def _judge(self, members):
        lex = self.lex
        scores, strongest, labels, seen = dict.fromkeys(CATEGORIES, 0), dict.fromkeys(CATEGORIES, 0), [], set()
        brand = {}
        other = 0
        counted = []
        for signal in members:
            key = signal.label if signal.kind != "contact" else (signal.label, signal.start)
            if key in seen or any(
                kind == signal.kind and start < signal.end and signal.start < end for kind, start, end in counted
            ):
                continue  # a word once, and once only where a pattern and a word overlap (日入300, 日入)
            seen.add(key)
            counted.append((signal.kind, signal.start, signal.end))
            labels.append(signal.label if signal.kind != "contact" else self.text[signal.start : signal.end])
            if signal.kind == "brand":
                brand[signal.category] = max(brand.get(signal.category, 0), signal.weight)
            elif signal.kind == "cue":
                scores[signal.category] += signal.weight
                strongest[signal.category] = max(strongest[signal.category], signal.weight)
            else:
                other += signal.weight
        for category, weight in brand.items():
            scores[category] += weight
            strongest[category] = max(strongest[category], weight)
        category = max(CATEGORIES, key=lambda name: scores[name])
        score = scores[category] + other
        # Weak words only (棋牌 + 充值 + a phone number) are not enough: one must be strong.
        if strongest[category] < lex["category_minimum"] or score < lex["threshold"]:
            return []
        start, end = members[0].start, max(signal.end for signal in members)
        if self.quoted_warning(start, end):
            return []
        return [Group(category, start, end, score, tuple(labels))]
