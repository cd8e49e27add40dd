using DiaBan.Geo.Crs;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Geo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;

namespace DiaBan.Geo.Tests.Import;

/// <summary>
/// `--rejects FILE.csv` for businesses and indicators (good rows loaded, each bad row written with row, field and
/// reason and its own cells, formula-escaped) and `import routes` from GeoJSON and Shapefile lines.
/// </summary>
public class RejectsAndRoutesTests(RejectsAndRoutesTests.Fixture fx) : IClassFixture<RejectsAndRoutesTests.Fixture>, IDisposable
{
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDb();
            await Examples.ImportBoundariesAsync(db);
        }
    }

    private readonly TempFiles _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static List<RawRecord> ReadCsv(string path) => CsvReader.Records(path).ToList();

    [Fact]
    public async Task Businesses_with_rejects_load_the_good_rows_and_write_each_bad_one_with_its_reason()
    {
        var file = _tmp.Write("biz.csv", """
            id,kind,name,opened_on,closed_on,lon,lat
            RJ-1,karaoke,Karaoke Một,2020-01-01,,105.03,9.13
            RJ-2,casino,"=HYPERLINK(""http://x"")",2020-01-01,,105.03,9.13
            RJ-3,bar,Bar Ba,2020-01-01,,105.16,9.17
            RJ-4,hotel,Khách sạn Xa,2020-01-01,,106.70,10.77
            RJ-5,hotel,Khách sạn Năm,2020-13-01,,-105.1,9.1
            """);
        var rejects = _tmp.PathOf("out/biz-rejects.csv");
        await using var db = fx.CreateDb();
        var result = await new BusinessImporter(db).ImportAsync(file, rejectsPath: rejects);

        Assert.Equal((2, 3), (result.Inserted, result.Rejected));
        Assert.Equal(2, await db.ConditionalBusinesses.CountAsync(b => b.ExternalId.StartsWith("RJ-")));
        var rows = ReadCsv(rejects);
        Assert.Equal(["row", "field", "reason", "id", "kind", "name", "opened_on", "closed_on", "lon", "lat"], rows[0].Cells);
        Assert.Equal(["3", "5", "6"], rows.Skip(1).Select(r => r.Cells[0]));
        Assert.Equal("kind", rows[1].Cells[1]);
        Assert.Contains("'casino' is not one of", rows[1].Cells[2]);
        // a cell Excel would run as a formula comes back as text
        Assert.Equal("'=HYPERLINK(\"http://x\")", rows[1].Cells[5]);
        Assert.Equal("lon", rows[2].Cells[1]);
        Assert.Contains("outside every commune", rows[2].Cells[2]);
        // a row with two errors: both fields, both reasons; a plain negative number is not escaped
        Assert.StartsWith("opened_on", rows[3].Cells[1]);
        Assert.Contains("opened_on:", rows[3].Cells[2]);
        Assert.Equal("-105.1", rows[3].Cells[8]);
        Assert.Equal("3|biz-rejects.csv", await fx.ScalarAsync<string>(
            "SELECT (details->>'rejected') || '|' || (details->>'rejects_file') FROM audit_entry WHERE entity = 'conditional_business' AND action = 'import' ORDER BY id DESC LIMIT 1"));
    }

    [Fact]
    public async Task Without_rejects_one_bad_row_still_refuses_the_whole_file()
    {
        var file = _tmp.Write("biz2.csv", "id,kind,name,lon,lat\nAN-1,karaoke,Một,105.03,9.13\nAN-2,casino,Hai,105.03,9.13\n");
        await using var db = fx.CreateDb();
        var ex = await Assert.ThrowsAsync<ImportException>(() => new BusinessImporter(db).ImportAsync(file));
        Assert.Equal("biz2.csv:3:kind", $"{ex.Errors[0].File}:{ex.Errors[0].Row}:{ex.Errors[0].Field}");
        Assert.Equal(0, await db.ConditionalBusinesses.CountAsync(b => b.ExternalId.StartsWith("AN-")));
    }

    [Fact]
    public async Task Indicators_with_rejects_set_aside_unknown_communes_and_bad_numbers()
    {
        var file = _tmp.Write("ind.csv", """
            commune_code,year,population_resident,offenders_arrested
            32001,2023,12000,4
            99999,2023,100,1
            32002,2023,abc,1
            32003,2023,9000,2
            """);
        var rejects = _tmp.PathOf("ind-rejects.csv");
        await using var db = fx.CreateDb();
        var result = await new IndicatorImporter(db).ImportAsync(file, rejects);
        Assert.Equal((2, 2), (result.Inserted, result.Rejected));
        Assert.Equal(2, await db.UnitIndicators.CountAsync(i => i.Year == 2023));
        var rows = ReadCsv(rejects);
        Assert.Equal(3, rows.Count);
        Assert.Equal(("3", "commune_code", "99999"), (rows[1].Cells[0], rows[1].Cells[1], rows[1].Cells[3]));
        Assert.Contains("no commune 99999 valid during 2023", rows[1].Cells[2]);
        Assert.Equal(("4", "population_resident"), (rows[2].Cells[0], rows[2].Cells[1]));
    }

    [Fact]
    public async Task Rejects_file_of_a_clean_import_holds_only_the_header()
    {
        var file = _tmp.Write("ind-ok.csv", "commune_code,year,population_resident\n32001,2022,12000\n");
        var rejects = _tmp.PathOf("ok-rejects.csv");
        await using var db = fx.CreateDb();
        var result = await new IndicatorImporter(db).ImportAsync(file, rejects);
        Assert.Equal((1, 0), (result.Inserted, result.Rejected));
        var rows = ReadCsv(rejects);
        Assert.Equal(["row", "field", "reason", "commune_code", "year", "population_resident"], Assert.Single(rows).Cells);
    }

    private const string Routes = """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"ten":"QL 1A (thử)","loai":"liên tỉnh","rong":800},"geometry":{"type":"LineString","coordinates":[[105.0,9.0],[105.1,9.1],[105.2,9.15]]}},
         {"type":"Feature","properties":{"ten":"ĐT 983 (thử)","loai":"intra"},"geometry":{"type":"MultiLineString","coordinates":[[[105.0,9.2],[105.1,9.2]],[[105.1,9.2],[105.2,9.2]],[[105.3,9.3],[105.4,9.3]]]}}
        ]}
        """;

    [Fact]
    public async Task Routes_import_from_geojson_lines_merging_joined_parts()
    {
        var file = _tmp.Write("routes.geojson", Routes);
        await using var db = fx.CreateDb();
        var result = await new RouteImporter(db).ImportAsync(file, new RouteImportOptions { NameField = "ten", KindField = "loai", BufferField = "rong" });
        // the MultiLineString's first two parts join into one line; the third is a separate row under the same name
        Assert.Equal(3, result.Inserted);
        var routes = await db.KeyRoutes.Where(r => r.ImportBatch == result.Batch).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(("QL 1A (thử)", RouteKind.Inter, 800.0), (routes[0].Name, routes[0].Kind, routes[0].BufferM));
        Assert.Equal(3, routes[0].Geom.NumPoints);
        Assert.All(routes.Skip(1), r => Assert.Equal(("ĐT 983 (thử)", RouteKind.Intra, 500.0), (r.Name, r.Kind, r.BufferM)));
        Assert.Equal(0.2, routes[1].Geom.Length, 9);
        Assert.All(routes, r => Assert.Equal(4326, r.Geom.SRID));
        var audit = await db.AuditEntries.Where(a => a.Entity == "key_route" && a.Action == "import").OrderBy(a => a.Id).LastAsync();
        Assert.Contains(result.Batch, audit.Details);

        // the same names again are refused: routes are not duplicated by a second run
        var again = await Assert.ThrowsAsync<ImportException>(() => new RouteImporter(db).ImportAsync(file, new RouteImportOptions { NameField = "ten" }));
        Assert.Equal("routes.geojson:1:ten", $"{again.Errors[0].File}:{again.Errors[0].Row}:{again.Errors[0].Field}");
    }

    [Fact]
    public async Task A_bad_route_file_names_feature_and_field_and_writes_nothing()
    {
        var file = _tmp.Write("bad-routes.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"ten":"Tuyến tốt"},"geometry":{"type":"LineString","coordinates":[[105.0,9.0],[105.1,9.1]]}},
             {"type":"Feature","properties":{"ten":"Vùng"},"geometry":{"type":"Polygon","coordinates":[[[105.0,9.0],[105.1,9.0],[105.1,9.1],[105.0,9.0]]]}},
             {"type":"Feature","properties":{"ten":"","loai":"quốc tế"},"geometry":{"type":"LineString","coordinates":[[105.0,9.0],[105.0,9.0]]}}
            ]}
            """);
        await using var db = fx.CreateDb();
        var before = await db.KeyRoutes.CountAsync();
        var ex = await Assert.ThrowsAsync<ImportException>(() =>
            new RouteImporter(db).ImportAsync(file, new RouteImportOptions { NameField = "ten", KindField = "loai" }));
        var located = ex.Errors.Select(e => $"{e.Row}:{e.Field}").ToList();
        Assert.Equal(["2:geometry", "3:ten", "3:loai", "3:geometry"], located);
        Assert.Contains("Polygon is not a route", ex.Errors[0].Message);
        Assert.Equal(before, await db.KeyRoutes.CountAsync());
    }

    [Fact]
    public async Task Routes_from_a_vn2000_shapefile_land_in_wgs84()
    {
        var shp = _tmp.PathOf("route.shp");
        var (x0, y0) = CoordinateSystems.FromWgs84(9207, 105.05, 9.05);
        var (x1, y1) = CoordinateSystems.FromWgs84(9207, 105.15, 9.15);
        var line = new GeometryFactory().CreateLineString([new Coordinate(x0, y0), new Coordinate(x1, y1)]);
        Shapefile.WriteAllFeatures([new Feature(line, new AttributesTable { { "name", "Tuyến VN-2000" } })], shp, ShapefileFixtures.Tm3_10430Prj);
        await using var db = fx.CreateDb();
        var result = await new RouteImporter(db).ImportAsync(shp, new RouteImportOptions { NameField = "name", Kind = RouteKind.Intra });
        var route = await db.KeyRoutes.SingleAsync(r => r.ImportBatch == result.Batch);
        Assert.Equal(105.05, route.Geom.StartPoint.X, 6);
        Assert.Equal(9.15, route.Geom.EndPoint.Y, 6);
    }
}
