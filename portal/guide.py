"""The editor guide (docs/editor-guide.md) as HTML for the admin's help page.

A small subset of Markdown, enough for a guide and safe by construction: every character of the
source is escaped first, and only these constructs become markup: headings (## and ###, with
ids for the table of contents), paragraphs, bulleted and numbered lists (one nested level),
block quotes, pipe tables, **bold**, `code` and [links](…) to http(s), site-relative or #anchor
addresses. Anything else stays visible as the text it is. No dependency, no raw HTML."""

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

_HEADING = re.compile(r"^(#{1,4})\s+(.+?)\s*#*$")
_ITEM = re.compile(r"^( *)(?:([-*])|(\d+)[.)])\s+(.*)$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_SAFE_URL = re.compile(r"^(?:https?://[^\s\"'<>]+|/[^\s\"'<>]*|#[\w\-]+)$")


@dataclass
class Guide:
    title: str = ""
    html: str = ""
    sections: list = field(default_factory=list)  # (id, title) of each ## heading, for the contents


def _inline(text):
    """Escape `text`, then turn code spans, bold and safe links into markup."""
    parts = re.split(r"(`[^`]+`)", text)
    out = []
    for part in parts:
        if len(part) > 1 and part.startswith("`") and part.endswith("`"):
            out.append(f"<code>{escape(part[1:-1])}</code>")
            continue
        html = escape(part)
        html = _BOLD.sub(r"<strong>\1</strong>", html)
        html = _LINK.sub(_link, html)
        out.append(html)
    return "".join(out)


def _link(match):
    label, url = match.group(1), match.group(2).replace("&amp;", "&")
    if not _SAFE_URL.match(url):
        return match.group(0)
    external = url.startswith("http")
    rel = ' rel="noopener noreferrer"' if external else ""
    return f'<a href="{escape(url)}"{rel}>{label}</a>'


def _cells(row):
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


class _Renderer:
    def __init__(self):
        self.guide = Guide()
        self.out = []
        self.paragraph = []
        self.lists = []  # stack of (tag, indent)
        self.quote = []

    def flush_paragraph(self):
        if self.paragraph:
            self.out.append(f"<p>{_inline(' '.join(self.paragraph))}</p>")
            self.paragraph = []

    def close_lists(self, indent=-1):
        while self.lists and self.lists[-1][1] > indent:
            tag, _indent = self.lists.pop()
            self.out.append(f"</li></{tag}>")

    def flush_quote(self):
        if self.quote:
            self.out.append(f"<blockquote><p>{_inline(' '.join(self.quote))}</p></blockquote>")
            self.quote = []

    def flush(self):
        self.flush_paragraph()
        self.close_lists()
        self.flush_quote()

    def heading(self, level, text):
        self.flush()
        if level == 1 and not self.guide.title:
            self.guide.title = text
            return
        level = max(level, 2)
        anchor = f"section-{len(self.guide.sections) + 1}" if level == 2 else ""
        if anchor:
            self.guide.sections.append((anchor, text))
            self.out.append(f'<h2 id="{anchor}">{_inline(text)}</h2>')
        else:
            self.out.append(f"<h{level}>{_inline(text)}</h{level}>")

    def item(self, indent, ordered, text):
        self.flush_paragraph()
        self.flush_quote()
        tag = "ol" if ordered else "ul"
        if self.lists and indent > self.lists[-1][1] and len(self.lists) < 2:
            self.out.append(f"<{tag}><li>{_inline(text)}")
            self.lists.append((tag, indent))
            return
        self.close_lists(indent)
        if self.lists and self.lists[-1][0] == tag:
            self.out.append(f"</li><li>{_inline(text)}")
            return
        self.close_lists(-1 if not self.lists else self.lists[-1][1] - 1)
        self.out.append(f"<{tag}><li>{_inline(text)}")
        self.lists.append((tag, indent))

    def table(self, rows):
        self.flush()
        head, body = _cells(rows[0]), [_cells(row) for row in rows[2:]]
        html = ["<table><thead><tr>"]
        html += [f'<th scope="col">{_inline(cell)}</th>' for cell in head]
        html.append("</tr></thead><tbody>")
        for row in body:
            html.append("<tr>" + "".join(f"<td>{_inline(cell)}</td>" for cell in row) + "</tr>")
        html.append("</tbody></table>")
        self.out.append("".join(html))

    def render(self, source):
        lines = source.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i].rstrip()
            if line.startswith("|") and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1].strip()):
                rows = [line]
                while i + 1 < len(lines) and lines[i + 1].strip().startswith("|"):
                    i += 1
                    rows.append(lines[i])
                self.table(rows)
            elif match := _HEADING.match(line):
                self.heading(len(match.group(1)), match.group(2))
            elif match := _ITEM.match(line):
                self.item(len(match.group(1)), bool(match.group(3)), match.group(4))
            elif line.startswith(">"):
                self.flush_paragraph()
                self.close_lists()
                self.quote.append(line.lstrip("> ").strip())
            elif not line.strip():
                self.flush_paragraph()
                self.flush_quote()
                if not (i + 1 < len(lines) and _ITEM.match(lines[i + 1])):
                    self.close_lists()
            elif self.lists and line.startswith("  "):
                self.out.append(" " + _inline(line.strip()))  # a list item continued on the next line
            else:
                self.close_lists()
                self.flush_quote()
                self.paragraph.append(line.strip())
            i += 1
        self.flush()
        self.guide.html = mark_safe("\n".join(self.out))  # noqa: S308 - built from escaped text only
        return self.guide


def render_guide(source):
    return _Renderer().render(source)
