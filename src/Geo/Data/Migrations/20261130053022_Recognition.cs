using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <summary>
    /// Issue 8 §4: drug-free recognition cases, their append-only steps and evidence files (bytea). The hand-written SQL
    /// at the end makes steps and evidence append-only for every role but the owner (the app role also lacks the grants,
    /// <c>DatabaseRoles.AppendOnlyTables</c>).
    /// </summary>
    public partial class Recognition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recognition_case",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    proposed_year = table.Column<int>(type: "integer", nullable: true),
                    recognised_year = table.Column<int>(type: "integer", nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                    // Version maps the system column xmin: no DDL (hand-removed from the scaffold, like status_assessment)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recognition_case", x => x.id);
                    table.CheckConstraint("ck_recognition_case_state", "state IN ('proposed', 'returned', 'appraised', 'recognised', 'refused', 'revoked')");
                    table.ForeignKey(
                        name: "fk_recognition_case_admin_unit_unit_id",
                        column: x => x.unit_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "recognition_step",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<long>(type: "bigint", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    from_state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    to_state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    reasons = table.Column<List<string>>(type: "text[]", nullable: false),
                    snapshot = table.Column<string>(type: "jsonb", nullable: true),
                    decision_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decision_date = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recognition_step", x => x.id);
                    table.ForeignKey(
                        name: "fk_recognition_step_recognition_case_case_id",
                        column: x => x.case_id,
                        principalTable: "recognition_case",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "recognition_evidence",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    step_id = table.Column<long>(type: "bigint", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    media_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recognition_evidence", x => x.id);
                    table.CheckConstraint("ck_recognition_evidence_sha256", "sha256 ~ '^[0-9a-f]{64}$'");
                    table.CheckConstraint("ck_recognition_evidence_size", "size_bytes = octet_length(content)");
                    table.CheckConstraint("ck_recognition_evidence_type", "media_type IN ('application/pdf', 'image/png', 'image/jpeg')");
                    table.ForeignKey(
                        name: "fk_recognition_evidence_recognition_step_step_id",
                        column: x => x.step_id,
                        principalTable: "recognition_step",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_recognition_case_state",
                table: "recognition_case",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "ix_recognition_case_unit_id",
                table: "recognition_case",
                column: "unit_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recognition_evidence_sha256",
                table: "recognition_evidence",
                column: "sha256");

            migrationBuilder.CreateIndex(
                name: "ix_recognition_evidence_step_id",
                table: "recognition_evidence",
                column: "step_id");

            migrationBuilder.CreateIndex(
                name: "ix_recognition_step_at",
                table: "recognition_step",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_recognition_step_case_id_seq",
                table: "recognition_step",
                columns: new[] { "case_id", "seq" },
                unique: true);

            // hand-written: the history of a case is never edited or removed (the owner may, e.g. a demo wipe)
            migrationBuilder.Sql("""
                CREATE FUNCTION recognition_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
                        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
                    END IF;
                    RAISE EXCEPTION '% is append-only: % refused for role %', TG_TABLE_NAME, TG_OP, current_user
                        USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER recognition_step_append_only BEFORE UPDATE OR DELETE ON recognition_step
                    FOR EACH ROW EXECUTE FUNCTION recognition_append_only();
                CREATE TRIGGER recognition_step_no_truncate BEFORE TRUNCATE ON recognition_step
                    FOR EACH STATEMENT EXECUTE FUNCTION recognition_append_only();
                CREATE TRIGGER recognition_evidence_append_only BEFORE UPDATE OR DELETE ON recognition_evidence
                    FOR EACH ROW EXECUTE FUNCTION recognition_append_only();
                CREATE TRIGGER recognition_evidence_no_truncate BEFORE TRUNCATE ON recognition_evidence
                    FOR EACH STATEMENT EXECUTE FUNCTION recognition_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS recognition_evidence_no_truncate ON recognition_evidence;
                DROP TRIGGER IF EXISTS recognition_evidence_append_only ON recognition_evidence;
                DROP TRIGGER IF EXISTS recognition_step_no_truncate ON recognition_step;
                DROP TRIGGER IF EXISTS recognition_step_append_only ON recognition_step;
                DROP FUNCTION IF EXISTS recognition_append_only();
                """);

            migrationBuilder.DropTable(
                name: "recognition_evidence");

            migrationBuilder.DropTable(
                name: "recognition_step");

            migrationBuilder.DropTable(
                name: "recognition_case");
        }
    }
}
