"""One pass over an HTML document: the text a reader (or a search engine) sees, each character
with its offset in the source, and every element with what hides it.

The standard library parser is used because it never fails on broken markup and reports
positions; defacements are rarely well-formed."""

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
# Elements that end a line of text: the indicator layer weighs words on one line together.
BLOCK_ELEMENTS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "footer"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section"}
    | {"table", "td", "th", "tr", "ul"}
)
# Attributes whose text people read or crawlers index, besides element content.
TEXT_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "content"}
# Elements whose content is not prose.
NON_TEXT_ELEMENTS = {"style"}

_DECLARATION = re.compile(r"\s*([a-z-]+)\s*:\s*([^;]+)", re.IGNORECASE)
_LENGTH = re.compile(r"^(-?\d*\.?\d+)\s*(px|em|rem|pt|%|vw|vh|cm|mm|in)?$")
_FAR_OFF = {"px": 500, "pt": 400, "em": 40, "rem": 40, "%": 100, "vw": 100, "vh": 100, "cm": 15, "mm": 150, "in": 6}


@dataclass
class Element:
    tag: str
    attrs: dict
    offset: int
    source: str  # the start tag as written
    hidden: str = ""  # why it (or an ancestor) is hidden, empty when visible
    aria_hidden: bool = False
    text: list = field(default_factory=list)


@dataclass
class ParsedHtml:
    source: str
    text: str
    offsets: list  # text index -> source offset
    elements: list


def _length(value):
    match = _LENGTH.match(value.strip().lower())
    if not match:
        return None
    return float(match.group(1)), match.group(2) or "px"


def _colour(value):
    return re.sub(r"\s+", "", value.lower()).replace("!important", "")


def hiding_style(style):
    """Why an inline style hides an element from sight, or ""."""
    declarations = {name.lower(): value.strip().lower() for name, value in _DECLARATION.findall(style or "")}
    if declarations.get("display", "").startswith("none"):
        return "display:none"
    if declarations.get("visibility", "").startswith(("hidden", "collapse")):
        return "visibility:hidden"
    for name in ("width", "height", "max-width", "max-height", "font-size", "line-height", "opacity"):
        length = _length(declarations.get(name, "x"))
        if length is not None and length[0] == 0 and (name != "line-height" or "overflow" in declarations):
            return f"{name}:0"
    for name in ("left", "top", "right", "margin-left", "margin-top", "text-indent"):
        length = _length(declarations.get(name, "x"))
        if length is not None and length[0] <= -_FAR_OFF[length[1]]:
            return f"{name}:{declarations[name]}"
    if "clip" in declarations and re.search(r"rect\(\s*0", declarations["clip"]):
        return "clip"
    colour = declarations.get("color")
    background = declarations.get("background-color") or declarations.get("background")
    if colour and background and _colour(colour) == _colour(background):
        return "color=background"
    return ""


class _Walker(HTMLParser):
    def __init__(self, source):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0]
        for match in re.finditer("\n", source):
            self.line_starts.append(match.end())
        self.chars, self.offsets, self.elements, self.stack = [], [], [], []

    def _offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _emit(self, text, offset, step=True):
        if self.stack and self.stack[-1].tag in NON_TEXT_ELEMENTS:
            return
        for index, char in enumerate(text):
            self.chars.append(char)
            self.offsets.append(offset + index if step else offset)
        for element in self.stack:
            if element.tag in ("a", "script"):
                element.text.append(text)

    def handle_starttag(self, tag, attrs):
        offset = self._offset()
        values = {name.lower(): (value or "") for name, value in attrs}
        parent = self.stack[-1] if self.stack else None
        hidden = parent.hidden if parent else ""
        if not hidden:
            hidden = "hidden" if "hidden" in values and tag != "input" else hiding_style(values.get("style"))
        aria_hidden = (parent.aria_hidden if parent else False) or values.get("aria-hidden", "").lower() == "true"
        element = Element(tag, values, offset, self.get_starttag_text() or "", hidden, aria_hidden)
        self.elements.append(element)
        self._emit("\n" if tag in BLOCK_ELEMENTS else " ", offset, step=False)
        for name in TEXT_ATTRIBUTES & values.keys():
            self._emit(values[name] + " ", offset, step=False)
        if tag not in VOID_ELEMENTS:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS and self.stack and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                break
        self._emit("\n" if tag in BLOCK_ELEMENTS else " ", self._offset(), step=False)

    def parse_html_declaration(self, i):
        # Python's parser asserts on malformed "<![" sections (XSS probes use them); a browser
        # reads them as a bogus comment, and so do we: to the next ">".
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return end + 1 if end >= 0 else -1

    def handle_data(self, data):
        self._emit(data, self._offset())

    def handle_entityref(self, name):
        self._emit(unescape(f"&{name};"), self._offset(), step=False)

    def handle_charref(self, name):
        self._emit(unescape(f"&#{name};"), self._offset(), step=False)


def parse_html(source):
    walker = _Walker(source)
    try:
        walker.feed(source)
        walker.close()
    except AssertionError:
        # Whatever the parser could not take is still text someone may read.
        rest = walker.rawdata
        walker._emit(rest, len(source) - len(rest))
    return ParsedHtml(source, "".join(walker.chars), walker.offsets, walker.elements)
