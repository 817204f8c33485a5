# Each content family registers its own admin views; this module only imports them so Wagtail finds them.
from content.ads import wagtail_admin as ads_admin  # noqa: F401
from content.exposure import admin as exposure_admin  # noqa: F401
from content.handbooks import admin as handbooks_admin  # noqa: F401
from content.honours import admin as honours_admin  # noqa: F401
from content.nominations import admin as nominations_admin  # noqa: F401
from content.photos import admin as photos_admin  # noqa: F401
from content.snapshots import admin as snapshots_admin  # noqa: F401
