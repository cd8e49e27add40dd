using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <inheritdoc />
    public partial class RiskModelScoresPatrolExposure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "patrol_exposure",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    quarter = table.Column<int>(type: "integer", nullable: false),
                    patrol_days = table.Column<double>(type: "double precision", nullable: false),
                    prioritised = table.Column<bool>(type: "boolean", nullable: false),
                    exploration = table.Column<bool>(type: "boolean", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patrol_exposure", x => x.id);
                    table.CheckConstraint("ck_patrol_exposure_days", "patrol_days >= 0");
                    table.ForeignKey(
                        name: "fk_patrol_exposure_admin_unit_unit_id",
                        column: x => x.unit_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "risk_model",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    training_from_quarter = table.Column<int>(type: "integer", nullable: false),
                    training_to_quarter = table.Column<int>(type: "integer", nullable: false),
                    province_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    feature_names = table.Column<List<string>>(type: "text[]", nullable: false),
                    parameters = table.Column<string>(type: "jsonb", nullable: false),
                    metrics = table.Column<string>(type: "jsonb", nullable: false),
                    training_rows = table.Column<int>(type: "integer", nullable: false),
                    data_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    guard = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    model_bytes = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_model", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "risk_score",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    quarter = table.Column<int>(type: "integer", nullable: false),
                    model_version_id = table.Column<int>(type: "integer", nullable: false),
                    probability = table.Column<double>(type: "double precision", nullable: false),
                    probability_sd = table.Column<double>(type: "double precision", nullable: false),
                    probability_low = table.Column<double>(type: "double precision", nullable: false),
                    probability_high = table.Column<double>(type: "double precision", nullable: false),
                    expected_count = table.Column<double>(type: "double precision", nullable: false),
                    status_worsen_probability = table.Column<double>(type: "double precision", nullable: true),
                    last_status = table.Column<int>(type: "integer", nullable: false),
                    quarters_since_last_patrol = table.Column<int>(type: "integer", nullable: false),
                    reasons = table.Column<string>(type: "jsonb", nullable: false),
                    scored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_score", x => x.id);
                    table.CheckConstraint("ck_risk_score_probability", "probability >= 0 AND probability <= 1");
                    table.ForeignKey(
                        name: "fk_risk_score_admin_unit_unit_id",
                        column: x => x.unit_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_risk_score_risk_model_model_version_id",
                        column: x => x.model_version_id,
                        principalTable: "risk_model",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_patrol_exposure_unit_id_quarter",
                table: "patrol_exposure",
                columns: new[] { "unit_id", "quarter" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_model_created_at",
                table: "risk_model",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_risk_score_model_version_id_quarter_unit_id",
                table: "risk_score",
                columns: new[] { "model_version_id", "quarter", "unit_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_risk_score_quarter",
                table: "risk_score",
                column: "quarter");

            migrationBuilder.CreateIndex(
                name: "ix_risk_score_unit_id",
                table: "risk_score",
                column: "unit_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "patrol_exposure");

            migrationBuilder.DropTable(
                name: "risk_score");

            migrationBuilder.DropTable(
                name: "risk_model");
        }
    }
}
