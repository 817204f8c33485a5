"""`manage.py check_content PATH ...`: scan text or HTML files (or `-` for standard input) for
banned content and off-list links. Exit status: 0 clean, 1 findings, 2 a file could not be read."""

import re
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from core.safety.scanner import scan_html, scan_text

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_HTML_SNIFF = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|p|div|span|a\s|br|table|section|article|h[1-6]|ul|ol|li|img|script|iframe)\b",
    re.IGNORECASE,
)
# Government documents found on disk are UTF-8 or, from older systems, GB18030.
ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data):
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("utf-8", data, 0, 1, "neither UTF-8 nor GB18030")


def looks_like_html(path, text):
    if path != "-" and Path(path).suffix.lower() in HTML_SUFFIXES:
        return True
    return bool(_HTML_SNIFF.search(text[:4096]))


class Command(BaseCommand):
    help = (
        "Scan text or HTML files (or - for standard input) for gambling, SEO-spam, pornography and fraud terms, "
        "a replaced issuing-body name and links outside the allowed hosts. Prints path:line:col: category: term: "
        "excerpt for each finding; exits 1 when anything is found, 2 when a file cannot be read."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files to scan; - reads standard input.")
        parser.add_argument(
            "--format",
            choices=["auto", "text", "html"],
            default="auto",
            help="How to read the files (default: HTML by extension or content, text otherwise).",
        )

    def read(self, path):
        if path == "-":
            data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
            return data if isinstance(data, str) else decode(data)
        return decode(Path(path).read_bytes())

    def handle(self, *args, **options):
        findings = failed = 0
        for path in options["paths"]:
            try:
                text = self.read(path)
            except FileNotFoundError:
                self.stderr.write(f"check_content: {path}: no such file")
                failed += 1
                continue
            except (OSError, UnicodeDecodeError) as exc:
                self.stderr.write(f"check_content: {path}: cannot read ({exc.__class__.__name__})")
                failed += 1
                continue
            as_html = options["format"] == "html" or (options["format"] == "auto" and looks_like_html(path, text))
            for finding in scan_html(text) if as_html else scan_text(text):
                self.stdout.write(finding.as_line(path))
                findings += 1
        if failed:
            raise SystemExit(2)
        if findings:
            raise SystemExit(1)
