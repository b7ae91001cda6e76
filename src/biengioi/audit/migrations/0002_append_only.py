"""The audit table refuses UPDATE and DELETE at the database, on PostgreSQL and on SQLite."""

from django.db import migrations

PG_UP = """
CREATE OR REPLACE FUNCTION audit_auditrecord_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_auditrecord is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditrecord_no_update BEFORE UPDATE ON audit_auditrecord
    FOR EACH ROW EXECUTE FUNCTION audit_auditrecord_append_only();
CREATE TRIGGER audit_auditrecord_no_delete BEFORE DELETE ON audit_auditrecord
    FOR EACH ROW EXECUTE FUNCTION audit_auditrecord_append_only();
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS audit_auditrecord_no_update ON audit_auditrecord;
DROP TRIGGER IF EXISTS audit_auditrecord_no_delete ON audit_auditrecord;
DROP FUNCTION IF EXISTS audit_auditrecord_append_only();
"""
SQLITE_UP = [
    """CREATE TRIGGER audit_auditrecord_no_update BEFORE UPDATE ON audit_auditrecord
       BEGIN SELECT RAISE(ABORT, 'audit_auditrecord is append-only (UPDATE refused)'); END;""",
    """CREATE TRIGGER audit_auditrecord_no_delete BEFORE DELETE ON audit_auditrecord
       BEGIN SELECT RAISE(ABORT, 'audit_auditrecord is append-only (DELETE refused)'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS audit_auditrecord_no_update;",
    "DROP TRIGGER IF EXISTS audit_auditrecord_no_delete;",
]


def up(apps, schema_editor):
    run(schema_editor, PG_UP, SQLITE_UP)


def down(apps, schema_editor):
    run(schema_editor, PG_DOWN, SQLITE_DOWN)


def run(schema_editor, pg, sqlite):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(pg, params=None)
    elif vendor == "sqlite":
        for statement in sqlite:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(up, down)]
