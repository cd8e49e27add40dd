using DiaBan.Geo.Data;
using DiaBan.Geo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace DiaBan.Geo.Tests.Hosting;

public class DatabaseSetupTests(DatabaseFixture fx) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Fresh_database_has_postgis_and_every_table_in_snake_case()
    {
        Assert.StartsWith("3.", await fx.ScalarAsync<string>("SELECT postgis_lib_version()"));
        var tables = await fx.ScalarAsync<string>(
            "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public'");
        foreach (var t in new[] { "admin_unit", "unit_lineage", "incident", "unit_indicator", "key_route",
                     "conditional_business", "rule_set", "status_assessment", "audit_entry" })
            Assert.Contains(t, tables.Split(','));
    }

    [Fact]
    public async Task Geometry_columns_are_srid_4326_with_gist_indexes()
    {
        Assert.Equal(4326, await fx.ScalarAsync<int>("SELECT srid FROM geometry_columns WHERE f_table_name = 'admin_unit'"));
        Assert.Equal("MULTIPOLYGON", await fx.ScalarAsync<string>("SELECT type FROM geometry_columns WHERE f_table_name = 'admin_unit'"));
        // every geometry column that is searched by place (boundaries, incidents, businesses, routes, grid cells, spots…) has a GiST index
        Assert.True(await fx.ScalarAsync<long>("SELECT count(*) FROM geometry_columns WHERE f_table_schema = 'public'") >= 6);
        Assert.Equal("", await fx.ScalarAsync<string>("""
            SELECT COALESCE(string_agg(gc.f_table_name || '.' || gc.f_geometry_column, ','), '') FROM geometry_columns gc
            WHERE gc.f_table_schema = 'public'
              -- the entry queue is read by its unit id (the area), never searched by place; incidents are reached through
              -- their commune (IncidentArea.UnitOverlaps: admin_unit's GiST, then (unit_id, occurred_on)), issue 12
              AND gc.f_table_name NOT IN ('incident_entry', 'incident') AND NOT EXISTS (
                SELECT 1 FROM pg_indexes i WHERE i.schemaname = 'public' AND i.tablename = gc.f_table_name
                  AND i.indexdef ILIKE '%USING gist%' AND i.indexdef ILIKE '%' || gc.f_geometry_column || '%')
            """));
    }

    [Fact]
    public async Task Incident_ids_are_taken_a_thousand_at_a_time()
    {
        // a bulk COPY otherwise locks and updates the identity sequence for every row (issue 12, docs/performance.md)
        Assert.Equal(1000, await fx.ScalarAsync<long>(
            "SELECT seqcache FROM pg_sequence WHERE seqrelid = pg_get_serial_sequence('incident', 'id')::regclass"));
    }

    [Fact]
    public async Task Saving_an_entity_writes_an_audit_row_with_its_key()
    {
        await using var db = fx.CreateDb();
        db.Actor = "test:auditor";
        var square = new GeometryFactory(new PrecisionModel(), 4326).CreateMultiPolygon(
        [
            new GeometryFactory(new PrecisionModel(), 4326).CreatePolygon(
                [new(105, 9), new(105.1, 9), new(105.1, 9.1), new(105, 9.1), new(105, 9)]),
        ]);
        var unit = new AdminUnit { Code = "99999", Name = "Xã Thử", Level = UnitLevel.Commune, Kind = UnitKind.Xa,
            ValidFrom = new DateOnly(2020, 1, 1), Geom = square };
        db.AdminUnits.Add(unit);
        await db.SaveChangesAsync();
        unit.Name = "Xã Thử Nghiệm";
        await db.SaveChangesAsync();

        var rows = await db.AuditEntries.Where(a => a.Entity == "admin_unit" && a.EntityKey == unit.Id.ToString())
            .OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["insert", "update"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal("test:auditor", r.Actor));
        Assert.Contains("Xã Thử Nghiệm", rows[1].Details);
        Assert.Equal("commune", await fx.ScalarAsync<string>($"SELECT level FROM admin_unit WHERE id = {unit.Id}"));
    }
}
