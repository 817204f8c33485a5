"""Copy each exemplar photo link's minor flag and consent onto the photo itself.

A photo counts as showing a minor if any page's link said so; its consent is taken from a link
that recorded both a date and a record (the first such link in page order)."""

from django.db import migrations


def copy_flags(apps, schema_editor):
    ExemplarPhoto = apps.get_model("content", "ExemplarPhoto")
    ProtectedPhoto = apps.get_model("content", "ProtectedPhoto")
    flags = {}
    for link in ExemplarPhoto.objects.order_by("page_id", "sort_order", "pk"):
        photo = flags.setdefault(link.photo_id, {"shows_minor": False})
        photo["shows_minor"] = photo["shows_minor"] or link.shows_minor
        if "consent_recorded_on" not in photo and link.consent_recorded_on and link.consent_record.strip():
            photo["consent_recorded_on"] = link.consent_recorded_on
            photo["consent_record"] = link.consent_record
    for photo_id, values in flags.items():
        ProtectedPhoto.objects.filter(pk=photo_id).update(**values)


class Migration(migrations.Migration):
    dependencies = [("content", "0012_photo_publication_flags")]

    operations = [migrations.RunPython(copy_flags, migrations.RunPython.noop)]
