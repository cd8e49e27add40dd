using DiaBan.Analytics.Places;
using DiaBan.Geo.Queries;
using Npgsql;

namespace DiaBan.Geo.Tests.Places;

/// <summary>
/// The database path's place context is dated (issue 10, no look-ahead): <see cref="CellScoringInput.ContextAt"/> gives the
/// businesses open and the spots open (last verified step detected, under watch or re-emerged) on each date, not today's.
/// </summary>
public partial class PatrolGridTests
{
    private static readonly DateOnly Origin = new(2025, 7, 1);
    private static readonly DateOnly ReadOn = new(2025, 10, 1);

    // places inside one current commune, each 40 m east of the last from its point on surface; returns them in the grid CRS
    private async Task<(string Code, Dictionary<string, (double X, double Y)> At)> SeedDatedPlacesAsync(string tag, int srid)
    {
        var (id, code, _) = (await fx.RowsAsync<int, string, DateOnly>(
            "SELECT id, code, valid_from FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL ORDER BY code OFFSET 2 LIMIT 1")).Single();
        await using var c = new NpgsqlConnection(fx.ConnectionString);
        await c.OpenAsync();
        async Task<long> Insert(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, c);
            return Convert.ToInt64(await cmd.ExecuteScalarAsync());
        }
        string Point(int k) => $"(SELECT ST_Project(ST_PointOnSurface(geom)::geography, {40 * k}, radians(90))::geometry FROM admin_unit WHERE id = {id})";
        string Business(int k, string opened, string? closed) => $"""
            INSERT INTO conditional_business (external_id, kind, name, opened_on, closed_on, geom, unit_id)
            VALUES ('{tag}-b{k}', 'karaoke', 'test', DATE '{opened}', {(closed is null ? "NULL" : $"DATE '{closed}'")}, {Point(k)}, {id}) RETURNING id
            """;
        async Task Spot(int k, params (string State, string On, string Review)[] steps)
        {
            var spot = await Insert($"""
                INSERT INTO drug_spot (code, kind, geom, unit_id, created_by, created_at)
                VALUES ('{tag}-s{k}', 'point', {Point(k)}, {id}, 'test', now()) RETURNING id
                """);
            for (int n = 0; n < steps.Length; n++)
                await Insert($"""
                    INSERT INTO drug_spot_step (spot_id, seq, state, occurred_on, recording_unit, entered_by, entered_at, review)
                    VALUES ({spot}, {n + 1}, '{steps[n].State}', DATE '{steps[n].On}', 'test', 'test', now(), '{steps[n].Review}') RETURNING id
                    """);
        }
        await Insert(Business(1, "2025-08-01", null));            // opened after the origin
        await Insert(Business(2, "2025-01-01", "2025-06-01"));    // closed before the origin
        await Insert(Business(3, "2024-01-01", null));            // open on the origin
        await Spot(4, ("detected", "2025-01-10", "verified"), ("eliminated", "2025-05-01", "verified"));   // eliminated before
        await Spot(5, ("detected", "2025-02-01", "verified"));                                             // registered before
        await Spot(6, ("detected", "2025-03-01", "submitted"));                                            // never verified
        await Spot(7, ("detected", "2025-06-01", "verified"), ("eliminated", "2025-08-01", "verified"));   // eliminated after
        await Spot(8, ("detected", "2025-08-15", "verified"));                                             // registered after
        await Spot(9, ("detected", "2024-05-01", "verified"), ("eliminated", "2024-09-01", "verified"), ("re_emerged", "2025-04-01", "verified"));
        var at = new Dictionary<string, (double, double)>();
        foreach (var k in Enumerable.Range(1, 9))
            at[k <= 3 ? $"b{k}" : $"s{k}"] = (await fx.RowsAsync<double, double, int>(
                $"SELECT ST_X(p), ST_Y(p), 0 FROM (SELECT ST_Transform({Point(k)}, {srid}) AS p) q")).Select(r => (r.Item1, r.Item2)).Single();
        return (code, at);
    }

    private static bool Has(IReadOnlyList<(double X, double Y)> places, (double X, double Y) p) =>
        places.Any(q => Math.Abs(q.X - p.X) < 0.01 && Math.Abs(q.Y - p.Y) < 0.01);

    [Fact]
    public async Task The_context_at_an_origin_holds_only_the_businesses_and_spots_open_then()
    {
        var srid = GridCellKey.Parse((await fx.Queries().ScoringInputAsync(AreaScope.Everything, Size, ReadOn, ForecastHorizon.Week)).Cells[0].Id).Srid;
        var (code, at) = await SeedDatedPlacesAsync("ctx", srid);
        var input = await fx.Queries().ScoringInputAsync(AreaScope.Communes([code]), Size, ReadOn, ForecastHorizon.Week);
        Assert.NotNull(input.ContextAt);
        var then = input.ContextOn(Origin);
        var now = input.Context;

        Assert.False(Has(then.Businesses, at["b1"]), "a business opened after the origin is not in ContextAt(origin)");
        Assert.True(Has(now.Businesses, at["b1"]));
        Assert.False(Has(then.Businesses, at["b2"]), "closed before the origin");
        Assert.True(Has(input.ContextOn(new DateOnly(2025, 3, 1)).Businesses, at["b2"]));
        Assert.True(Has(then.Businesses, at["b3"]));

        Assert.False(Has(then.OpenSpots, at["s4"]), "a spot eliminated before the origin is not open at it");
        Assert.True(Has(input.ContextOn(new DateOnly(2025, 3, 1)).OpenSpots, at["s4"]));
        Assert.True(Has(then.OpenSpots, at["s5"]), "a spot registered before the origin is");
        Assert.False(Has(then.OpenSpots, at["s6"]), "a step not verified does not count");
        Assert.False(Has(now.OpenSpots, at["s6"]));
        Assert.True(Has(then.OpenSpots, at["s7"]), "eliminated only after the origin: still open then");
        Assert.False(Has(now.OpenSpots, at["s7"]));
        Assert.False(Has(then.OpenSpots, at["s8"]), "registered after the origin");
        Assert.True(Has(now.OpenSpots, at["s8"]));
        Assert.True(Has(then.OpenSpots, at["s9"]), "re-emerged before the origin");
        Assert.False(Has(input.ContextOn(new DateOnly(2025, 1, 1)).OpenSpots, at["s9"]));
        Assert.True(Has(input.ContextOn(new DateOnly(2024, 6, 1)).OpenSpots, at["s9"]));
        Assert.Equal(3, at.Where(p => p.Key.StartsWith('s')).Count(p => Has(then.OpenSpots, p.Value)));
        Assert.Equal(3, at.Where(p => p.Key.StartsWith('s')).Count(p => Has(now.OpenSpots, p.Value))); // s5, s8, s9
        Assert.Throws<ArgumentOutOfRangeException>(() => input.ContextOn(ReadOn.AddDays(1)));

        // area-scoped: another commune's officer sees none of these places, on any date
        var other = (await fx.RowsAsync<int, string, DateOnly>(
            "SELECT id, code, valid_from FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL ORDER BY code LIMIT 1")).Single().Item2;
        Assert.NotEqual(code, other);
        var theirs = await fx.Queries().ScoringInputAsync(AreaScope.Communes([other]), Size, ReadOn, ForecastHorizon.Week);
        foreach (var d in new[] { new DateOnly(2024, 6, 1), Origin, ReadOn })
        {
            Assert.DoesNotContain(at.Values, p => Has(theirs.ContextOn(d).OpenSpots, p) || Has(theirs.ContextOn(d).Businesses, p));
        }
    }
}
