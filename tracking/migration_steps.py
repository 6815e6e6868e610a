"""What the migrations that turned promises and directives into tracked items share.

Until then each kind had its own table of status updates, evidence and sources;
these steps copy a kind's rows into the one ``tracking`` tables, in SQL
(``INSERT ... SELECT``), so every date and id is carried over as it was."""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models


class SetModelBases(migrations.operations.base.Operation):
    """Change a model's bases in the migration state (Django has no operation for it):
    the table is already what the new bases make it."""

    reduces_to_sql = False
    reversible = True

    def __init__(self, name, bases):
        self.name, self.bases = name, bases

    def deconstruct(self):
        return self.__class__.__qualname__, [], {"name": self.name, "bases": self.bases}

    def state_forwards(self, app_label, state):
        state.models[app_label, self.name.lower()].bases = self.bases
        state.reload_model(app_label, self.name.lower(), delay=True)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Set the bases of {self.name}"


def _max_id(cursor, table):
    cursor.execute(f"SELECT MAX(id) FROM {table}")  # noqa: S608 — table names from the models
    return cursor.fetchone()[0] or 0


def copy_kind(apps, schema_editor, *, app_label, model_name, kind, renumber):
    """Copy the rows of one kind into the tracking tables.

    Items keep their ids, unless ``renumber``: then (directives, copied after the
    promises) every id is moved above the highest id of either kind, here and in
    every table that refers to it, so both kinds fit in one id sequence. Status
    updates are renumbered the same way when their ids would collide."""
    model = apps.get_model(app_label, model_name)
    update_model = apps.get_model(app_label, f"{model_name}StatusUpdate")
    evidence_model = apps.get_model(app_label, f"{model_name}Evidence")
    source_model = apps.get_model(app_label, f"{model_name}Source")
    history_model = apps.get_model(app_label, f"Historical{model_name}")
    tracked = apps.get_model("tracking", "TrackedItem")
    update_table = apps.get_model("tracking", "StatusUpdate")._meta.db_table
    table = model._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        execute = cursor.execute
        item_offset = update_offset = 0
        if renumber:
            item_offset = max(_max_id(cursor, tracked._meta.db_table), _max_id(cursor, table))
            update_offset = max(_max_id(cursor, update_table), _max_id(cursor, update_model._meta.db_table))
        if item_offset:
            # Parents first is not needed: PostgreSQL checks these foreign keys at commit,
            # and SQLite does not check them during a migration.
            execute(f"UPDATE {table} SET id = id + %s", [item_offset])
            for field in model._meta.many_to_many:
                through = field.remote_field.through._meta.db_table
                execute(f"UPDATE {through} SET {field.m2m_column_name()} = {field.m2m_column_name()} + %s", [item_offset])
            for related in (update_model, source_model):
                execute(f"UPDATE {related._meta.db_table} SET item_id = item_id + %s", [item_offset])
            execute(f"UPDATE {history_model._meta.db_table} SET id = id + %s", [item_offset])
            log_entry = apps.get_model("admin", "LogEntry")
            content_type = apps.get_model("contenttypes", "ContentType").objects.filter(
                app_label=app_label, model=model_name.lower()
            ).first()
            if content_type:
                for entry in log_entry.objects.filter(content_type=content_type):
                    if entry.object_id.isdigit():
                        entry.object_id = str(int(entry.object_id) + item_offset)
                        entry.save(update_fields=["object_id"])
        execute(
            f"INSERT INTO {tracked._meta.db_table} (id, kind, slug, quote, is_published, current_status,"
            f" status_changed_on, created_at, updated_at) SELECT id, %s, slug, quote, is_published, current_status,"
            f" status_changed_on, created_at, updated_at FROM {table}",
            [kind],
        )
        topics = model._meta.get_field("topics")
        execute(
            f"INSERT INTO {tracked._meta.get_field('topics').remote_field.through._meta.db_table} (trackeditem_id, topic_id)"
            f" SELECT {topics.m2m_column_name()}, {topics.m2m_reverse_name()} FROM {topics.remote_field.through._meta.db_table}"
        )
        execute(
            f'INSERT INTO {update_table} (id, item_id, "on", old_status, new_status, explanation, editor_id, created_at)'
            f' SELECT id + %s, item_id, "on", old_status, new_status, explanation, editor_id, created_at'
            f" FROM {update_model._meta.db_table}",
            [update_offset],
        )
        execute(
            f"INSERT INTO {apps.get_model('tracking', 'Evidence')._meta.db_table} (update_id, article_id, url, title)"
            f" SELECT update_id + %s, article_id, url, title FROM {evidence_model._meta.db_table} ORDER BY id",
            [update_offset],
        )
        execute(
            f"INSERT INTO {apps.get_model('tracking', 'Source')._meta.db_table}"
            f" (item_id, article_id, url, title, quote, candidate_id, added_at)"
            f" SELECT item_id, article_id, url, title, quote, candidate_id, added_at FROM {source_model._meta.db_table}"
            f" ORDER BY id"
        )
        execute(f"UPDATE {history_model._meta.db_table} SET kind = %s, trackeditem_ptr_id = id", [kind])
        # Rows inserted with their ids: move the sequences past them (PostgreSQL; SQLite needs nothing).
        models_with_ids = [tracked, apps.get_model("tracking", "StatusUpdate"), model]
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), models_with_ids):
            execute(sql)
        if schema_editor.connection.vendor == "postgresql":
            # Check the deferred foreign keys now: PostgreSQL refuses to drop the old tables
            # later in this transaction while their checks are pending.
            execute("SET CONSTRAINTS ALL IMMEDIATE")


