"""Promises become tracked items: their common fields, topics, status history,
evidence and sources move to the ``tracking`` tables, each row carried over."""

from django.db import migrations

from tracking.migration_steps import tracked_item_operations


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("promises", "0003_stored_current_status"),
        ("tracking", "0001_initial"),
    ]

    operations = tracked_item_operations(
        app_label="promises", model_name="Promise", kind="promise", date_field="made_on", title_field="title", renumber=False
    )
