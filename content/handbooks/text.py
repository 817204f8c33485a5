"""Rich text to plain paragraphs and bullet lists, for the print edition."""

from bs4 import BeautifulSoup, NavigableString

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div"}


def _text(element):
    return " ".join(element.get_text(" ", strip=True).split())


def rich_text_parts(html):
    """[("para", text) | ("bullets", [text, ...]) | ("numbered", [text, ...])] in document order."""
    soup = BeautifulSoup(html or "", "html.parser")
    parts = []
    for element in soup.children:
        if isinstance(element, NavigableString):
            text = " ".join(str(element).split())
            if text:
                parts.append(("para", text))
            continue
        if element.name in ("ul", "ol"):
            items = [_text(li) for li in element.find_all("li")]
            items = [item for item in items if item]
            if items:
                parts.append(("numbered" if element.name == "ol" else "bullets", items))
        elif element.name == "br":
            continue
        else:
            text = _text(element)
            if text:
                parts.append(("para", text))
    return parts
