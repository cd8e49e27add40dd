using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <summary>
    /// Issue 12, vector tiles. Hand-written SQL: a one-row table tile_data_version whose number every write that can
    /// change a tile bumps, in the writing transaction (statement triggers on admin_unit, unit_lineage,
    /// status_assessment and incident: boundary and incident imports — COPY fires them too —, classification,
    /// official statuses). The tile cache keys tiles by it (Geo/Queries/TileQueries.DataVersionAsync), so no process
    /// serves a tile built before a change another process committed; a rolled-back write changes nothing.
    /// Not an EF entity: nothing reads it but that one query.
    /// </summary>
    public partial class TileDataVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE tile_data_version (
                    id int PRIMARY KEY CHECK (id = 1),
                    version bigint NOT NULL);
                INSERT INTO tile_data_version (id, version) VALUES (1, 1);

                CREATE FUNCTION tile_data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE tile_data_version SET version = version + 1 WHERE id = 1;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER tile_data_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON admin_unit
                    FOR EACH STATEMENT EXECUTE FUNCTION tile_data_version_bump();
                CREATE TRIGGER tile_data_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit_lineage
                    FOR EACH STATEMENT EXECUTE FUNCTION tile_data_version_bump();
                CREATE TRIGGER tile_data_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON status_assessment
                    FOR EACH STATEMENT EXECUTE FUNCTION tile_data_version_bump();
                CREATE TRIGGER tile_data_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident
                    FOR EACH STATEMENT EXECUTE FUNCTION tile_data_version_bump();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS tile_data_version_bump ON incident;
                DROP TRIGGER IF EXISTS tile_data_version_bump ON status_assessment;
                DROP TRIGGER IF EXISTS tile_data_version_bump ON unit_lineage;
                DROP TRIGGER IF EXISTS tile_data_version_bump ON admin_unit;
                DROP FUNCTION IF EXISTS tile_data_version_bump();
                DROP TABLE IF EXISTS tile_data_version;
                """);
        }
    }
}
