"""Timings of the content-safety scanner: `.venv/bin/python benchmarks/content_safety.py`.

Scans a 20 KB text (the directive from bureaus/data, repeated) and a 20 KB HTML page built from
it, after a first call that compiles the term list."""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from core.safety.scanner import scan_html, scan_text  # noqa: E402

TARGET_BYTES = 20 * 1024
ROUNDS = 50


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def sized(text, size):
    while len(text.encode()) < size:
        text += text
    return text.encode()[:size].decode(errors="ignore")


def timed(label, function, argument):
    start = time.perf_counter()
    function(argument)
    first = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(ROUNDS):
        function(argument)
    each = (time.perf_counter() - start) / ROUNDS
    print(
        f"{label}: {len(argument.encode()) / 1024:.0f} KB, first call {first * 1000:.1f} ms, then {each * 1000:.2f} ms"
    )


def main():
    directive = json.loads((ROOT / "bureaus/data/directive.json").read_text(encoding="utf-8"))
    paragraphs = list(strings(directive))
    text = sized("\n\n".join(paragraphs), TARGET_BYTES)
    html = sized("".join(f'<p class="body">{p}<a href="/renwu/">任务</a></p>\n' for p in paragraphs), TARGET_BYTES)
    timed("scan_text", scan_text, text)
    timed("scan_html", scan_html, html)


if __name__ == "__main__":
    main()
