from django.dispatch import receiver
from wagtail.signals import post_page_move

from .models.ownership import BureauOwnedPage


@receiver(post_page_move)
def reassign_bureau_after_move(sender, instance, **kwargs):
    """A page moved into another bureau's subtree now belongs to that bureau."""
    specific = instance.specific
    if isinstance(specific, BureauOwnedPage):
        bureau = specific.owning_bureau()
        type(specific).objects.filter(pk=specific.pk).update(bureau=bureau)
