"""The public message form and the admin's reply, review, reroute and publish forms.

Plain text everywhere (escaped on output); every text a citizen or a bureau writes goes through
the content-safety scanner; photos through core.uploads (JPEG/PNG/WebP, re-encoded without
EXIF/GPS), never decoded when the form has another error or the honeypot is filled."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.utils.translation import gettext_lazy as _

from bureaus.models.bureaus import BureauPage
from content.ads.forms import PlainTextField
from content.nominations.forms import MOBILE, MultiplePhotoField, OneLineField
from core.safety import scan_text
from core.uploads import ACCEPT, clean_photo_uploads
from interaction.models import MAX_PHOTOS, REPLY_MAX_LENGTH, SUBJECT_MAX_LENGTH, TEXT_MAX_LENGTH, TEXT_MIN_LENGTH, Topic
from interaction.routing import TOPIC_HELP

# What must not be published: mainland mobile numbers, e-mail addresses, ID card numbers.
PERSONAL_DATA = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)|[\w.+-]+@[\w-]+\.[\w.-]+|(?<!\d)\d{17}[\dXx](?!\d)")


def _safety(value):
    findings = scan_text(value) if value else []
    if findings:
        raise ValidationError([finding.message() for finding in findings])
    return value


def _mark_errors(form):
    """Each wrong field says so to assistive technology and points at its message."""
    for name in form.errors:
        if name in form.fields:
            attrs = form.fields[name].widget.attrs
            attrs["aria-invalid"] = "true"
            described = [part for part in attrs.get("aria-describedby", "").split() if part != f"{name}-error"]
            attrs["aria-describedby"] = " ".join([*described, f"{name}-error"])


class MessagePhotoField(MultiplePhotoField):
    def clean(self, data, initial=None):
        files = [f for f in (data or []) if f]
        if len(files) > MAX_PHOTOS:
            raise ValidationError(_("Choose at most %(count)d photos."), params={"count": MAX_PHOTOS})
        return files


class MessageForm(forms.Form):
    HONEYPOT = "website"

    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices, widget=forms.RadioSelect)
    subject = OneLineField(
        label=_("Subject"), max_length=SUBJECT_MAX_LENGTH, help_text=_("One line, at most 60 characters.")
    )
    text = PlainTextField(
        label=_("Your message"),
        widget=forms.Textarea,
        validators=[MinLengthValidator(TEXT_MIN_LENGTH), MaxLengthValidator(TEXT_MAX_LENGTH)],
        help_text=_("What you saw or suggest, where and when, in 10 to 2,000 characters. Plain text."),
    )
    photos = MessagePhotoField(
        label=_("Photos"),
        required=False,
        help_text=_("Up to 3 photos, JPEG, PNG or WebP, each at most 8 MB. Location and camera data are removed."),
    )
    contact_name = OneLineField(label=_("Your name"), max_length=50, required=False)
    contact_phone = forms.CharField(
        label=_("Your mobile number"),
        max_length=20,
        required=False,
        help_text=_("Optional: 11 digits, if the bureau may call you about the message."),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("Optional: we write to you when the answer is ready."),
    )
    publish_consent = forms.BooleanField(
        label=_("The question and the answer may be published, without my name or contact details"),
        required=False,
    )
    data_consent = forms.BooleanField(
        label=_(
            "I agree that my message and any contact details are processed to answer it, "
            "and that the details are erased after the answer"
        )
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["data_consent"].error_messages["required"] = _(
            "We can only take the message with your consent to the processing of your data."
        )
        self.fields["photos"].widget.attrs["accept"] = ACCEPT
        self.fields["subject"].widget.attrs["maxlength"] = SUBJECT_MAX_LENGTH
        self.fields["text"].widget.attrs.update({"maxlength": TEXT_MAX_LENGTH, "rows": 8})
        self.fields["contact_phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_email"].error_messages["invalid"] = _("Enter an e-mail address such as name@example.com.")
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{name}-help"
        self.photo_names = []
        self.photos_dropped = False

    @property
    def topics(self):
        return [(value, label, TOPIC_HELP[value]) for value, label in Topic.choices]

    def full_clean(self):
        super().full_clean()
        _mark_errors(self)

    def honeypot_filled(self):
        return bool((self.data.get(self.HONEYPOT) or "").strip())

    def clean_subject(self):
        return _safety(self.cleaned_data["subject"])

    def clean_text(self):
        return _safety(self.cleaned_data["text"])

    def clean_contact_name(self):
        return _safety(self.cleaned_data["contact_name"])

    def clean_contact_phone(self):
        digits = re.sub(r"[\s\-()]", "", self.cleaned_data["contact_phone"])
        if not digits:
            return ""
        if digits.startswith("+86"):
            digits = digits[3:]
        elif digits.startswith("0086"):
            digits = digits[4:]
        if not MOBILE.match(digits):
            raise ValidationError(_("Enter a mainland mobile number: 11 digits starting with 1."))
        return digits

    def clean(self):
        cleaned = super().clean()
        files = self.files.getlist("photos") if hasattr(self.files, "getlist") else []
        self.photo_names = [f.name for f in files if f]
        if self._errors or self.honeypot_filled():
            # Browsers cannot refill file inputs: the photos are not even decoded, and the page
            # names each one to choose again. A bot's photos are never opened.
            self.photos_dropped = bool(self._errors and self.photo_names)
            cleaned["photos"] = []
            return cleaned
        clean_photos = clean_photo_uploads(self, cleaned.get("photos"))
        if self._errors:
            self.photos_dropped = bool(self.photo_names)
        cleaned["photos"] = clean_photos
        return cleaned


class ReplyForm(forms.Form):
    text = PlainTextField(
        label=_("Reply"),
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[MinLengthValidator(10), MaxLengthValidator(REPLY_MAX_LENGTH)],
        help_text=_("Plain text, 10 to 5,000 characters. The sender reads it by tracking code once it is approved."),
    )

    def clean_text(self):
        return _safety(self.cleaned_data["text"])


class ReviewForm(forms.Form):
    note = PlainTextField(
        label=_("Note for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you return the reply."),
    )


class RerouteForm(forms.Form):
    bureau = forms.ModelChoiceField(
        label=_("Responsible bureau"), queryset=BureauPage.objects.live().order_by("path"), empty_label=None
    )
    note = OneLineField(label=_("Reason"), max_length=200, required=False)


class PublishForm(forms.Form):
    public_question = PlainTextField(
        label=_("Question as published"),
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[MinLengthValidator(TEXT_MIN_LENGTH), MaxLengthValidator(TEXT_MAX_LENGTH)],
        help_text=_("Leave out names, numbers, addresses of homes and anything else that identifies a person."),
    )

    def clean_public_question(self):
        value = _safety(self.cleaned_data["public_question"])
        if PERSONAL_DATA.search(value):
            raise ValidationError(_("Remove the phone number, e-mail address or ID number before publishing."))
        return value
