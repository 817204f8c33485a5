from django.dispatch import receiver
from wagtail.signals import page_published

from content.handbooks.models import EtiquetteHandbookPage
from content.handbooks.tasks import enqueue_print_edition


@receiver(page_published, sender=EtiquetteHandbookPage)
def rebuild_print_edition(sender, instance, **kwargs):
    """A (re)published edition gets its PDF rebuilt in the background, after the commit."""
    enqueue_print_edition(instance.pk)
