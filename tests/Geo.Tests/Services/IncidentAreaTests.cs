using System.Text.Json;
using DiaBan.Demo.Province;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Tests.Infrastructure;
using Npgsql;

namespace DiaBan.Geo.Tests.Services;

/// <summary>
/// incident has no GiST: an area's incidents are reached through the units (of any era) overlapping it
/// (<see cref="IncidentArea"/>). On the demo province (pre- and post-2025 communes, incidents of 2019–2026) every box
/// query must answer exactly the rows a brute-force geometric filter of every incident does — for boxes across the
/// province, a tiny box around a point next to a commune border, and the box of a commune merged in 2025 over 2024–2025.
/// </summary>
public class IncidentAreaTests(IncidentAreaTests.Fixture fx) : IClassFixture<IncidentAreaTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture, IAsyncLifetime
    {
        public DemoProvince Demo { get; } = DemoProvinceGenerator.Generate();
        public NpgsqlDataSource Source { get; private set; } = null!;

        /// <summary>An incident added 1 m inside a pre-merger commune's border with a neighbour, located as an entry is.</summary>
        public long BorderIncident { get; private set; }

        public (double MinLon, double MinLat, double MaxLon, double MaxLat) BorderPoint { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using (var db = CreateDb()) await new DemoSeeder(db).SeedAsync(Demo);
            Source = NpgsqlDataSource.Create(ConnectionString);
            // a point on the shared border of two pre-merger communes, moved 1e-5° (about 1 m) into the one of the lowest id
            await using var conn = await Source.OpenConnectionAsync();
            await using (var cmd = new NpgsqlCommand("""
                WITH pair AS (
                    SELECT a.id AS a, b.id AS b, ST_PointOnSurface(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom))) AS p
                    FROM admin_unit a JOIN admin_unit b ON a.id < b.id AND a.geom && b.geom AND ST_Touches(a.geom, b.geom)
                    WHERE a.level = 'commune' AND b.level = 'commune' AND a.valid_to = b.valid_to AND a.valid_to IS NOT NULL
                    ORDER BY a.id, b.id LIMIT 1
                ), moved AS (
                    SELECT pair.a, q.g FROM pair, admin_unit u,
                    LATERAL (SELECT ST_Translate(pair.p, dx, dy) AS g FROM (VALUES (1e-5, 0.0), (-1e-5, 0.0), (0.0, 1e-5), (0.0, -1e-5)) d(dx, dy)) q
                    WHERE u.id = pair.a AND ST_Covers(u.geom, q.g) AND NOT ST_Covers((SELECT geom FROM admin_unit WHERE id = pair.b), q.g)
                    LIMIT 1
                )
                INSERT INTO incident (external_id, occurred_on, kind, persons, geom, unit_id)
                SELECT 'BORDER-1', DATE '2024-05-05', 'arrest', 1, g, a FROM moved
                RETURNING id, ST_X(geom), ST_Y(geom)
                """, conn))
            await using (var rd = await cmd.ExecuteReaderAsync())
            {
                Assert.True(await rd.ReadAsync(), "the demo has two pre-merger communes sharing a border");
                BorderIncident = rd.GetInt64(0);
                var (x, y) = (rd.GetDouble(1), rd.GetDouble(2));
                BorderPoint = (x - 2e-6, y - 2e-6, x + 2e-6, y + 2e-6);
            }
        }

        public new async Task DisposeAsync()
        {
            await Source.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task Incident_has_no_gist_and_no_index_on_the_date_alone()
    {
        var definitions = new List<string>();
        await using var cmd = fx.Source.CreateCommand("SELECT indexdef FROM pg_indexes WHERE tablename = 'incident' ORDER BY indexname");
        await using var rd = await cmd.ExecuteReaderAsync();
        while (await rd.ReadAsync()) definitions.Add(rd.GetString(0));
        Assert.DoesNotContain(definitions, d => d.Contains("USING gist", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(definitions, d => d.EndsWith("(occurred_on)", StringComparison.Ordinal));
        Assert.Contains(definitions, d => d.EndsWith("(unit_id, occurred_on)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_incident_lies_in_its_unit()
    {
        // the invariant the rule rests on: the unit of an incident covers its point (and was valid on its date)
        var strays = await fx.ScalarAsync<long>("""
            SELECT count(*) FROM incident i JOIN admin_unit u ON u.id = i.unit_id
            WHERE NOT ST_Covers(u.geom, i.geom) OR NOT (u.valid_from <= i.occurred_on AND (u.valid_to IS NULL OR i.occurred_on < u.valid_to))
            """);
        Assert.Equal(0, strays);
        Assert.True(await fx.ScalarAsync<long>("SELECT count(*) FROM incident") > 1000);
    }

    public static TheoryData<string> Boxes() => ["grid", "border", "merged"];

    [Theory]
    [MemberData(nameof(Boxes))]
    public async Task The_incidents_of_a_box_are_those_a_brute_force_filter_finds(string which)
    {
        var boxes = await BoxesAsync(which);
        Assert.NotEmpty(boxes);
        var queries = new MapPointQueries(fx.Source, TimeProvider.System);
        var nonEmpty = 0;
        foreach (var (box, from, to) in boxes)
        {
            var expected = await BruteForceAsync(box, from, to);
            var json = await queries.IncidentsAsync(new IncidentFilter(From: from, To: to, Box: box, Limit: 1_000_000), AreaScope.Everything);
            var got = JsonDocument.Parse(json).RootElement.GetProperty("features").EnumerateArray()
                .Select(f => f.GetProperty("properties").GetProperty("id").GetInt64()).Order().ToArray();
            Assert.Equal(expected, got);
            // the predicate every box query of the product uses (tiles, time of week per square), on its own
            Assert.Equal(expected, await ByRuleAsync(box, from, to));
            if (expected.Length > 0) nonEmpty++;
        }
        Assert.True(nonEmpty >= Math.Min(boxes.Count, 3), $"{nonEmpty} of {boxes.Count} boxes hold incidents");
        if (which == "border")
            Assert.Contains(fx.BorderIncident, await BruteForceAsync(boxes[0].Box, boxes[0].From, boxes[0].To));
        if (which == "merged")
        {
            // both eras are there: incidents on the pre-merger units (2024) and on the merged commune (2025)
            var eras = await fx.ScalarAsync<long>($"""
                SELECT count(DISTINCT u.valid_to IS NULL) FROM incident i JOIN admin_unit u ON u.id = i.unit_id
                WHERE i.geom && {Envelope(boxes[0].Box)} AND i.occurred_on BETWEEN DATE '2024-01-01' AND DATE '2025-12-31'
                """);
            Assert.Equal(2, eras);
        }
    }

    [Fact]
    public async Task Statistics_points_of_the_merged_communes_are_those_their_boundaries_cover()
    {
        var layers = new StatisticsLayers(fx.Source);
        foreach (var day in new[] { new DateOnly(2024, 12, 31), new DateOnly(2025, 12, 31) })
        {
            var units = await layers.UnitsAsync(day, AreaScope.Everything);
            Assert.NotEmpty(units);
            var points = await layers.IncidentPointsAsync(units, new DateOnly(day.Year, 1, 1), day.AddDays(1));
            var expected = await fx.ScalarAsync<long>($"""
                SELECT count(DISTINCT i.id) FROM incident i JOIN admin_unit u ON u.id = ANY(ARRAY[{string.Join(",", units.Select(u => u.Id))}])
                    AND ST_Covers(u.geom, i.geom)
                WHERE i.occurred_on >= DATE '{day.Year}-01-01' AND i.occurred_on <= DATE '{day:yyyy-MM-dd}'
                """);
            Assert.True(expected > 0);
            Assert.Equal(expected, points.Count);
        }
    }

    private async Task<List<(BoundingBox Box, DateOnly From, DateOnly To)>> BoxesAsync(string which)
    {
        var result = new List<(BoundingBox, DateOnly, DateOnly)>();
        if (which == "border")
        {
            var (a, b, c, d) = fx.BorderPoint;
            result.Add((new BoundingBox(a, b, c, d), new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)));
            return result;
        }
        var sql = which == "grid"
            // a 4 × 4 grid of boxes over the province's extent, one year each
            ? """
              SELECT ST_XMin(e) + (ST_XMax(e) - ST_XMin(e)) * gx / 4, ST_YMin(e) + (ST_YMax(e) - ST_YMin(e)) * gy / 4,
                     ST_XMin(e) + (ST_XMax(e) - ST_XMin(e)) * (gx + 1) / 4, ST_YMin(e) + (ST_YMax(e) - ST_YMin(e)) * (gy + 1) / 4
              FROM (SELECT ST_Extent(geom)::geometry AS e FROM admin_unit WHERE level = 'commune') x,
                   generate_series(0, 3) gx, generate_series(0, 3) gy
              """
            // the box of a post-merger commune made of several pre-merger ones
            : """
              SELECT ST_XMin(u.geom), ST_YMin(u.geom), ST_XMax(u.geom), ST_YMax(u.geom) FROM admin_unit u
              WHERE u.id = (SELECT new_unit_id FROM unit_lineage GROUP BY new_unit_id HAVING count(*) > 1 ORDER BY new_unit_id LIMIT 1)
              """;
        await using var cmd = fx.Source.CreateCommand(sql);
        await using var rd = await cmd.ExecuteReaderAsync();
        var k = 0;
        while (await rd.ReadAsync())
        {
            var box = new BoundingBox(rd.GetDouble(0), rd.GetDouble(1), rd.GetDouble(2), rd.GetDouble(3));
            var year = which == "grid" ? 2019 + k++ % 7 : 2024;
            result.Add((box, new DateOnly(year, 1, 1), new DateOnly(which == "grid" ? year : 2025, 12, 31)));
        }
        return result;
    }

    private static string Envelope(BoundingBox b) => FormattableString.Invariant(
        $"ST_MakeEnvelope({b.MinLon:R}, {b.MinLat:R}, {b.MaxLon:R}, {b.MaxLat:R}, 4326)");

    // every incident with a unit (the only ones a scoped view shows) whose point meets the box (the box queries' own
    // test, `&&`), each of them tested: no index on geom, no rule
    private async Task<long[]> BruteForceAsync(BoundingBox box, DateOnly from, DateOnly to) => await IdsAsync($"""
        SELECT i.id FROM incident i
        WHERE i.unit_id IS NOT NULL AND i.geom && {Envelope(box)}
          AND i.occurred_on BETWEEN DATE '{from:yyyy-MM-dd}' AND DATE '{to:yyyy-MM-dd}'
        ORDER BY i.id
        """);

    private async Task<long[]> ByRuleAsync(BoundingBox box, DateOnly from, DateOnly to) => await IdsAsync($"""
        SELECT i.id FROM incident i
        WHERE {IncidentArea.UnitOverlaps("i", Envelope(box))} AND i.geom && {Envelope(box)}
          AND i.occurred_on BETWEEN DATE '{from:yyyy-MM-dd}' AND DATE '{to:yyyy-MM-dd}'
        ORDER BY i.id
        """);

    private async Task<long[]> IdsAsync(string sql)
    {
        var ids = new List<long>();
        await using var cmd = fx.Source.CreateCommand(sql);
        await using var rd = await cmd.ExecuteReaderAsync();
        while (await rd.ReadAsync()) ids.Add(rd.GetInt64(0));
        return [.. ids];
    }
}
