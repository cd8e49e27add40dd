using DiaBan.Geo.Queries;
using DiaBan.Web.Api;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DiaBan.Web.Tests.Api;

/// <summary>The demo app with the tile connections' change check every second.</summary>
public sealed class RewarmFixture : WebAppFixture
{
    protected override DiaBanWebFactory CreateFactory() => new(ConnectionString, settings: new Dictionary<string, string>
    {
        ["Map:RewarmCheckSeconds"] = "1",
    });

    public TileConnectionWarmer Warmer => Factory.Services.GetRequiredService<TileConnectionWarmer>();

    /// <summary>Waits until a rewarm newer than <paramref name="after"/> matching <paramref name="done"/> has run.</summary>
    public async Task<TileRewarm> RewarmedAsync(TileRewarm? after, Func<TileRewarm, bool> done)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (Warmer.Last is not { } run || ReferenceEquals(run, after) || !done(run))
        {
            Assert.True(DateTime.UtcNow < until, $"no rewarm after the change (last: {Warmer.Last})");
            await Task.Delay(100);
        }
        return Warmer.Last!;
    }
}

/// <summary>
/// After a data change or an ANALYZE the idle tile connections are replaced by new backends that have run the tile
/// statements, in the background (<see cref="TileConnectionWarmer"/>, issue 12.2).
/// </summary>
public sealed class TileConnectionWarmerTests(RewarmFixture app) : IClassFixture<RewarmFixture>
{
    [Fact]
    public async Task A_data_change_renews_the_idle_tile_connections()
    {
        // the app is up: the change check has read the state once
        await app.Factory.Services.GetRequiredService<TileQueries>().DataVersionAsync();
        await Task.Delay(1500);
        var before = app.Warmer.Last;
        // a classification's write: the statement trigger bumps the data version
        await app.ExecuteAsync("UPDATE status_assessment SET computed_status = computed_status WHERE id = (SELECT min(id) FROM status_assessment)");
        var version = await app.ScalarAsync<long>("SELECT version FROM tile_data_version WHERE id = 1");
        var pidsBefore = await TileBackendsAsync();
        var run = await app.RewarmedAsync(before, r => r.Version == version);
        Assert.True(run.Connections >= 1, $"{run}");
        // the idle ones are new backends now
        var pidsAfter = await TileBackendsAsync();
        Assert.NotEmpty(pidsAfter);
        Assert.Empty(pidsAfter.Intersect(pidsBefore));
    }

    [Fact]
    public async Task An_analyze_of_the_tile_tables_renews_them_too()
    {
        await app.Factory.Services.GetRequiredService<TileQueries>().DataVersionAsync();
        await Task.Delay(1500);
        var before = app.Warmer.Last;
        var analyzedBefore = before?.Analyzed;
        await app.ExecuteAsync("ANALYZE admin_unit");
        var run = await app.RewarmedAsync(before, r => r.Analyzed is { } a && (analyzedBefore is null || a > analyzedBefore));
        Assert.True(run.Connections >= 1, $"{run}");
    }

    private async Task<List<string>> TileBackendsAsync() => await app.StringsAsync(
        "SELECT pid::text FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name",
        ("name", DiaBan.Web.Hosting.WarmConnections.TileApplicationName));

    [Fact]
    public async Task A_tile_request_during_a_renewal_is_served()
    {
        using var client = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        var year = (await TilesApiTests.YearsAsync(client))[^1];
        var (west, south, east, north) = await TilesApiTests.ExtentAsync(client, year);
        var queries = app.Factory.Services.GetRequiredService<TileQueries>();
        // renewals run back to back while tiles are asked for: every request is answered
        var rewarming = Task.Run(async () => { for (var i = 0; i < 5; i++) await queries.RenewIdleAsync(); });
        for (var z = 5; z <= 9; z++)
        {
            var (x, y) = TilesApiTests.TileOf(z, (west + east) / 2, (south + north) / 2);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync($"/tiles/status/{z}/{x}/{y}.mvt?year={year}")).StatusCode);
        }
        await rewarming;
    }
}
