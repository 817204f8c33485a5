"""The nightly audit of what the public actually receives: every live page rendered as a
visitor would get it, checked for the marks of a defacement.

Besides banned terms and off-list links (the scanner's checks), a defaced page typically carries
links hidden from sight but not from search engines, injected scripts and frames, and a site or
issuing-body name swapped for a gambling brand. Link targets are read percent-decoded, and the
title and file name of each library document a page links to are checked too."""

import re
from dataclasses import replace
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings

from core.safety.findings import Finding
from core.safety.htmlwalk import parse_html
from core.safety.normalise import normalise
from core.safety.scanner import _Locator, allowed_hosts_setting, issuer_names_setting, scan_html, scan_text

EMBED_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet"}
_RAW_ACTIVE_TAG = re.compile(r"<\s*(script|iframe|frame|frameset|object|embed|applet)(?![a-z0-9-])", re.IGNORECASE)
# What a linked document's title or file name may not carry (an address in it is no link).
DOCUMENT_CATEGORIES = {"gambling", "seo_spam", "pornography", "fraud", "issuer"}
SCRIPT_TYPES_NOT_RUN = {"application/json", "application/ld+json", "text/template"}


def _static_script(src, static_url, own_hosts):
    """Whether a script comes from the portal's own static files."""
    match = re.match(r"^(?:https?:)?//([^/]+)(/.*)$", src.strip(), re.IGNORECASE)
    if match:
        host, path = match.group(1).lower().split(":")[0], match.group(2)
        if host not in own_hosts:
            return False
    else:
        path = src.strip()
    return path.startswith(static_url) and ".." not in path


def _finding(locate, category, rule, text, element):
    line, column = locate(element.offset)
    excerpt = re.sub(r"\s+", " ", element.source).strip()[:200]
    return Finding(category, rule, text, excerpt, element.offset, element.offset + len(element.source), line, column)


def _element_findings(parsed, static_url, own_hosts):
    locate = _Locator(parsed.source)
    found = []
    visible_targets = {
        element.attrs["href"]
        for element in parsed.elements
        if element.tag == "a" and element.attrs.get("href") and not element.hidden and not element.aria_hidden
    }
    for element in parsed.elements:
        attrs = element.attrs
        if element.tag == "a" and attrs.get("href"):
            href = attrs["href"]
            if element.hidden:
                found.append(_finding(locate, "hidden_link", element.hidden, href, element))
            elif element.aria_hidden and href not in visible_targets:
                # aria-hidden duplicates of a visible link (a card's picture) are decoration.
                found.append(_finding(locate, "hidden_link", "aria-hidden", href, element))
        if element.tag == "script":
            kind = attrs.get("type", "").strip().lower()
            if "src" in attrs:
                if not _static_script(attrs["src"], static_url, own_hosts):
                    found.append(_finding(locate, "script", "src", attrs["src"], element))
            elif kind not in SCRIPT_TYPES_NOT_RUN and "".join(element.text).strip():
                text = re.sub(r"\s+", " ", "".join(element.text)).strip()[:80]
                found.append(_finding(locate, "script", "inline", text, element))
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(_finding(locate, "script", name, f"{name}={value}"[:80], element))
        if element.tag in EMBED_TAGS:
            source = attrs.get("src") or attrs.get("data") or element.tag
            found.append(_finding(locate, "embed", element.tag, source, element))
    found.extend(_unparsed_tags(parsed, locate))
    return found


def _unparsed_tags(parsed, locate):
    """Script and frame tags the parser did not take as elements: one left open at the end, or
    written inside a script. A browser may still build them from the next bytes it receives."""
    seen = {element.offset for element in parsed.elements}
    found = []
    for match in _RAW_ACTIVE_TAG.finditer(parsed.source):
        if match.start() in seen:
            continue
        tag = match.group(1).lower()
        line, column = locate(match.start())
        excerpt = re.sub(r"\s+", " ", parsed.source[match.start() : match.start() + 120])
        category = "script" if tag == "script" else "embed"
        found.append(Finding(category, tag, match.group(), excerpt, match.start(), match.end(), line, column))
    return found


def _name_findings(parsed, site_name, issuer_names):
    skeleton = normalise(parsed.text).skeleton
    found = []
    if site_name and normalise(site_name).skeleton not in skeleton:
        found.append(Finding("site_name_missing", "site_name", site_name, ""))
    for name in issuer_names or ():
        if normalise(name).skeleton not in skeleton:
            found.append(Finding("issuer_missing", "issuer_name", name, ""))
    return found


