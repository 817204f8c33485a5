"""Forms of the protected-photo admin: upload, edit, and the blur regions of one photo."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from bureaus.admin_scoping import user_bureaus
from bureaus.models.bureaus import BureauPage
from content.photos.models import ProtectedPhoto
from content.photos.review import validate_region
from core.uploads import ACCEPT, clean_uploaded_photo

#: Whether the photo may be public at all, wherever it is used (see ProtectedPhoto).
PUBLICATION_FIELDS = ["shows_minor", "consent_recorded_on", "consent_record"]


class _BureauChoiceMixin:
    def _scope_bureau(self):
        user = self.for_user
        field = self.fields["bureau"]
        field.queryset = user_bureaus(user) if user is not None else BureauPage.objects.none()
        if user is not None and not user.is_superuser:
            # A bureau editor's photo always belongs to one of their bureaus.
            field.required = True
            field.empty_label = None


class PhotoUploadForm(_BureauChoiceMixin, WagtailAdminModelForm):
    file = forms.FileField(
        label=_("Photo file"),
        help_text=_("JPEG, PNG or WebP. Faces and licence plates are found and blurred automatically."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    class Meta:
        model = ProtectedPhoto
        fields = ["title", "purpose", "bureau", *PUBLICATION_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._scope_bureau()

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        clean_uploaded_photo(uploaded)  # the same checks store_protected_photo makes; errors show here
        uploaded.seek(0)
        return uploaded


class PhotoEditForm(_BureauChoiceMixin, WagtailAdminModelForm):
    class Meta:
        model = ProtectedPhoto
        fields = ["title", "bureau", *PUBLICATION_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._scope_bureau()


class AddRegionForm(forms.Form):
    x = forms.IntegerField(label=_("Left (pixels)"), min_value=0)
    y = forms.IntegerField(label=_("Top (pixels)"), min_value=0)
    width = forms.IntegerField(label=_("Width (pixels)"), min_value=0)
    height = forms.IntegerField(label=_("Height (pixels)"), min_value=0)

    def __init__(self, *args, photo, **kwargs):
        super().__init__(*args, prefix="region", **kwargs)
        self.photo = photo

    def clean(self):
        cleaned_data = super().clean()
        values = [cleaned_data.get(name) for name in ("x", "y", "width", "height")]
        if None not in values:
            try:
                validate_region(self.photo, *values)
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        self.add_error(field, message)
        return cleaned_data


class RemoveRegionsForm(forms.Form):
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions to remove"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one region to remove.")},
    )

    def __init__(self, *args, photo, **kwargs):
        super().__init__(*args, prefix="remove", **kwargs)
        self.fields["regions"].queryset = photo.blur_regions.all()
        self.fields["regions"].label_from_instance = str
