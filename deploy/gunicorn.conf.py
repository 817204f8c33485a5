"""Gunicorn for the portal behind nginx (deploy/nginx/portal.conf, docs/production.md).

`gunicorn -c deploy/gunicorn.conf.py` from the checkout; `manage.py serve_production` does that.
Each value can be changed from the environment without editing this file."""

import multiprocessing
import os

wsgi_app = "portal.wsgi:application"
# Only nginx on this machine talks to gunicorn; nginx's portal.conf names the same address.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")

# Sync workers: a page is CPU work (templates, queries), and nginx buffers slow clients' uploads
# and downloads, so a worker is never held by a slow phone. Two per core plus one keeps the cores
# busy while some workers wait on PostgreSQL or Redis.
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1)

# A request still running after this many seconds is ended and logged with its stack (nginx's
# proxy_read_timeout is a little longer). Long work (PDFs, photo blurring, search reindex)
# belongs in the django-q2 worker, not in a request.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20  # on SIGTERM: requests in progress may finish for this long

# A fresh worker after some thousand requests bounds the growth of any slow leak; the jitter
# keeps the workers from restarting all at once.
max_requests = 2000
max_requests_jitter = 200

# One line per request on stderr (or GUNICORN_ACCESS_LOG): address as nginx saw it, request,
# status, bytes and milliseconds.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%({x-real-ip}i)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "portal"
# Gunicorn's control socket (one per user's home by default) would be shared by every gunicorn on
# the machine; nothing here uses it.
control_socket_disable = True
