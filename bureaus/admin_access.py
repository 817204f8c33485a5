"""Admin permission denials answer 403, not a redirect.

Wagtail's admin turns a PermissionDenied into a redirect to the dashboard with a flash message
(`wagtail.admin.auth.permission_denied`). For this portal a refused admin URL must be a plain
403: it is what the authorisation tests and a security audit check, and it leaves no doubt in
logs. `require_admin_access` looks the helper up in its module at call time, so replacing it
there is enough; tests/bureaus/test_bureau_permissions.py fails if a Wagtail upgrade changes that."""

from django.core.exceptions import PermissionDenied


def permission_denied(request):
    raise PermissionDenied


def install():
    import wagtail.admin.auth

    wagtail.admin.auth.permission_denied = permission_denied


EXPLORER_URL_NAMES = {"wagtailadmin_explore", "wagtailadmin_explore_results"}

# Admin URLs Wagtail serves without the check bureaus/access_policy.py asks for. Found by
# tests/test_authorisation_matrix.py; each is refused here before the view runs.
SUPERUSER_ONLY_URL_NAMES = {
    # Wagtail's "change" permission on a collection includes deleting; bureau groups may not delete.
    "wagtailimages:delete",
    "wagtailimages:delete_multiple",
    "wagtaildocs:delete",
    "wagtaildocs:delete_multiple",
    # The admin API's image and document endpoints list every collection; the admin UI does not use them.
    "wagtailadmin_api:images:listing",
    "wagtailadmin_api:images:detail",
    "wagtailadmin_api:documents:listing",
    "wagtailadmin_api:documents:detail",
    # The task chooser of the workflow editor lists and creates tasks with admin access alone.
    "wagtailadmin_workflows:task_chooser",
    "wagtailadmin_workflows:task_chooser_results",
    "wagtailadmin_workflows:task_chooser_create",
    "wagtailadmin_workflows:task_chosen",
    # Site settings are central; Wagtail's generic setting view answers everyone with a redirect
    # to the setting's own address before it checks the permission.
    "wagtailsettings:edit",
    "wagtailsettings:preview_on_edit",
}
BULK_DELETE = "delete"


def _page_check(match, kwargs, user):
    """Page URLs whose GET renders before Wagtail checks the permission: check it first."""
    from wagtail.models import Page

    if match.url_name == "move_confirm" and match.namespace == "wagtailadmin_pages":
        page = Page.objects.filter(pk=kwargs.get("page_to_move_id")).first()
        return page is None or page.permissions_for_user(user).can_move()
    if match.url_name == "confirm_workflow_cancellation" and match.namespace == "wagtailadmin_pages":
        page = Page.objects.filter(pk=kwargs.get("page_id")).first()
        return page is None or page.permissions_for_user(user).can_edit()
    if match.url_name == "workflow_preview" and match.namespace == "wagtailadmin_pages":
        # Wagtail answers a page that is not in the task with a message naming the page's latest
        # (draft) title, before it checks anything: only people who may see that page get there.
        page = Page.objects.filter(pk=kwargs.get("page_id")).first()
        return page is None or may_see_in_workflow(page, user)
    return True


def may_see_in_workflow(page, user):
    """Whether `user` may see `page` and its drafts: they may edit it, or a step of its review
    in progress is theirs to decide (the 终审 reviewers decide every bureau's pages)."""
    from wagtail.models import WorkflowState

    if page.permissions_for_user(user).can_edit():
        return True
    state = WorkflowState.objects.for_instance(page).filter(status=WorkflowState.STATUS_IN_PROGRESS).first()
    task = state.current_task_state.task.specific if state and state.current_task_state else None
    return bool(task and task.get_actions(page.specific, user))


#: The multiple uploader's second step (completing or discarding an upload). Wagtail checks no
#: permission there and fails with a server error for a user who may add to no collection.
UPLOAD_STEP_URL_NAMES = {
    "wagtailimages:create_multiple_from_uploaded_image",
    "wagtailimages:delete_upload_multiple",
    "wagtaildocs:create_multiple_from_uploaded_document",
    "wagtaildocs:delete_upload_multiple",
}


def _upload_check(match, user):
    """Completing or discarding an upload: only users who may add images or documents at all."""
    if match.view_name not in UPLOAD_STEP_URL_NAMES:
        return True
    if match.namespace == "wagtailimages":
        from wagtail.images.permissions import permission_policy
    else:
        from wagtail.documents.permissions import permission_policy
    return permission_policy.user_has_any_permission(user, ["add"])


def _media_check(match, kwargs, user):
    """Image and document choosers: only users who may choose from some collection, and only
    images or documents of those collections."""
    if match.namespace not in ("wagtailimages_chooser", "wagtaildocs_chooser"):
        return _upload_check(match, user)
    if match.namespace == "wagtailimages_chooser":
        from wagtail.images import get_image_model
        from wagtail.images.permissions import permission_policy

        model, pk = get_image_model(), kwargs.get("image_id") or kwargs.get("pk")
    else:
        from wagtail.documents import get_document_model
        from wagtail.documents.permissions import permission_policy

        model, pk = get_document_model(), kwargs.get("pk")
    if not permission_policy.user_has_any_permission(user, ["choose"]):
        return False
    if pk is None:
        return True
    instance = model.objects.filter(pk=pk).first()
    return instance is None or permission_policy.user_has_permission_for_instance(user, "choose", instance)


class ExplorerScopeMiddleware:
    """The page explorer answers 403 for a page in another bureau's subtree; and the few admin
    URLs listed above are checked before Wagtail's view runs.

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
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated or user.is_superuser:
            return None
        if match.view_name in SUPERUSER_ONLY_URL_NAMES:
            raise PermissionDenied
        media = view_kwargs.get("app_label") in ("wagtailimages", "wagtaildocs")
        if match.url_name == "wagtail_bulk_action" and view_kwargs.get("action") == BULK_DELETE and media:
            raise PermissionDenied
        if not (_page_check(match, view_kwargs, user) and _media_check(match, view_kwargs, user)):
            raise PermissionDenied
        if match.url_name not in EXPLORER_URL_NAMES:
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