def tracked_item_operations(*, app_label, model_name, kind, date_field, title_field, renumber):
    """The operations that make one kind's model a tracked item (its migration to ``tracking``).

    Written for that one migration of each kind: do not change what it returns."""
    name = model_name.lower()

    def copy(apps, schema_editor):
        copy_kind(apps, schema_editor, app_label=app_label, model_name=model_name, kind=kind, renumber=renumber)

    return [
        # The history keeps every column it had, and learns the parent's.
        migrations.AddField(
            model_name=f"historical{name}",
            name="kind",
            field=models.CharField(
                choices=[("promise", "promise"), ("directive", "directive")], default=kind, editable=False,
                max_length=20, verbose_name="kind",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name=f"historical{name}",
            name="trackeditem_ptr",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True,
                on_delete=django.db.models.deletion.DO_NOTHING, parent_link=True, related_name="+",
                to="tracking.trackeditem",
            ),
        ),
        migrations.RunPython(copy, migrations.RunPython.noop),
        # The copied rows go from the old tables.
        migrations.DeleteModel(name=f"{model_name}Evidence"),
        migrations.DeleteModel(name=f"{model_name}Source"),
        migrations.DeleteModel(name=f"{model_name}StatusUpdate"),
        migrations.RemoveIndex(model_name=name, name=f"{kind}_public_idx"),
        migrations.RemoveIndex(model_name=name, name=f"{kind}_public_status_idx"),
        *[
            migrations.RemoveField(model_name=name, name=field)
            for field in ("slug", "quote", "topics", "is_published", "current_status", "status_changed_on",
                         "created_at", "updated_at")
        ],
        # An item's id is its tracked item's: the key becomes the parent link.
        # The column keeps its name, so what refers to it needs no change.
        migrations.AlterField(
            model_name=name,
            name="id",
            field=models.BigAutoField(auto_created=True, primary_key=True, serialize=False, db_column="id"),
        ),
        migrations.RenameField(model_name=name, old_name="id", new_name="trackeditem_ptr"),
        migrations.AlterField(
            model_name=name,
            name="trackeditem_ptr",
            field=models.OneToOneField(
                db_column="id", on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True,
                serialize=False, to="tracking.trackeditem",
            ),
        ),
        SetModelBases(model_name, ("tracking.trackeditem",)),
        migrations.AddIndex(
            model_name=name,
            index=models.Index(fields=[f"-{date_field}", title_field, "trackeditem_ptr"], name=f"{kind}_list_order_idx"),
        ),
        # The kind's share of the history, where editors have always found it.
        migrations.CreateModel(
            name=f"{model_name}StatusUpdate",
            fields=[],
            options={
                "verbose_name": f"{kind} status update",
                "verbose_name_plural": f"{kind} status updates",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("tracking.statusupdate",),
        ),
    ]
