using DiaBan.Geo.Queries;
using DiaBan.Web.Hosting.Options;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Api;

/// <summary>What one renewal of the idle tile connections did (<see cref="TileConnectionWarmer"/>).</summary>
public sealed record TileRewarm(long Version, DateTimeOffset? Analyzed, int Connections, TimeSpan Elapsed);

/// <summary>
/// Keeps the idle tile connections (<see cref="TileConnections"/>) warm across data changes: reads the data version and
/// the tables' last ANALYZE (<see cref="TileQueries.ChangeMarkAsync"/>, one small statement) every
/// <see cref="MapOptions.RewarmCheckSeconds"/>, and when either changed — an import or classification by any process,
/// autovacuum's analyze after it — replaces each idle connection by a new backend that has run the tile statements
/// (<see cref="TileQueries.RenewIdleAsync"/>), one at a time, in the background. Without it the users' tiles ran on
/// backends opened before the change, which after the national import ran the province and district aggregates
/// 1.4–1.7× slower than new backends (issue 12.2, docs/performance.md "Vector tiles", session 6).
/// Independent of <see cref="MapOptions.WarmTiles"/> (which builds tiles into the cache): this builds none.
/// </summary>
public sealed class TileConnectionWarmer(TileQueries tiles, IOptions<MapOptions> options, TimeProvider clock, ILogger<TileConnectionWarmer> log)
    : BackgroundService
{
    private TileRewarm? last;

    /// <summary>The last rewarm (null before the first change seen): tests wait for it.</summary>
    public TileRewarm? Last => Volatile.Read(ref last);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RewarmCheckSeconds == 0) return;
        await Task.Yield();
        (long, DateTimeOffset?)? seen = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var mark = await tiles.ChangeMarkAsync(stoppingToken);
                // the first read is the state the start-up warm-up saw (WarmConnections): nothing to redo
                if (seen is { } before && before != mark)
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    var count = await tiles.RenewIdleAsync(stoppingToken);
                    Volatile.Write(ref last, new TileRewarm(mark.Version, mark.Analyzed, count, watch.Elapsed));
                    log.LogInformation("Renewed {Count} idle tile connections for data version {Version} (analyzed {Analyzed}) in {Elapsed}",
                        count, mark.Version, mark.Analyzed, watch.Elapsed);
                }
                seen = mark;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogWarning(e, "Tile connection rewarm failed; the next change is tried again");
            }
            try { await Task.Delay(TimeSpan.FromSeconds(options.Value.RewarmCheckSeconds), clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
