from django.db import migrations

# "Best match first" sorts unknown scores last, so the descending order of
# `Application.match_score` (the match report's headline figure) needs an index declared
# NULLS LAST, as the other nullable sorts have (applications 0004). PostgreSQL only, and
# kept out of the model's state: SQLite reads the ascending index backwards instead.
INDEX = "applications_match_desc_idx"


def _add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON applications_application (user_id, match_score DESC NULLS LAST)"
    )


def _remove_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0001_initial"),
        ("applications", "0006_application_tracking_fields"),
    ]

    operations = [migrations.RunPython(_add_index, _remove_index, elidable=False)]
