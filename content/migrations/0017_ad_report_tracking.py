# A citizen's ad problem report gets a tracking code (looked up on a public status page) and may
# join an open update task of the same placement and problem instead of opening another; an
# objection to a nomination may leave a contact.

import django.db.models.deletion
from django.db import migrations, models

import core.tracking_codes


def give_codes(apps, schema_editor):
    AdProblemReport = apps.get_model("content", "AdProblemReport")
    for report in AdProblemReport.objects.filter(tracking_code__isnull=True).only("pk"):
        report.tracking_code = core.tracking_codes.new_code()
        report.save(update_fields=["tracking_code"])


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0016_progress_reports_honour_rolls"),
    ]

    operations = [
        migrations.AddField(
            model_name="adproblemreport",
            name="tracking_code",
            field=models.CharField(editable=False, max_length=12, null=True, verbose_name="tracking code"),
        ),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="adproblemreport",
            name="tracking_code",
            field=models.CharField(
                default=core.tracking_codes.new_code,
                editable=False,
                max_length=12,
                unique=True,
                verbose_name="tracking code",
            ),
        ),
        migrations.AddField(
            model_name="adproblemreport",
            name="joined_task",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="A repeated report of the same problem: it joined this open task instead of opening another.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="repeat_reports",
                to="content.adupdatetask",
                verbose_name="joined update task",
            ),
        ),
        migrations.AddField(
            model_name="nominationobjection",
            name="contact",
            field=models.CharField(blank=True, max_length=100, verbose_name="contact"),
        ),
    ]
