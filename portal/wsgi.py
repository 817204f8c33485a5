import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Python's full garbage collection walks every object alive: here some 450,000 (Django, Wagtail,
# the models and the URLconf's views), nearly all of them kept for the life of the process. One
# ran every 50–60 page views and cost 150 ms, some 2.5 ms per view on average (a tenth of a
# list page's CPU; docs/performance.md). Loading the URLconf first and then freezing what exists
# moves those objects out of the collector's sight; what a request allocates is still collected.
get_resolver().url_patterns  # noqa: B018 - imports every view module before the freeze
gc.collect()
gc.freeze()
