"""Resources carry their topics' names for search (resources.topic_terms), weighted B
in the stored vectors like the summary: a resource filed under a topic is found by
the topic's name, above a passing mention in another resource's body (issue 11).

SQLite's FTS5 tables are rebuilt with the new column after every migrate
(medhome.search_engines.rebuild_after_migrate)."""

from django.db import migrations, models

from medhome.search_engines import PostgresEngine
from resources import topic_terms

TRANSLATED = ("title", "summary", "body")
BEFORE = [("title", "A"), ("summary", "B"), ("body", "C")]
CREATE, _ = PostgresEngine.trigger_sql(
    "resources_resource", [*BEFORE, ("topic_terms", "B")], translated=(*TRANSLATED, "topic_terms")
)
CREATE_BEFORE, _ = PostgresEngine.trigger_sql("resources_resource", BEFORE, translated=TRANSLATED)


def fill(apps, schema_editor):
    # The trigger first (as in mentorship 0003: DDL after an UPDATE of the same table in
    # one transaction can fail on pending trigger events); filling the names then fires
    # it, which writes the vectors with them.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)
    topic_terms.refresh(apps.get_model("resources", "Resource").objects.all())


def restore_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_BEFORE)


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0007_public_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="topic_terms_en",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="resource",
            name="topic_terms_es",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, restore_trigger),
    ]
