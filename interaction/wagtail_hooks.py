from wagtail import hooks

from interaction import admin  # noqa: F401 - registers the admin URLs and menu item
from interaction.dashboard import MessagesPanel


@hooks.register("construct_homepage_panels")
def add_messages_panel(request, panels):
    panels.append(MessagesPanel(request.user))
