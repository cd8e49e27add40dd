using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <inheritdoc />
    public partial class PatrolGridCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "grid_cell",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    size_m = table.Column<int>(type: "integer", nullable: false),
                    srid = table.Column<int>(type: "integer", nullable: false),
                    i = table.Column<int>(type: "integer", nullable: false),
                    j = table.Column<int>(type: "integer", nullable: false),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    area_share = table.Column<double>(type: "double precision", nullable: false),
                    x = table.Column<double>(type: "double precision", nullable: false),
                    y = table.Column<double>(type: "double precision", nullable: false),
                    geom = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,4326)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grid_cell", x => x.id);
                    table.CheckConstraint("ck_grid_cell_share", "area_share > 0 AND area_share <= 1.000001");
                    table.CheckConstraint("ck_grid_cell_size", "size_m > 0");
                    table.ForeignKey(
                        name: "fk_grid_cell_admin_unit_unit_id",
                        column: x => x.unit_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "patrol_cell_exposure",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    size_m = table.Column<int>(type: "integer", nullable: false),
                    srid = table.Column<int>(type: "integer", nullable: false),
                    i = table.Column<int>(type: "integer", nullable: false),
                    j = table.Column<int>(type: "integer", nullable: false),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    period_from = table.Column<DateOnly>(type: "date", nullable: false),
                    period_to = table.Column<DateOnly>(type: "date", nullable: false),
                    patrol_days = table.Column<double>(type: "double precision", nullable: false),
                    prioritised = table.Column<bool>(type: "boolean", nullable: false),
                    exploration = table.Column<bool>(type: "boolean", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patrol_cell_exposure", x => x.id);
                    table.CheckConstraint("ck_patrol_cell_exposure_days", "patrol_days >= 0");
                    table.CheckConstraint("ck_patrol_cell_exposure_period", "period_to > period_from");
                    table.ForeignKey(
                        name: "fk_patrol_cell_exposure_admin_unit_unit_id",
                        column: x => x.unit_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_grid_cell_geom",
                table: "grid_cell",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_grid_cell_size_m_srid_i_j_unit_id",
                table: "grid_cell",
                columns: new[] { "size_m", "srid", "i", "j", "unit_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_grid_cell_size_m_unit_id",
                table: "grid_cell",
                columns: new[] { "size_m", "unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_grid_cell_unit_id",
                table: "grid_cell",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_patrol_cell_exposure_size_m_srid_i_j_period_from",
                table: "patrol_cell_exposure",
                columns: new[] { "size_m", "srid", "i", "j", "period_from" });

            migrationBuilder.CreateIndex(
                name: "ix_patrol_cell_exposure_unit_id_period_from",
                table: "patrol_cell_exposure",
                columns: new[] { "unit_id", "period_from" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "grid_cell");

            migrationBuilder.DropTable(
                name: "patrol_cell_exposure");
        }
    }
}
