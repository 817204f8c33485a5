from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import TaskState, WorkflowState
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet

from bureaus.models.directive import Mechanism
from bureaus.models.districts import District
from core.snippet_admin import LazyLabelSnippetViewSet
from portal import admin_help  # noqa: F401 - registers the editor guide (帮助)
from portal.account_email import EmailSettingsPanel
from portal.dashboard.panels import construct_panels
from portal.site_health.panel import SiteHealthPanel


class DistrictViewSet(LazyLabelSnippetViewSet):
    model = District
    icon = "site"
    menu_label = _("Districts")
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]
    ordering = ["sort_order"]


class MechanismViewSet(LazyLabelSnippetViewSet):
    model = Mechanism
    icon = "list-ol"
    menu_label = _("Mechanisms")
    list_display = ["number", "title", "slug"]
    ordering = ["number"]


register_snippet(DistrictViewSet)
register_snippet(MechanismViewSet)


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    # The editor dashboard (docs/editor-dashboard.md); it also replaces Wagtail's review panel.
    data = construct_panels(request, panels)
    # The site's health for 市文明办 (docs/site-health.md), sharing the request's dashboard data.
    panels.append(SiteHealthPanel(data))


@hooks.register("after_edit_page")
def say_that_an_edit_restarted_the_step(request, page):
    # A reviewer who changes the page while approving gives their approval to the revision they
    # read; their edit is a new revision, which the step must review again, and which they wrote,
    # so someone else decides on it. Registered before the redirect below, which ends the hooks.
    if not request.POST.get("action-workflow-action"):
        return None
    state = page.current_workflow_state
    task_state = state and state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    if task_state.revision_id and task_state.revision.user_id == request.user.pk:
        messages.warning(
            request,
            gettext(
                "You changed the page, so the step “%(step)s” starts again with your version; "
                "another reviewer decides on it."
            )
            % {"step": task_state.task.name},
        )
    return None


@hooks.register("after_edit_page")
def return_reviewers_without_page_access_to_the_dashboard(request, page):
    # After a workflow action in the page editor Wagtail returns to the parent's listing; the
    # 市文明办 final reviewers may not open listings (they reach pages only through the
    # workflow), so they would land on a 403 although their approval went through.
    acted = request.POST.get("action-workflow-action") or request.POST.get("action-cancel-workflow")
    if not acted or get_valid_next_url_from_request(request):
        return None
    parent = page.get_parent()
    if parent is None or page_permission_policy.explorable_instances(request.user).filter(pk=parent.pk).exists():
        return None
    return redirect("wagtailadmin_home")


@hooks.register("before_edit_page")
def say_why_changes_were_requested(request, page):
    # Wagtail's status panel says only "changes requested"; the reviewer's comment is one click
    # further, in the workflow history. The editor sees it at the top of the editor instead.
    if request.method != "GET":
        return None
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    rejected = state.current_task_state
    if rejected is None or rejected.status != TaskState.STATUS_REJECTED:
        return None
    who = rejected.finished_by
    details = {
        "step": rejected.task.name,
        "who": (who.get_full_name() or who.get_username()) if who else "",
        "when": timezone.localtime(rejected.finished_at).strftime("%Y-%m-%d %H:%M") if rejected.finished_at else "",
        "comment": rejected.comment,
    }
    if rejected.comment:
        text = gettext(
            "Returned for changes at the step “%(step)s” by %(who)s on %(when)s: “%(comment)s”. "
            "Make the changes, then submit the page for review again."
        )
    else:
        text = gettext(
            "Returned for changes at the step “%(step)s” by %(who)s on %(when)s. "
            "Make the changes, then submit the page for review again."
        )
    messages.warning(request, text % details)
    return None


@hooks.register("register_account_settings_panel")
def email_panel(request, user, profile):
    # The e-mail address is changed here, with the current password (portal/account_email.py).
    return EmailSettingsPanel(request, user, profile)
