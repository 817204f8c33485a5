"""A GIN index on the index entries' title and body vectors together (PostgreSQL only).

Wagtail's own search query (the admin's page search) filters on `title || body @@ query`; the
stock indexes cover title and body separately, so without this one that query read the whole
index table. The public search (search/page_hits.py) tests the two vectors separately and uses
the stock indexes."""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin ((title || body))")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create, drop)]
