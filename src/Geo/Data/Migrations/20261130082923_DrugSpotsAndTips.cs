using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <inheritdoc />
    public partial class DrugSpotsAndTips : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "drug_spot",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    geom = table.Column<Point>(type: "geometry(Point,4326)", nullable: false),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_drug_spot", x => x.id);
                    table.CheckConstraint("ck_drug_spot_kind", "kind IN ('point', 'hotspot')");
                    table.ForeignKey(
                        name: "fk_drug_spot_admin_unit_unit_id",
                        column: x => x.unit_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tip",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    resolved_on = table.Column<DateOnly>(type: "date", nullable: true),
                    entered_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    review = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reviewed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    returned_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    verified_state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    verified_outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    verified_resolved_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tip", x => x.id);
                    table.CheckConstraint("ck_tip_resolved", "(state = 'resolved') = (outcome IS NOT NULL AND resolved_on IS NOT NULL)");
                    table.CheckConstraint("ck_tip_resolved_after", "resolved_on IS NULL OR resolved_on >= received_on");
                    table.CheckConstraint("ck_tip_returned", "review <> 'returned' OR returned_reason IS NOT NULL");
                    table.CheckConstraint("ck_tip_review", "review IN ('draft', 'submitted', 'verified', 'returned')");
                    table.CheckConstraint("ck_tip_state", "state IN ('received', 'checking', 'resolved')");
                    table.ForeignKey(
                        name: "fk_tip_admin_unit_unit_id",
                        column: x => x.unit_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "drug_spot_step",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    spot_id = table.Column<long>(type: "bigint", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recording_unit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    entered_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    review = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reviewed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    returned_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_drug_spot_step", x => x.id);
                    table.CheckConstraint("ck_drug_spot_step_returned", "review <> 'returned' OR returned_reason IS NOT NULL");
                    table.CheckConstraint("ck_drug_spot_step_review", "review IN ('draft', 'submitted', 'verified', 'returned')");
                    table.CheckConstraint("ck_drug_spot_step_state", "state IN ('detected', 'under_watch', 'eliminated', 're_emerged')");
                    table.ForeignKey(
                        name: "fk_drug_spot_step_drug_spot_spot_id",
                        column: x => x.spot_id,
                        principalTable: "drug_spot",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_drug_spot_code",
                table: "drug_spot",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_drug_spot_geom",
                table: "drug_spot",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_drug_spot_unit_id",
                table: "drug_spot",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_drug_spot_step_review_occurred_on",
                table: "drug_spot_step",
                columns: new[] { "review", "occurred_on" });

            migrationBuilder.CreateIndex(
                name: "ix_drug_spot_step_spot_id_seq",
                table: "drug_spot_step",
                columns: new[] { "spot_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tip_unit_id_received_on",
                table: "tip",
                columns: new[] { "unit_id", "received_on" });

            // spot steps are never deleted and a verified step is final: the review trail cannot be rewritten, by the app or by hand
            migrationBuilder.Sql("""
                CREATE FUNCTION drug_spot_step_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        RAISE EXCEPTION 'drug_spot_step is append-only (step % of spot %)', OLD.seq, OLD.spot_id;
                    END IF;
                    IF OLD.review = 'verified' THEN
                        RAISE EXCEPTION 'a verified drug_spot_step is final (step % of spot %)', OLD.seq, OLD.spot_id;
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER drug_spot_step_guard BEFORE UPDATE OR DELETE ON drug_spot_step
                    FOR EACH ROW EXECUTE FUNCTION drug_spot_step_guard();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS drug_spot_step_guard ON drug_spot_step; DROP FUNCTION IF EXISTS drug_spot_step_guard();");
            migrationBuilder.DropTable(
                name: "drug_spot_step");

            migrationBuilder.DropTable(
                name: "tip");

            migrationBuilder.DropTable(
                name: "drug_spot");
        }
    }
}
