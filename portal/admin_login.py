"""The admin's sign-in form, with its password label in Chinese.

Wagtail's LoginForm redefines Django's password field without a label, so Django names it
"Password" from the field name, untranslated. Set as WAGTAILADMIN_USER_LOGIN_FORM."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
