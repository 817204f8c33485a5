"""The WSGI application freezes what it loaded at start-up, so the garbage collector's full passes
do not walk Django, Wagtail and every view module on each page view (docs/performance.md)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, sys
import portal.wsgi
print(gc.get_freeze_count(), "portal.urls" in sys.modules)
"""


def test_the_application_starts_with_its_modules_frozen():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    frozen, views_loaded = result.stdout.split()
    assert int(frozen) > 100_000
    assert views_loaded == "True", "the URLconf's modules are loaded before the freeze"
