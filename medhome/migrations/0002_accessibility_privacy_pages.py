"""Create the accessibility statement and the privacy notice if they are missing:
the footer links both on every page, so every deployment needs them."""

from django.db import migrations

from medhome.pages import create_missing_pages


def create_pages(apps, schema_editor):
    create_missing_pages(apps.get_model("medhome", "Page"))


class Migration(migrations.Migration):
    dependencies = [("medhome", "0001_initial")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
