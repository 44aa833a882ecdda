"""FAQ questions store their weighted search vectors, like resources: a trigger
writes them on every insert and update, so ranking no longer computes a vector per
row. The expression vector indexes and the question trigram indexes (which served
an OR that forced a scan; misspelt words are now corrected first) go."""

import django.contrib.postgres.search
from django.db import migrations

import medhome.search
from medhome.search_engines import PostgresEngine

CREATE, DROP = PostgresEngine.trigger_sql(
    "faq_question", [("question", "A"), ("answer", "C")], translated=("question", "answer")
)


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0001_initial"),
        ("resources", "0001_initial"),  # the text-search configurations
    ]

    operations = [
        medhome.search.RemoveIndexOnPostgres(model_name="question", name="faq_question_search_en"),
        medhome.search.RemoveIndexOnPostgres(
            model_name="question", name="faq_question_question_trgm_en"
        ),
        medhome.search.RemoveIndexOnPostgres(model_name="question", name="faq_question_search_es"),
        medhome.search.RemoveIndexOnPostgres(
            model_name="question", name="faq_question_question_trgm_es"
        ),
        migrations.AddField(
            model_name="question",
            name="search_en",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="question",
            name="search_es",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
