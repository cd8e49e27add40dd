using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "admin_unit",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    parent_id = table.Column<int>(type: "integer", nullable: true),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    population = table.Column<int>(type: "integer", nullable: true),
                    area_km2 = table.Column<double>(type: "double precision", nullable: true),
                    geom = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,4326)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_admin_unit", x => x.id);
                    table.CheckConstraint("ck_admin_unit_validity", "valid_to IS NULL OR valid_to > valid_from");
                    table.ForeignKey(
                        name: "fk_admin_unit_admin_unit_parent_id",
                        column: x => x.parent_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "audit_entry",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    entity = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    entity_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    details = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entry", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "key_route",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    geom = table.Column<LineString>(type: "geometry(LineString,4326)", nullable: false),
                    buffer_m = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_key_route", x => x.id);
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
                name: "rule_set",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    json = table.Column<string>(type: "jsonb", nullable: false),
                    edited_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    edited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rule_set", x => new { x.id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "conditional_business",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    external_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    opened_on = table.Column<DateOnly>(type: "date", nullable: true),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    geom = table.Column<Point>(type: "geometry(Point,4326)", nullable: false),
                    unit_id = table.Column<int>(type: "integer", nullable: true),
                    import_batch = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conditional_business", x => x.id);
                    table.ForeignKey(
                        name: "fk_conditional_business_admin_unit_unit_id",
                        column: x => x.unit_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "incident",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    external_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    persons = table.Column<int>(type: "integer", nullable: false),
                    plants = table.Column<int>(type: "integer", nullable: true),
                    area_m2 = table.Column<double>(type: "double precision", nullable: true),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    geom = table.Column<Point>(type: "geometry(Point,4326)", nullable: false),
                    unit_id = table.Column<int>(type: "integer", nullable: true),
                    import_batch = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident", x => x.id);
                    table.CheckConstraint("ck_incident_persons", "persons >= 0");
                    table.ForeignKey(
                        name: "fk_incident_admin_unit_unit_id",
                        column: x => x.unit_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

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
                name: "unit_indicator",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    population_resident = table.Column<int>(type: "integer", nullable: true),
                    users_addicts_managed = table.Column<int>(type: "integer", nullable: true),
                    harbouring_places_active_at_end = table.Column<int>(type: "integer", nullable: true),
                    harbouring_places_detected_in_period = table.Column<int>(type: "integer", nullable: true),
                    offenders_arrested = table.Column<int>(type: "integer", nullable: true),
                    plants_destroyed_count = table.Column<int>(type: "integer", nullable: true),
                    plants_destroyed_m2 = table.Column<double>(type: "double precision", nullable: true),
                    on_key_route = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    hotspots = table.Column<int>(type: "integer", nullable: true),
                    derived_fields = table.Column<List<string>>(type: "text[]", nullable: false),
                    import_batch = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_indicator", x => x.id);
                    table.ForeignKey(
                        name: "fk_unit_indicator_admin_unit_unit_id",
                        column: x => x.unit_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "unit_lineage",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    old_unit_id = table.Column<int>(type: "integer", nullable: false),
                    new_unit_id = table.Column<int>(type: "integer", nullable: false),
                    merge_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    area_share = table.Column<double>(type: "double precision", nullable: true),
                    population_share = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_lineage", x => x.id);
                    table.ForeignKey(
                        name: "fk_unit_lineage_admin_unit_new_unit_id",
                        column: x => x.new_unit_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_unit_lineage_admin_unit_old_unit_id",
                        column: x => x.old_unit_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateTable(
                name: "status_assessment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    rule_set_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    rule_set_version = table.Column<int>(type: "integer", nullable: false),
                    regime = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    computed_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    provisional = table.Column<bool>(type: "boolean", nullable: false),
                    criteria = table.Column<string>(type: "jsonb", nullable: false),
                    inputs = table.Column<string>(type: "jsonb", nullable: false),
                    derived_inputs = table.Column<List<string>>(type: "text[]", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    official_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    official_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    official_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    official_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_status_assessment", x => x.id);
                    table.ForeignKey(
                        name: "fk_status_assessment_admin_unit_unit_id",
                        column: x => x.unit_id,
                        principalTable: "admin_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_status_assessment_rule_set_rule_set_id_rule_set_version",
                        columns: x => new { x.rule_set_id, x.rule_set_version },
                        principalTable: "rule_set",
                        principalColumns: new[] { "id", "version" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_admin_unit_geom",
                table: "admin_unit",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_admin_unit_level_code_valid_from",
                table: "admin_unit",
                columns: new[] { "level", "code", "valid_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_admin_unit_level_valid_from_valid_to",
                table: "admin_unit",
                columns: new[] { "level", "valid_from", "valid_to" });

            migrationBuilder.CreateIndex(
                name: "ix_admin_unit_parent_id",
                table: "admin_unit",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entry_at",
                table: "audit_entry",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entry_entity_entity_key",
                table: "audit_entry",
                columns: new[] { "entity", "entity_key" });

            migrationBuilder.CreateIndex(
                name: "ix_conditional_business_external_id",
                table: "conditional_business",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conditional_business_geom",
                table: "conditional_business",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_conditional_business_unit_id",
                table: "conditional_business",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_incident_external_id",
                table: "incident",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incident_geom",
                table: "incident",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_incident_occurred_on",
                table: "incident",
                column: "occurred_on");

            migrationBuilder.CreateIndex(
                name: "ix_incident_unit_id_occurred_on",
                table: "incident",
                columns: new[] { "unit_id", "occurred_on" });

            migrationBuilder.CreateIndex(
                name: "ix_key_route_geom",
                table: "key_route",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

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

            migrationBuilder.CreateIndex(
                name: "ix_status_assessment_rule_set_id_rule_set_version",
                table: "status_assessment",
                columns: new[] { "rule_set_id", "rule_set_version" });

            migrationBuilder.CreateIndex(
                name: "ix_status_assessment_unit_id_year",
                table: "status_assessment",
                columns: new[] { "unit_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_status_assessment_year",
                table: "status_assessment",
                column: "year");

            migrationBuilder.CreateIndex(
                name: "ix_unit_indicator_unit_id_year",
                table: "unit_indicator",
                columns: new[] { "unit_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_unit_lineage_new_unit_id",
                table: "unit_lineage",
                column: "new_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_unit_lineage_old_unit_id_new_unit_id",
                table: "unit_lineage",
                columns: new[] { "old_unit_id", "new_unit_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_entry");

            migrationBuilder.DropTable(
                name: "conditional_business");

            migrationBuilder.DropTable(
                name: "incident");

            migrationBuilder.DropTable(
                name: "key_route");

            migrationBuilder.DropTable(
                name: "patrol_exposure");

            migrationBuilder.DropTable(
                name: "risk_score");

            migrationBuilder.DropTable(
                name: "status_assessment");

            migrationBuilder.DropTable(
                name: "unit_indicator");

            migrationBuilder.DropTable(
                name: "unit_lineage");

            migrationBuilder.DropTable(
                name: "risk_model");

            migrationBuilder.DropTable(
                name: "rule_set");

            migrationBuilder.DropTable(
                name: "admin_unit");
        }
    }
}
