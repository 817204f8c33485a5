"""The content-safety guard: banned terms, replaced issuer names and off-list links in text and
HTML (`scanner`), and the audit of rendered live pages (`page_audit`). See docs/content-safety.md."""

from core.safety.findings import Finding, messages
from core.safety.scanner import scan_html, scan_text

__all__ = ["Finding", "messages", "scan_html", "scan_text"]
