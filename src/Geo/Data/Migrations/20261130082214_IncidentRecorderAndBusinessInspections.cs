using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <inheritdoc />
    public partial class IncidentRecorderAndBusinessInspections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<TimeOnly>(
                name: "occurred_at",
                table: "incident",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recorded_by",
                table: "incident",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "business_inspection",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    business_id = table.Column<int>(type: "integer", nullable: false),
                    inspected_on = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    findings = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    violations = table.Column<List<string>>(type: "text[]", nullable: false),
                    inspecting_unit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    returned_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    entered_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reviewed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    // Version maps the system column xmin: no DDL (hand-removed from the scaffold, like recognition_case)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_inspection", x => x.id);
                    table.CheckConstraint("ck_business_inspection_kind", "kind IN ('routine', 'surprise')");
                    table.CheckConstraint("ck_business_inspection_returned", "(state = 'returned') = (returned_reason IS NOT NULL)");
                    table.CheckConstraint("ck_business_inspection_state", "state IN ('draft', 'submitted', 'verified', 'returned')");
                    table.CheckConstraint("ck_business_inspection_violations", "violations <@ ARRAY['drug_use_on_premises', 'drug_dealing_on_premises', 'guest_register', 'security_conditions', 'opening_hours', 'other']::text[]");
                    table.ForeignKey(
                        name: "fk_business_inspection_conditional_business_business_id",
                        column: x => x.business_id,
                        principalTable: "conditional_business",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_business_inspection_business_id_state_inspected_on",
                table: "business_inspection",
                columns: new[] { "business_id", "state", "inspected_on" });

            migrationBuilder.CreateIndex(
                name: "ix_business_inspection_state",
                table: "business_inspection",
                column: "state");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "business_inspection");

            migrationBuilder.DropColumn(
                name: "occurred_at",
                table: "incident");

            migrationBuilder.DropColumn(
                name: "recorded_by",
                table: "incident");
        }
    }
}
