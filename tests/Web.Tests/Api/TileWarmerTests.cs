using System.Net;
using DiaBan.Geo.Queries;
using DiaBan.Web.Api;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DiaBan.Web.Tests.Api;

/// <summary>The demo with every map drawn from tiles (so the province's map is warmed too) and the warm-up checking the data version every second.</summary>
public sealed class WarmTilesFixture : WebAppFixture
{
    protected override DiaBanWebFactory CreateFactory() => new(ConnectionString, settings: new Dictionary<string, string>
    {
        ["Map:VectorTilesFromUnits"] = "1",
        ["Map:WarmCheckSeconds"] = "1",
    });

    public TileWarmer Warmer => Factory.Services.GetRequiredService<TileWarmer>();

    /// <summary>Waits until the warm-up has finished the current data version; returns that run.</summary>
    public async Task<TileWarmRun> WarmedAsync()
    {
        var version = await ScalarAsync<long>("SELECT version FROM tile_data_version WHERE id = 1");
        var until = DateTime.UtcNow.AddMinutes(3);
        while (Warmer.Last is not { } run || run.Version != version)
        {
            Assert.True(DateTime.UtcNow < until, $"the warm-up did not finish data version {version} (last: {Warmer.Last})");
            await Task.Delay(100);
        }
        return Warmer.Last!;
    }
}

/// <summary>
/// The warm-up (<see cref="TileWarmer"/>): the first request for a tile of the map's first view is served from the
/// cache (the response says so: X-Tile-Cache: hit), for the whole country and for a province's account, with the same
/// bytes a fresh build for that scope gives; a scope the warm-up did not build (a police officer's communes) is built
/// for him; a data change makes the warm-up build the new version.
/// </summary>
public sealed class TileWarmerTests(WarmTilesFixture app) : IClassFixture<WarmTilesFixture>
{
    [Fact]
    public async Task The_first_request_after_start_up_is_served_from_the_warmed_cache_for_its_own_scope_only()
    {
        var run = await app.WarmedAsync();
        Assert.Contains("all", run.Scopes.Select(s => s.Split(' ')[0]));
        Assert.Contains(run.Scopes, s => s.StartsWith("province ", StringComparison.Ordinal));
        Assert.True(run.Built > 0 && run.Tiles >= run.Built, $"{run}");

        var queries = app.Factory.Services.GetRequiredService<TileQueries>();
        var cache = app.Factory.Services.GetRequiredService<TileCache>();
        foreach (var (email, scope) in new[] { ("admin@diaban.local", AreaScope.Everything), ("leader@diaban.local", (AreaScope?)null) })
        {
            using var client = await ApiLogin.ClientForAsync(app, email);
            var year = (await TilesApiTests.YearsAsync(client))[^1];
            var (west, south, east, north) = await TilesApiTests.ExtentAsync(client, year);
            var (x, y) = TilesApiTests.TileOf(4, (west + east) / 2, (south + north) / 2);
            var builtBefore = cache.Built;
            var response = await client.GetAsync($"/tiles/status/4/{x}/{y}.mvt?year={year}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("hit", response.Headers.GetValues(TileCache.OutcomeHeader).Single());
            Assert.Equal(builtBefore, cache.Built);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.NotEmpty(bytes);
            // the warmed tile is the one built for this caller's scope
            var province = await app.ScalarAsync<string>("SELECT \"AreaProvinceCode\" FROM auth.\"AspNetUsers\" WHERE \"Email\" = 'leader@diaban.local'");
            Assert.Equal(await queries.TileAsync(TileLayer.Status, new TileAddress(4, x, y), year, scope ?? AreaScope.Province(province)), bytes);
        }

        // a police officer's scope (a few communes) is not warmed: his first request builds his own tile
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        var policeYear = (await TilesApiTests.YearsAsync(police))[^1];
        var (w, s, e, n) = await TilesApiTests.ExtentAsync(police, policeYear);
        var (px, py) = TilesApiTests.TileOf(4, (w + e) / 2, (s + n) / 2);
        var answer = await police.GetAsync($"/tiles/status/4/{px}/{py}.mvt?year={policeYear}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("built", answer.Headers.GetValues(TileCache.OutcomeHeader).Single());
    }

    [Fact]
    public async Task A_data_change_makes_the_warm_up_build_the_tiles_of_the_new_version()
    {
        var before = await app.WarmedAsync();
        // any write to a table under the tiles bumps the data version (statement trigger)
        await app.ExecuteAsync("UPDATE admin_unit SET name = name WHERE id = (SELECT min(id) FROM admin_unit WHERE level = 'province')");
        var after = await app.WarmedAsync();
        Assert.True(after.Version > before.Version, $"{before.Version} → {after.Version}");
        Assert.Equal(after.Tiles, after.Built); // a new version: nothing of it was in the cache
        Assert.Equal(before.Tiles, after.Tiles);

        using var client = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        var year = (await TilesApiTests.YearsAsync(client))[^1];
        var (west, south, east, north) = await TilesApiTests.ExtentAsync(client, year);
        var (x, y) = TilesApiTests.TileOf(5, (west + east) / 2, (south + north) / 2);
        var response = await client.GetAsync($"/tiles/status/5/{x}/{y}.mvt?year={year}");
        Assert.Equal("hit", response.Headers.GetValues(TileCache.OutcomeHeader).Single());
        Assert.StartsWith($"\"{after.Version}-", response.Headers.ETag!.Tag);
    }
}
