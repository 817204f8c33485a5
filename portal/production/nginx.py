"""The nginx configuration of the portal, rendered from the templates in deploy/nginx/ with the
paths and limits of the settings in use, so the two cannot drift apart (docs/production.md)."""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import translation

from content.nominations.views import MAX_BODY as NOMINATION_MAX_BODY
from core.uploads import MAX_BYTES as CITIZEN_PHOTO_MAX_BYTES

TEMPLATES = Path(settings.BASE_DIR) / "deploy" / "nginx"
BUSY_PAGE = "_upstream-busy.html"
PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
#: Room for the other fields and the multipart boundaries of a form that carries a file.
FORM_OVERHEAD = 1024 * 1024


@dataclass
class Site:
    listen: str = "127.0.0.1:8080"
    upstream: str = "127.0.0.1:8001"  # host:port, or unix:/path/to/socket
    error_root: Path = None  # where the busy page is written; nginx reads it
    trusted_proxies: list = field(default_factory=list)  # load balancers in front (CIDR)


def fill(template, values):
    """Replace each `{{ name }}`; a placeholder without a value, or a value without a placeholder,
    is a mistake in the template or the caller and raises."""
    names = set(PLACEHOLDER.findall(template))
    if names != set(values):
        raise ImproperlyConfigured(
            f"nginx template placeholders {sorted(names)} do not match the values {sorted(values)}"
        )
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), template)


def body_limit():
    """(bytes, why): the largest request body any form or upload of the site accepts. Django and
    the views enforce the exact limit of each form; nginx refuses only what none accepts."""
    limits = {
        "a nomination with five photos": NOMINATION_MAX_BODY,
        "a document upload": settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + FORM_OVERHEAD,
        "an image upload": settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + FORM_OVERHEAD,
        "a placement report photo": CITIZEN_PHOTO_MAX_BYTES + FORM_OVERHEAD,
    }
    why = max(limits, key=limits.get)
    return limits[why], why


def server_names(allowed_hosts):
    """nginx's server_name from ALLOWED_HOSTS: ".example.com" means the domain and its subdomains
    in both; "*" becomes nginx's catch-all "_"."""
    names = [host for host in allowed_hosts if host != "*"]
    return " ".join(names) if names and len(names) == len(allowed_hosts) else "_"


def check_media_layout():
    """Refuse a layout where nginx's public roots would contain private files."""
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = Path(getattr(settings, name)).resolve()
        if private == public or public in private.parents:
            raise ImproperlyConfigured(
                f"PRIVATE_MEDIA_ROOT ({private}) is inside {name} ({public}); private files must live outside it."
            )


def site_config(site):
    check_media_layout()
    limit, why = body_limit()
    proxies = list(site.trusted_proxies)
    if proxies:
        real_ip = "".join(f"    set_real_ip_from {cidr};\n" for cidr in proxies)
        real_ip += "    real_ip_header X-Forwarded-For;\n    real_ip_recursive on;\n"
    else:
        real_ip = "    # No load balancer in front: the peer is the visitor.\n"
    return fill(
        (TEMPLATES / "portal.conf").read_text(encoding="utf-8"),
        {
            "upstream": site.upstream,
            "trusted_proxy_geo": "".join(f"    {cidr} 1;\n" for cidr in proxies),
            "listen": site.listen,
            "server_names": server_names(settings.ALLOWED_HOSTS),
            "real_ip": real_ip,
            "client_max_body_size": f"{-(-limit // (1024 * 1024))}m",
            "body_limit_reason": why,
            "static_root": Path(settings.STATIC_ROOT).resolve(),
            "media_root": Path(settings.MEDIA_ROOT).resolve(),
            "error_root": Path(site.error_root).resolve(),
            "proxy_read_timeout": gunicorn_timeout() + 5,
        },
    )


def gunicorn_timeout():
    return int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # the same default as deploy/gunicorn.conf.py


def write_busy_page(folder):
    """The page nginx shows while gunicorn is unreachable, in the site's language. Needs the
    collected static files (its stylesheet's hashed name)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            html = render_to_string("portal/upstream_busy.html")
    except ValueError as error:  # ManifestStaticFilesStorage without a manifest
        raise ImproperlyConfigured(f"Run `manage.py collectstatic` before rendering nginx's pages: {error}") from error
    (folder / BUSY_PAGE).write_text(html, encoding="utf-8")
    return folder / BUSY_PAGE


def write_instance(prefix, site, user=None):
    """Write a self-contained nginx instance under `prefix` (main config, site, busy page, temp
    folders); return the main config's path for `nginx -p prefix -c path`."""
    prefix = Path(prefix).resolve()
    (prefix / "temp").mkdir(parents=True, exist_ok=True)
    site.error_root = site.error_root or prefix / "html"
    write_busy_page(site.error_root)
    (prefix / "portal.conf").write_text(site_config(site), encoding="utf-8")
    main = fill(
        (TEMPLATES / "nginx.conf").read_text(encoding="utf-8"),
        {
            "user": f"user {user};\n" if user else "",
            "prefix": prefix,
            "error_log": "stderr",
            "access_log": prefix / "access.log",
        },
    )
    (prefix / "nginx.conf").write_text(main, encoding="utf-8")
    # Started as root, nginx's workers run as another user: they pass through the prefix and read
    # the busy page whatever the umask of the person who started it.
    for folder in (prefix, prefix / "temp", Path(site.error_root)):
        folder.chmod(0o755)
    (Path(site.error_root) / BUSY_PAGE).chmod(0o644)
    return prefix / "nginx.conf"
