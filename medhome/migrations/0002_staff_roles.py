"""Create the staff role groups (see medhome/roles.py) with their permissions.

Permissions are created first: post_migrate, which normally creates them, has
not run yet in a fresh database. Later migrations re-sync through post_migrate.
"""

from django.db import migrations


def create_roles(apps, schema_editor):
    from medhome.roles import sync_roles

    sync_roles()


class Migration(migrations.Migration):
    dependencies = [
        ("medhome", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
