"""Where a reviewer lands after deciding on a page by its workflow-action address.

Wagtail's workflow-action view (the address the dashboard's and the status panel's buttons post
to) returns to the page's editor. The 市文明办 final reviewers hold no page permissions: they may
open the editor only while the page waits at their step, so once they have approved it the
editor answers 403 although the approval went through. After a decision, whoever may no longer
edit the page returns to the dashboard, which lists what still waits for them; bureau users, who
may edit it, return to its editor as before. The page editor's own buttons are handled by the
`after_edit_page` hook in portal/wagtail_hooks.py."""

from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.auth import require_admin_access
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.pages.workflow import WorkflowAction
from wagtail.models import Page, TaskState


class WorkflowActionReturningWhereAllowed(WorkflowAction):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        decided = TaskState.objects.filter(pk=self.task_state.pk).exclude(status=TaskState.STATUS_IN_PROGRESS)
        if not decided.exists() or get_valid_next_url_from_request(request):
            return response
        page = Page.objects.get(pk=self.object.pk)
        if page.permissions_for_user(request.user).can_edit():
            return response
        dashboard = reverse("wagtailadmin_home")
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return self.render_modal_json(request, {"step": "success", "redirect": dashboard})
        return redirect(dashboard)


workflow_action = require_admin_access(WorkflowActionReturningWhereAllowed.as_view())