def audit_rendered_html(html, *, site_name=None, issuer_names=None, allowed_hosts=None, own_hosts=(), parsed=None):
    """Findings for one rendered page. `issuer_names` are the names this page must carry
    (empty for pages that name no issuer); a swapped issuer name is found on every page.
    Link targets are read percent-decoded: /documents/12/%E5%8D%9A%E5%BD%A9.pdf says 博彩."""
    parsed = parsed or parse_html(html or "")
    hosts = list(allowed_hosts) if allowed_hosts is not None else allowed_hosts_setting()
    hosts.extend(own_hosts)
    own = {host.lower() for host in own_hosts}
    static_url = getattr(settings, "STATIC_URL", "/static/") or "/static/"
    if site_name is None:
        site_name = getattr(settings, "WAGTAIL_SITE_NAME", "")
    found = scan_html(html, allowed_hosts=hosts, issuer_names=issuer_names_setting(), parsed=parsed)
    found += _element_findings(parsed, static_url, own)
    found += _name_findings(parsed, site_name, issuer_names)
    return sorted(found, key=lambda finding: (finding.start, finding.category))


def linked_documents(parsed, own_hosts=()):
    """(document id, <a> element) for each link of the page to a library document."""
    from django.urls import Resolver404, resolve

    own = {host.lower() for host in own_hosts}
    for element in parsed.elements:
        href = element.attrs.get("href") if element.tag == "a" else None
        if not href:
            continue
        try:
            parts = urlsplit(href.strip())
            if parts.hostname and parts.hostname.lower() not in own:
                continue
            match = resolve(unquote(parts.path))
        except (Resolver404, ValueError):
            continue
        if match.url_name == "wagtaildocs_serve" and match.args:
            yield match.args[0], element


def document_findings(parsed, cache, own_hosts=()):
    """Findings in the title and file name of each library document the page links to; `cache`
    ({id: findings}) keeps each document to one query per audit."""
    from wagtail.documents import get_document_model

    locate, found = _Locator(parsed.source), []
    for document_id, element in linked_documents(parsed, own_hosts):
        if document_id not in cache:
            document = get_document_model().objects.filter(pk=document_id).first()
            cache[document_id] = [] if document is None else _document_checks(document)
        line, column = locate(element.offset)
        for finding in cache[document_id]:
            end = element.offset + len(element.source)
            found.append(replace(finding, start=element.offset, end=end, line=line, column=column))
    return found


def _document_checks(document):
    label = f"document {document.pk}"
    found = []
    for text in (document.title, PurePosixPath(document.file.name or "").name):
        for finding in scan_text(text):
            if finding.category in DOCUMENT_CATEGORIES:
                found.append(replace(finding, excerpt=f"{label}: {finding.excerpt}"))
    return found


def expected_issuer_names(page):
    """The configured issuer names a page must show: those its own `issuers` field names (the
    directive page), so that a page whose stored issuer was swapped is still caught."""
    if not hasattr(page, "issuers"):
        return []
    configured = issuer_names_setting()
    stored = normalise(page.issuers or "").skeleton
    named = [name for name in configured if normalise(name).skeleton in stored]
    return named or configured


def anonymous_client(site):
    """A test client that asks `site` as an anonymous visitor does: (client, https, headers) for
    `client.get(url, secure=https, **headers)`. Over HTTPS when the site redirects there
    (production's default); asked over plain HTTP, every page would answer with that redirect."""
    from django.test import Client

    client = Client(HTTP_HOST=site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}")
    https = settings.SECURE_SSL_REDIRECT or site.port == 443
    headers = {}
    if https and settings.SECURE_PROXY_SSL_HEADER:
        header, value = settings.SECURE_PROXY_SSL_HEADER
        headers[header] = value  # as the TLS-terminating proxy sends it
    return client, https, headers


def audit_live_pages(site=None, pages=None):
    """Render every live page of a site (or the given pages) as an anonymous visitor and audit
    it. Returns [(url, findings)] for the pages with findings, and the number of pages audited."""
    from wagtail.models import Page, Site

    site = site or Site.objects.get(is_default_site=True)
    own_hosts = sorted({site.hostname, *Site.objects.values_list("hostname", flat=True)})
    client, https, headers = anonymous_client(site)
    if pages is None:
        pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True).specific()
    results, audited, documents = [], 0, {}
    for page in pages:
        url = page.get_url(current_site=site)
        if not url:
            continue
        response = client.get(url, secure=https, **headers)
        audited += 1
        if response.status_code != 200:
            results.append((url, [Finding("page_error", "status", str(response.status_code), url)]))
            continue
        html = response.content.decode(response.charset or "utf-8", errors="replace")
        parsed = parse_html(html)
        findings = audit_rendered_html(
            html, issuer_names=expected_issuer_names(page), own_hosts=own_hosts, parsed=parsed
        ) + document_findings(parsed, documents, own_hosts)
        if findings:
            results.append((url, findings))
    return results, audited
