using System.Diagnostics;
using DiaBan.Geo.Queries;
using DiaBan.Web.Auth;
using DiaBan.Web.Hosting.Options;
using DiaBan.Web.Map;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Api;

/// <summary>What one warm-up built: the data version, the scopes and tiles, and what it cost.</summary>
public sealed record TileWarmRun(long Version, IReadOnlyList<string> Scopes, int Tiles, int Built, TimeSpan Elapsed, TimeSpan ProcessCpu);

/// <summary>
/// Builds the status tiles of the map's first view into <see cref="TileCache"/> — under the same keys the endpoint
/// uses (layer, tile, year, scope, data version), so a tile is only ever served to the scope it was built for — at
/// start-up and whenever the data version (<see cref="TileQueries.DataVersionAsync"/>) changes: the first user after
/// either finds them built (the low-zoom province and district aggregates cost seconds cold on the national layer).
/// <para>Which: every scope whose map is drawn from tiles (<see cref="MapOptions.VectorTilesFromUnits"/>): the whole
/// country (an administrator without an area) and each province some account is limited to; for each, the year the
/// map opens on (the newest with statuses, as <c>MapPage</c> picks it) and the newest year before the 2025 merger
/// (the last year with districts, the other side of the year slider's break); data zooms 3 to
/// <see cref="MapOptions.WarmMaxDataZoom"/>, every tile over the scope's extent and one tile around it (the fitted
/// view shows that much more).</para>
/// <para>Low priority: one tile at a time on one connection, waiting while a user's tile is being built
/// (<see cref="TileCache.WhenNoUserBuildsAsync"/>, signalled when the last one ends), and starting
/// over when the data version changes under it. A user asking for a tile it is building waits for that build
/// instead of running a second one (<see cref="TileCache.FetchAsync"/>).</para>
/// </summary>
public sealed class TileWarmer(TileQueries tiles, StatusQueries statuses, TileCache cache, IServiceScopeFactory services,
    IOptions<MapOptions> options, TimeProvider clock, ILogger<TileWarmer> log) : BackgroundService
{
    /// <summary>First data zoom warmed (a national view is never fitted further out).</summary>
    public const int MinDataZoom = 3;

    private TileWarmRun? last;

    /// <summary>The last finished warm-up (null before the first): tests wait for the version they wrote.</summary>
    public TileWarmRun? Last => Volatile.Read(ref last);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.WarmTiles) return;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var version = await tiles.DataVersionAsync(stoppingToken);
                if (version != Last?.Version && await WarmAsync(version, stoppingToken) is { } run)
                {
                    Volatile.Write(ref last, run);
                    log.LogInformation("Warmed {Tiles} status tiles ({Built} built) of data version {Version} for {Scopes} in {Elapsed} (app CPU {Cpu})",
                        run.Tiles, run.Built, run.Version, string.Join("; ", run.Scopes), run.Elapsed, run.ProcessCpu);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogWarning(e, "Tile warm-up failed; tiles are built on request until the next try");
            }
            try { await Task.Delay(TimeSpan.FromSeconds(o.WarmCheckSeconds), clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Warms the tiles of <paramref name="version"/>; null when the version changed meanwhile (the next check starts over).</summary>
    public async Task<TileWarmRun?> WarmAsync(long version, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (count, built) = (0, 0);
        var warmed = new List<string>();
        foreach (var scope in await ScopesAsync(ct))
        {
            var years = await statuses.YearsAsync(scope, ct);
            if (years.Count == 0) continue;
            var before = years.LastOrDefault(y => !MapDates.IsAfterBreak(y));
            foreach (var year in new[] { years[^1], before }.Where(y => y != 0).Distinct())
            {
                if (await statuses.CountAsync(year, scope, ct) < options.Value.VectorTilesFromUnits) continue;
                if (await tiles.ExtentAsync(year, scope, ct) is not { } extent) continue;
                warmed.Add($"{scope} {year}");
                for (var z = MinDataZoom; z <= options.Value.WarmMaxDataZoom; z++)
                {
                    if (await tiles.DataVersionAsync(ct) != version) return null;
                    foreach (var tile in TileAddress.Covering(extent, z, margin: 1))
                    {
                        await cache.WhenNoUserBuildsAsync(ct);
                        var key = new TileKey(TileLayer.Status, tile, year, scope.ToString(), version);
                        var (_, outcome) = await cache.FetchAsync(key, () => tiles.TileAsync(TileLayer.Status, tile, year, scope, ct), background: true);
                        count++;
                        if (outcome == TileCacheOutcome.Built) built++;
                    }
                }
            }
        }
        return new TileWarmRun(version, warmed, count, built, watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    private Task<IReadOnlyList<AreaScope>> ScopesAsync(CancellationToken ct) => FirstViewScopesAsync(services, ct);

    /// <summary>The scopes whose first view is warmed: the whole country, and every province an account is limited to
    /// (an account limited to communes sees a few: GeoJSON).</summary>
    internal static async Task<IReadOnlyList<AreaScope>> FirstViewScopesAsync(IServiceScopeFactory services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<AuthDb>();
        var provinces = await users.Users.Where(u => u.AreaProvinceCode != null && u.AreaProvinceCode != "")
            .Select(u => u.AreaProvinceCode!).Distinct().OrderBy(c => c).ToListAsync(ct);
        return [AreaScope.Everything, .. provinces.Select(AreaScope.Province)];
    }
}
