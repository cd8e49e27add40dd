using System.Text;
using DiaBan.Geo.Crs;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Geo.Tests.Infrastructure;

namespace DiaBan.Geo.Tests.Import;

/// <summary>A bad file changes nothing but the audit trail (one import_failed row) and names every bad row as file:row:field.</summary>
public class BadFileTests(BadFileTests.Fixture fx) : IClassFixture<BadFileTests.Fixture>, IDisposable
{
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDb();
            await Examples.ImportBoundariesAsync(db);
        }

        /// <summary>Row counts of every data table: equal before and after a refused import.</summary>
        public Task<string> SnapshotAsync() => ScalarAsync<string>("""
            SELECT (SELECT count(*) FROM admin_unit) || '/' || (SELECT count(*) FROM incident) || '/' ||
                   (SELECT count(*) FROM unit_indicator) || '/' || (SELECT count(*) FROM unit_lineage) || '/' ||
                   (SELECT count(*) FROM conditional_business)
            """);
    }

    private readonly TempFiles _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private async Task<ImportException> RefusedAsync(Func<DiaBanDb, Task> import)
    {
        var before = await fx.SnapshotAsync();
        var lastAudit = await fx.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM audit_entry");
        await using var db = fx.CreateDb();
        var ex = await Assert.ThrowsAsync<ImportException>(() => import(db));
        Assert.Equal(before, await fx.SnapshotAsync());
        // the refusal itself is audited, after the rollback, with the file, the error count and the first errors
        var audit = await fx.ScalarAsync<string>($"""
            SELECT string_agg(action || '|' || (details->>'file') || '|' || (details->>'error_count') || '|' || (details->'first_errors'->>0), ';')
            FROM audit_entry WHERE id > {lastAudit}
            """);
        Assert.Equal($"import_failed|{ex.Errors[0].File}|{ex.Total}|{ex.Errors[0]}", audit);
        return ex;
    }

    [Fact]
    public async Task Broken_geojson_is_reported_with_its_line()
    {
        var path = _tmp.Write("broken.geojson", "{\"type\": \"FeatureCollection\",\n \"features\": [\n {\"type\": \"Feature\", \"properties\": {\"code\": \"1\"}\n");
        var ex = await RefusedAsync(db => new BoundaryImporter(db).ImportAsync(path, new BoundaryImportOptions
        {
            Level = UnitLevel.Commune, ValidFrom = new DateOnly(2026, 1, 1), CodeField = "code", NameField = "name",
        }));
        var e = Assert.Single(ex.Errors);
        Assert.StartsWith("broken.geojson:4:json: invalid JSON", e.ToString());
    }

    [Fact]
    public async Task Csv_with_a_bad_date_imports_none_of_its_rows()
    {
        var path = _tmp.Write("bad_date.csv", "id,occurred_on,kind,lon,lat\nB-1,2024-01-05,arrest,105.05,9.15\nB-2,2024-13-01,arrest,105.05,9.15\nB-3,05/01/2024,arrest,105.05,9.15\n");
        var ex = await RefusedAsync(db => new IncidentImporter(db).ImportAsync(path));
        Assert.Equal(
        [
            "bad_date.csv:3:occurred_on: '2024-13-01' is not an ISO date yyyy-MM-dd / ngày không hợp lệ",
            "bad_date.csv:4:occurred_on: '05/01/2024' is not an ISO date yyyy-MM-dd / ngày không hợp lệ",
        ], ex.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task A_point_outside_every_commune_of_the_province_names_row_and_field()
    {
        // row 3 lies in Vietnam (Cần Thơ) but outside the example province's three communes
        var path = _tmp.Write("outside.csv", "id,occurred_on,kind,lon,lat\nO-1,2024-01-05,arrest,105.05,9.15\nO-2,2024-02-05,arrest,105.7469,10.0452\n");
        var ex = await RefusedAsync(db => new IncidentImporter(db).ImportAsync(path, provinceCode: "96"));
        var e = Assert.Single(ex.Errors);
        Assert.Equal(("outside.csv", 3, "lon"), (e.File, e.Row, e.Field));
        Assert.Contains("outside every commune of province 96 valid on 2024-02-05", e.Message);
    }

    [Fact]
    public async Task An_incident_dated_before_the_boundaries_were_valid_is_outside_every_commune()
    {
        var path = _tmp.Write("too_early.csv", "id,occurred_on,kind,lon,lat\nE-1,2019-12-31,arrest,105.05,9.15\n");
        var ex = await RefusedAsync(db => new IncidentImporter(db).ImportAsync(path));
        Assert.Contains("valid on 2019-12-31", Assert.Single(ex.Errors).Message);
    }

    [Fact]
    public async Task Vn2000_metres_declared_as_wgs84_are_refused_as_outside_vietnam()
    {
        var (e, n) = CoordinateSystems.FromWgs84(9207, 105.05, 9.15);
        var path = _tmp.Write("wrong_crs.csv", $"id,occurred_on,kind,x,y\nW-1,2024-01-05,arrest,{e:0.000},{n:0.000}\n");
        var ex = await RefusedAsync(db => new IncidentImporter(db).ImportAsync(path, epsg: 4326));
        var err = Assert.Single(ex.Errors);
        Assert.Equal(("wrong_crs.csv", 2, "x"), (err.File, err.Row, err.Field));
        Assert.Contains("outside Vietnam", err.Message);
    }

    [Fact]
    public async Task Tm3_coordinates_read_in_the_wrong_zone_fall_outside_the_province()
    {
        // TM-3 104°30' coordinates read as UTM 49N (CM 111°) land in the East Sea, 6° away
        var (e, n) = CoordinateSystems.FromWgs84(9207, 105.05, 9.15);
        var path = _tmp.Write("wrong_zone.csv", $"id,occurred_on,kind,x,y\nZ-1,2024-01-05,arrest,{e:0.000},{n:0.000}\n");
        var ex = await RefusedAsync(db => new IncidentImporter(db).ImportAsync(path, epsg: 3406));
        Assert.Contains("outside every commune", Assert.Single(ex.Errors).Message);
    }

    [Fact]
    public async Task Swapped_survey_columns_are_named_as_swapped()
    {
        var (e, n) = CoordinateSystems.FromWgs84(9207, 105.05, 9.15);
        var path = _tmp.Write("swapped.csv", $"id,occurred_on,kind,x,y\nS-1,2024-01-05,arrest,{n:0.000},{e:0.000}\n");
        var ex = await RefusedAsync(db => new IncidentImporter(db).ImportAsync(path, epsg: 9207));
        Assert.Contains("swapped", Assert.Single(ex.Errors).Message);
    }

    [Fact]
    public async Task Every_bad_row_is_collected_and_the_message_stops_after_fifty()
    {
        var lines = Enumerable.Range(1, 70).Select(i => $"M-{i},2024-01-05,robbery,105.05,9.15");
        var path = _tmp.Write("many.csv", "id,occurred_on,kind,lon,lat\n" + string.Join("\n", lines) + "\n");
        var ex = await RefusedAsync(db => new IncidentImporter(db).ImportAsync(path));
        Assert.Equal(70, ex.Errors.Count);
        Assert.StartsWith("many.csv:2:kind: 'robbery' is not one of arrest|seizure|use_site|dealing_site|plant_site|inspection_violation|tip|other", ex.Message);
        Assert.Equal(51, ex.Message.Split(Environment.NewLine).Length);
        Assert.Contains("… and 20 more", ex.Message);
    }

    [Fact]
    public async Task Missing_columns_are_named_against_the_header()
    {
        var path = _tmp.Write("no_kind.csv", "id,occurred_on,lon,lat\nK-1,2024-01-05,105.05,9.15\n");
        var ex = await RefusedAsync(db => new IncidentImporter(db).ImportAsync(path));
        Assert.StartsWith("no_kind.csv:1:kind: missing column 'kind'", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public async Task Indicators_for_an_unknown_commune_change_nothing()
    {
        var path = _tmp.Write("ind.csv", "commune_code,year,harbouring_places_detected_in_period\n32001,2024,1\n99999,2024,2\n32002,2024,-1\n");
        var ex = await RefusedAsync(db => new IndicatorImporter(db).ImportAsync(path));
        Assert.Equal("ind.csv:4:harbouring_places_detected_in_period", $"{ex.Errors[0].File}:{ex.Errors[0].Row}:{ex.Errors[0].Field}");
        // the unknown code is reported once the values parse
        var fixedValues = _tmp.Write("ind2.csv", "commune_code,year,harbouring_places_detected_in_period\n32001,2024,1\n99999,2024,2\n");
        var ex2 = await RefusedAsync(db => new IndicatorImporter(db).ImportAsync(fixedValues));
        Assert.Equal("ind2.csv:3:commune_code: no commune 99999 valid during 2024 / không có xã mã 99999 trong năm 2024", Assert.Single(ex2.Errors).ToString());
    }

    [Fact]
    public async Task Old_communes_without_gso_code_are_rejected_unless_a_fallback_field_is_named()
    {
        var ex = await RefusedAsync(db => new BoundaryImporter(db).ImportAsync(
            SharedData.VnFile("communes_pre2025_ca_mau.geojson"), CaMau.OldCommunes(fallback: null)));
        // (this database also holds the example communes, whose codes 32001-32003 clash with old Cà Mau's: reported too)
        var empty = ex.Errors.Where(e => e.Message.StartsWith("empty code")).ToList();
        Assert.Equal(2, empty.Count);
        Assert.All(empty, e => Assert.Equal("gso_code_2025_03", e.Field));
        Assert.Contains("'Phường 4'", empty[0].Message);
        Assert.Contains("'Xã Việt Khái'", empty[1].Message);
        Assert.Contains("--code-fallback-field", empty[0].Message);
    }

    [Fact]
    public async Task A_line_where_a_boundary_should_be_is_rejected_with_the_reason()
    {
        var path = _tmp.Write("line.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"code":"1","name":"Xã Một"},"geometry":{"type":"LineString","coordinates":[[105,9],[105.1,9.1]]}}]}
            """);
        var ex = await RefusedAsync(db => new BoundaryImporter(db).ImportAsync(path, new BoundaryImportOptions
        {
            Level = UnitLevel.Commune, ValidFrom = new DateOnly(2026, 1, 1), CodeField = "code", NameField = "name",
        }));
        Assert.Equal("line.geojson:1:geometry: LineString is not a boundary (expected Polygon or MultiPolygon)", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public async Task A_shapefile_without_prj_needs_a_crs()
    {
        var shp = ShapefileFixtures.WriteSquares(_tmp.PathOf("noprj.shp"), prj: null);
        var ex = await RefusedAsync(db => new BoundaryImporter(db).ImportAsync(shp, new BoundaryImportOptions
        {
            Level = UnitLevel.Commune, ValidFrom = new DateOnly(2026, 1, 1), CodeField = "code", NameField = "name",
        }));
        Assert.Contains("no noprj.prj: coordinates are planar/unknown", Assert.Single(ex.Errors).Message);
    }
    [Fact]
    public async Task A_windows_1258_csv_is_refused_not_stored_as_mojibake()
    {
        var path = _tmp.PathOf("cp1258.csv");
        // "Tuần tra" as Windows-1258 writes "ầ" as a + combining grave: E2 (â) CC (combining grave)
        File.WriteAllBytes(path, [.. "id,occurred_on,kind,lon,lat,source\nC-1,2024-01-05,arrest,105.05,9.15,Tu"u8, 0xE2, 0xCC, .. "n tra\n"u8]);
        var ex = await RefusedAsync(db => new IncidentImporter(db).ImportAsync(path));
        var e = Assert.Single(ex.Errors);
        Assert.Equal(("cp1258.csv", 2, "encoding"), (e.File, e.Row, e.Field));
        Assert.Contains("Save it as UTF-8", e.Message);
    }

    [Fact]
    public async Task An_xlsx_bomb_is_refused_with_a_message()
    {
        var path = _tmp.PathOf("bomb.xlsx");
        XlsxBomb.Write(path);
        var ex = await RefusedAsync(db => new IncidentImporter(db).ImportAsync(path));
        Assert.Contains("possible zip bomb", Assert.Single(ex.Errors).Message);
    }

    [Fact]
    public async Task Repeated_ids_in_the_file_name_the_first_row()
    {
        var path = _tmp.Write("repeat.csv", "id,occurred_on,kind,lon,lat\nR-1,2024-01-05,arrest,105.05,9.15\nR-2,2024-01-05,arrest,105.05,9.15\nR-1,2024-01-06,arrest,105.05,9.15\n");
        var ex = await RefusedAsync(db => new IncidentImporter(db).ImportAsync(path));
        Assert.Equal("repeat.csv:4:id: id R-1 repeats row 2 / mã trùng", Assert.Single(ex.Errors).ToString());
    }
    [Fact]
    public async Task A_bad_byte_deep_in_a_large_file_rolls_back_the_rows_already_copied()
    {
        // 3,000 good rows (past the reader's first buffer, so COPY is under way) and then a Latin-1 byte
        var good = string.Concat(Enumerable.Range(1, 3000).Select(i => $"D-{i},2024-01-05,arrest,105.05,9.15\n"));
        var path = _tmp.PathOf("deep.csv");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("id,occurred_on,kind,lon,lat\n" + good), .. "D-x,2024-01-05,arrest,105.05,9.15,T"u8, 0xE0, (byte)'\n']);
        var ex = await RefusedAsync(db => new IncidentImporter(db).ImportAsync(path));
        Assert.Equal(("deep.csv", 3002, "encoding"), (ex.Errors[0].File, ex.Errors[0].Row, ex.Errors[0].Field));
    }
}
