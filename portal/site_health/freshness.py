"""Freshness: the home page and each column updated within its threshold, no column empty.

A column is each section of the home page (a live `SectionIndexPage`: the content it lists
across bureaus, or its own live subpages when it lists none) and each bureau's content (the
live pages under its bureau page). Columns are read from the tree, so a section added later is
measured without a change here. The newest first publication counts (new information, not an
edit of old), in Kunming days. Thresholds: `SITE_HEALTH_HOME_MAX_DAYS`, and
`SITE_HEALTH_COLUMN_MAX_DAYS` by section slug, `bureau` for the bureaus, `default` for the rest."""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from bureaus.models.bureaus import BureauPage
from content.sections import SectionIndexPage
from core.public_pages import public
from portal.site_health.results import Result, Status


@dataclass
class Column:
    page: Page
    items: object  # a queryset of the column's live public pages

    @property
    def slug(self):
        return self.page.slug


def columns(home):
    for child in home.get_children().live().specific():
        if not isinstance(child, SectionIndexPage):
            continue
        if child.item_model:
            items = type(child).live_items()
        elif child.allowed_subpage_models():
            items = Page.objects.live().descendant_of(child)
        else:
            continue  # a form, not a column of information (我要推荐)
        yield Column(child, public(items))


def max_days(slug):
    limits = settings.SITE_HEALTH_COLUMN_MAX_DAYS
    return int(limits.get(slug, limits.get("default", 14)))


def days_since(moment, today):
    return (today - timezone.localtime(moment).date()).days if moment else None


def home_freshness(site, today):
    """The home page counts as updated when it, or anything its sections list, was published."""
    home = site.root_page.specific
    latest = [home.last_published_at]
    for column in columns(home):
        latest.append(column.items.aggregate(latest=Max("first_published_at"))["latest"])
    latest = max((moment for moment in latest if moment), default=None)
    days = days_since(latest, today)
    limit = settings.SITE_HEALTH_HOME_MAX_DAYS
    if days is None:
        return Result("home_freshness", Status.RED, _("Nothing was ever published on the home page."), None)
    summary = _("Last update %(days)d days ago (limit %(limit)d)") % {"days": days, "limit": limit}
    return Result("home_freshness", Status.RED if days > limit else Status.GREEN, summary, days)


def bureau_latest():
    """{bureau pk: (newest first publication, live pages)} for every bureau: one query per
    length of bureau path (one in a normal tree)."""
    bureaus = list(BureauPage.objects.live().order_by("path").values("pk", "title", "path", "url_path"))
    by_length = defaultdict(list)
    for bureau in bureaus:
        by_length[len(bureau["path"])].append(bureau)
    found = {}
    for length, group in by_length.items():
        by_path = {bureau["path"]: bureau for bureau in group}
        subtrees = Q(pk__in=[])
        for bureau in group:
            subtrees |= Q(path__startswith=bureau["path"])
        rows = (
            public(Page.objects.live().filter(subtrees, depth__gt=length // Page.steplen))
            .annotate(prefix=Substr("path", 1, length))
            .values("prefix")
            .annotate(latest=Max("first_published_at"), n=Count("pk"))
            .order_by()
        )
        for row in rows:
            found[by_path[row["prefix"]]["pk"]] = (row["latest"], row["n"])
    return bureaus, found


def column_freshness(site, today):
    items = []
    for column in columns(site.root_page.specific):
        figures = column.items.aggregate(latest=Max("first_published_at"), n=Count("pk"))
        url = column.page.get_url(current_site=site)
        limit = max_days(column.slug)
        items.append(_column_item(column.page.title, url, None, figures["latest"], figures["n"], limit, today))
    bureaus, latest = bureau_latest()
    limit = max_days("bureau")
    by_bureau = {}
    for bureau in bureaus:
        moment, count = latest.get(bureau["pk"], (None, 0))
        item = _column_item(bureau["title"], None, bureau["pk"], moment, count, limit, today)
        items.append(item)
        by_bureau[bureau["pk"]] = item["days"]  # None: nothing published
    failing = [item for item in items if item["state"] != "ok"]
    empty = sum(1 for item in items if item["state"] == "empty")
    summary = _("%(stale)d stale and %(empty)d empty of %(total)d columns") % {
        "stale": len(failing) - empty,
        "empty": empty,
        "total": len(items),
    }
    status = Status.RED if failing else Status.GREEN
    return Result("column_freshness", status, summary, len(failing), failing, by_bureau)


def _column_item(title, url, bureau_id, latest, count, limit, today):
    days = days_since(latest, today)
    if not count:
        state, note = "empty", _("empty column")
    elif days > limit:
        state, note = "stale", _("%(days)d days without an update (limit %(limit)d)") % {"days": days, "limit": limit}
    else:
        state, note = "ok", ""
    return {"label": title, "url": url, "bureau_id": bureau_id, "state": state, "days": days, "note": note}
