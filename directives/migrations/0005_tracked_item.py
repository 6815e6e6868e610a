"""Directives become tracked items: their common fields, topics, status history,
evidence and sources move to the ``tracking`` tables, each row carried over. Directives are copied after
promises and their ids moved above them, into the one id sequence of tracked items."""

from django.db import migrations

from tracking.migration_steps import tracked_item_operations


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("directives", "0004_stored_current_status"),
        ("promises", "0004_tracked_item"),
        ("tracking", "0001_initial"),
    ]

    operations = tracked_item_operations(
        app_label="directives", model_name="Directive", kind="directive", date_field="issued_on", title_field="action", renumber=True
    )
