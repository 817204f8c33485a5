"""Synonyms editors keep (同义词) and the weekly search log (no personal data)."""

from django.db import migrations, models


class Migration(migrations.Migration):


    dependencies = [
        ('portal_search', '0001_title_body_vector_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='Synonym',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('term', models.CharField(help_text="The term the site's pages use, e.g. 城市管理综合执法.", max_length=30, unique=True, verbose_name='official term')),
                ('everyday_terms', models.TextField(help_text='What citizens type instead: abbreviations and everyday words, one per line or separated by 、.', verbose_name='everyday terms')),
            ],
            options={
                'verbose_name': 'synonym',
                'verbose_name_plural': 'synonyms',
                'ordering': ['term'],
            },
        ),
        migrations.CreateModel(
            name='QueryLog',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('query', models.CharField(max_length=100, verbose_name='query')),
                ('week', models.DateField(help_text='The Monday of the week.', verbose_name='week')),
                ('searches', models.PositiveIntegerField(default=0, verbose_name='searches')),
                ('results', models.PositiveIntegerField(default=0, help_text='Results the last search found.', verbose_name='results')),
            ],
            options={
                'verbose_name': 'searched query',
                'verbose_name_plural': 'searched queries',
                'indexes': [models.Index(fields=['week', '-searches'], name='portal_search_querylog_week')],
                'constraints': [models.UniqueConstraint(fields=('query', 'week'), name='portal_search_querylog_query_week')],
            },
        ),
    ]
