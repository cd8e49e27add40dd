using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <summary>
    /// Issue 11. status_assessment.Version maps PostgreSQL's system column xmin (no DDL: every row has it) as the
    /// optimistic-concurrency token of official-status edits. audit_entry becomes append-only: a trigger refuses UPDATE,
    /// DELETE and TRUNCATE to every role but the table's owner (migrations, an operator's retention job) and superusers,
    /// on top of the app role having no such grant (DatabaseRoles).
    /// </summary>
    public partial class StatusRowVersionAndAuditAppendOnly : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
                        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
                    END IF;
                    RAISE EXCEPTION 'audit_entry is append-only: % refused for role %', TG_OP, current_user
                        USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
                    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
                CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry;
                DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry;
                DROP FUNCTION IF EXISTS audit_entry_append_only();
                """);
        }
    }
}
