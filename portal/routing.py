"""Routing a public URL with one query for the whole page shell.

Wagtail routes /danwei/gongan/wang-haitao/ one level at a time: at each level a query for the
child with that slug and another for its specific page, then two more for the view-restriction
check (the ancestors, then their restrictions) and one each for the breadcrumbs and the header's
sections: 10 queries before a detail page renders anything of its own.

`route_from_home` asks once for every page the URL can name (by `url_path`, which Wagtail keeps
in step with the slugs on every save and move), the home page's ancestors and the home page's
children (the header's sections, the home page's slots). It then walks the URL through those rows
exactly as `Page.route` would, and loads only the page it ends on as its specific class (with the
relations its class names in `page_select_related`, e.g. the owning bureau). A page
class with its own `route` (a routable page such as the nomination form) gets the rest of the URL
as before, so its sub-routes work unchanged; Wagtail's own `route` still serves everything that is
not under the home page (previews, other sites).

The ancestors found on the way answer the breadcrumbs (`ancestors_of`) and the view-restriction
check (`restrictions_of`, the same rule as `Page.get_view_restrictions`: an alias answers with its
source page's restrictions) without asking again.
"""

from django.db.models import Exists, OuterRef
from django.http import Http404
from wagtail.models import Page, PageViewRestriction, Site

from portal.navigation import remember_home_children
from portal.site_structure import snapshot_of


def _ancestor_paths(path):
    return [path[:end] for end in range(Page.steplen, len(path), Page.steplen)]


def shell_query(home, path_components):
    url_paths = []
    url_path = home.url_path
    for slug in path_components:
        url_path += f"{slug}/"
        url_paths.append(url_path)
    under_home = Page.objects.filter(path__startswith=home.path)
    # Each branch has an index to answer it (a site's pages are nearly all under its home, so the
    # path prefix alone would read the whole table): the chain by slug, the home's children by
    # depth and path (portal migration 0007), the ancestors by path.
    shell = (
        under_home.filter(slug__in=[*path_components, home.slug], url_path__in=[*url_paths, home.url_path])
        | under_home.filter(depth=home.depth + 1)
        | Page.objects.filter(path__in=_ancestor_paths(home.path))
    )
    # Whether a row (or, for an alias, its source page) has a view restriction: almost never, and
    # then the restriction check needs no query of its own.
    return shell.annotate(
        restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))),
        source_restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("alias_of"))),
    )


def route_from_home(home, request, path_components):
    snapshot = snapshot_of(request)
    rows = snapshot.shell_rows(home, path_components) if snapshot is not None else None
    children = snapshot.children_of(home) if snapshot is not None and rows is None else None
    if children is not None and path_components and path_components[0] not in {row.slug for row in children}:
        # No section or page of the home page has this first slug: a 404 with no query (the
        # header of the 404 page still lists the sections).
        remember_home_children(request, children)
        raise Http404
    if rows is None:
        rows = list(shell_query(home, path_components))
        # Kept only for an address that names a page, so made-up addresses are asked every time.
        deepest = home.url_path + "".join(f"{slug}/" for slug in path_components)
        if snapshot is not None and any(row.url_path == deepest for row in rows):
            snapshot.remember_shell_rows(home, path_components, rows)
    site = Site.find_for_request(request)
    if site is not None and site.root_page_id == home.id:
        remember_home_children(request, [row for row in rows if row.depth == home.depth + 1])

    by_url_path = {row.url_path: row for row in rows}
    home_row = by_url_path.get(home.url_path, home)
    chain = sorted((row for row in rows if row.depth < home.depth), key=lambda row: row.depth)
    chain.append(home_row)
    current = home
    for index, slug in enumerate(path_components):
        child = by_url_path.get(f"{current.url_path}{slug}/")
        if child is None or child.depth != current.depth + 1 or not child.path.startswith(current.path):
            raise Http404
        child._cached_parent_obj = current
        remaining = path_components[index + 1 :]
        page_class = child.specific_class
        if remaining and page_class is not None and page_class.route is Page.route:
            chain.append(child)
            current = child
            continue
        page = _load_specific(child, page_class)
        page._cached_parent_obj = current
        _remember_chain(page, chain, child)
        return page.route(request, remaining)

    _remember_chain(home, chain[:-1], home_row)
    return Page.route(home, request, [])


def _load_specific(page, page_class):
    # A page class names the relations its own template always shows (`page_select_related`,
    # e.g. the owning bureau) and they come in the same query as the page.
    related = getattr(page_class, "page_select_related", ())
    if not related:
        return page.specific
    return page_class.objects.select_related(*related).get(pk=page.pk)


def _remember_chain(page, ancestors, routed_row):
    page._portal_ancestors = list(ancestors)
    rows = [*ancestors, routed_row]
    checked_ids = {row.alias_of_id or row.id for row in rows}
    # A row not from the shell query (none is expected) counts as restricted: then the check asks.
    any_restriction = any(getattr(row, "source_restricted" if row.alias_of_id else "restricted", True) for row in rows)

    # Wagtail's serve hook asks the routed page for its restrictions; the ancestors are loaded.
    def get_view_restrictions():
        if not any_restriction:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=checked_ids)

    page.get_view_restrictions = get_view_restrictions


def ancestors_of(page):
    """The page's ancestors from the tree root down, as loaded by the routing when it served it."""
    ancestors = getattr(page, "_portal_ancestors", None)
    if ancestors is None:
        return list(page.get_ancestors())
    return ancestors
