using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <inheritdoc />
    public partial class IncidentEntryReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "incident_entry",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    occurred_at = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    persons = table.Column<int>(type: "integer", nullable: false),
                    plants = table.Column<int>(type: "integer", nullable: true),
                    area_m2 = table.Column<double>(type: "double precision", nullable: true),
                    source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    geom = table.Column<Point>(type: "geometry(Point,4326)", nullable: false),
                    input_epsg = table.Column<int>(type: "integer", nullable: false),
                    input_x = table.Column<double>(type: "double precision", nullable: false),
                    input_y = table.Column<double>(type: "double precision", nullable: false),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    entered_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entered_area = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    verified_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    verified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    returned_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    returned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    return_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    incident_id = table.Column<long>(type: "bigint", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_entry", x => x.id);
                    table.CheckConstraint("ck_incident_entry_persons", "persons >= 0");
                    table.CheckConstraint("ck_incident_entry_returned", "state <> 'returned' OR return_reason IS NOT NULL");
                    table.CheckConstraint("ck_incident_entry_state", "state IN ('draft', 'submitted', 'verified', 'returned')");
                    table.CheckConstraint("ck_incident_entry_verified", "state <> 'verified' OR verified_by IS NOT NULL");
                    table.ForeignKey(
                        name: "fk_incident_entry_admin_unit_unit_id",
                        column: x => x.unit_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_incident_entry_incident_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incident",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incident_entry_entered_by",
                table: "incident_entry",
                column: "entered_by");

            migrationBuilder.CreateIndex(
                name: "ix_incident_entry_incident_id",
                table: "incident_entry",
                column: "incident_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incident_entry_state_unit_id",
                table: "incident_entry",
                columns: new[] { "state", "unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_incident_entry_unit_id",
                table: "incident_entry",
                column: "unit_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_entry");
        }
    }
}
