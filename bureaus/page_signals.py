from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import post_page_move

from bureaus.district_reviewers import sync_district_reviewers
from bureaus.models.districts import District
from bureaus.models.ownership import BureauOwnedPage


@receiver(post_page_move)
def reassign_bureau_after_move(sender, instance, **kwargs):
    """A page moved into another bureau's subtree now belongs to that bureau."""
    specific = instance.specific
    if isinstance(specific, BureauOwnedPage):
        bureau = specific.owning_bureau()
        type(specific).objects.filter(pk=specific.pk).update(bureau=bureau)


@receiver(post_save, sender=District)
def keep_district_reviewers(sender, instance, raw=False, **kwargs):
    """Every district has its district-review group (bureaus/district_reviewers.py)."""
    if raw:
        return

    sync_district_reviewers(instance)
