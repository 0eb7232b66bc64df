import importlib

from django.db import migrations, models

TALLY_OF_0008 = importlib.import_module("applications.migrations.0008_application_tally")

# The tally now counts, per user, every value of each filter the list offers, for archived
# and not-archived applications apart: one JSON object per user whose keys are
# "<0|1>:*" (all) and "<0|1>:<filter>=<value>" (0: not archived). A filtered list then reads
# its exact total as one or two keys instead of counting up to 100,000 index entries. One
# row per user keeps one lock per write, as before (several rows could deadlock).
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
TALLY_FUNCTION = """
CREATE OR REPLACE FUNCTION applications_tally_keep() RETURNS trigger AS $$
DECLARE
    owner uuid;
    gone text[] := '{}';
    came text[] := '{}';
    tally jsonb;
    key text;
    n integer;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        owner := OLD.user_id;
        gone := applications_tally_keys(OLD.archived, OLD.status, OLD.priority_level, OLD.stage,
                                        OLD.work_mode, OLD.employment_type);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        owner := NEW.user_id;
        came := applications_tally_keys(NEW.archived, NEW.status, NEW.priority_level, NEW.stage,
                                        NEW.work_mode, NEW.employment_type);
        -- Only an addition makes the row: a delete of a user's last rows (the user's own
        -- deletion among them) must not bring back a tally that was deleted with the user.
        INSERT INTO applications_applicationtally (user_id, counts) VALUES (owner, '{}')
        ON CONFLICT (user_id) DO NOTHING;
    END IF;
    IF gone = came THEN
        RETURN NULL;
    END IF;
    SELECT counts INTO tally FROM applications_applicationtally WHERE user_id = owner FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    FOREACH key IN ARRAY gone LOOP
        n := COALESCE((tally ->> key)::integer, 0) - 1;
        tally := CASE WHEN n = 0 THEN tally - key ELSE jsonb_set(tally, ARRAY[key], to_jsonb(n)) END;
    END LOOP;
    FOREACH key IN ARRAY came LOOP
        n := COALESCE((tally ->> key)::integer, 0) + 1;
        tally := CASE WHEN n = 0 THEN tally - key ELSE jsonb_set(tally, ARRAY[key], to_jsonb(n)) END;
    END LOOP;
    UPDATE applications_applicationtally SET counts = tally WHERE user_id = owner;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""
TALLY_TRIGGER = """
CREATE TRIGGER applications_tally_keep
AFTER INSERT OR DELETE
OR UPDATE OF archived, status, priority_level, stage, work_mode, employment_type
ON applications_application
FOR EACH ROW EXECUTE FUNCTION applications_tally_keep()
"""
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
    for statement in (TALLY_KEYS_FUNCTION, TALLY_FUNCTION, TALLY_TRIGGER, TALLY_FILL):
        schema_editor.execute(statement)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    for statement in _search_indexes("user_id, "):
        schema_editor.execute(statement)


def _backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in _search_indexes(""):
        schema_editor.execute(statement)
    schema_editor.execute("DROP TRIGGER IF EXISTS applications_tally_keep ON applications_application")
    schema_editor.execute("DROP FUNCTION IF EXISTS applications_tally_keep()")
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
