"""The editor dashboard's messages panel (docs/editor-dashboard.md, docs/messages.md): open
messages of the user's bureaus (for 市文明办 终审 and superusers: of every bureau) that are in the
three-month alarm, overdue, due soon or awaiting the user's review, with the counts. Two
queries whatever the number of messages or bureaus."""

from django.db.models import Count, Q
from django.forms import Media
from django.utils import timezone
from wagtail.admin.ui.components import Component

from interaction import access
from interaction.deadlines import in_alarm_filter, reminder_horizon, state_of
from interaction.models import Status

ROWS = 10


class MessagesPanel(Component):
    name = "dashboard_messages"
    template_name = "interaction/dashboard_panel.html"
    order = 115

    def __init__(self, user, today=None):
        self.user = user
        self.today = today or timezone.localdate()

    @property
    def media(self):
        return Media(css={"all": ["css/dashboard.css"]})

    def render_html(self, parent_context=None):
        if not access.may_open(self.user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        today = self.today
        alarm = Q(**in_alarm_filter(today))
        overdue = Q(due_on__lt=today)
        soon = Q(due_on__gte=today, due_on__lte=reminder_horizon(today))
        review = Q(status=Status.IN_REVIEW)
        rows = access.readable(self.user).open()
        counts = rows.aggregate(
            alarm=Count("pk", filter=alarm),
            overdue=Count("pk", filter=overdue),
            soon=Count("pk", filter=soon),
            review=Count("pk", filter=review),
        )
        listed = list(
            rows.filter(alarm | overdue | soon | review)
            .select_related("bureau")
            .only("id", "tracking_code", "subject", "status", "received_at", "due_on", "bureau__title")
            .order_by("due_on", "received_at", "id")[:ROWS]
        )
        for item in listed:
            item.deadline_state = state_of(item, today)
        return {
            "counts": counts,
            "rows": listed,
            "nothing": not any(counts.values()),
            "several_bureaus": access.is_office(self.user) or len(access.memberships(self.user)) > 1,
        }
