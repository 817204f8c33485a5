"""The admin's sign-in form: its password label in Chinese, and a clear refusal when the sign-in
limits (core/login_throttle.py) stop an attempt.

Wagtail's LoginForm redefines Django's password field without a label, so Django names it
"Password" from the field name, untranslated. Set as WAGTAILADMIN_USER_LOGIN_FORM."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from core.login_throttle import REFUSAL_ATTRIBUTE, refusal_message


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")

    def get_invalid_login_error(self):
        # The same words for every user name, existing or not: the limits count both alike.
        verdict = getattr(self.request, REFUSAL_ATTRIBUTE, None)
        if verdict is not None:
            return ValidationError(refusal_message(verdict), code="throttled")
        return super().get_invalid_login_error()
