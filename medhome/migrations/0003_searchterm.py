"""The search vocabulary misspelt words are corrected against, with a trigram
index on PostgreSQL (SQLite gets an FTS5 trigram table after migrating)."""

import django.contrib.postgres.indexes
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

import medhome.search


class Migration(migrations.Migration):
    dependencies = [
        ("medhome", "0002_accessibility_privacy_pages"),
    ]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "term",
                    models.CharField(
                        max_length=60, unique=True, verbose_name="word without accents"
                    ),
                ),
                ("word", models.CharField(max_length=60, verbose_name="word")),
                ("count", models.PositiveIntegerField(default=1, verbose_name="occurrences")),
                (
                    "language",
                    models.CharField(
                        blank=True,
                        help_text="The language of the text the word was seen in; empty for both.",
                        max_length=2,
                        verbose_name="language",
                    ),
                ),
            ],
            options={
                "verbose_name": "search word",
                "verbose_name_plural": "search words",
            },
        ),
        medhome.search.AddIndexOnPostgres(
            model_name="searchterm",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(models.F("term"), name="gin_trgm_ops"),
                name="search_term_trgm",
            ),
        ),
    ]
