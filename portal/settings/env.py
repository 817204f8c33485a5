"""Reading configuration from the environment (documented in README.md)."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name, default=None):
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name, default=False):
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


def env_mapping(name):
    """`key=number,key=number` as {key: int}."""
    found = {}
    for item in env_list(name):
        key, _, value = item.partition("=")
        try:
            found[key.strip()] = int(value)
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name} must read key=number,key=number, not {item!r}.") from exc
    return found


def env_required(name):
    value = env_str(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required with these settings but is not set.")
    return value
