"""The Python widget renderer (core/form_renderer.py) writes exactly what Django's templates write,
for every widget it takes over, with values that need escaping, and leaves every other template
to the templates."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from content.ads.forms import AdProblemReportForm
from content.nominations.forms import NominationForm, ObjectionForm
from core.form_renderer import WidgetRenderer

TRICKY = '"><script>alert(1)</script>&amp;'


class EveryWidget(forms.Form):
    text = forms.CharField(initial=TRICKY, widget=forms.TextInput(attrs={"placeholder": TRICKY, "data-x": True}))
    hidden = forms.CharField(initial="h", widget=forms.HiddenInput)
    number = forms.IntegerField(initial=7, min_value=1, max_value=9)
    email = forms.EmailField(required=False)
    url = forms.URLField(initial="https://example.cn/?a=1&b=2", assume_scheme="https")
    password = forms.CharField(widget=forms.PasswordInput(render_value=True), initial="secret")
    date = forms.DateField(initial=datetime.date(2026, 11, 30), widget=forms.DateInput(attrs={"type": "date"}))
    checkbox = forms.BooleanField(initial=True)
    unchecked = forms.BooleanField(required=False, widget=forms.CheckboxInput(attrs={"disabled": False}))
    textarea = forms.CharField(initial=f"line one\n{TRICKY}", widget=forms.Textarea)
    empty_textarea = forms.CharField(required=False, widget=forms.Textarea)
    select = forms.ChoiceField(choices=[("", "---"), ("a", TRICKY), (1, "一")], initial=1)
    grouped = forms.ChoiceField(choices=[("组一", [("x", "X"), ("y", mark_safe("<b>Y</b>"))]), ("z", "Z")], initial="y")
    multiple = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], initial=["a", "b"])
    radio = forms.ChoiceField(choices=[("m", "男"), ("f", TRICKY)], initial="f", widget=forms.RadioSelect)
    radio_grouped = forms.ChoiceField(
        choices=[("组", [("1", "一"), ("2", "二")])], widget=forms.RadioSelect(attrs={"class": "choices"})
    )
    checkboxes = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], initial=["b"], widget=forms.CheckboxSelectMultiple
    )
    file = forms.FileField(required=False)


def both(form_class, **kwargs):
    return [str(form_class(renderer=renderer, **kwargs)) for renderer in (DjangoTemplates(), WidgetRenderer())]


def test_every_stock_widget_renders_as_the_templates_do():
    templates, python = both(EveryWidget)
    assert python == templates
    assert "&lt;script&gt;" in python and "<script>" not in python


def test_bound_forms_with_errors_render_as_the_templates_do():
    data = {"text": TRICKY, "number": "99", "select": "nope", "radio": "f", "checkboxes": ["a", "b"]}
    templates, python = both(EveryWidget, data=data)
    assert python == templates
    assert "aria-invalid" in python


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", [NominationForm, ObjectionForm, AdProblemReportForm])
def test_the_public_forms_render_as_the_templates_do(form_class):
    templates, python = both(form_class)
    assert python == templates


def test_a_widget_with_its_own_template_keeps_it():
    renderer = WidgetRenderer()
    assert renderer._raw("django/forms/widgets/clearable_file_input.html", {}) is None
    html = forms.ClearableFileInput().render("f", None, renderer=renderer)
    assert html == forms.ClearableFileInput().render("f", None, renderer=DjangoTemplates())
