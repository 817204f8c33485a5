from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("content", "0013_copy_photo_publication_flags")]

    operations = [
        migrations.RemoveField(
            model_name="exemplarphoto",
            name="consent_record",
        ),
        migrations.RemoveField(
            model_name="exemplarphoto",
            name="consent_recorded_on",
        ),
        migrations.RemoveField(
            model_name="exemplarphoto",
            name="shows_minor",
        ),
    ]
