"""PostgreSQL search support: the unaccent and pg_trgm extensions, and two text-search
configurations that strip accents before stemming (so "coordinacion" matches
"coordinación"). A configuration, unlike a call to unaccent(), can be used in an
index expression. Nothing happens on SQLite."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CONFIGS = {"medhome_en": ("english", "english_stem"), "medhome_es": ("spanish", "spanish_stem")}


def create_configs(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (parent, stemmer) in CONFIGS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {parent})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}"
        )


def drop_configs(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(create_configs, drop_configs, elidable=False),
    ]
