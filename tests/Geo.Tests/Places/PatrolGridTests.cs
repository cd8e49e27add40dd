using DiaBan.Analytics.Places;
using DiaBan.Demo.Province;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Testing;
using Npgsql;

namespace DiaBan.Geo.Tests.Places;

/// <summary>The patrol grid built in PostGIS over the demo province (both commune eras) and read back by the place loader.</summary>
public partial class PatrolGridTests(PatrolGridTests.Fixture fx) : IClassFixture<PatrolGridTests.Fixture>
{
    public const int Size = 500;
    private static readonly DateOnly BeforeMerger = new(2025, 6, 30);
    private static readonly DateOnly AfterMerger = new(2025, 7, 1);

    public sealed class Fixture : DatabaseFixture
    {
        public DemoProvince Demo { get; } = DemoProvinceGenerator.Generate();
        public GridBuildResult Built { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDb();
            await new DemoSeeder(db).SeedAsync(Demo);
            Built = await new GridBuilder(db).BuildAsync(Size);
        }

        public async Task<List<(T1, T2, T3)>> RowsAsync<T1, T2, T3>(string sql)
        {
            await using var c = new NpgsqlConnection(ConnectionString);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand(sql, c);
            await using var r = await cmd.ExecuteReaderAsync();
            var rows = new List<(T1, T2, T3)>();
            while (await r.ReadAsync()) rows.Add((r.GetFieldValue<T1>(0), r.GetFieldValue<T2>(1), r.GetFieldValue<T3>(2)));
            return rows;
        }

        public PlaceQueries Queries() => new(NpgsqlDataSource.Create(ConnectionString));
    }

    [Fact]
    public async Task Every_commune_version_gets_cells_whose_area_shares_sum_to_its_area()
    {
        Assert.True(fx.Built.Cells > 1000, $"{fx.Built.Cells} cells");
        var communes = await fx.ScalarAsync<int>("SELECT count(*) FROM admin_unit WHERE level = 'commune'");
        Assert.Equal(communes, fx.Built.Communes);
        // Σ share · size² against the commune's area in the same UTM CRS, and against the spheroidal area (UTM scale < 0.1 %)
        var rows = await fx.RowsAsync<int, double, double>($"""
            SELECT u.id, sum(g.area_share) * {Size}.0 * {Size}, ST_Area(ST_Transform(u.geom, min(g.srid)))
            FROM admin_unit u JOIN grid_cell g ON g.unit_id = u.id AND g.size_m = {Size}
            GROUP BY u.id
            """);
        Assert.Equal(communes, rows.Count);
        foreach (var (id, cells, area) in rows)
            Assert.True(Math.Abs(cells - area) <= 1e-4 * area, $"commune {id}: cells {cells:0} m² vs area {area:0} m²");
        var spheroid = await fx.ScalarAsync<double>($"""
            SELECT max(abs(c.cells - u.area_km2 * 1e6) / (u.area_km2 * 1e6)) FROM admin_unit u
            JOIN (SELECT unit_id, sum(area_share) * {Size}.0 * {Size} AS cells FROM grid_cell WHERE size_m = {Size} GROUP BY unit_id) c ON c.unit_id = u.id
            """);
        Assert.InRange(spheroid, 0, 0.002);
    }

