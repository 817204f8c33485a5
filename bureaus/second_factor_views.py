"""The admin's second-factor pages: enrolling an authenticator app and entering its code.

/admin/second-factor/enrol/ shows a QR code (and the key as text) for a new authenticator and
confirms it with the first code it shows; it replaces any earlier device. Someone who already has
a device but whose session is not verified is sent to the code page first: a password alone never
enrols a new phone. /admin/second-factor/ asks for the current code once per session. Both use
the sign-in page's layout (no admin menu: a held session cannot use it anyway).
/admin/second-factor/reset/<pk>/ lets a superuser remove someone's authenticator (a lost phone),
as `manage.py reset_second_factor` does."""

import io
import logging
from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin import messages

from bureaus.second_factor import (
    ENROL_URL_NAME,
    VERIFY_URL_NAME,
    confirmed_device,
    must_use_second_factor,
    reset_devices,
)
from core.visitor import client_hash

logger = logging.getLogger(__name__)
DEVICE_NAME = "authenticator"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit():
            raise forms.ValidationError(_("Enter the digits your authenticator app shows."))
        return code


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _verified(request, device, message):
    """Mark the session verified by `device` and go on to where the person was heading."""
    otp_login(request, device)
    request.session.cycle_key()  # a new session key for the verified session
    if message:
        messages.success(request, message)
    return redirect(_next_url(request))


def _check_code(request, form, device):
    """Whether the form's code is the device's current one; otherwise the form says why not."""
    allowed, _detail = device.verify_is_allowed()
    if not allowed:  # django-otp's pause after wrong codes (1, 2, 4, … seconds)
        form.add_error("code", _("Too many wrong codes. Wait a moment, then enter the code your app shows now."))
        return False
    if device.verify_token(form.cleaned_data["code"]):
        return True
    logger.warning(
        "Second-factor code refused for user %r from client %s", request.user.get_username(), client_hash(request)[:12]
    )
    form.add_error("code", _("That code is wrong or was already used. Enter the code your app shows now."))
    return False


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    device = confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse(ENROL_URL_NAME)}?{urlencode({'next': _next_url(request)})}")
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # one verification at a time: a code cannot be used twice in a race
            device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            accepted = _check_code(request, form, device)
        if accepted:
            return _verified(request, device, None)
    return render(
        request,
        "bureaus/second_factor/verify.html",
        {"form": form, "next": _next_url(request), "enrol_url": reverse(ENROL_URL_NAME)},
    )


def qr_svg(text):
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8, border=2)
    output = io.BytesIO()
    image.save(output)
    svg = output.getvalue().decode()
    return svg[svg.index("<svg") :]  # without the XML declaration, to sit inside the page


def _pending_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@never_cache
@sensitive_post_parameters("code")
def enrol(request):
    user = request.user
    if confirmed_device(user) is not None and not user.is_verified():
        # Replacing a device needs the old one first; a lost phone is reset by an administrator.
        return redirect(f"{reverse(VERIFY_URL_NAME)}?{urlencode({'next': reverse(ENROL_URL_NAME)})}")
    device = _pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check_code(request, form, device):
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        logger.warning("Second factor enrolled for user %r", user.get_username())
        return _verified(request, device, gettext("Your authenticator app is set up. Keep your phone with you."))
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "bureaus/second_factor/enrol.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_code": mark_safe(qr_svg(device.config_url)),  # noqa: S308 - SVG drawn by qrcode from our own URL
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "required": must_use_second_factor(user),
            "replacing": confirmed_device(user) is not None,
        },
    )


@never_cache
def reset(request, pk):
    """Settings → Users → ⋯ → 重置验证器: a superuser removes someone's authenticator (lost phone)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    person = get_object_or_404(get_user_model(), pk=pk)
    if request.method == "POST":
        removed = reset_devices(person)
        logger.warning("Second factor of user %r reset by %r", person.get_username(), request.user.get_username())
        if removed:
            messages.success(
                request,
                gettext("The authenticator of %(name)s was removed; they set up a new one at their next sign-in.")
                % {"name": person.get_username()},
            )
        else:
            messages.info(request, gettext("%(name)s had no authenticator.") % {"name": person.get_username()})
        return redirect("wagtailusers_users:edit", person.pk)
    return render(
        request,
        "bureaus/second_factor/reset.html",
        {"person": person, "has_device": confirmed_device(person) is not None},
    )
