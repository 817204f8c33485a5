"""Which nominations a reviewer may read. Acting is decided per stage and district in stages.py;
reading is scoped too: a district reviewer (属地初审) sees only their own district's nominations,
in the list, the detail, the photos, the objections and the export."""

from bureaus.district_reviewers import readable_districts
from content.nominations.models import Nomination


def readable(user, queryset=None):
    """The nominations `user` may read: all of them, or a district reviewer's own district's."""
    queryset = Nomination.objects.all() if queryset is None else queryset
    districts = readable_districts(user)
    return queryset if districts is None else queryset.filter(district__in=districts)
