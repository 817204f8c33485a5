"""Undo the tricks spammers use to slip banned words past a literal search.

Two views of a text are built, each with a map back to offsets in the original, so that a
finding can quote exactly what the editor typed:

- `light`: NFKC (full-width letters and digits, CJK compatibility ideographs, Kangxi radicals
  become their ordinary forms), case-folded, invisible characters dropped, Cyrillic and Greek
  look-alikes mapped to Latin, and the traditional forms of the characters our terms use mapped
  to simplified ones. Used for URLs and for word boundaries of Latin terms.
- `skeleton`: `light` keeping only letters and digits, so that "六 合 彩", "百.家.乐" and
  "百<span></span>家乐" all read as one word. Terms are matched here.
"""

import functools
import unicodedata
from dataclasses import dataclass

# Format characters (category Cf: zero-width space/joiners, BOM, bidi controls, soft hyphen,
# tags) are dropped by category; these are the invisible ones in other categories.
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


def is_invisible(char):
    if char in _INVISIBLE or unicodedata.category(char) == "Cf":
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _VARIATION_SELECTORS)


@functools.lru_cache(maxsize=8192)
def _fold_char(char):
    if is_invisible(char):
        return ""
    folded = unicodedata.normalize("NFKC", char).casefold()
    return "".join(c for c in folded if not is_invisible(c)).translate(_HOMOGLYPHS).translate(_TRADITIONAL)


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
