"""The "report a problem" form on a placement's public page."""

import re

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from content.ads.models.placements import AdProblem
from core.uploads import MAX_BYTES, clean_uploaded_photo

DESCRIPTION_MAX_LENGTH = 500
# C0 control characters other than tab and line feed, and DEL: never meaningful in a report.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class PlainTextField(forms.CharField):
    """Plain text from a textarea: one kind of line break, no control characters.

    Browsers count a line break as one character for `maxlength` but send it as CR LF; turning
    CR LF into LF before the length is checked keeps the two counts the same."""

    def to_python(self, value):
        value = super().to_python(value)
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        return CONTROL_CHARACTERS.sub("", value).strip()


class AdProblemReportForm(forms.Form):
    HONEYPOT = "website"

    problem = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=AdProblem.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what is wrong with the ad."),
            "invalid_choice": _("Choose one of the listed problems."),
        },
    )
    description = PlainTextField(
        label=_("Details"),
        required=False,
        widget=forms.Textarea,
        validators=[
            MaxLengthValidator(
                DESCRIPTION_MAX_LENGTH,
                message=ngettext_lazy(
                    "Keep the details to at most %(limit_value)d character: you typed %(show_value)d.",
                    "Keep the details to at most %(limit_value)d characters: you typed %(show_value)d.",
                    "limit_value",
                ),
            )
        ],
        help_text=_(
            "Where exactly and what you saw, in at most 500 characters. Please leave out names and phone numbers."
        ),
    )
    # A plain FileField, not an ImageField: Django's ImageField would open the file with every
    # Pillow decoder; clean_uploaded_photo opens it with an allowlist.
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 8 MB. Location and camera data are removed from it."),
    )
    # Honeypot: hidden from people and assistive technology; bots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    max_photo_bytes = MAX_BYTES

    def honeypot_filled(self):
        return bool((self.data.get(self.HONEYPOT) or "").strip())

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        if self._errors:
            # Another field is wrong: the form comes back and the photo must be chosen again
            # anyway, so it is not decoded (decoding is the expensive part of this form).
            return None
        if self.honeypot_filled():
            # A bot's photo is never opened: it gets a pretend thank-you and nothing is kept.
            return None
        return clean_uploaded_photo(photo, max_bytes=self.max_photo_bytes)
