import importlib

from django.db import migrations, models

TALLY_OF_0008 = importlib.import_module("applications.migrations.0008_application_tally")

# The tally now counts, per user, every value of each filter the list offers, for archived
# and not-archived applications apart: one JSON object per user whose keys are
# "<0|1>:*" (all) and "<0|1>:<filter>=<value>" (0: not archived). A filtered list then reads
# its exact total as one or two keys instead of counting up to 100,000 index entries.
#
# The triggers run once per statement, over its transition tables: a statement that writes
# many rows (a bulk create, an import, a cascade) changes each user's tally once, not once
# per row (one row per user updated 100,000 times in a transaction made its insert slower
# with every row). One row per user, locked in user order, keeps writers from deadlocking.
TALLY_KEYS_FUNCTION = """
CREATE OR REPLACE FUNCTION applications_tally_keys(
    archived boolean, status text, priority text, stage text, work_mode text, employment_type text
) RETURNS text[] AS $$
    SELECT ARRAY[
        flag || '*',
        flag || 'status=' || status,
        flag || 'priority=' || priority,
        flag || 'stage=' || stage,
        flag || 'work_mode=' || work_mode,
        flag || 'employment_type=' || employment_type
    ] FROM (SELECT CASE WHEN archived THEN '1:' ELSE '0:' END AS flag) AS prefix
$$ LANGUAGE sql IMMUTABLE
"""
# `counts` plus `delta`, key by key; a count that falls to nothing leaves the object.
TALLY_MERGE_FUNCTION = """
CREATE OR REPLACE FUNCTION applications_tally_merge(counts jsonb, delta jsonb) RETURNS jsonb AS $$
    SELECT COALESCE(jsonb_object_agg(key, n) FILTER (WHERE n <> 0), '{}'::jsonb)
    FROM (
        SELECT key, SUM(value::integer) AS n
        FROM (SELECT * FROM jsonb_each_text(counts) UNION ALL SELECT * FROM jsonb_each_text(delta)) AS both_
        GROUP BY key
    ) AS summed
$$ LANGUAGE sql IMMUTABLE
"""
# Each statement's changes, per user: +1 for every key of a row written, -1 for every key
# of a row it replaced or deleted (an update that changes no counted column cancels out).
_COUNTED = "user_id, archived, status, priority_level, stage, work_mode, employment_type"
# Constant text, written into the function once (no input reaches it).
_ADDED = f"SELECT {_COUNTED}, 1 AS d FROM added"  # noqa: S608
_REMOVED = f"SELECT {_COUNTED}, -1 AS d FROM removed"  # noqa: S608


def _apply(rows: str) -> str:
    """The statements that add the changes of `rows` to their users' tallies: a user whose
    counts did not change (an edit of notes, say) is neither locked nor written, and the
    others are updated in user order, so two writers never wait for each other in a cycle."""
    return f"""
        FOR changed IN
            SELECT user_id, jsonb_object_agg(key, n) AS delta FROM (
                SELECT user_id, key, SUM(d) AS n
                FROM ({rows}) AS written,
                     unnest(applications_tally_keys(archived, status, priority_level, stage,
                                                    work_mode, employment_type)) AS key
                GROUP BY user_id, key HAVING SUM(d) <> 0
            ) AS summed GROUP BY user_id ORDER BY user_id
        LOOP
            UPDATE applications_applicationtally
            SET counts = applications_tally_merge(counts, changed.delta)
            WHERE user_id = changed.user_id;
        END LOOP;"""  # noqa: S608


# Only rows inserted make a tally (a user's rows had one made by their first insert or by
# the fill below): deleting a user's rows, the user's own deletion among them, must not
# bring back a tally that was deleted with the user.
_MAKE_TALLIES = """
        INSERT INTO applications_applicationtally (user_id, counts)
        SELECT DISTINCT user_id, '{}'::jsonb FROM added ORDER BY user_id
        ON CONFLICT (user_id) DO NOTHING;"""
