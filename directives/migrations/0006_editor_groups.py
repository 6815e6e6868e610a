from django.db import migrations

from core.roles import sync_groups


class Migration(migrations.Migration):
    """The groups cover the tracking tables (the history's permissions stay those of
    ``promises.promisestatusupdate`` and ``directives.directivestatusupdate``)."""

    dependencies = [
        ("tracking", "0001_initial"),
        ("promises", "0004_tracked_item"),
        ("directives", "0005_tracked_item"),
    ]

    operations = [migrations.RunPython(sync_groups, migrations.RunPython.noop)]
