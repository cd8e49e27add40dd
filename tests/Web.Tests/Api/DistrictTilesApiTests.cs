using System.Globalization;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Geo.Queries;
using DiaBan.Web.Tests.Infrastructure;
using NetTopologySuite.IO.VectorTiles;

namespace DiaBan.Web.Tests.Api;

/// <summary>
/// The province demo with pre-2025 districts: its old communes grouped into six contiguous districts (k-means of their
/// points, each district the union of its communes) written to a GeoJSON file and imported with the boundary importer,
/// which links the communes by point. At the district zooms a pre-2025 tile holds the districts with their communes
/// counted by status exactly as SQL counts them; a 2025+ tile holds the province instead; a police officer's district
/// figures count only his communes.
/// </summary>
public sealed class DistrictTilesApiTests(DistrictTilesApiTests.Fixture app) : IClassFixture<DistrictTilesApiTests.Fixture>
{
    private const string Leader = "leader@diaban.local";
    private const string Police = "police@diaban.local";

    public sealed class Fixture : WebAppFixture
    {
        public ImportResult Districts { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var folder = Directory.CreateTempSubdirectory("diaban-districts-");
            try
            {
                var geojson = await ScalarAsync<string>("""
                    WITH old AS (
                        SELECT u.geom, ST_ClusterKMeans(ST_PointOnSurface(u.geom), 6) OVER () AS k
                        FROM admin_unit u WHERE u.level = 'commune' AND u.valid_to = DATE '2025-07-01'
                    )
                    SELECT json_build_object('type', 'FeatureCollection', 'features', json_agg(json_build_object(
                        'type', 'Feature',
                        'properties', json_build_object('code', 'H' || k, 'name', 'Huyện Thử ' || k,
                                                        'province', (SELECT code FROM admin_unit WHERE level = 'province' ORDER BY id LIMIT 1)),
                        'geometry', ST_AsGeoJSON(g)::json)))::text
                    FROM (SELECT k, ST_Multi(ST_Union(geom)) AS g FROM old GROUP BY k) d
                    """);
                var path = Path.Combine(folder.FullName, "districts.geojson");
                await File.WriteAllTextAsync(path, geojson);
                var from = await ScalarAsync<DateOnly>("SELECT min(valid_from) FROM admin_unit WHERE level = 'commune' AND valid_to = DATE '2025-07-01'");
                await using var db = DiaBanDb.Create(ConnectionString);
                Districts = await new BoundaryImporter(db).ImportAsync(path, new BoundaryImportOptions
                {
                    Level = UnitLevel.District, ValidFrom = from, ValidTo = UnitLevels.DistrictsAbolishedOn,
                    CodeField = "code", NameField = "name", ParentCodeField = "province",
                });
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }
    }

    private async Task<int> PreReformYearAsync(HttpClient client) =>
        (await TilesApiTests.YearsAsync(client)).Where(y => y < 2025).Max();

    // the data tile of zoom z over the middle of the area's communes of the year
    private static async Task<(string Url, NetTopologySuite.IO.VectorTiles.Tiles.Tile Tile)> MiddleTileAsync(HttpClient client, int year, int z, int urlYear)
    {
        var (west, south, east, north) = await TilesApiTests.ExtentAsync(client, year);
        var (x, y) = TilesApiTests.TileOf(z, (west + east) / 2, (south + north) / 2);
        return ($"/tiles/status/{z}/{x}/{y}.mvt?year={urlYear}", new(x, y, z));
    }

    // district code → "total/assessed/n_status=…" as SQL counts the communes valid at the year's end (scope: codes reached, or all)
    private async Task<Dictionary<string, string>> SqlFiguresAsync(int year, string[]? reached = null)
    {
        var rows = await app.StringsAsync("""
            WITH c AS (
                SELECT d.code, COALESCE(a.official_status, a.computed_status) AS status
                FROM admin_unit u JOIN admin_unit d ON d.id = u.district_id
                LEFT JOIN status_assessment a ON a.unit_id = u.id AND a.year = @year
                WHERE u.level = 'commune' AND u.valid_from <= make_date(@year, 12, 31) AND (u.valid_to IS NULL OR make_date(@year, 12, 31) < u.valid_to)
                  AND (cardinality(@reached::text[]) = 0 OR u.code = ANY(@reached))
            )
            SELECT code || ' ' || count(*) || '/' || count(status) || coalesce(' ' || (
                       SELECT string_agg(s.status || '=' || s.n, ' ' ORDER BY s.status)
                       FROM (SELECT status, count(*) AS n FROM c c2 WHERE c2.code = c.code AND status IS NOT NULL GROUP BY status) s), '')
            FROM c GROUP BY code
            """, ("year", year), ("reached", reached ?? []));
        return rows.ToDictionary(r => r.Split(' ')[0], r => r[(r.IndexOf(' ') + 1)..]);
    }

