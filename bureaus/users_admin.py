"""The admin's user and group views, arranged by role: the "Roles" tab of a user's form lists each
bureau's 编辑 / 审核 side by side, then the city-wide roles, each with what its members may do;
the groups listing and a group's page say the same. Installed through Wagtail's documented
extension point, the users app config's viewsets (portal/apps.py `PortalUsersAppConfig`)."""

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import groups, users

from bureaus.roles import DESCRIPTIONS, NOMINATION_KINDS, classify

GENERIC = {"bureau": _("the bureau"), "district": _("their district")}


def _entry(option, role):
    return {"option": option, "role": role, "description": role.description}


def role_sections(options):
    """The checkboxes of the groups field, arranged for the roles tab."""
    roles = classify([option["value"].instance for option in options])
    rows, final, districts, nominations, other = {}, [], [], [], []
    nomination_order = list(NOMINATION_KINDS.values())
    for option in options:
        role = roles[option["value"].instance.pk]
        if role.kind in ("bureau_editor", "bureau_reviewer"):
            row = rows.setdefault(role.bureau.pk, {"bureau": role.bureau, "editor": None, "reviewer": None})
            row["editor" if role.kind == "bureau_editor" else "reviewer"] = option
        elif role.kind == "final_reviewer":
            final.append(_entry(option, role))
        elif role.kind == "district_reviewer":
            districts.append(_entry(option, role))
        elif role.kind in nomination_order:
            nominations.append(_entry(option, role))
        else:
            other.append(_entry(option, role))
    districts.sort(key=lambda entry: (entry["role"].district.sort_order, entry["role"].district.pk))
    nominations.sort(key=lambda entry: nomination_order.index(entry["role"].kind))
    return {
        "bureaus": sorted(rows.values(), key=lambda row: row["bureau"].path),
        "editor_label": pgettext_lazy("bureau role", "Editor"),
        "reviewer_label": pgettext_lazy("bureau role", "Reviewer"),
        "editor_description": DESCRIPTIONS["bureau_editor"] % GENERIC,
        "reviewer_description": DESCRIPTIONS["bureau_reviewer"] % GENERIC,
        "final": final,
        "districts": districts,
        "district_description": DESCRIPTIONS["district_reviewer"] % GENERIC,
        "nominations": nominations,
        "other": other,
    }


class RoleCheckboxes(forms.CheckboxSelectMultiple):
    template_name = "portal/admin/users/role_checkboxes.html"

    class Media:
        css = {"all": ["portal/admin/roles.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [
            option for _group, group_options, _index in context["widget"]["optgroups"] for option in group_options
        ]
        context["widget"]["sections"] = role_sections(options)
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's template engine (templates/portal/admin/), as for the admin's other templates.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))  # noqa: S308


GROUPS_HELP = _(
    "Tick the roles this person holds. A bureau role acts on that bureau's pages only; nobody publishes "
    "directly: the last approval of a review publishes."
)


class RoleFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].label = _("Roles")
        self.fields["groups"].help_text = GROUPS_HELP


class RoleUserCreationForm(RoleFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        widgets = {"groups": RoleCheckboxes}


class RoleUserEditForm(RoleFormMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        widgets = {"groups": RoleCheckboxes}


class PortalUserViewSet(users.UserViewSet):
    def get_form_class(self, for_update=False):
        return RoleUserEditForm if for_update else RoleUserCreationForm


class GroupIndexView(groups.IndexView):
    columns = [
        *groups.IndexView.columns,
        Column("role_description", label=_("What members may do"), accessor="role_description"),
    ]

    def get_table(self, object_list):
        object_list = list(object_list)
        roles = classify(object_list)
        for group in object_list:
            group.role_description = roles[group.pk].description
        return super().get_table(object_list)


class GroupEditView(groups.EditView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["role_description"] = classify([self.object])[self.object.pk].description
        return context


class PortalGroupViewSet(groups.GroupViewSet):
    index_view_class = GroupIndexView
    edit_view_class = GroupEditView
    edit_template_name = "portal/admin/groups/edit.html"
