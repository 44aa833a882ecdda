"""The title trigram indexes served an OR with the full-text match that forced a
scan; misspelt words are now corrected against the search vocabulary first."""

from django.db import migrations

import medhome.search


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0002_private_storage"),
    ]

    operations = [
        medhome.search.RemoveIndexOnPostgres(model_name="resource", name="resource_title_trgm_en"),
        medhome.search.RemoveIndexOnPostgres(model_name="resource", name="resource_title_trgm_es"),
    ]