    [Fact]
    public async Task The_in_memory_build_gives_the_pieces_of_the_PostGIS_reference_build()
    {
        // the first builder's single ST_SquareGrid statement, into grid_ref: the same rows, commune tags and validity,
        // shares and centroids to rounding, and the same WGS 84 pieces to well under a millimetre
        await using var c = new NpgsqlConnection(fx.ConnectionString);
        await c.OpenAsync();
        var reference = await GridReferenceSql.BuildAsync(c, Size);
        Assert.Equal(reference, fx.Built.Cells);
        Assert.Equal(reference, await fx.ScalarAsync<long>($"SELECT count(*) FROM grid_cell WHERE size_m = {Size}"));
        await using var cmd = new NpgsqlCommand($"""
            SELECT count(*) FILTER (WHERE r.unit_id IS NULL OR g.unit_id IS NULL),
                   count(*) FILTER (WHERE r.valid_from <> g.valid_from OR r.valid_to IS DISTINCT FROM g.valid_to),
                   max(abs(r.area_share - g.area_share)),
                   max(greatest(abs(r.x - g.x), abs(r.y - g.y))),
                   max(ST_HausdorffDistance(r.geom, g.geom)),
                   count(*) FILTER (WHERE ST_SRID(g.geom) <> 4326 OR GeometryType(g.geom) <> 'MULTIPOLYGON'),
                   count(*)
            FROM grid_ref r
            FULL JOIN (SELECT * FROM grid_cell WHERE size_m = {Size}) g
              ON g.srid = r.srid AND g.i = r.i AND g.j = r.j AND g.unit_id = r.unit_id
            """, c);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal(0, r.GetInt64(0));
        Assert.Equal(0, r.GetInt64(1));
        Assert.InRange(r.GetDouble(2), 0, 1e-6);
        Assert.InRange(r.GetDouble(3), 0, 1e-3);
        Assert.InRange(r.GetDouble(4), 0, 1e-8);
        Assert.Equal(0, r.GetInt64(5));
        Assert.Equal(reference, r.GetInt64(6));
        Assert.True(reference > 1000);
    }

    [Theory]
    [InlineData(Size)]
    [InlineData(333)]
    public async Task Marking_the_border_squares_gives_the_pieces_of_testing_every_square(int size)
    {
        // the build's cut (only squares the boundary may touch are tested) against every square tested, demo communes of both eras
        await using var c = new NpgsqlConnection(fx.ConnectionString);
        await c.OpenAsync();
        var communes = await GridBuilder.ReadCommunesAsync(c, CancellationToken.None);
        var marked = GridBuilder.Cut(communes, size);
        var tested = GridBuilder.Cut(communes, size, markBorder: false);
        Assert.True(tested.Length > 1000);
        Assert.Equal(tested.Length, marked.Length);
        for (var k = 0; k < tested.Length; k++)
        {
            Assert.Equal((tested[k].Commune.UnitId, tested[k].I, tested[k].J), (marked[k].Commune.UnitId, marked[k].I, marked[k].J));
            Assert.Equal((tested[k].AreaShare, tested[k].X, tested[k].Y), (marked[k].AreaShare, marked[k].X, marked[k].Y));
            Assert.True(tested[k].Piece.EqualsExact(marked[k].Piece));
        }
    }

    [Fact]
    public async Task Pieces_cover_their_commune_and_squares_sit_on_multiples_of_the_size()
    {
        // every piece inside its square [i·s, (i+1)·s) × [j·s, (j+1)·s), and the union of a commune's pieces is the commune
        var misplaced = await fx.ScalarAsync<long>($"""
            SELECT count(*) FROM grid_cell
            WHERE size_m = {Size} AND NOT (x >= i * {Size}.0 AND x < (i + 1) * {Size}.0 AND y >= j * {Size}.0 AND y < (j + 1) * {Size}.0)
            """);
        Assert.Equal(0, misplaced);
        var uncovered = await fx.ScalarAsync<double>($"""
            SELECT max(ST_Area(ST_Difference(ST_Transform(u.geom, c.srid), c.cover)) / ST_Area(ST_Transform(u.geom, c.srid)))
            FROM admin_unit u JOIN (
                SELECT unit_id, min(srid) AS srid,
                       ST_Union(ST_MakeEnvelope(i * {Size}.0, j * {Size}.0, (i + 1) * {Size}.0, (j + 1) * {Size}.0, srid)) AS cover
                FROM grid_cell WHERE size_m = {Size} GROUP BY unit_id) c ON c.unit_id = u.id
            """);
        Assert.InRange(uncovered, 0, 1e-6);
        Assert.Equal(32648, await fx.ScalarAsync<int>($"SELECT DISTINCT srid FROM grid_cell WHERE size_m = {Size}"));
    }

