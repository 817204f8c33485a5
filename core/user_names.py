"""Editors' names as Chinese readers write them: 姓 then 名, without a space (李春华).

Wagtail shows a user's name (dashboard, "submitted by", history, notification e-mails, the user
list) through `user.get_full_name()`, and Django's User joins first and last name with a space,
Western order: "春华 李". Wagtail has no setting or hook for this, and a custom user model is not
wanted here, so `install()` gives Django's User a `get_full_name` that keeps Western order only
for names written in Latin letters, and has the sidebar's account menu show it too.
tests/portal/test_admin_shell.py fails if Wagtail stops using either."""

import re

from django.contrib.auth import get_user_model

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def full_name(first_name, last_name):
    first, last = (first_name or "").strip(), (last_name or "").strip()
    if _HAN.search(first + last):
        return f"{last}{first}"
    return f"{first} {last}".strip()


def _get_full_name(user):
    return full_name(user.first_name, user.last_name)


def install():
    get_user_model().get_full_name = _get_full_name
    _install_sidebar_name()


def _install_sidebar_name():
    """The account menu at the foot of the sidebar greets a user by first name only (Wagtail's
    MainMenuModule, no setting either): 春华 for 李春华. Show the full name, as everywhere else."""
    from wagtail.admin.ui.sidebar import MainMenuModule

    wagtail_js_args = MainMenuModule.js_args

    def js_args(self):
        args = wagtail_js_args(self)
        name = full_name(getattr(self.user, "first_name", ""), getattr(self.user, "last_name", ""))
        if name:
            args[2] = {**args[2], "name": name}
        return args

    MainMenuModule.js_args = js_args
