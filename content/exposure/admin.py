"""Admin for the exposure board's reference data: behaviour types (占道经营, 乱停乱放, …).

A plain ModelViewSet, not a snippet: registering a snippet would turn the notice editor's
behaviour-type select into a snippet chooser. The types are central reference data, so the
views use Django's model permissions, which no bureau group is given: only superusers manage
them. Editors still choose from them in the notice form."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from content.exposure.models import BehaviourType


class BehaviourTypeViewSet(ModelViewSet):
    model = BehaviourType
    icon = "warning"
    menu_label = _("Behaviour types")
    add_to_settings_menu = True
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    form_fields = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "id"]


@hooks.register("register_admin_viewset")
def register_behaviour_type_viewset():
    return BehaviourTypeViewSet("behaviour_types")
