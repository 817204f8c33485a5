"""Write the portal's nginx site (deploy/nginx/portal.conf filled from the settings) for a system
nginx, e.g. Debian's: `manage.py render_nginx --output /etc/nginx/sites-available/portal.conf`."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from portal.production import nginx


class Command(BaseCommand):
    help = "Render the portal's nginx site configuration from the settings in use."

    def add_arguments(self, parser):
        parser.add_argument("--listen", default="80", help="nginx's listen address (default 80)")
        parser.add_argument("--upstream", default="127.0.0.1:8001", help="gunicorn's address, or unix:/path")
        parser.add_argument("--error-root", required=True, help="folder for the busy page nginx shows (written)")
        parser.add_argument("--trusted-proxy", action="append", default=[], help="a load balancer's address or CIDR")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, listen, upstream, error_root, trusted_proxy, output, **options):
        site = nginx.Site(listen=listen, upstream=upstream, error_root=error_root, trusted_proxies=trusted_proxy)
        try:
            nginx.write_busy_page(error_root)
            text = nginx.site_config(site)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
            self.stderr.write(f"Wrote {output}; the busy page is in {error_root}.")
        else:
            self.stdout.write(text, ending="")
