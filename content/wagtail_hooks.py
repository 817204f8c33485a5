# Each area registers its own admin views; this module only imports them so Wagtail finds them.
from .admin import exposure, handbooks, nominations, photos, placements  # noqa: F401
