"""Whose rows a user may see: the bureau-scoped permission policy, views and viewset base."""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from bureaus.access import user_bureau_ids
from bureaus.models.bureaus import BureauPage
from core.admin_display import LocalDatesInspectMixin

# --- Whose rows a user may see ------------------------------------------------------------------


def user_bureaus(user):
    """The bureaus a user may act for: all for a superuser, else their own."""
    queryset = BureauPage.objects.order_by("path")
    if user.is_superuser:
        return queryset
    return queryset.filter(pk__in=user_bureau_ids(user))


class BureauScopedPolicy(ModelPermissionPolicy):
    """Django model permissions, limited to rows of the user's own bureaus.

    `bureau_lookup` is the path from the model to its bureau's id; `read_only` refuses add,
    change and delete to everybody (citizen problem reports are evidence, not editable)."""

    def __init__(self, model, bureau_lookup="bureau_id", read_only=False):
        super().__init__(model)
        self.bureau_lookup = bureau_lookup
        self.read_only = read_only

    def _allowed(self, user, action):
        if self.read_only and action in ("add", "change", "delete"):
            return False
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        return bool(user_bureau_ids(user)) and super().user_has_permission(user, action)

    def user_has_permission(self, user, action):
        return self._allowed(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self._allowed(user, action) for action in actions)

    def instance_bureau_id(self, instance):
        value = instance
        for part in self.bureau_lookup.split("__"):
            value = getattr(value, part, None)
        return value

    def user_has_permission_for_instance(self, user, action, instance):
        if not self._allowed(user, action):
            return False
        return user.is_superuser or self.instance_bureau_id(instance) in user_bureau_ids(user)

    def scope(self, user, queryset):
        if user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.bureau_lookup}__in": user_bureau_ids(user)})

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user, self.model._default_manager.all())


# --- Views that only ever load rows of the user's bureaus ---------------------------------------


class ScopedIndexView(generic.IndexView):
    list_select_related = ()

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        return self.permission_policy.scope(self.request.user, queryset)


class ScopedEditView(generic.EditView):
    def get_queryset(self):
        return self.permission_policy.scope(self.request.user, super().get_queryset())


class ScopedDeleteView(generic.DeleteView):
    def get_queryset(self):
        return self.permission_policy.scope(self.request.user, super().get_queryset())


class ScopedInspectView(LocalDatesInspectMixin, generic.InspectView):
    def get_queryset(self):
        return self.model._default_manager.all()

    def get_object(self, queryset=None):
        queryset = self.permission_policy.scope(self.request.user, self.get_queryset())
        return get_object_or_404(queryset, pk=self.pk)


class ScopedHistoryView(history.HistoryView):
    def get_base_object_queryset(self):
        return self.permission_policy.scope(self.request.user, super().get_base_object_queryset())


class ScopedUsageView(usage.UsageView):
    def get_base_object_queryset(self):
        return self.permission_policy.scope(self.request.user, super().get_base_object_queryset())


class BureauScopedViewSet(ModelViewSet):
    icon = "list-ul"
    bureau_lookup = "bureau_id"
    read_only = False
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    list_select_related = ()
    form_class = None

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView

    @cached_property
    def permission_policy(self):
        return BureauScopedPolicy(self.model, bureau_lookup=self.bureau_lookup, read_only=self.read_only)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(list_select_related=self.list_select_related, **kwargs)

    def get_form_class(self, for_update=False):
        return self.form_class
