"""Admin permission denials answer 403, not a redirect.

Wagtail's admin turns a PermissionDenied into a redirect to the dashboard with a flash message
(`wagtail.admin.auth.permission_denied`). For this portal a refused admin URL must be a plain
403: it is what the authorisation tests and a security audit check, and it leaves no doubt in
logs. `require_admin_access` looks the helper up in its module at call time, so replacing it
there is enough; tests/test_bureau_permissions.py fails if a Wagtail upgrade changes that."""

from django.core.exceptions import PermissionDenied


def permission_denied(request):
    raise PermissionDenied


def install():
    import wagtail.admin.auth

    wagtail.admin.auth.permission_denied = permission_denied


EXPLORER_URL_NAMES = {"wagtailadmin_explore", "wagtailadmin_explore_results"}


class ExplorerScopeMiddleware:
    """The page explorer answers 403 for a page in another bureau's subtree.

    Wagtail redirects any page outside the user's explorable area to the user's own explorable
    root. For the ancestors of that root (the bureau directory, the home page) the redirect is
    what an editor wants: it opens their bureau. For a page in another bureau's subtree it is a
    refusal, and is answered as one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name not in EXPLORER_URL_NAMES:
            return None
        user = request.user
        if not user.is_authenticated or user.is_superuser:
            return None
        from wagtail.models import Page
        from wagtail.permission_policies.pages import PagePermissionPolicy

        page = Page.objects.filter(pk=view_kwargs.get("parent_page_id")).first()
        root = PagePermissionPolicy().explorable_root_instance(user)
        if page is None or root is None:
            return None
        inside = page.pk == root.pk or page.is_descendant_of(root) or root.is_descendant_of(page)
        if not inside:
            raise PermissionDenied
        return None
