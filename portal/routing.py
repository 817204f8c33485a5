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

Section addresses (bureaus/section_urls.py, docs/section-urls.md): /gongyi/gongan/kouhao/ names
the ad that lives at /danwei/gongan/kouhao/. For an address under a content section the same
query also reads the pages with the address's bureau and page slugs at those two depths (by the
slug index); the walk then finds the bureau and its page of that section's type. The view
restrictions are those of the tree (home, bureau directory, bureau, page); the breadcrumbs are the
section's. The tree address still routes, and answers 301 to the section's (`moved_to`).
"""

from django.db.models import Exists, OuterRef
from django.http import Http404
from wagtail.models import Page, PageViewRestriction, Site

from bureaus.models.bureaus import BureauPage
from bureaus.section_urls import content_section_slugs, section_slug_of
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
    if _is_section_address(path_components):
        # /<section>/<bureau>/<slug>/: the bureau and its page where they live in the tree.
        shell = shell | under_home.filter(slug__in=path_components[1:3], depth__in=[home.depth + 2, home.depth + 3])
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
        names_a_page = any(row.url_path == deepest for row in rows) or _section_rows(home, rows, path_components)
        if snapshot is not None and names_a_page:
            snapshot.remember_shell_rows(home, path_components, rows)
    site = Site.find_for_request(request)
    if site is not None and site.root_page_id == home.id:
        remember_home_children(request, [row for row in rows if row.depth == home.depth + 1])

    by_url_path = {row.url_path: row for row in rows}
    home_row = by_url_path.get(home.url_path, home)
    chain = sorted((row for row in rows if row.depth < home.depth), key=lambda row: row.depth)
    chain.append(home_row)
    section_rows = _section_rows(home, rows, path_components)
    if section_rows is not None:
        return _route_section_address(request, home_row, chain, section_rows, path_components[3:])
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
        result = page.route(request, remaining)
        if child.depth == home.depth + 3 and section_slug_of(child):
            # A content page at its tree address: the before_serve_page hook answers 301.
            result[0]._portal_moved_to = remaining
        return result

    _remember_chain(home, chain[:-1], home_row)
    return Page.route(home, request, [])


def _is_section_address(path_components):
    return len(path_components) >= 3 and path_components[0] in content_section_slugs()


def _section_rows(home, rows, path_components):
    """(section, bureau directory, bureau, page) rows an address /<section>/<bureau>/<slug>/… names,
    or None when it names no content page of that section."""
    if not _is_section_address(path_components):
        return None
    section_slug, bureau_slug, page_slug = path_components[:3]
    by_path = {row.path: row for row in rows}
    section = next((row for row in rows if row.depth == home.depth + 1 and row.slug == section_slug), None)
    if section is None or not section.path.startswith(home.path):
        return None
    for row in rows:
        if row.depth != home.depth + 3 or row.slug != page_slug or section_slug_of(row) != section_slug:
            continue
        bureau = by_path.get(row.path[: -Page.steplen])
        if bureau is None or bureau.slug != bureau_slug or not issubclass(bureau.specific_class or Page, BureauPage):
            continue
        directory = by_path.get(bureau.path[: -Page.steplen])
        if directory is not None and directory.depth == home.depth + 1 and directory.path.startswith(home.path):
            return section, directory, bureau, row
    return None


def _route_section_address(request, home_row, chain, section_rows, remaining):
    section, directory, bureau, row = section_rows
    page_class = row.specific_class
    if remaining and page_class.route is Page.route:
        # A content page has no children: nothing below it to ask the database for.
        raise Http404
    directory._cached_parent_obj = home_row
    bureau._cached_parent_obj = directory
    page = _load_specific(row, page_class)
    page._cached_parent_obj = bureau
    # Restrictions as in the tree (a restricted bureau keeps its pages private here too); the
    # breadcrumbs and the header name the section.
    _remember_chain(page, [*chain, directory, bureau], row)
    page._portal_ancestors = [*chain, section]
    return page.route(request, remaining)


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
    # Read by the footer's share QR code, which needs only the answer (no queryset to build).
    page._portal_unrestricted = not any_restriction


def ancestors_of(page):
    """The page's ancestors from the tree root down, as loaded by the routing when it served it;
    for a content page, its section's (root, home, section) instead of the bureau's."""
    ancestors = getattr(page, "_portal_ancestors", None)
    if ancestors is None:
        # A page not served by this routing (an admin preview): asked of the database.
        ancestors = list(page.get_ancestors())
        section_slug = section_slug_of(page)
        if section_slug and len(ancestors) >= 4:
            home = ancestors[-3]
            section = Page.objects.child_of(home).filter(slug=section_slug).first()
            if section is not None:
                ancestors = [*ancestors[:-2], section]
    return ancestors
