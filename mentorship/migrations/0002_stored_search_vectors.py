"""Mentors store their weighted search vectors (name A, organization and summary
B, description C), written by a trigger, instead of UPPER(UNACCENT(...)) LIKE
scans over every column."""

import django.contrib.postgres.search
from django.db import migrations

from medhome.search_engines import PostgresEngine

CREATE, DROP = PostgresEngine.trigger_sql(
    "mentorship_mentor",
    [("name", "A"), ("organization", "B"), ("summary", "B"), ("description", "C")],
    translated=("summary", "description"),
)


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("mentorship", "0001_initial"),
        ("resources", "0001_initial"),  # the text-search configurations
    ]

    operations = [
        migrations.AddField(
            model_name="mentor",
            name="search_en",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="mentor",
            name="search_es",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