TALLY_FUNCTION = f"""
CREATE OR REPLACE FUNCTION applications_tally_keep() RETURNS trigger AS $$
DECLARE
    changed record;
BEGIN
    IF TG_OP = 'INSERT' THEN{_MAKE_TALLIES}{_apply(_ADDED)}
    ELSIF TG_OP = 'UPDATE' THEN{_apply(f"{_ADDED} UNION ALL {_REMOVED}")}
    ELSE{_apply(_REMOVED)}
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""
# Transition tables allow one event per trigger, and no column list on an update.
TALLY_TRIGGERS = [
    "CREATE TRIGGER applications_tally_added AFTER INSERT ON applications_application "
    "REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION applications_tally_keep()",
    "CREATE TRIGGER applications_tally_changed AFTER UPDATE ON applications_application "
    "REFERENCING OLD TABLE AS removed NEW TABLE AS added "
    "FOR EACH STATEMENT EXECUTE FUNCTION applications_tally_keep()",
    "CREATE TRIGGER applications_tally_removed AFTER DELETE ON applications_application "
    "REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION applications_tally_keep()",
]
TALLY_FILL = """
INSERT INTO applications_applicationtally (user_id, counts)
SELECT user_id, jsonb_object_agg(key, n) FROM (
    SELECT user_id, key, COUNT(*) AS n
    FROM applications_application,
         unnest(applications_tally_keys(archived, status, priority_level, stage, work_mode,
                                        employment_type)) AS key
    GROUP BY user_id, key
) AS counted
GROUP BY user_id
ON CONFLICT (user_id) DO UPDATE SET counts = EXCLUDED.counts
"""

# Every search is one user's: with btree_gin the trigram indexes lead with the owner, so a
# search reads only that user's matches, not every user's, then keeps the owner's.
SEARCHED = ("company_name", "role_title", "location", "job_description")


def _search_indexes(leading: str) -> list[str]:
    return [
        statement
        for column in SEARCHED
        for statement in (
            f"DROP INDEX IF EXISTS applications_{column}_trgm_idx",
            f"CREATE INDEX applications_{column}_trgm_idx ON applications_application "
            f"USING gin ({leading}(UPPER({column}::text)) gin_trgm_ops)",
        )
    ]


def _drop_old_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS applications_tally_keep ON applications_application")


def _restore_old_trigger(apps, schema_editor):
    # Back to migration 0008's tally of the not-archived alone (its column is back by now).
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DELETE FROM applications_applicationtally")
    for statement in (TALLY_OF_0008.TALLY_FUNCTION, TALLY_OF_0008.TALLY_TRIGGER, TALLY_OF_0008.TALLY_FILL):
        schema_editor.execute(statement)


def _forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in (TALLY_KEYS_FUNCTION, TALLY_MERGE_FUNCTION, TALLY_FUNCTION, *TALLY_TRIGGERS, TALLY_FILL):
        schema_editor.execute(statement)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    for statement in _search_indexes("user_id, "):
        schema_editor.execute(statement)


def _backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in _search_indexes(""):
        schema_editor.execute(statement)
    for trigger in ("added", "changed", "removed"):
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS applications_tally_{trigger} ON applications_application"
        )
    schema_editor.execute("DROP FUNCTION IF EXISTS applications_tally_keep()")
    schema_editor.execute("DROP FUNCTION IF EXISTS applications_tally_merge(jsonb, jsonb)")
    schema_editor.execute(
        "DROP FUNCTION IF EXISTS applications_tally_keys(boolean, text, text, text, text, text)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0008_application_tally"),
    ]

    # The old trigger goes before its column; the new one comes once `counts` is there.
    operations = [
        migrations.RunPython(_drop_old_trigger, _restore_old_trigger, elidable=False),
        migrations.RemoveField(
            model_name="applicationtally",
            name="active",
        ),
        migrations.AddField(
            model_name="applicationtally",
            name="counts",
            field=models.JSONField(default=dict),
        ),
        migrations.RunPython(_forwards, _backwards, elidable=False),
    ]
