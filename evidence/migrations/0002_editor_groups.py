from django.db import migrations

from core.roles import sync_groups


class Migration(migrations.Migration):
    """The editors' groups cover the suggestions (core/roles.py)."""

    dependencies = [
        ("evidence", "0001_initial"),
        ("directives", "0006_editor_groups"),
    ]

    operations = [migrations.RunPython(sync_groups, migrations.RunPython.noop)]
