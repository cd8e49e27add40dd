using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <inheritdoc />
    public partial class DistrictLevel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "district_id",
                table: "admin_unit",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_admin_unit_district_id",
                table: "admin_unit",
                column: "district_id");

            migrationBuilder.AddForeignKey(
                name: "fk_admin_unit_admin_unit_district_id",
                table: "admin_unit",
                column: "district_id",
                principalTable: "admin_unit",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_admin_unit_admin_unit_district_id",
                table: "admin_unit");

            migrationBuilder.DropIndex(
                name: "ix_admin_unit_district_id",
                table: "admin_unit");

            migrationBuilder.DropColumn(
                name: "district_id",
                table: "admin_unit");
        }
    }
}
