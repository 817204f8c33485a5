"""The old addresses of content pages lead to their section's (docs/section-urls.md).

- A content page asked at its tree address (/danwei/gongan/kouhao/, the address every link had
  before section URLs) answers 301 to its section address (/gongyi/gongan/kouhao/), with the rest
  of the address (a handbook's quiz) and the query string. The routing marks the page
  (portal/routing.py); this hook answers before the view-restriction check, so a private page
  sends the visitor to its section address, where the check runs as always.
- When a page moves or a slug changes, Wagtail's own redirects (wagtail.contrib.redirects) are
  made from the old address `get_url_parts` gives, the old *section* address. The old tree
  address no longer routes either: a redirect for it is added here, to the page, so that links
  and bookmarks from before section URLs keep working after the move.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site
from wagtail.signals import page_slug_changed, post_page_move

from bureaus.section_urls import TREE_SEGMENTS, section_slug_of


@hooks.register("before_serve_page", order=-100)
def tree_address_moves_to_section(page, request, serve_args, serve_kwargs):
    remaining = getattr(page, "_portal_moved_to", None)
    if remaining is None:
        return None
    target = page.get_url(request)
    if target is None:
        return None
    if remaining:
        target = target.rstrip("/") + "/" + "/".join(remaining) + ("/" if request.path.endswith("/") else "")
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)


def _tree_paths(url_path, site_root_paths):
    """(site id, old path) of a content page's tree address on each site that serves it."""
    for site_id, root_path, _root_url, _language in site_root_paths:
        if not url_path.startswith(root_path):
            continue
        relative = url_path[len(root_path) :]
        if len([segment for segment in relative.split("/") if segment]) == TREE_SEGMENTS:
            yield site_id, Redirect.normalise_path("/" + relative)


def _add_tree_redirects(pages_with_old_url_paths):
    if not getattr(settings, "WAGTAILREDIRECTS_AUTO_CREATE", True):
        return
    site_root_paths = Site.get_site_root_paths()
    redirects = []
    for page, old_url_path in pages_with_old_url_paths:
        if old_url_path == page.url_path or not section_slug_of(page):
            continue
        for site_id, old_path in _tree_paths(old_url_path, site_root_paths):
            redirects.append(
                Redirect(old_path=old_path, site_id=site_id, redirect_page=page, automatically_created=True)
            )
    for redirect in redirects:
        # The same rule as Wagtail's own: an automatic redirect of that address is replaced.
        Redirect.objects.filter(
            old_path=redirect.old_path, site_id=redirect.site_id, automatically_created=True
        ).delete()
    Redirect.objects.bulk_create(redirects, ignore_conflicts=True)


def _with_descendants(page, old_url_path, new_url_path):
    page.url_path = new_url_path
    yield page, old_url_path
    for descendant in page.get_descendants().live().only("id", "url_path", "content_type_id"):
        yield descendant, old_url_path + descendant.url_path[len(new_url_path) :]


def on_page_move(sender, instance, url_path_before, url_path_after, **kwargs):
    if url_path_before != url_path_after:
        _add_tree_redirects(_with_descendants(instance, url_path_before, url_path_after))


def on_slug_change(sender, instance, instance_before, **kwargs):
    _add_tree_redirects(_with_descendants(instance, instance_before.url_path, instance.url_path))


def connect():
    post_page_move.connect(on_page_move, dispatch_uid="portal_section_tree_redirects_move")
    page_slug_changed.connect(on_slug_change, dispatch_uid="portal_section_tree_redirects_slug")
