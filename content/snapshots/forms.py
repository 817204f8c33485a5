"""The public 随手拍 form: photos (at least one), behaviour type, district, place, an optional map
point from the phone, when it was seen, what happened; plain text only, photos cleaned by core.uploads."""

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureaus.models.districts import District
from content.ads.forms import PlainTextField
from content.exposure.models import BehaviourType
from content.nominations.forms import MultiplePhotoField, OneLineField
from content.snapshots.models import DESCRIPTION_MAX_LENGTH, PLACE_MAX_LENGTH
from core.safety import scan_text
from core.uploads import ACCEPT, clean_photo_uploads

# Kunming's 14 counties and districts and its parks lie within these bounds (with a margin): a
# point outside is a phone that has not located itself yet, or a point typed by hand.
LATITUDE_RANGE = (Decimal("24.3"), Decimal("26.6"))
LONGITUDE_RANGE = (Decimal("102.1"), Decimal("103.7"))
#: How long after the fact a report is still taken, and how far ahead a phone's clock may run.
OLDEST = datetime.timedelta(days=90)
CLOCK_SLACK = datetime.timedelta(minutes=10)


class RequiredPhotosField(MultiplePhotoField):
    """The nominations' multiple-photo field (at most 5), with at least one required."""

    def clean(self, data, initial=None):
        files = super().clean(data, initial)
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


def _safety(value):
    findings = scan_text(value) if value else []
    if findings:
        raise ValidationError([finding.message() for finding in findings])
    return value


class SnapshotForm(forms.Form):
    HONEYPOT = "website"

    photos = RequiredPhotosField(
        label=_("Photos"),
        help_text=_(
            "1 to 5 photos, JPEG, PNG or WebP, each at most 8 MB. Location and camera data are removed. "
            "Photograph the behaviour and the place; faces and number plates are blurred before anything is published."
        ),
    )
    behaviour_type = forms.ModelChoiceField(
        label=_("Behaviour"),
        queryset=BehaviourType.objects.all(),
        empty_label=_("Choose the behaviour"),
        error_messages={"invalid_choice": _("Choose one of the listed behaviours.")},
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        empty_label=_("Choose the district"),
        error_messages={"invalid_choice": _("Choose one of the listed districts.")},
    )
    place = OneLineField(
        label=_("Place"),
        max_length=PLACE_MAX_LENGTH,
        help_text=_("A street, square, bus stop or landmark, e.g. 南屏街与正义路口. No house numbers."),
    )
    latitude = forms.DecimalField(label=_("Latitude"), required=False, max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(label=_("Longitude"), required=False, max_digits=9, decimal_places=6)
    seen_at = forms.DateTimeField(
        label=_("When you saw it"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Date and time, within the last 90 days."),
        error_messages={"invalid": _("Enter the date and time, e.g. 2026-11-28 08:30.")},
    )
    description = PlainTextField(
        label=_("What happened"),
        required=False,
        widget=forms.Textarea,
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
        help_text=_("Optional, at most 500 characters. Describe the behaviour, not the person: no names."),
    )
    consent = forms.BooleanField(
        label=_(
            "I took these photos in a public place, and agree that the bureau may use them, "
            "with faces and number plates blurred, in an exposure notice"
        ),
        error_messages={"required": _("We can only take the report with your agreement to this use of the photos.")},
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        self.fields["photos"].error_messages["required"] = _("Add at least one photo of what you saw.")
        self.fields["photos"].widget.attrs.update({"accept": ACCEPT, "capture": "environment"})
        self.fields["place"].widget.attrs["maxlength"] = PLACE_MAX_LENGTH
        self.fields["description"].widget.attrs.update({"maxlength": DESCRIPTION_MAX_LENGTH, "rows": 4})
        local_now = timezone.localtime(self.now)
        self.fields["seen_at"].widget.attrs.update(
            {
                "max": local_now.strftime("%Y-%m-%dT%H:%M"),
                "min": (local_now - OLDEST).strftime("%Y-%m-%dT%H:%M"),
            }
        )
        for name in ("latitude", "longitude"):
            self.fields[name].widget = forms.TextInput(
                attrs={"inputmode": "decimal", "autocomplete": "off", "data-geo": name, "aria-describedby": "geo-help"}
            )
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{name}-help"
        self.photo_names = []
        self.photos_dropped = False

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                described = [part for part in attrs.get("aria-describedby", "").split() if part != f"{name}-error"]
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = " ".join([*described, f"{name}-error"])

    def honeypot_filled(self):
        return bool((self.data.get(self.HONEYPOT) or "").strip())

    def clean_place(self):
        return _safety(self.cleaned_data["place"])

    def clean_description(self):
        return _safety(self.cleaned_data["description"])

    def clean_seen_at(self):
        seen_at = self.cleaned_data["seen_at"]
        if seen_at > self.now + CLOCK_SLACK:
            raise ValidationError(_("The time lies in the future: enter when you saw it."))
        if seen_at < self.now - OLDEST:
            raise ValidationError(_("We take reports of the last 90 days only."))
        return seen_at

    def _clean_point(self, cleaned):
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if latitude is None and longitude is None:
            return
        if latitude is None or longitude is None:
            self.add_error("latitude", _("Give both latitude and longitude, or neither."))
            return
        if not (LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1]) or not (
            LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]
        ):
            self.add_error(
                "latitude",
                _("This point is not in Kunming. Use the button again on the spot, or clear the two fields."),
            )

    def clean(self):
        cleaned = super().clean()
        self._clean_point(cleaned)
        files = self.files.getlist("photos") if hasattr(self.files, "getlist") else []
        self.photo_names = [f.name for f in files if f]
        if self._errors or self.honeypot_filled():
            # The form comes back (browsers cannot refill file inputs) or a bot gets a pretend
            # receipt: either way the photos are never decoded.
            self.photos_dropped = bool(self._errors and self.photo_names)
            cleaned["photos"] = []
            return cleaned
        clean_photos = clean_photo_uploads(self, cleaned.get("photos"))
        if self._errors:
            self.photos_dropped = bool(self.photo_names)
        cleaned["photos"] = clean_photos
        return cleaned
