"""Undo the tricks spammers use to slip banned words past a literal search.

Two views of a text are built, each with a map back to offsets in the original, so that a
finding can quote exactly what the editor typed:

- `light`: NFKC (full-width letters and digits, CJK compatibility ideographs, Kangxi radicals
  become their ordinary forms), case-folded, invisible characters dropped, Cyrillic and Greek
  look-alikes mapped to Latin, and traditional characters and the Japanese forms of Chinese
  characters (楽, 娯, 戸, 総, 亜 …) mapped to simplified ones. Used for URLs and for word
  boundaries of Latin terms.
- `skeleton`: `light` keeping only letters and digits, so that "六 合 彩", "百.家.乐" and
  "百<span></span>家乐" all read as one word. Terms are matched here.
- `tight` (computed when asked): `skeleton` without the one or two Latin letters or digits that
  stand between two Chinese characters, so that "百A家B乐" and "刷x单x返x利" read as words too.
"""

import functools
import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# Format characters (category Cf: zero-width space/joiners, BOM, bidi controls, soft hyphen,
# tags) and control characters other than white space (Cc: NUL …) are dropped by category;
# these are the invisible ones in other categories.
_INVISIBLE = {
    "\u034f",  # combining grapheme joiner
    "\u115f",
    "\u1160",
    "\u3164",
    "\uffa0",  # Hangul fillers, rendered blank
    "\u180b",
    "\u180c",
    "\u180d",
    "\u180e",  # Mongolian variation selectors and vowel separator
}
_VARIATION_SELECTORS = [(0xFE00, 0xFE0F), (0xE0100, 0xE01EF)]

# Letters that render like Latin ones in common fonts (after case folding).
_HOMOGLYPHS = str.maketrans(
    {
        # Cyrillic
        "а": "a",
        "в": "b",
        "е": "e",
        "ё": "e",
        "һ": "h",
        "н": "h",
        "і": "i",
        "ї": "i",
        "ј": "j",
        "к": "k",
        "м": "m",
        "о": "o",
        "р": "p",
        "ԛ": "q",
        "с": "c",
        "ѕ": "s",
        "т": "t",
        "у": "y",
        "х": "x",
        "ԁ": "d",
        "ԝ": "w",
        "ɡ": "g",
        # Greek
        "α": "a",
        "β": "b",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "ω": "w",
        "ζ": "z",
        # Latin small capitals and dotless i
        "ı": "i",
        "ʙ": "b",
        "ᴇ": "e",
        "ᴛ": "t",
        "ᴏ": "o",
    }
)

# Traditional (and a few variant) forms of the characters that occur in banned terms. A full
# converter would be a dependency for a handful of characters.
_TRADITIONAL = str.maketrans(
    dict(
        zip(
            "賭場樂時門陽體娛現開戶發連鏈羣單辦證貸黃線網賽馬機註冊優電競買賠碼幣鬥約視頻職貼錢贏輸搖虛擬穢裝"
            "點擊號員臺台傳聯繫實區價廣告樣權錄遊戲魚館緣覽內鳳務費極刪類專屬獎勵彩釆",
            "赌场乐时门阳体娱现开户发连链群单办证贷黄线网赛马机注册优电竞买赔码币斗约视频职贴钱赢输摇虚拟秽装"
            "点击号员台台传联系实区价广告样权录游戏鱼馆缘览内凤务费极删类专属奖励彩彩",
            strict=True,
        )
    )
)


# Variants neither OpenCC table below maps: the Japanese 娯 (娛) and the old 亰 (京) of 新葡亰.
_EXTRA_VARIANTS = {"娯": "娱", "亰": "京"}


