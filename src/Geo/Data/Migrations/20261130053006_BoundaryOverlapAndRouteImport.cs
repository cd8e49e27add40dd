using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DiaBan.Geo.Data.Migrations
{
    /// <summary>
    /// Issue 9, import integrity. key_route.import_batch for `import routes`. Hand-written SQL below: boundary versions
    /// of one level may not overlap in space and time. An exclusion constraint cannot say it (geometry &amp;&amp; is only a
    /// bounding-box test, and neighbours' boxes always intersect), so a DEFERRABLE INITIALLY DEFERRED constraint trigger
    /// runs at commit, after `import boundaries --supersede` has closed the superseded versions in the same
    /// transaction, and refuses the transaction (SQLSTATE 23P01) when a row overlaps another of its level over an
    /// intersecting validity. admin_unit_overlaps() is the one definition of "overlap", also used by the importer
    /// (Geo/Import/BoundaryOverlap.cs): intersection &gt; 1 ha and &gt; 50 % of the smaller unit, on the spheroid.
    /// Rows stored before this migration are not re-checked.
    /// </summary>
    public partial class BoundaryOverlapAndRouteImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "import_batch",
                table: "key_route",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.Sql("""
                CREATE FUNCTION admin_unit_overlaps(a geometry, b geometry) RETURNS boolean
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT a && b AND ST_Intersects(a, b) AND (
                        SELECT m2 > 10000 AND m2 > 0.5 * LEAST(ST_Area(a::geography), ST_Area(b::geography))
                        FROM (SELECT ST_Area(ST_CollectionExtract(ST_Intersection(a, b), 3)::geography) AS m2) i)
                $$;

                CREATE FUNCTION admin_unit_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    cur admin_unit%ROWTYPE;
                    clash text;
                BEGIN
                    -- deferred: the row as it is at commit (repaired geometry, closed validity), not as it was queued
                    SELECT * INTO cur FROM admin_unit WHERE id = NEW.id;
                    IF NOT FOUND THEN RETURN NULL; END IF;
                    SELECT string_agg(o.code, ', ' ORDER BY o.code) INTO clash FROM (
                        SELECT o.code FROM admin_unit o
                        WHERE o.level = cur.level AND o.id <> cur.id
                          AND daterange(o.valid_from, o.valid_to) && daterange(cur.valid_from, cur.valid_to)
                          AND o.geom && cur.geom AND admin_unit_overlaps(o.geom, cur.geom)
                        ORDER BY o.code LIMIT 20) o;
                    IF clash IS NOT NULL THEN
                        RAISE EXCEPTION '% % valid from % to % overlaps % valid over the same period (one unit of a level per place and date)',
                            cur.level, cur.code, cur.valid_from, coalesce(cur.valid_to::text, 'open'), clash
                            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'admin_unit_no_overlap', TABLE = 'admin_unit';
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE CONSTRAINT TRIGGER admin_unit_no_overlap
                    AFTER INSERT OR UPDATE OF level, valid_from, valid_to, geom ON admin_unit
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION admin_unit_no_overlap();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS admin_unit_no_overlap ON admin_unit;
                DROP FUNCTION IF EXISTS admin_unit_no_overlap();
                DROP FUNCTION IF EXISTS admin_unit_overlaps(geometry, geometry);
                """);

            migrationBuilder.DropColumn(
                name: "import_batch",
                table: "key_route");
        }
    }
}
