"""Settings of benchmarks/pages.py: production, plus the trivial view's URL and a static folder
of the benchmark's own (production collects into the checkout's staticfiles/)."""

from pathlib import Path

from portal.settings.env import env_required
from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
STATIC_ROOT = Path(env_required("BENCHMARK_STATIC_ROOT"))
