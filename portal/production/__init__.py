"""The production stack on one machine (docs/production.md): nginx's configuration rendered from
deploy/nginx/ (`nginx`), what must hold before it starts (`preflight`) and the processes that make
it up (`stack`); `manage.py serve_production` runs them, `manage.py render_nginx` writes the
configuration for a system nginx."""
