"""Links: every internal link and file on the rendered public pages resolves, and links to
other sites answer.

Internal addresses are resolved without rendering them again: static files in the static
storage, media files in the media storage, library documents by id, page addresses through the
site's own routing (the home page's `route`, as a request would be served), other views by the
URL conf. External links go through `ExternalLinkChecker`, which is polite: a timeout, at most
`SITE_HEALTH_LINKS_PER_HOST` addresses per host and run, one request at a time with a pause, and
answers cached for `SITE_HEALTH_LINK_CACHE_HOURS`. It is off unless
`SITE_HEALTH_EXTERNAL_LINKS` is set; its transport is a parameter, so tests use a fake one."""

import hashlib
import time
import urllib.error
import urllib.request
from collections import defaultdict
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import Http404
from django.test import RequestFactory
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from core.safety.htmlwalk import parse_html
from portal.site_health.results import Result, Status, count_by_bureau

LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}
SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data", "sms"}
MAX_ITEMS = 50


def http_status(url, timeout):
    """The HTTP status of `url`: HEAD, then GET when the server refuses HEAD. Network errors
    raise OSError. Only http(s) addresses are asked."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise OSError("not an http(s) address")
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": "portal-site-health"})  # noqa: S310 - http(s) only, checked above
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only
                return response.status
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (405, 501):
                continue
            return error.code
    raise AssertionError("unreachable")


class ExternalLinkChecker:
    """Checks external addresses politely; `check(urls)` answers {url: note} for the broken ones
    and counts those left unchecked by the per-host limit in `skipped`."""

    def __init__(self, transport=http_status, *, timeout=None, per_host=None, cache_seconds=None, pause=None):
        self.transport = transport
        self.timeout = timeout if timeout is not None else settings.SITE_HEALTH_LINK_TIMEOUT
        self.per_host = per_host if per_host is not None else settings.SITE_HEALTH_LINKS_PER_HOST
        hours = settings.SITE_HEALTH_LINK_CACHE_HOURS
        self.cache_seconds = cache_seconds if cache_seconds is not None else hours * 3600
        self.pause = pause if pause is not None else settings.SITE_HEALTH_LINK_PAUSE
        self.requests = 0
        self.skipped = 0

    @staticmethod
    def cache_key(url):
        return "site_health:link:" + hashlib.sha256(url.encode()).hexdigest()

    def check(self, urls):
        by_host = defaultdict(list)
        for url in sorted(set(urls)):
            by_host[(urlsplit(url).hostname or "").lower()].append(url)
        broken = {}
        for host_urls in by_host.values():
            asked = 0
            for url in host_urls:
                note = cache.get(self.cache_key(url))
                if note is None:
                    if asked >= self.per_host:
                        self.skipped += 1
                        continue
                    if asked and self.pause:
                        time.sleep(self.pause)  # one request at a time per host, spaced
                    asked += 1
                    note = self._ask(url)
                    cache.set(self.cache_key(url), note, self.cache_seconds)
                if note:
                    broken[url] = note
        return broken

    def _ask(self, url):
        self.requests += 1
        try:
            status = self.transport(url, self.timeout)
        except OSError as error:
            return type(error).__name__ or "error"
        return f"HTTP {status}" if status >= 400 else ""


def targets(html):
    """Every address a page links to or loads."""
    found = set()
    for element in parse_html(html).elements:
        name = LINK_ATTRIBUTES.get(element.tag)
        value = (element.attrs.get(name) or "").strip() if name else ""
        if value and not value.startswith("#"):
            found.add(value)
    return found


class InternalResolver:
    """Whether an address of this site resolves, each address asked once a run."""

    def __init__(self, site):
        self.site = site
        self.home = site.root_page.specific
        self.known = {}
        self.factory = RequestFactory()

    def broken(self, path):
        if path not in self.known:
            self.known[path] = self._check(path)
        return self.known[path]

    def _check(self, path):
        static_url, media_url = settings.STATIC_URL, settings.MEDIA_URL
        if path.startswith(static_url):
            name = path[len(static_url) :]
            if finders.find(name) or staticfiles_storage.exists(name):
                return ""
            return _("missing static file")
        if path.startswith(media_url):
            return "" if default_storage.exists(path[len(media_url) :]) else _("missing media file")
        try:
            match = resolve(path)
        except Resolver404:
            return _("no such address")
        if match.url_name == "wagtaildocs_serve":
            exists = (
                get_document_model()
                .objects.filter(pk=match.args[0] if match.args else match.kwargs.get("document_id"))
                .exists()
            )
            return "" if exists else _("missing document")
        if match.url_name == "wagtail_serve":
            request = self.factory.get(path, HTTP_HOST=self.site.hostname)
            components = [part for part in path.split("/") if part]
            try:
                self.home.route(request, components)
            except Http404:
                return _("no such page")
        return ""


def links(crawl_result, checker=None):
    site = crawl_result.site
    # The site's own addresses: its hostname, the public address of canonical and share links.
    public_host = urlsplit(settings.PORTAL_PUBLIC_URL).hostname or ""
    own_hosts = {site.hostname.lower(), public_host.lower(), *settings.ALLOWED_HOSTS} - {""}
    resolver = InternalResolver(site)
    items, external = [], defaultdict(list)
    for rendered in crawl_result.rendered:
        if not rendered.html:
            continue
        for target in targets(rendered.html):
            parts = urlsplit(target)
            if parts.scheme in SKIPPED_SCHEMES:
                continue
            if parts.scheme in ("http", "https") and (parts.hostname or "").lower() not in own_hosts:
                external[target].append(rendered)
                continue
            if parts.scheme not in ("", "http", "https") or not parts.path.startswith("/"):
                continue
            note = resolver.broken(unquote(parts.path))
            if note:
                items.append(_item(target, rendered, note))
    if external and (checker is not None or settings.SITE_HEALTH_EXTERNAL_LINKS):
        checker = checker or ExternalLinkChecker()
        for url, note in checker.check(external).items():
            items.extend(_item(url, rendered, note) for rendered in external[url])
    count = len(items)
    summary = _("%(broken)d broken links or files on %(pages)d pages") % {
        "broken": count,
        "pages": sum(1 for rendered in crawl_result.rendered if rendered.html),
    }
    status = Status.RED if count else Status.GREEN
    return Result("links", status, summary, count, items[:MAX_ITEMS], count_by_bureau(items))


def _item(target, rendered, note):
    return {"label": target, "url": rendered.url, "bureau_id": rendered.bureau_id, "note": str(note)}
