"""The review task of the publishing workflows: a group approval nobody can give to themselves.

Wagtail's group approval task is satisfied by any member of the group, including the editor
who submitted the page (FACTS.md). Here the submitter and the author of the revision under
review see no approve or reject action, cannot open the action by URL, and the task does not
appear in their "awaiting your review" list."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState


class NoSelfApprovalTask(AbstractGroupApprovalTask):
    class Meta:
        app_label = "portal"
        verbose_name = _("Group approval without self-approval")
        verbose_name_plural = _("Group approvals without self-approval")

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve; nobody may approve what they submitted or wrote.")

    @staticmethod
    def authors_of(obj):
        """The users who may not decide on `obj`'s current review: who submitted it and who
        wrote the revision being reviewed."""
        state = getattr(obj, "current_workflow_state", None)
        if state is None:
            return set()
        authors = {state.requested_by_id}
        task_state = state.current_task_state
        if task_state is not None and task_state.revision_id:
            authors.add(task_state.revision.user_id)
        return {pk for pk in authors if pk is not None}

    def get_actions(self, obj, user):
        if user.pk in self.authors_of(obj):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        # The admin only offers the actions get_actions returns, but a crafted POST reaches this.
        obj = task_state.workflow_state.content_object
        if user is not None and user.pk in self.authors_of(obj):
            raise PermissionDenied(_("You cannot approve or reject what you submitted or wrote yourself."))
        if action_name == "approve":
            # A content type may refuse to go public yet (an exposure photo not reviewed):
            # refuse the approval rather than fail half-way through publishing.
            specific = getattr(obj, "specific", obj)
            blockers = getattr(specific, "publication_blockers", None)
            messages = blockers(task_state.revision) if blockers and task_state.revision_id else []
            if messages:
                raise PermissionDenied(" ".join(str(m) for m in messages))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)


__all__ = ["NoSelfApprovalTask", "TaskState"]
