using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <inheritdoc />
    public partial class CommuneGridStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commune_grid",
                columns: table => new
                {
                    fingerprint = table.Column<byte[]>(type: "bytea", nullable: false),
                    communes = table.Column<int>(type: "integer", nullable: false),
                    grid = table.Column<byte[]>(type: "bytea", nullable: false),
                    built_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commune_grid", x => x.fingerprint);
                });
            // the grid is ~20 MB of small ints read whole: stored uncompressed, out of line (no pglz on every write and read)
            migrationBuilder.Sql("ALTER TABLE commune_grid ALTER COLUMN grid SET STORAGE EXTERNAL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commune_grid");
        }
    }
}