@functools.lru_cache(maxsize=1)
def _variant_table():
    """Traditional characters and the Japanese shinjitai of Chinese characters -> simplified, from
    OpenCC's character tables (shipped with opencc-python-reimplemented, already a dependency).

    Only characters outside GB2312, the simplified standard, are mapped: a character a
    simplified text uses on its own (沪, 芸, 予 are also Japanese forms of other characters)
    keeps its meaning."""
    table = dict(_EXTRA_VARIANTS)
    spec = importlib.util.find_spec("opencc")
    folder = Path(next(iter(spec.submodule_search_locations))) / "dictionary" if spec else None
    if folder is None or not (folder / "TSCharacters.txt").exists():
        return table
    simplified = {}
    for line in (folder / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        source, _tab, targets = line.partition("\t")
        if source and targets:
            simplified[source] = targets.split()[0]
    japanese = {}
    for line in (folder / "JPVariants.txt").read_text(encoding="utf-8").splitlines():
        traditional, _tab, variants = line.partition("\t")
        for variant in variants.split():
            japanese.setdefault(variant, simplified.get(traditional, traditional))
    for source, target in [*simplified.items(), *japanese.items()]:
        if len(source) == 1 and source != target and not _in_gb2312(source):
            table.setdefault(source, target)
    return table


def _in_gb2312(char):
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


_HAN = "\u3400-\u9fff\uf900-\ufaff"
_SEPARATOR = re.compile(f"(?<=[{_HAN}])[a-z0-9]{{1,2}}(?=[{_HAN}])")


def is_han(char):
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def is_invisible(char):
    category = unicodedata.category(char)
    if char in _INVISIBLE or category == "Cf" or (category == "Cc" and char not in "\t\n\r\x0b\x0c"):
        return True  # format and control characters: zero-width joiners, NUL between letters
    code = ord(char)
    return any(low <= code <= high for low, high in _VARIATION_SELECTORS)


@functools.lru_cache(maxsize=8192)
def _fold_char(char):
    if is_invisible(char):
        return ""
    folded = unicodedata.normalize("NFKC", char).casefold()
    folded = "".join(c for c in folded if not is_invisible(c)).translate(_HOMOGLYPHS).translate(_TRADITIONAL)
    variants = _variant_table()
    return "".join(variants.get(c, c) for c in folded)


@dataclass(frozen=True)
class Normalised:
    original: str
    light: str
    light_map: list  # light index -> original index
    skeleton: str
    skeleton_map: list  # skeleton index -> light index

    def original_span(self, start, end):
        """Original offsets of skeleton[start:end]."""
        first = self.light_map[self.skeleton_map[start]]
        last = self.light_map[self.skeleton_map[end - 1]]
        # A character may have been expanded by NFKC; the span ends after its original.
        return first, last + 1

    def light_before(self, start):
        """The light character just before skeleton[start], or ""."""
        index = self.skeleton_map[start]
        return self.light[index - 1] if index else ""

    def light_after(self, end):
        index = self.skeleton_map[end - 1] + 1
        return self.light[index] if index < len(self.light) else ""

    @functools.cached_property
    def tight(self):
        """(skeleton without Latin letters or digits used as separators, map to skeleton indexes):
        a run of one or two of them between two Chinese characters is dropped (百A家B乐)."""
        skeleton = self.skeleton
        separators = list(_SEPARATOR.finditer(skeleton))
        if not separators:
            return skeleton, range(len(skeleton))
        parts, index_map, position = [], [], 0
        for match in separators:
            parts.append(skeleton[position : match.start()])
            index_map.extend(range(position, match.start()))
            position = match.end()
        parts.append(skeleton[position:])
        index_map.extend(range(position, len(skeleton)))
        return "".join(parts), index_map


def fold(text):
    """Light normalisation of a short string (a term, a host name), without the maps."""
    return normalise(text).light


def normalise(text):
    light, light_map = [], []
    fold_char = _fold_char
    for position, char in enumerate(text):
        folded = fold_char(char)
        if len(folded) == 1:
            light.append(folded)
            light_map.append(position)
        elif folded:
            light.extend(folded)
            light_map.extend([position] * len(folded))
    light = "".join(light)
    skeleton, skeleton_map = [], []
    for index, char in enumerate(light):
        if char.isalnum():
            skeleton.append(char)
            skeleton_map.append(index)
    return Normalised(text, light, light_map, "".join(skeleton), skeleton_map)
