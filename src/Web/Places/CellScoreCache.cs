using DiaBan.Analytics.Places;
using DiaBan.Geo.Queries;
using DiaBan.Web.Hosting.Options;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Places;

/// <summary>
/// What a scored ranking depends on: the scope it was scored for (<see cref="AreaScope.ToString"/>: "province 31",
/// "communes 001,002", "all" — the province for the trained model, the caller's own scope for the baseline), the grid, the
/// first day, the horizon, the scorer and its version (the model's training time), and the data under it
/// (<see cref="PlaceQueries.DataVersionAsync"/> of that scope). Any change gives another key.
/// </summary>
public readonly record struct CellScoreKey(string Scope, int SizeM, DateOnly Day, ForecastHorizon Horizon, string Scorer, PlaceDataVersion Data);

/// <summary>
/// The patrol sheet's scored rankings in memory (singleton), bounded (<see cref="GridOptions.ScoreCacheEntries"/> entries,
/// each for <see cref="GridOptions.ScoreCacheMinutes"/>), so printing or reopening a sheet, or another officer of the same
/// province asking for the same day, scores once. Concurrent requests for one key share one scoring. A cached ranking is
/// only ever read back through the caller's own cells (read under his scope), so it never widens what he sees.
/// </summary>
public sealed class CellScoreCache(IOptions<GridOptions> options) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.ScoreCacheEntries) });
    private long scorings;

    /// <summary>How many rankings were scored (cache misses) since start.</summary>
    public long Scorings => Interlocked.Read(ref scorings);

    public async Task<IReadOnlyDictionary<long, CellForecast>> GetOrScoreAsync(CellScoreKey key,
        Func<CancellationToken, Task<IReadOnlyDictionary<long, CellForecast>>> score, CancellationToken ct)
    {
        if (options.Value.ScoreCacheEntries == 0) return await Score(score, ct);
        var lazy = cache.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(options.Value.ScoreCacheMinutes);
            // not the caller's token: a second request waiting on the same scoring must not be cancelled with the first
            return new Lazy<Task<IReadOnlyDictionary<long, CellForecast>>>(() => Score(score, CancellationToken.None));
        })!;
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            cache.Remove(key);
            throw;
        }
    }

    private async Task<IReadOnlyDictionary<long, CellForecast>> Score(
        Func<CancellationToken, Task<IReadOnlyDictionary<long, CellForecast>>> score, CancellationToken ct)
    {
        Interlocked.Increment(ref scorings);
        return await score(ct);
    }

    public void Dispose() => cache.Dispose();
}
