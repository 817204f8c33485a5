"""Who must confirm a sign-in with a second factor, and the middleware that holds them to it.

A one-time code from an authenticator app (TOTP, django-otp) is required, once per session, of:
superusers; bureau reviewers (<bureau> 审核); the final reviewers (市文明办 终审); and everyone in
the nomination groups (属地初审, 推荐评审 …), who decide on nominations and read nominators'
personal data. Bureau editors may enrol from their account page; once they have, their code is
asked too. Everyone who must, or has a device, is "held" until the session is verified.

A held session reaches only the sign-in, sign-out and second-factor pages of the admin: any other
admin URL redirects to the code page (or, without a confirmed device yet, to the enrolment page).
Outside the admin a held session counts as signed out, so a password alone opens nothing.

ADMIN_REQUIRE_SECOND_FACTOR switches the whole rule (on unless set otherwise; off in the test
settings, where tests that need it turn it on; docs/admin-login.md)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from bureaus.models.bureaus import BureauPage
from bureaus.models.districts import District
from bureaus.roles import NOMINATION_KINDS
from bureaus.workflows import FINAL_REVIEW_NAME

VERIFY_URL_NAME = "second_factor_verify"
ENROL_URL_NAME = "second_factor_enrol"
# Admin pages a held session may open: signing in and out, the second-factor pages, and what they load.
OPEN_URL_NAMES = (
    "wagtailadmin_login",
    "wagtailadmin_logout",
    VERIFY_URL_NAME,
    ENROL_URL_NAME,
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
)


def required_groups():
    """Groups whose members must use a second factor: every role but the bureau editors."""
    return Group.objects.filter(
        Q(name__in=[FINAL_REVIEW_NAME, *NOMINATION_KINDS])
        | Q(pk__in=BureauPage.objects.filter(reviewers_group__isnull=False).values("reviewers_group_id"))
        | Q(pk__in=District.objects.filter(nomination_reviewers__isnull=False).values("nomination_reviewers_id"))
    )


def must_use_second_factor(user):
    """Whether `user` must confirm each session with a code (by role), regardless of devices."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(pk__in=required_groups().values("pk")).exists()


def is_held(user):
    """Whether `user` must pass the second factor before this session reaches the admin: their
    role requires it or they have enrolled a device. One query."""
    if user.is_superuser:
        return True
    User = get_user_model()
    has_device = Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    in_required_group = Exists(User.groups.through.objects.filter(user_id=OuterRef("pk"), group__in=required_groups()))
    return User.objects.filter(pk=user.pk).filter(has_device | in_required_group).exists()


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def reset_devices(user):
    """Remove every authenticator of `user` (a lost phone); returns how many were removed. Their
    sessions lose their verification with the device and they enrol again at the next step."""
    deleted, _by_model = TOTPDevice.objects.filter(user=user).delete()
    return deleted


def enabled():
    return getattr(settings, "ADMIN_REQUIRE_SECOND_FACTOR", True)


class SecondFactorMiddleware:
    """Holds a signed-in session at the second factor until it is verified (see the docstring).
    After django_otp.middleware.OTPMiddleware, which tells whether the session is verified."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def __call__(self, request):
        if enabled():
            response = self.hold(request)
            if response is not None:
                return response
        return self.get_response(request)

    def open_paths(self):
        if self._open_paths is None:
            self._open_paths = frozenset(reverse(name) for name in OPEN_URL_NAMES)
        return self._open_paths

    def hold(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        in_admin = request.path_info.startswith(reverse("wagtailadmin_home"))
        if in_admin and request.path_info in self.open_paths():
            return None
        if not is_held(user):
            return None
        if not in_admin:
            request.user = AnonymousUser()
            return None
        target = VERIFY_URL_NAME if confirmed_device(user) else ENROL_URL_NAME
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
