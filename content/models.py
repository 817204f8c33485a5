"""Django loads the `content` app's models from here: each content family keeps its models in its
own folder (docs/architecture.md), and this module only imports them so the app registry and the
migrations see every one. Project code imports a model from its family, never from here."""

from content.ads.models import index as ad_index  # noqa: F401
from content.ads.models import placements, plans, works  # noqa: F401
from content.exemplars import index as exemplar_index  # noqa: F401
from content.exemplars import models as exemplars  # noqa: F401
from content.exposure import index as exposure_index  # noqa: F401
from content.exposure import models as exposure  # noqa: F401
from content.handbooks import index as handbook_index  # noqa: F401
from content.handbooks import models as handbooks  # noqa: F401
from content.honours import index as honour_index  # noqa: F401
from content.honours import models as honours  # noqa: F401
from content.news import index as news_index  # noqa: F401
from content.news import models as news  # noqa: F401
from content.nominations import index as nomination_index  # noqa: F401
from content.nominations import models as nominations  # noqa: F401
from content.photos import models as photos  # noqa: F401
from content.progress import models as progress  # noqa: F401
from content.snapshots import models as snapshots  # noqa: F401
from content.specials import index as specials_index  # noqa: F401
from content.specials import models as specials  # noqa: F401
