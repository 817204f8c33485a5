"""The nginx configuration rendered from the settings (portal/production/nginx.py): what it lets
through and what it refuses, without running nginx (tests/portal/test_production_stack.py does)."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from content.nominations.views import MAX_BODY
from portal.production import nginx


def rendered(tmp_path, **options):
    return nginx.site_config(nginx.Site(error_root=tmp_path, **options))


def test_a_nomination_with_five_full_size_photos_is_not_refused_by_nginx(tmp_path, settings):
    limit = re.search(r"client_max_body_size (\d+)m;", rendered(tmp_path)).group(1)
    assert int(limit) * 1024 * 1024 >= MAX_BODY
    assert int(limit) * 1024 * 1024 > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE


def test_private_media_inside_the_public_media_folder_is_refused(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    with pytest.raises(ImproperlyConfigured, match="PRIVATE_MEDIA_ROOT"):
        rendered(tmp_path)


def test_only_public_media_folders_are_served(tmp_path, settings):
    config = rendered(tmp_path)
    served = re.findall(r"location (/media/[\w/]*) \{\s*alias", config)
    assert sorted(served) == ["/media/handbooks/", "/media/images/", "/media/photos/public/"]
    assert str(settings.PRIVATE_MEDIA_ROOT) not in config
    assert re.search(r"location /media/ \{\s*return 404;", config)


def test_the_scheme_is_taken_from_a_load_balancer_only_when_it_is_trusted(tmp_path):
    alone = rendered(tmp_path)
    assert "set_real_ip_from" not in alone
    assert re.search(r"geo \$realip_remote_addr \$from_trusted_proxy \{\s*default 0;\s*\}", alone)
    behind = rendered(tmp_path, trusted_proxies=["10.0.0.0/8"])
    assert "set_real_ip_from 10.0.0.0/8;" in behind and "10.0.0.0/8 1;" in behind


def test_server_names_follow_the_allowed_hosts():
    assert nginx.server_names(["wenming.km.gov.cn", ".km.gov.cn"]) == "wenming.km.gov.cn .km.gov.cn"
    assert nginx.server_names(["*"]) == "_"


def test_render_nginx_writes_the_site_and_the_busy_page(tmp_path):
    output = tmp_path / "portal.conf"
    call_command("render_nginx", "--error-root", str(tmp_path / "html"), "--output", str(output), "--listen", "80")
    assert "listen 80 default_server;" in output.read_text()
    assert "网站正忙" in (tmp_path / "html" / nginx.BUSY_PAGE).read_text()
