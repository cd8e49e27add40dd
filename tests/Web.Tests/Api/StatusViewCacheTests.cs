using DiaBan.Geo.Queries;
using DiaBan.Web.Hosting;
using DiaBan.Web.Map;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DiaBan.Web.Tests.Api;

/// <summary>The demo with every map drawn from tiles (so the province's first view is warmed too), checked every second.</summary>
public sealed class MapStartFixture : WebAppFixture
{
    protected override DiaBanWebFactory CreateFactory() => new(ConnectionString, settings: new Dictionary<string, string>
    {
        ["Map:VectorTilesFromUnits"] = "1",
        ["Map:WarmCheckSeconds"] = "1",
    });
}

/// <summary>
/// <see cref="StatusViewCache"/>: the map page's first reads (years, commune count, tile view) are what the queries
/// give, kept per scope (a province's account never gets the country's), read again after any write that bumps the
/// data version; <see cref="MapStartWarmUp"/> has them ready for the current version.
/// </summary>
public sealed class StatusViewCacheTests(MapStartFixture app) : IClassFixture<MapStartFixture>
{
    [Fact]
    public async Task Kept_reads_equal_the_queries_per_scope_and_are_read_again_after_a_data_change()
    {
        var cache = app.Factory.Services.GetRequiredService<StatusViewCache>();
        var statuses = app.Factory.Services.GetRequiredService<StatusQueries>();
        var tiles = app.Factory.Services.GetRequiredService<TileQueries>();
        var province = AreaScope.Province(await app.ScalarAsync<string>("SELECT code FROM admin_unit WHERE level = 'province' AND valid_to IS NULL ORDER BY id LIMIT 1"));
        var other = AreaScope.Province("no-such-province");
        foreach (var scope in new[] { AreaScope.Everything, province, other })
        {
            var reads = await cache.ForAsync(scope);
            Assert.Equal(await statuses.YearsAsync(scope), reads.Years);
            foreach (var year in reads.Years)
            {
                Assert.Equal(await statuses.CountAsync(year, scope), await reads.CountAsync(year));
                var view = await reads.ViewAsync(year);
                var fresh = await tiles.StatusViewAsync(year, scope);
                Assert.Equal((fresh.DataVersion, fresh.HasDistricts), (view.DataVersion, view.HasDistricts));
                Assert.Equal(fresh.Bounds, view.Bounds);
            }
            Assert.Same(reads, await cache.ForAsync(scope)); // nothing changed: kept
        }
        Assert.Empty((await cache.ForAsync(other)).Years);

        // the warm-up has the current version's reads ready (what the first user after start-up finds)
        var warm = app.Factory.Services.GetRequiredService<MapStartWarmUp>();
        var until = DateTime.UtcNow.AddMinutes(2);
        while (warm.WarmedVersion != await tiles.DataVersionAsync() && DateTime.UtcNow < until) await Task.Delay(100);
        Assert.Equal(await tiles.DataVersionAsync(), warm.WarmedVersion);

        // a write to the units bumps the data version: the next reads are new, of the new version
        var before = await cache.ForAsync(AreaScope.Everything);
        var name = await app.ScalarAsync<string>("SELECT name FROM admin_unit WHERE level = 'province' ORDER BY id LIMIT 1");
        await app.ExecuteAsync("UPDATE admin_unit SET name = name WHERE level = 'province' AND name = @n", ("n", name));
        var after = await cache.ForAsync(AreaScope.Everything);
        Assert.NotSame(before, after);
        Assert.True(after.Version > before.Version, $"{after.Version} after {before.Version}");
        Assert.Equal((await after.ViewAsync(after.Years[^1])).DataVersion, await tiles.DataVersionAsync());
    }
}