    [Fact]
    public async Task Cells_carry_the_commune_valid_on_each_side_of_the_merger()
    {
        var input = fx.Queries();
        var before = await input.ScoringInputAsync(AreaScope.Everything, Size, BeforeMerger, ForecastHorizon.Week);
        var after = await input.ScoringInputAsync(AreaScope.Everything, Size, AfterMerger, ForecastHorizon.Week);
        var pre = (await fx.RowsAsync<int, string, DateOnly>("SELECT id, code, valid_from FROM admin_unit WHERE level = 'commune' AND valid_to = DATE '2025-07-01'")).Select(r => r.Item1).ToHashSet();
        var post = (await fx.RowsAsync<int, string, DateOnly>("SELECT id, code, valid_from FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL")).Select(r => r.Item1).ToHashSet();
        Assert.Equal(fx.Demo.PreMergerUnits.Count, pre.Count);
        Assert.All(before.Cells, c => Assert.Contains(c.UnitId, pre));
        Assert.All(after.Cells, c => Assert.Contains(c.UnitId, post));
        Assert.Equal(pre, before.Cells.Select(c => c.UnitId).ToHashSet());
        Assert.Equal(post, after.Cells.Select(c => c.UnitId).ToHashSet());
        // the same province: the same squares on both sides, with the same total area
        Assert.Equal(before.Cells.Select(c => c.Id).Order(), after.Cells.Select(c => c.Id).Order());
        Assert.Equal(before.Cells.Sum(c => c.AreaShare), after.Cells.Sum(c => c.AreaShare), 0.01 * before.Cells.Count / 100.0 + 1);
    }

    [Fact]
    public async Task The_loader_gives_unique_squares_that_CellIndex_finds_and_incidents_before_the_day()
    {
        var input = await fx.Queries().ScoringInputAsync(AreaScope.Everything, Size, AfterMerger, ForecastHorizon.Week);
        Assert.Equal(input.Cells.Count, input.Cells.Select(c => c.Id).Distinct().Count());
        var index = new CellIndex(input.Cells, Size);
        for (int k = 0; k < input.Cells.Count; k++) Assert.Equal(k, index.Locate(input.Cells[k].X, input.Cells[k].Y));
        Assert.All(input.History, e => Assert.True(e.Date < AfterMerger));
        var expected = fx.Demo.Incidents.Count(i => i.Date < AfterMerger && i.Kind != Analytics.Domain.IncidentKind.Other);
        Assert.Equal(expected, input.History.Count);
        // nearly every incident falls in a square of the grid (points exactly on the province edge may not)
        Assert.True(input.History.Count(e => index.Locate(e.X, e.Y) is not null) >= 0.999 * input.History.Count);
        Assert.NotEmpty(input.Context.Businesses);
        Assert.NotEmpty(input.Context.RouteVertices);
        var scored = new RecentCountScorer().Score(input);
        Assert.Equal(input.Cells.Count, scored.Count);
        Assert.Contains(scored, s => s.Score > 0);
    }

    [Fact]
    public async Task A_police_officer_gets_only_the_squares_and_incidents_of_his_commune()
    {
        var (id, code, _) = (await fx.RowsAsync<int, string, DateOnly>(
            "SELECT id, code, valid_from FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL ORDER BY code LIMIT 1")).Single();
        var own = await fx.Queries().ScoringInputAsync(AreaScope.Communes([code]), Size, AfterMerger, ForecastHorizon.Month);
        var squares = await fx.ScalarAsync<long>($"SELECT count(DISTINCT (i, j)) FROM grid_cell WHERE size_m = {Size} AND unit_id = {id}");
        Assert.Equal(squares, own.Cells.Count);
        Assert.All(own.Cells, c => Assert.Equal(id, c.UnitId));
        var incidents = await fx.ScalarAsync<long>($"""
            SELECT count(*) FROM incident i WHERE i.occurred_on < DATE '2025-07-01' AND i.kind <> 'other'
              AND (i.unit_id = {id} OR i.unit_id IN (SELECT old_unit_id FROM unit_lineage WHERE new_unit_id = {id}))
            """);
        Assert.Equal(incidents, own.History.Count);
        var all = await fx.Queries().ScoringInputAsync(AreaScope.Everything, Size, AfterMerger, ForecastHorizon.Month);
        Assert.True(own.History.Count < all.History.Count);
        Assert.Empty((await fx.Queries().ScoringInputAsync(AreaScope.Nothing, Size, AfterMerger, ForecastHorizon.Week)).Cells);
        Assert.Empty((await fx.Queries().ScoringInputAsync(AreaScope.Communes(["99999"]), Size, AfterMerger, ForecastHorizon.Week)).Cells);
    }

