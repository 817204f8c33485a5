"""What an editor reads on an admin page, and the English words in it.

Read: text nodes outside <script> and <style> (hidden dialogs and <template> content included:
they are shown without a reload), and the attributes a person sees or hears: placeholder,
title, aria-label, alt, tooltip text and the labels of input buttons. Text marked as code or a
key (<code>, <kbd>: addresses, slugs, "Ctrl + s") is not read.

Latin text that is not English is allowed: URLs, e-mail addresses, file names, numbers, codes
(KM25GY, A3), data the editors typed (slugs, user names) and a short list of terms Chinese
editors use as they are (PDF, LED, CSV, Excel, Ctrl …)."""

import json
import re
from html.parser import HTMLParser

ATTRIBUTES = {"placeholder", "title", "aria-label", "alt", "data-w-tooltip-content-value"}
BUTTON_TYPES = {"submit", "button", "reset"}
# A hidden counter Wagtail's script fills in before showing it; until then it holds "None".
COUNTER = "data-side-panel-toggle-counter"

# Written as is in Chinese offices and on Chinese software.
TERMS = {
    "PDF", "LED", "QR", "ID", "CSV", "Excel", "XLSX", "JPG", "JPEG", "PNG", "WEBP", "WebP", "SVG",
    "KB", "MB", "GB", "dpi", "URL", "JavaScript", "Ctrl", "Alt", "Shift", "Esc", "Cmd", "Enter",
    "CC", "BY", "NC", "SA", "ND",  # Creative Commons licence codes
    "English",  # the name of the language, offered in the account's language choice
}  # fmt: skip

RUN = re.compile(r"/?[A-Za-z0-9][A-Za-z0-9_.@/:+'’-]*")
CODE = re.compile(r"^[A-Z0-9]+(?:[-·][A-Z0-9]+)*$")
FILE = re.compile(r"\.(?:png|jpe?g|webp|gif|svg|pdf|docx?|xlsx?|odt|ods|txt|csv|zip|mp4|webm|mp3|m4a|wav|ogg)$", re.I)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")  # filled in by Wagtail's scripts
DOTTED_NAME = re.compile(r"^[a-z_]+\.[a-z_]+$")  # an app_label.model name shown as a code
DIMENSIONS = re.compile(r"^\d+x\d+$")  # an image's size, 1200x1600


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = []  # the open elements whose text is not read
        self.texts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "code", "kbd") or COUNTER in attrs:
            self.skipping.append(tag)
        for name in ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in BUTTON_TYPES and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(" ".join(data.split()))


def visible_texts(html):
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.texts


def _allowed(run, data):
    run = run.strip("'’.:-/")
    if not run or run in data or "://" in run or run.startswith("/") or "@" in run:
        return True
    if FILE.search(run) or CODE.match(run) or DOTTED_NAME.match(run) or DIMENSIONS.match(run):
        return True
    words = [re.sub(r"^\d+", "", word) for word in re.split(r"[-_./:+]", run)]
    return all(len(word) < 2 or word in TERMS or word in data for word in words)


def english(texts, data=frozenset()):
    """The texts that contain an English word; `data` holds allowed values such as slugs."""
    return [text for text in texts if any(not _allowed(run, data) for run in RUN.findall(PLACEHOLDER.sub(" ", text)))]


def english_on_page(html, data=frozenset()):
    return english(visible_texts(html), data)


def wagtail_config_strings(html):
    """The STRINGS Wagtail's admin scripts show (window.wagtailConfig)."""
    match = re.search(r'<script id="wagtail-config" type="application/json">(.*?)</script>', html, re.S)
    if not match:
        return []
    stack, flat = [json.loads(match.group(1)).get("STRINGS", {})], []
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack += value.values()
        elif isinstance(value, list):
            stack += value
        else:
            flat.append(str(value))
    return flat


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields, self.textarea, self.select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind not in ("checkbox", "radio", "submit", "button", "file") or "checked" in attrs:
                self.fields[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self.select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields[self.select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data


def form_fields(html):
    """The fields of the forms on a page, as the browser would send them."""
    reader = _FormReader()
    reader.feed(html)
    reader.close()
    return reader.fields
