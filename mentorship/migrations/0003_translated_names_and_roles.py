"""Organizations, roles, sponsors and mentor names get Spanish versions
(modeltranslation columns). The English columns start from the existing text, and
the mentors' stored search vectors read the Spanish name and organization when there
is one."""

from django.db import migrations, models
from django.db.models import F

from medhome.search_engines import PostgresEngine

FIELDS = {
    "contact": ("role", "organization"),
    "initiative": ("sponsor",),
    "mentor": ("name", "organization"),
    "teammember": ("organization",),
}

SEARCHED = [("name", "A"), ("organization", "B"), ("summary", "B"), ("description", "C")]
CREATE, _ = PostgresEngine.trigger_sql(
    "mentorship_mentor", SEARCHED, translated=("name", "organization", "summary", "description")
)
CREATE_BEFORE, _ = PostgresEngine.trigger_sql(
    "mentorship_mentor", SEARCHED, translated=("summary", "description")
)


def copy_to_english(apps, schema_editor):
    # The trigger (and its indexes) first: DDL on a table after an UPDATE of its rows in
    # the same transaction fails on PostgreSQL ("pending trigger events" of the deferred
    # foreign keys), so a database with mentors could not migrate. The update then fires
    # the new trigger, which fills the vectors from the English columns.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)
    for model_name, fields in FIELDS.items():
        model = apps.get_model("mentorship", model_name)
        model.objects.update(**{f"{field}_en": F(field) for field in fields})


def restore_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_BEFORE)


class Migration(migrations.Migration):
    dependencies = [
        ("mentorship", "0002_stored_search_vectors"),
    ]

    operations = [
        migrations.AddField(
            model_name="contact",
            name="organization_en",
            field=models.CharField(
                blank=True, max_length=200, null=True, verbose_name="organization"
            ),
        ),
        migrations.AddField(
            model_name="contact",
            name="organization_es",
            field=models.CharField(
                blank=True, max_length=200, null=True, verbose_name="organization"
            ),
        ),
        migrations.AddField(
            model_name="contact",
            name="role_en",
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name="role"),
        ),
        migrations.AddField(
            model_name="contact",
            name="role_es",
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name="role"),
        ),
        migrations.AddField(
            model_name="historicalmentor",
            name="name_en",
            field=models.CharField(
                help_text="The person, team or practice, as it should appear.",
                max_length=200,
                null=True,
                verbose_name="name",
            ),
        ),
        migrations.AddField(
            model_name="historicalmentor",
            name="name_es",
            field=models.CharField(
                help_text="The person, team or practice, as it should appear.",
                max_length=200,
                null=True,
                verbose_name="name",
            ),
        ),
        migrations.AddField(
            model_name="historicalmentor",
            name="organization_en",
            field=models.CharField(
                blank=True, max_length=200, null=True, verbose_name="organization"
            ),
        ),
        migrations.AddField(
            model_name="historicalmentor",
            name="organization_es",
            field=models.CharField(
                blank=True, max_length=200, null=True, verbose_name="organization"
            ),
        ),
        migrations.AddField(
            model_name="initiative",
            name="sponsor_en",
            field=models.CharField(
                blank=True,
                help_text="Who funds or pays for it, e.g. the state Medicaid agency.",
                max_length=200,
                null=True,
                verbose_name="sponsor or payer",
            ),
        ),
        migrations.AddField(
            model_name="initiative",
            name="sponsor_es",
            field=models.CharField(
                blank=True,
                help_text="Who funds or pays for it, e.g. the state Medicaid agency.",
                max_length=200,
                null=True,
                verbose_name="sponsor or payer",
            ),
        ),
        migrations.AddField(
            model_name="mentor",
            name="name_en",
            field=models.CharField(
                help_text="The person, team or practice, as it should appear.",
                max_length=200,
                null=True,
                verbose_name="name",
            ),
        ),
        migrations.AddField(
            model_name="mentor",
            name="name_es",
            field=models.CharField(
                help_text="The person, team or practice, as it should appear.",
                max_length=200,
                null=True,
                verbose_name="name",
            ),
        ),
        migrations.AddField(
            model_name="mentor",
            name="organization_en",
            field=models.CharField(
                blank=True, max_length=200, null=True, verbose_name="organization"
            ),
        ),
        migrations.AddField(
            model_name="mentor",
            name="organization_es",
            field=models.CharField(
                blank=True, max_length=200, null=True, verbose_name="organization"
            ),
        ),
        migrations.AddField(
            model_name="teammember",
            name="organization_en",
            field=models.CharField(
                blank=True, max_length=200, null=True, verbose_name="organization"
            ),
        ),
        migrations.AddField(
            model_name="teammember",
            name="organization_es",
            field=models.CharField(
                blank=True, max_length=200, null=True, verbose_name="organization"
            ),
        ),
        migrations.RunPython(copy_to_english, restore_trigger),
    ]
