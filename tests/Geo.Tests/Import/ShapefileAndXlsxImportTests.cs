using DiaBan.Geo.Crs;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Geo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Tests.Import;

/// <summary>A VN-2000 shapefile (with a self-intersecting ring) and an XLSX of VN-2000 incident coordinates.</summary>
public class ShapefileAndXlsxImportTests(ShapefileAndXlsxImportTests.Fixture fx) : IClassFixture<ShapefileAndXlsxImportTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public ImportResult Boundaries { get; private set; } = null!;
        public ImportResult Incidents { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var tmp = new TempFiles();
            var shp = ShapefileFixtures.WriteSquares(tmp.PathOf("tm3.shp"), ShapefileFixtures.Tm3_10430Prj);
            await using var db = CreateDb();
            Boundaries = await new BoundaryImporter(db).ImportAsync(shp, new BoundaryImportOptions
            {
                Level = UnitLevel.Commune, ValidFrom = new DateOnly(2020, 1, 1), CodeField = "code", NameField = "name",
            });
            // survey-style sheet: easting/northing in TM-3 104°30', dates as ISO text and as Excel serial numbers
            var (e1, n1) = CoordinateSystems.FromWgs84(9207, 105.35, 9.35);
            var (e2, n2) = CoordinateSystems.FromWgs84(9207, 105.48, 9.35);
            var xlsx = tmp.PathOf("incidents.xlsx");
            XlsxWriter.Write(xlsx,
            [
                ["id", "occurred_on", "kind", "x", "y", "persons"],
                ["X-1", "2024-03-01", "arrest", e1, n1, 4],
                ["X-2", 45500.0, "use_site", e2, n2, null],
            ]);
            Incidents = await new IncidentImporter(db).ImportAsync(xlsx, epsg: 9207);
        }
    }

    [Fact]
    public async Task Prj_crs_is_applied_and_the_bow_tie_is_repaired_into_a_valid_multipolygon()
    {
        Assert.Equal(2, fx.Boundaries.Inserted);
        Assert.Contains(fx.Boundaries.Notes!, n => n.StartsWith("1 invalid geometries repaired"));
        Assert.Equal(0, await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE NOT ST_IsValid(geom)"));
        // the bow-tie keeps its two triangles
        Assert.Equal(2, await fx.ScalarAsync<int>("SELECT ST_NumGeometries(geom) FROM admin_unit WHERE code = '70002'"));
        // the west square comes back to its WGS 84 corners (the datum shift undone to well under a metre)
        var xmin = await fx.ScalarAsync<double>("SELECT ST_XMin(geom) FROM admin_unit WHERE code = '70001'");
        var ymax = await fx.ScalarAsync<double>("SELECT ST_YMax(geom) FROM admin_unit WHERE code = '70001'");
        Assert.Equal(105.30, xmin, 6);
        Assert.Equal(9.40, ymax, 6);
    }

    [Fact]
    public async Task Xlsx_rows_with_vn2000_coordinates_land_in_their_communes()
    {
        await using var db = fx.CreateDb();
        var rows = await db.Incidents.Include(i => i.Unit).OrderBy(i => i.ExternalId).ToListAsync();
        Assert.Equal(["70001", "70002"], rows.Select(r => r.Unit!.Code));
        Assert.Equal(4, rows[0].Persons);
        Assert.Equal(1, rows[1].Persons);
        Assert.Equal(new DateOnly(2024, 3, 1), rows[0].OccurredOn);
        // Excel serial 45292 is 2024-01-01, so 45500 is 208 days later: 2024-07-27
        Assert.Equal(new DateOnly(2024, 7, 27), rows[1].OccurredOn);
        Assert.Equal(105.35, rows[0].Geom.X, 6);
    }
}
