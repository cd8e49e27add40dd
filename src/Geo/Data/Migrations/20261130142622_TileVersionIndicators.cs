using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <summary>
    /// Hand-written SQL, no model change: the tile data version (migration TileDataVersion) is bumped by writes to
    /// unit_indicator too. The statistics tiles over reported figures (Gi*/LISA of an indicator, and every rate, whose
    /// population comes from unit_indicator.population_resident) read it (Geo/Queries/StatisticsLayers.PeriodFiguresAsync),
    /// so an import of reported figures or an approved figure entry must make older cached tiles unreachable.
    /// </summary>
    public partial class TileVersionIndicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER tile_data_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit_indicator
                    FOR EACH STATEMENT EXECUTE FUNCTION tile_data_version_bump();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tile_data_version_bump ON unit_indicator;");
        }
    }
}
