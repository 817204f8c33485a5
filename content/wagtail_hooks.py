# Each area registers its own admin views; this module only imports them so Wagtail finds them.
from .admin import handbooks, placements  # noqa: F401
