"""The editor dashboard: panels on the admin home page (docs/editor-dashboard.md).

`queries` computes what each panel shows with a fixed number of queries (none per row or per
bureau); `panels` renders it as Wagtail home-page components, registered in
portal/wagtail_hooks.py."""