    [Fact]
    public async Task The_cell_key_round_trips()
    {
        var id = GridCellKey.Of(32649, 1234, 7_000_000 / 250);
        Assert.Equal((32649, 1234, 28000), GridCellKey.Parse(id));
        Assert.Equal(0, await Task.FromResult(0));
    }

    [Fact]
    public async Task Sheet_queries_keep_to_the_scope_and_recording_writes_one_exposure_row_per_cell_in_it()
    {
        var (id, code, _) = (await fx.RowsAsync<int, string, DateOnly>(
            "SELECT id, code, valid_from FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL ORDER BY code DESC LIMIT 1")).Single();
        var queries = fx.Queries();
        var all = await queries.ScoringInputAsync(AreaScope.Everything, Size, AfterMerger, ForecastHorizon.Week);
        var mine = all.Cells.Where(c => c.UnitId == id).Take(3).Select(c => c.Id).ToList();
        var other = all.Cells.First(c => c.UnitId != id).Id;
        var scope = AreaScope.Communes([code]);

        var info = await queries.CellInfoAsync(scope, Size, AfterMerger, [.. mine, other]);
        Assert.Equal(mine.Order(), info.Select(c => c.Id).Order());
        Assert.All(info, c => Assert.Equal(code, c.UnitCode));
        Assert.All(info, c => Assert.Null(c.DaysSinceLastPatrol));
        Assert.All(info, c => Assert.InRange(c.Lon, 100, 112));

        var geojson = await queries.CellsFeatureCollectionAsync(scope, Size, AfterMerger, [.. mine.Select(m => (m, """{"rank": 1}""")), (other, "{}")]);
        using var doc = System.Text.Json.JsonDocument.Parse(geojson);
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(mine.Count, features.Count);
        Assert.All(features, f => Assert.Equal(code, f.GetProperty("properties").GetProperty("commune_code").GetString()));
        Assert.All(features, f => Assert.Equal(1, f.GetProperty("properties").GetProperty("rank").GetInt32()));

        await using (var db = fx.CreateDb())
        {
            var written = await new CellExposureRecorder(db, queries).RecordAsync(scope, Size, AfterMerger, AfterMerger.AddDays(1),
                [.. mine.Select(m => new RecordedCell(m, false)), new RecordedCell(other, true)], 0.5, "test");
            Assert.Equal(mine.Count, written);
        }
        Assert.Equal(mine.Count, await fx.ScalarAsync<long>($"SELECT count(*) FROM patrol_cell_exposure WHERE unit_id = {id} AND recorded_by = 'test'"));
        Assert.Equal(1, await fx.ScalarAsync<long>("SELECT count(*) FROM audit_entry WHERE entity = 'patrol_cell_exposure'"));
        var later = AfterMerger.AddDays(8);
        var last = await queries.LastPatrolsAsync(scope, Size, later);
        Assert.Equal(mine.Order(), last.Keys.Order());
        Assert.All(await queries.CellInfoAsync(scope, Size, later, mine), c => Assert.Equal(8, c.DaysSinceLastPatrol));
        var lastIncident = (await fx.RowsAsync<DateOnly, int, int>("SELECT max(occurred_on), 0, 0 FROM incident")).Single().Item1;
        Assert.Equal(lastIncident.AddDays(1), await queries.DefaultSheetDayAsync(AreaScope.Everything, new DateOnly(2100, 1, 1)));
        Assert.Equal(new DateOnly(2020, 1, 1), await queries.DefaultSheetDayAsync(AreaScope.Everything, new DateOnly(2020, 1, 1)));
    }
}
