"""Account → the e-mail address, changed only with the current password.

A stolen session must not be able to move the account's e-mail (and so its password-reset mails)
to someone else. Wagtail's own name-and-e-mail panel keeps only the name
(WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False); this panel, registered in portal/wagtail_hooks.py,
shows the address and asks for the current password whenever it changes. A wrong password is a
field error and nothing on the page is saved; wrong passwords count towards the sign-in limits
(core/login_throttle.py), so the form cannot be used to guess the password either."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import BaseSettingsPanel

from core.login_throttle import LoginAttempt, refusal_message


class EmailChangeForm(forms.ModelForm):
    email = forms.EmailField(required=True, label=_("Email"))
    current_password = forms.CharField(
        label=_("Current password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Needed only when you change your e-mail address."),
    )

    class Meta:
        model = get_user_model()
        fields = ["email"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self):
        cleaned = super().clean()
        if "email" not in self.changed_data or "email" not in cleaned:
            return cleaned
        attempt = LoginAttempt(self.request, self.instance.get_username())
        verdict = attempt.refusal()
        password = cleaned.get("current_password") or ""
        if verdict is not None:
            self.add_error("current_password", refusal_message(verdict))
        elif not password:
            self.add_error("current_password", _("Enter your current password to change your e-mail address."))
        elif not self.instance.check_password(password):
            attempt.failed()
            self.add_error("current_password", _("Your current password is wrong: the e-mail address was not changed."))
        if self.has_error("current_password"):
            cleaned.pop("email")  # the user object in memory keeps its address too
        return cleaned


class EmailSettingsPanel(BaseSettingsPanel):
    name = "email"
    title = _("Email")
    order = 110  # right after the name
    form_class = EmailChangeForm

    def get_form(self):
        data = (self.request.POST, self.request.FILES) if self.request.method == "POST" else ()
        return self.form_class(*data, instance=self.user, prefix=self.name, request=self.request)
