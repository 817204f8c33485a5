"""Admin for the exposure board's reference data: behaviour types (占道经营, 乱停乱放, …).

A plain ModelViewSet, not a snippet: registering a snippet would turn the notice editor's
behaviour-type select into a snippet chooser. The types are central reference data, so the
views use Django's model permissions, which no bureau group is given: only superusers manage
them. Editors still choose from them in the notice form.

Also: the explorer's bulk publish refuses notices with photos whose blurring is not reviewed."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from content.exposure.models import BehaviourType, ExposureNoticePage
from content.photos.forms import unreviewed_message
from content.photos.guard import unreviewed_photos


class BehaviourTypeViewSet(ModelViewSet):
    model = BehaviourType
    icon = "warning"
    menu_label = _("Behaviour types")
    add_to_settings_menu = True
    list_display = ["name", "slug", "responsible_bureau", "sort_order"]
    search_fields = ["name"]
    form_fields = ["name", "slug", "responsible_bureau", "sort_order"]
    ordering = ["sort_order", "id"]


@hooks.register("register_admin_viewset")
def register_behaviour_type_viewset():
    return BehaviourTypeViewSet("behaviour_types")


# --- Publishing outside the edit form -------------------------------------------------------------


@hooks.register("before_bulk_action")
def refuse_bulk_publish_with_unreviewed_photos(request, action_type, objects, action):
    """The explorer's bulk "publish" skips the page form: check the revisions it would publish."""
    if action_type != "publish":
        return None

    refused = []
    for page in objects:
        page = page.specific
        if isinstance(page, ExposureNoticePage):
            refused += unreviewed_photos(page.get_latest_revision_as_object())
    if not refused:
        return None
    for photo in {photo.pk: photo for photo in refused}.values():
        messages.error(request, unreviewed_message(photo))
    return redirect(action.next_url)
