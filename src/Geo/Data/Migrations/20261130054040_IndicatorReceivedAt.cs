using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorReceivedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "received_at",
                table: "unit_indicator",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "received_at",
                table: "unit_indicator");
        }
    }
}
