using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorHarbouringStockAndFlow : Migration
    {
        /// <inheritdoc />
        // hand-edited: the old single count was the places discovered in the year, so it is renamed, not dropped
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "harbouring_places",
                table: "unit_indicator",
                newName: "harbouring_places_detected_in_period");

            migrationBuilder.AddColumn<int>(
                name: "harbouring_places_active_at_end",
                table: "unit_indicator",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "hotspots",
                table: "unit_indicator",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "harbouring_places_active_at_end",
                table: "unit_indicator");

            migrationBuilder.DropColumn(
                name: "hotspots",
                table: "unit_indicator");

            migrationBuilder.RenameColumn(
                name: "harbouring_places_detected_in_period",
                table: "unit_indicator",
                newName: "harbouring_places");
        }
    }
}
