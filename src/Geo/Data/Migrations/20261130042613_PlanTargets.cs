using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlanTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plan_target",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    scope_level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scope_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    indicator = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    key_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    comparison = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    direction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    legal_basis = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    document_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    import_batch = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_target", x => x.id);
                    table.CheckConstraint("ck_plan_target_comparison", "comparison IN ('absolute', 'percent_change', 'share')");
                    table.CheckConstraint("ck_plan_target_direction", "direction IN ('at_least', 'at_most')");
                    table.CheckConstraint("ck_plan_target_scope_level", "scope_level IN ('province', 'district', 'communes')");
                    table.CheckConstraint("ck_plan_target_year", "year BETWEEN 2000 AND 2100");
                });

            migrationBuilder.CreateIndex(
                name: "ix_plan_target_year",
                table: "plan_target",
                column: "year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_target");
        }
    }
}
