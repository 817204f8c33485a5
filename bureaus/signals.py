from django.db.models.signals import post_save
from django.dispatch import receiver

from bureaus.access import sync_bureau_access
from bureaus.models.bureaus import BureauPage


@receiver(post_save, sender=BureauPage)
def keep_bureau_access_in_step(sender, instance, raw=False, **kwargs):
    if raw:
        return
    sync_bureau_access(instance)
