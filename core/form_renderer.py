"""Django's form renderer, with its stock input, select, textarea and choice widgets written in Python.

Django renders every widget through templates, and every option of a select or a radio list
through two or three more (`select_option.html`, `input_option.html`, `input.html`, each
including `attrs.html`): the nomination form renders some 100 templates on every view, a third
of its render time, and the admin's forms more. `WidgetRenderer` writes the same markup
directly for the widgets whose templates are Django's own, and renders everything else (forms,
fields, Wagtail's and third-party widgets, and any of these templates a project overrides)
through the templates as before. tests/core/test_form_renderer.py renders every fast widget both
ways and compares the markup byte for byte.
"""

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html

STOCK_WIDGETS_DIR = Path(django.forms.__file__).parent / "templates"

# Templates whose whole body is `{% include "django/forms/widgets/input.html" %}`.
INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "checkbox",
        "date",
        "datetime",
        "time",
        "color",
        "search",
        "tel",
    )
}
OPTION_TEMPLATES = {
    "django/forms/widgets/input_option.html",
    "django/forms/widgets/radio_option.html",
    "django/forms/widgets/checkbox_option.html",
}
MULTIPLE_INPUT_TEMPLATES = {
    "django/forms/widgets/multiple_input.html",
    "django/forms/widgets/radio.html",
    "django/forms/widgets/checkbox_select.html",
}


def _text(value):
    # What `{{ value|stringformat:'s' }}` shows: str() of the value, escaped unless already safe.
    return conditional_escape(value if hasattr(value, "__html__") else str(value))


def _attrs(attrs):
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{_text(value)}"')
    return "".join(parts)


def _input(widget):
    value = f' value="{_text(widget["value"])}"' if widget["value"] is not None else ""
    return (
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{value}{_attrs(widget['attrs'])}>"
    )


class WidgetRenderer(DjangoTemplates):
    def __init__(self):
        super().__init__()
        self._stock = {}

    def _is_stock(self, template_name):
        # A template of the same name earlier on the loaders' path (an override) keeps the
        # template rendering.
        if template_name not in self._stock:
            origin = self.get_template(template_name).origin.name
            self._stock[template_name] = Path(origin).is_relative_to(STOCK_WIDGETS_DIR)
        return self._stock[template_name]

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and self._is_stock(template_name):
            html = self._raw(template_name, widget)
            if html is not None:
                # As the template backend answers a widget: stripped (the includes inside are not).
                return html.strip()
        return super().render(template_name, context, request)

    def _raw(self, template_name, widget):
        """What the template writes, its final newline and those of its includes kept."""
        if template_name == "django/forms/widgets/input.html":
            return _input(widget) + "\n"
        if template_name in INPUT_TEMPLATES:
            return _input(widget) + "\n\n"
        if template_name == "django/forms/widgets/input_option.html":
            return self._input_option(widget)
        if template_name in OPTION_TEMPLATES:
            return self._input_option(widget) + "\n"
        if template_name == "django/forms/widgets/select_option.html":
            label = conditional_escape(widget["label"])
            return f'<option value="{_text(widget["value"])}"{_attrs(widget["attrs"])}>{label}</option>\n'
        if template_name == "django/forms/widgets/select.html":
            return self._select(widget)
        if template_name == "django/forms/widgets/multiple_input.html":
            return self._multiple_input(widget)
        if template_name in MULTIPLE_INPUT_TEMPLATES:
            return self._multiple_input(widget) + "\n"
        if template_name == "django/forms/widgets/textarea.html":
            value = conditional_escape(widget["value"]) if widget["value"] else ""
            name = conditional_escape(widget["name"])
            return f'<textarea name="{name}"{_attrs(widget["attrs"])}>\n{value}</textarea>\n'
        return None

    def _nested(self, option):
        # An option inside a select or a choice list, as `{% include option.template_name %}` writes it.
        name = option["template_name"]
        html = self._raw(name, option) if self._is_stock(name) else None
        if html is None:
            html = self.get_template(name).render({"widget": option})
        return html

    def _input_option(self, option):
        html = _input(option) + "\n"
        if option.get("wrap_label"):
            label_for = format_html(' for="{}"', option["attrs"]["id"]) if option["attrs"].get("id") else ""
            html = f"<label{label_for}>{html} {conditional_escape(option['label'])}</label>"
        return html + "\n"

    def _select(self, widget):
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in group_choices:
                parts.append(f"\n  {self._nested(option)}")
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>\n")
        return "".join(parts)

    def _multiple_input(self, widget):
        widget_id = widget["attrs"].get("id")
        css_class = widget["attrs"].get("class")
        parts = ["<div"]
        if widget_id:
            parts.append(f' id="{conditional_escape(widget_id)}"')
        if css_class:
            parts.append(f' class="{conditional_escape(css_class)}"')
        parts.append(">")
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(f"\n  <div><label>{conditional_escape(group)}</label>")
            for option in options:
                parts.append(f"<div>\n    {self._nested(option)}</div>")
            if group:
                parts.append("\n  </div>")
        parts.append("\n</div>\n")
        return "".join(parts)
