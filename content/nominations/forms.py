"""The public nomination form and the objection form (plain text only; photos through core.uploads)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinLengthValidator, URLValidator
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from bureaus.models.districts import District
from content.ads.forms import PlainTextField
from content.exemplars.models import ExemplarCategory
from content.nominations.models import (
    CLUE_MAX_LENGTH,
    DEEDS_MAX_LENGTH,
    DEEDS_MIN_LENGTH,
    MAX_PHOTOS,
    Gender,
    NomineeAwareness,
    is_adult,
)
from core.safety import scan_text
from core.uploads import ACCEPT, clean_photo_uploads

# What each category asks for (shown under the choice, from the 昆明好人 criteria).
CATEGORY_CRITERIA = {
    ExemplarCategory.HELPING_OTHERS: _("Helps people in need again and again, asking nothing in return."),
    ExemplarCategory.BRAVERY: _("Stepped in against a crime or in a disaster or accident to save others."),
    ExemplarCategory.HONESTY: _("Keeps promises, returns what is not theirs, runs a business honestly."),
    ExemplarCategory.DEDICATION: _("Outstanding, selfless work over years in an ordinary post."),
    ExemplarCategory.FILIAL_PIETY: _("Cares for parents, family or neighbours devotedly over a long time."),
}
MOBILE = re.compile(r"^1[3-9]\d{9}$")
MAX_LINKS = 5
OBJECTION_MAX_LENGTH = 1000


# What a citizen reads when a field is wrong: said for this form, never Django's stock text
# ("确保该变量至少包含 50 字符", "这个字段是必填项"). Validators' messages are replaced by code too
# (Field.run_validators uses error_messages[code] when there is one).
ERROR_MESSAGES = {
    "nominee_name": {
        "required": _("Write the name of the person you nominate."),
        "max_length": _("The name can have at most %(limit_value)d characters."),
    },
    "gender": {"required": _("Choose the nominee's gender."), "invalid_choice": _("Choose one of the options.")},
    "birth_year": {
        "required": _("Write the year the nominee was born, e.g. 1968."),
        "invalid": _("Write the year of birth as four digits, e.g. 1968."),
        "min_value": _("The year of birth cannot be before %(limit_value)s."),
        "max_value": _("The year of birth cannot be after this year."),
    },
    "birth_month": {
        "required": _("Choose the month the nominee was born."),
        "invalid_choice": _("Choose the month from the list."),
    },
    "district": {
        "required": _("Choose the district where the nominee lives or did the deed."),
        "invalid_choice": _("Choose the district from the list."),
    },
    "category": {
        "required": _("Choose the category that fits the deed best."),
        "invalid_choice": _("Choose one of the five categories."),
    },
    "clue": {
        "required": _("Sum the deed up in one line."),
        "max_length": _("Keep the one-line summary to %(limit_value)d characters: you wrote %(show_value)d."),
    },
    "deeds": {
        "required": _("Tell us what the nominee did."),
        "min_length": _(
            "Tell us a little more: at least %(limit_value)d characters, you wrote %(show_value)d. "
            "Say what the nominee did, when and where."
        ),
        "max_length": _("Keep the account to %(limit_value)d characters: you wrote %(show_value)d."),
    },
    "nominee_awareness": {
        "required": _("Say whether the nominee knows of this nomination."),
        "invalid_choice": _("Choose one of the options."),
    },
    "nominator_name": {
        "required": _("Write your name, so that the reviewers can check the nomination with you."),
        "max_length": _("Your name can have at most %(limit_value)d characters."),
    },
    "nominator_phone": {
        "required": _("Write your mobile number (11 digits)."),
        "max_length": _("Enter a mainland mobile number: 11 digits starting with 1."),
    },
    "nominator_relation": {
        "required": _("Say how you know the nominee, e.g. neighbour or colleague."),
        "max_length": _("Keep this to at most %(limit_value)d characters."),
    },
    "nominator_unit": {"max_length": _("Keep this to at most %(limit_value)d characters.")},
    "evidence_links": {},
}
#: The mobile number's digits (the field takes up to 20 characters: spaces, dashes, +86).
MOBILE_DIGITS = 11


class OneLineField(PlainTextField):
    """A single line: line breaks typed or pasted become spaces."""

    def to_python(self, value):
        return " ".join(super().to_python(value).split())


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data or []) if f]
        if len(files) > MAX_PHOTOS:
            raise ValidationError(_("Choose at most %(count)d photos."), params={"count": MAX_PHOTOS})
        return files


def _safety(value):
    findings = scan_text(value) if value else []
    if findings:
        raise ValidationError([finding.message() for finding in findings])
    return value


class NominationForm(forms.Form):
    HONEYPOT = "website"

    nominee_name = OneLineField(label=_("Nominee's name"), max_length=50)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect)
    birth_year = forms.IntegerField(label=_("Year of birth"), min_value=1900)
    birth_month = forms.TypedChoiceField(
        label=_("Month of birth"),
        coerce=int,
        choices=[("", _("Choose the month")), *MONTHS.items()],
    )
    guardian_consent = forms.BooleanField(
        label=_("The nominee's parent or guardian agrees to this nomination"),
        required=False,
        help_text=_("Required when the nominee is under 18."),
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), empty_label=_("Choose the district")
    )
    category = forms.ChoiceField(label=_("Category"), choices=ExemplarCategory.choices, widget=forms.RadioSelect)
    clue = OneLineField(
        label=_("The deed in one line"),
        max_length=CLUE_MAX_LENGTH,
        help_text=_("At most 70 characters, e.g. 连续十年照顾孤寡老人."),
    )
    deeds = PlainTextField(
        label=_("The deeds in full"),
        widget=forms.Textarea,
        validators=[MinLengthValidator(DEEDS_MIN_LENGTH), MaxLengthValidator(DEEDS_MAX_LENGTH)],
        help_text=_("What the nominee did, when and where, in 50 to 3,000 characters. Plain text."),
    )
    photos = MultiplePhotoField(
        label=_("Photos of the nominee"),
        required=False,
        help_text=_("Up to 5 photos, JPEG, PNG or WebP, each at most 8 MB. Location and camera data are removed."),
    )
    evidence_links = PlainTextField(
        label=_("Links to reports or evidence"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Optional: up to 5 web addresses starting with http:// or https://, one a line."),
    )
    nominee_awareness = forms.ChoiceField(
        label=_("Does the nominee know of this nomination?"),
        choices=NomineeAwareness.choices,
        widget=forms.RadioSelect,
    )
    photo_consent = forms.BooleanField(
        label=_("The nominee agrees that the photos may be shown during public evaluation"), required=False
    )
    nominator_name = OneLineField(label=_("Your name"), max_length=50)
    nominator_phone = forms.CharField(
        label=_("Your mobile number"),
        max_length=20,
        help_text=_("11 digits. Only the reviewers see it, to check the nomination with you."),
    )
    nominator_relation = OneLineField(
        label=_("Your relation to the nominee"), max_length=50, help_text=_("e.g. neighbour, colleague, witness")
    )
    nominator_unit = OneLineField(label=_("Your work unit"), max_length=100, required=False)
    declaration = forms.BooleanField(label=_("I declare that what I have written is true"))
    data_consent = forms.BooleanField(
        label=_("I agree that my name and number are processed to review this nomination and erased after the decision")
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["birth_year"].validators.append(MaxValueValidator(self.today.year))
        self.fields["birth_year"].widget.attrs.update({"min": 1900, "max": self.today.year})
        self.fields["declaration"].error_messages["required"] = _("Please confirm that your account is true.")
        self.fields["data_consent"].error_messages["required"] = _(
            "We can only take the nomination with your consent to the processing of your data."
        )
        self.fields["photos"].widget.attrs["accept"] = ACCEPT
        self.fields["clue"].widget.attrs["maxlength"] = CLUE_MAX_LENGTH
        self.fields["deeds"].widget.attrs.update({"maxlength": DEEDS_MAX_LENGTH, "rows": 10})
        self.fields["evidence_links"].widget.attrs["rows"] = 3
        for name, messages in ERROR_MESSAGES.items():
            self.fields[name].error_messages.update(messages)
        # The page's counter counts digits against 11, not characters against the field's 20.
        self.fields["nominator_phone"].widget.attrs.update(
            {"inputmode": "tel", "autocomplete": "tel", "data-digits": MOBILE_DIGITS}
        )
        self.fields["nominator_name"].widget.attrs["autocomplete"] = "name"
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{name}-help"
        self.photo_names = []
        self.photos_dropped = False

    def full_clean(self):
        super().full_clean()
        # Each wrong field says so to assistive technology and points at its message.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = " ".join(
                    filter(
                        None, [attrs.get("aria-describedby", "").replace(f"{name}-error", "").strip(), f"{name}-error"]
                    )
                )

    def honeypot_filled(self):
        return bool((self.data.get(self.HONEYPOT) or "").strip())

    @property
    def guardian_needed(self):
        """Whether the page shows the guardian's consent: for a minor, from what was sent (without
        JavaScript the box appears when the form comes back); nominations.js shows it as the
        year and month are chosen."""
        if not self.is_bound:
            return False
        if self.data.get("guardian_consent"):
            return True
        try:
            year, month = int(self.data.get("birth_year")), int(self.data.get("birth_month") or 12)
        except (TypeError, ValueError):
            return False
        return 1900 <= year <= self.today.year and not is_adult(year, month, self.today)

    def clean_nominee_name(self):
        return _safety(self.cleaned_data["nominee_name"])

    def clean_clue(self):
        return _safety(self.cleaned_data["clue"])

    def clean_deeds(self):
        return _safety(self.cleaned_data["deeds"])

    def clean_nominator_relation(self):
        return _safety(self.cleaned_data["nominator_relation"])

    def clean_nominator_unit(self):
        return _safety(self.cleaned_data["nominator_unit"])

    def clean_nominator_phone(self):
        digits = re.sub(r"[\s\-()]", "", self.cleaned_data["nominator_phone"])
        if digits.startswith("+86"):
            digits = digits[3:]
        elif digits.startswith("0086"):
            digits = digits[4:]
        if not MOBILE.match(digits):
            raise ValidationError(_("Enter a mainland mobile number: 11 digits starting with 1."))
        return digits

    def clean_evidence_links(self):
        lines = [line.strip() for line in self.cleaned_data["evidence_links"].splitlines() if line.strip()]
        if len(lines) > MAX_LINKS:
            raise ValidationError(_("Give at most %(count)d links."), params={"count": MAX_LINKS})
        validate = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                if len(line) > 500:
                    raise ValidationError("too long")
                validate(line)
            except ValidationError:
                raise ValidationError(
                    _("“%(link)s” is not a web address starting with http:// or https://."), params={"link": line}
                ) from None
        return "\n".join(lines)

    def clean(self):
        cleaned = super().clean()
        year, month = cleaned.get("birth_year"), cleaned.get("birth_month")
        if year and month and not is_adult(year, month, self.today) and not cleaned.get("guardian_consent"):
            self.add_error(
                "guardian_consent", _("The nominee is under 18: a parent or guardian must agree to the nomination.")
            )
        files = self.files.getlist("photos") if hasattr(self.files, "getlist") else []
        self.photo_names = [f.name for f in files if f]
        if self._errors:
            # The form comes back and browsers cannot refill file inputs: the photos are not even
            # decoded, and the page names each one that must be chosen again.
            self.photos_dropped = bool(self.photo_names)
            cleaned["photos"] = []
            return cleaned
        if self.honeypot_filled():
            # A bot's photos are never opened: it gets a pretend receipt and nothing is kept.
            cleaned["photos"] = []
            return cleaned
        clean_photos = clean_photo_uploads(self, cleaned.get("photos"))
        if self._errors:
            self.photos_dropped = bool(self.photo_names)
        cleaned["photos"] = clean_photos
        return cleaned


class ObjectionForm(forms.Form):
    HONEYPOT = "website"

    text = PlainTextField(
        label=_("Your objection"),
        widget=forms.Textarea,
        validators=[MinLengthValidator(10), MaxLengthValidator(OBJECTION_MAX_LENGTH)],
        help_text=_("What is wrong in the account, and how you know it (10 to 1,000 characters)."),
        error_messages={
            "required": _("Write what is wrong in the account."),
            "min_length": _(
                "Tell us a little more: at least %(limit_value)d characters, you wrote %(show_value)d. "
                "Say what is wrong and how you know it."
            ),
            "max_length": _("Keep the objection to %(limit_value)d characters: you wrote %(show_value)d."),
        },
    )
    contact = OneLineField(
        label=_("How to reach you"),
        required=False,
        max_length=100,
        help_text=_(
            "Optional: a phone number or e-mail address, if the reviewers may ask you what you know. "
            "It is never published and is erased after the decision."
        ),
        error_messages={"max_length": _("Keep this to at most %(limit_value)d characters.")},
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def honeypot_filled(self):
        return bool((self.data.get(self.HONEYPOT) or "").strip())

    def clean_text(self):
        return _safety(self.cleaned_data["text"])

    def clean_contact(self):
        return _safety(self.cleaned_data["contact"])