    private static Dictionary<string, string> TileFigures(VectorTile tile) =>
        tile.Layers.Where(l => l.Name == "districts").SelectMany(l => l.Features).GroupBy(f => (string)f.Attributes["code"]).ToDictionary(
            g => g.Key,
            g =>
            {
                var a = g.First().Attributes;
                var counts = a.GetNames().Where(n => n.StartsWith("n_", StringComparison.Ordinal) && Convert.ToInt32(a[n], CultureInfo.InvariantCulture) > 0)
                    .Order(StringComparer.Ordinal).Select(n => $"{n[2..]}={a[n]}");
                return $"{a["total"]}/{a["assessed"]}" + string.Concat(counts.Select(c => " " + c));
            });

    [Fact]
    public async Task The_import_links_every_old_commune_to_one_of_six_districts()
    {
        Assert.Equal(6, app.Districts.Inserted);
        var old = await app.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_to = DATE '2025-07-01'");
        Assert.Equal(old, await app.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE level = 'commune' AND district_id IS NOT NULL"));
        Assert.Contains($"{old} commune(s) linked to their district", string.Join(" ", app.Districts.Notes ?? []));
    }

    [Fact]
    public async Task A_district_zoom_tile_of_a_pre_2025_year_holds_the_districts_with_their_communes_counted_by_status()
    {
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var year = await PreReformYearAsync(client);
        var expected = await SqlFiguresAsync(year);
        Assert.Equal(6, expected.Count);
        foreach (var z in new[] { TileQueries.DistrictMinZoom, TileQueries.ProvinceMaxZoom })
        {
            var (url, address) = await MiddleTileAsync(client, year, z, year);
            var tile = await TilesApiTests.TileAsync(client, url, address);
            Assert.Equal(["districts"], tile.Layers.Select(l => l.Name));
            var figures = TileFigures(tile);
            Assert.NotEmpty(figures);
            foreach (var (code, value) in figures) Assert.Equal(expected[code], value);
            if (z == TileQueries.DistrictMinZoom) Assert.Equal(expected.OrderBy(e => e.Key), figures.OrderBy(f => f.Key)); // the whole province in one tile
            var district = tile.Layers[0].Features[0].Attributes;
            Assert.Equal(await app.ScalarAsync<string>("SELECT name FROM admin_unit WHERE level = 'province' ORDER BY id LIMIT 1"), district["province"]);
        }
        // provinces below, communes above
        var (low, lowTile) = await MiddleTileAsync(client, year, TileQueries.DistrictMinZoom - 1, year);
        Assert.Equal(["provinces"], (await TilesApiTests.TileAsync(client, low, lowTile)).Layers.Select(l => l.Name));
        var (high, highTile) = await MiddleTileAsync(client, year, TileQueries.ProvinceMaxZoom + 1, year);
        Assert.Equal(["communes"], (await TilesApiTests.TileAsync(client, high, highTile)).Layers.Select(l => l.Name));
    }

    [Fact]
    public async Task After_the_2025_reform_the_district_zooms_show_the_province()
    {
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var years = await TilesApiTests.YearsAsync(client);
        var year = years.Where(y => y >= 2025).Max();
        var (url, address) = await MiddleTileAsync(client, year, TileQueries.ProvinceMaxZoom, year);
        var tile = await TilesApiTests.TileAsync(client, url, address);
        Assert.Equal(["provinces"], tile.Layers.Select(l => l.Name));
        var api = await TilesApiTests.ApiStatusesAsync(client, year);
        Assert.Equal(api.Count, Convert.ToInt32(Assert.Single(tile.Layers[0].Features).Attributes["total"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_police_officer_s_district_figures_count_only_his_communes()
    {
        using var leader = await ApiLogin.ClientForAsync(app, Leader);
        using var police = await ApiLogin.ClientForAsync(app, Police);
        var year = await PreReformYearAsync(leader);
        // his communes reach their pre-2025 predecessors (unit_lineage), as every area scope does
        var reached = (await app.StringsAsync("""
            WITH mine AS (SELECT u.id FROM admin_unit u JOIN auth."AspNetUsers" a ON u.code = ANY(a."AreaCommuneCodes")
                          WHERE a."Email" = 'police@diaban.local' AND u.level = 'commune' AND u.valid_to IS NULL)
            SELECT DISTINCT o.code FROM unit_lineage l JOIN mine m ON m.id = l.new_unit_id JOIN admin_unit o ON o.id = l.old_unit_id
            """)).ToArray();
        Assert.NotEmpty(reached);
        var expected = await SqlFiguresAsync(year, reached);
        var (url, address) = await MiddleTileAsync(leader, year, TileQueries.DistrictMinZoom, year);
        var figures = TileFigures(await TilesApiTests.TileAsync(police, url, address));
        Assert.Equal(expected.OrderBy(e => e.Key), figures.OrderBy(f => f.Key));
        Assert.Equal(reached.Length, figures.Values.Sum(v => int.Parse(v.Split('/')[0], CultureInfo.InvariantCulture)));
    }
}
