# The default list leaves archived applications out (SPEC §12). On PostgreSQL the list's
# indexes carry `archived` as an included column, so a deep page is still read from the
# index alone (an index-only scan can test an included column); SQLite has no included
# columns and needs none. The model's state keeps the indexes as declared.

from django.db import migrations

# Each list index: its name and its key columns (Application.Meta.indexes).
LIST_INDEXES = (
    ("applications_user_newest_idx", "user_id, created_at DESC, id DESC"),
    ("applications_user_stage_idx", "user_id, stage, created_at DESC, id DESC"),
    ("applications_user_status_idx", "user_id, status, created_at DESC, id DESC"),
    ("applications_user_prio_idx", "user_id, priority_level, created_at DESC, id DESC"),
    ("applications_user_mode_idx", "user_id, work_mode, created_at DESC, id DESC"),
    ("applications_user_emp_idx", "user_id, employment_type, created_at DESC, id DESC"),
)


def _rebuild(schema_editor, include: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in LIST_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        schema_editor.execute(f"CREATE INDEX {name} ON applications_application ({columns}){include}")


def _cover_archived(apps, schema_editor):
    _rebuild(schema_editor, " INCLUDE (archived)")


def _uncover_archived(apps, schema_editor):
    _rebuild(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0006_application_tracking_fields"),
    ]

    operations = [migrations.RunPython(_cover_archived, _uncover_archived)]
