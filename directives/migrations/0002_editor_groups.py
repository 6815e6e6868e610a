from django.db import migrations

from core.roles import sync_groups


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("authtoken", "0004_alter_tokenproxy_options"),
        ("politics", "0001_initial"),
        ("sources", "0001_initial"),
        ("promises", "0001_initial"),
        ("directives", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_groups, migrations.RunPython.noop)]
