"""A resource's publisher line gets a Spanish version (modeltranslation columns); the
English column starts from the existing text."""

from django.db import migrations, models
from django.db.models import F


def copy_to_english(apps, schema_editor):
    apps.get_model("resources", "resource").objects.update(organization_en=F("organization"))


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0003_drop_title_trigram_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalresource",
            name="organization_en",
            field=models.CharField(
                blank=True, max_length=200, null=True, verbose_name="publisher or organization"
            ),
        ),
        migrations.AddField(
            model_name="historicalresource",
            name="organization_es",
            field=models.CharField(
                blank=True, max_length=200, null=True, verbose_name="publisher or organization"
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="organization_en",
            field=models.CharField(
                blank=True, max_length=200, null=True, verbose_name="publisher or organization"
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="organization_es",
            field=models.CharField(
                blank=True, max_length=200, null=True, verbose_name="publisher or organization"
            ),
        ),
        migrations.RunPython(copy_to_english, migrations.RunPython.noop),
    ]
