"""Change history of every curated model, kept by django-simple-history.

`register_history()` runs in medhome's AppConfig.ready(), after
django-modeltranslation (first in INSTALLED_APPS) has added the `<field>_en`
and `<field>_es` columns, so the historical models copy the Spanish and
English fields too. Each Publishable subclass gets a `history` manager and a
`Historical<Model>` table in its own app (run makemigrations for that app).
"""

import simple_history
from django.contrib.postgres.search import SearchVectorField
from simple_history.models import HistoricalRecords

from medhome.staff.roles import publishable_models


def register_history():
    for model in publishable_models():
        if getattr(model._meta, "simple_history_manager_attribute", None):
            continue  # the model declared `history = HistoricalRecords()` itself
        simple_history.register(
            model,
            app=model._meta.app_label,
            records_class=HistoricalRecords,
            # The bookkeeping stamp changes on every save and says nothing; search
            # vectors are derived by the database from the text that is recorded.
            excluded_fields=[
                "updated_at",
                *(f.name for f in model._meta.fields if isinstance(f, SearchVectorField)),
            ],
        )
