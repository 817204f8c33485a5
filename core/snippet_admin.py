"""Snippet admin whose labels are translated when shown, not when Wagtail starts.

Wagtail formats some snippet labels once, when the snippet is registered: the chooser widget's
"Choose district" / "Choose another district" / "Edit this district" and the breadcrumbs'
"Home" and "Snippets". If no Chinese is active at that moment (the hooks first load inside
`migrate`, a test run, or a request from someone who chose English), every editor sees English
until the next restart. `LazyLabelSnippetViewSet` keeps those labels lazy."""

from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser


def _interpolate(message, name):
    return message % {"object": name}


_lazy_interpolate = lazy(_interpolate, str)


class LazyLabelSnippetChooser(AdminSnippetChooser):
    def __init__(self, model, **kwargs):
        super().__init__(model, **kwargs)
        name = model._meta.verbose_name
        self.choose_one_text = _lazy_interpolate(_("Choose %(object)s"), name)
        self.choose_another_text = _lazy_interpolate(_("Choose another %(object)s"), name)
        self.link_to_chosen_text = _lazy_interpolate(_("Edit this %(object)s"), name)


class LazyLabelSnippetChooserViewSet(SnippetChooserViewSet):
    def get_urlpatterns(self):
        # Wagtail mounts the chooser's create/ URL even when the chooser has no "Create" tab (no
        # creation form configured), and a POST there then fails with an AttributeError. Without
        # a creation form there is nothing to create from the chooser, so there is no such URL.
        patterns = super().get_urlpatterns()
        if self._creation_form_class or self.form_fields or self.exclude_form_fields:
            return patterns
        return [pattern for pattern in patterns if pattern.name != "create"]

    @cached_property
    def widget_class(self):
        # An instance, as in Wagtail's SnippetChooserViewSet: it is registered as the form widget.
        return LazyLabelSnippetChooser(model=self.model, icon=self.icon)


class LazyLabelSnippetViewSet(SnippetViewSet):
    chooser_viewset_class = LazyLabelSnippetChooserViewSet

    @property
    def breadcrumbs_items(self):
        # Wagtail's items are Home and, when snippets have no menu item of their own, Snippets.
        labels = [_("Home"), _("Snippets")]
        return [{**item, "label": label} for item, label in zip(super().breadcrumbs_items, labels, strict=False)]
