using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <summary>
    /// Issue 9 §3/§5: figure_entry, a commune's figures per reporting period (ReportPeriod code: year, half, quarter,
    /// month) entered on the web with their review (entered, submitted, approved or returned with a reason).
    /// </summary>
    public partial class FigureEntryPerPeriod : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "figure_entry",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: false),
                    figures = table.Column<string>(type: "jsonb", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    entered_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    returned_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    returned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    returned_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                    // Version maps the system column xmin: no DDL (hand-removed from the scaffold, like status_assessment)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_figure_entry", x => x.id);
                    table.CheckConstraint("ck_figure_entry_dates", "period_start < period_end AND year = extract(year FROM period_start)");
                    table.CheckConstraint("ck_figure_entry_returned", "state <> 'returned' OR returned_reason IS NOT NULL");
                    table.CheckConstraint("ck_figure_entry_state", "state IN ('draft', 'submitted', 'verified', 'returned')");
                    table.ForeignKey(
                        name: "fk_figure_entry_admin_unit_unit_id",
                        column: x => x.unit_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_figure_entry_period_state",
                table: "figure_entry",
                columns: new[] { "period", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_figure_entry_unit_id_period",
                table: "figure_entry",
                columns: new[] { "unit_id", "period" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "figure_entry");
        }
    }
}
