using System.Collections.Concurrent;
using DiaBan.Geo.Queries;

namespace DiaBan.Web.Map;

/// <summary>
/// What the map page reads before its first view can be drawn — the years with assessments in the scope
/// (<see cref="StatusQueries.YearsAsync"/>), the number of communes of a year (<see cref="StatusQueries.CountAsync"/>:
/// tiles or GeoJSON) and the status tile view (<see cref="TileQueries.StatusViewAsync"/>: data version, extent of the
/// scope's communes, districts) — kept per scope while the data version stays the same. Measured in the national map
/// test's server timeline (under load): the three took 0.5 s of the 0.55 s prerendering of /map over the 11,069
/// national communes (the extent alone 0.28–0.36 s); checking that what is kept is current is one row
/// (<see cref="TileQueries.DataVersionAsync"/>). Every write to units, lineage, statuses or incidents bumps the version
/// (migration TileDataVersion), so nothing kept is older than the tiles it names. Filled by the map page and, for the
/// accounts' first views, by <see cref="DiaBan.Web.Hosting.MapStartWarmUp"/>. Keys are the scope itself: one scope's
/// reads are never handed to another.
/// </summary>
public sealed class StatusViewCache(StatusQueries statuses, TileQueries tiles)
{
    // a few scopes per province account; bounded against many commune-list accounts
    private const int MaxScopes = 256;
    private readonly ConcurrentDictionary<string, ScopeReads> scopes = new();

    /// <summary>The scope's reads at the current data version (one query when they are kept).</summary>
    public async Task<ScopeReads> ForAsync(AreaScope scope, CancellationToken ct = default)
    {
        var version = await tiles.DataVersionAsync(ct);
        var key = scope.ToString();
        if (scopes.TryGetValue(key, out var kept) && kept.Version == version) return kept;
        var reads = new ScopeReads(version, scope, await statuses.YearsAsync(scope, ct), statuses, tiles);
        if (scopes.Count >= MaxScopes) scopes.Clear();
        // read at the same time by another request (or the warm-up): one set of reads per version, the newest kept
        return scopes.AddOrUpdate(key, reads, (_, other) => other.Version >= version ? other : reads);
    }

    /// <summary>One scope's reads at one data version; the per-year ones are read on first use.</summary>
    public sealed class ScopeReads(long version, AreaScope scope, IReadOnlyList<int> years, StatusQueries statuses, TileQueries tiles)
    {
        private readonly ConcurrentDictionary<int, Lazy<Task<int>>> counts = new();
        private readonly ConcurrentDictionary<int, Lazy<Task<StatusTileView>>> views = new();

        /// <summary>The data version these were read at.</summary>
        public long Version { get; } = version;

        /// <summary>Years with at least one assessment inside the scope, ascending.</summary>
        public IReadOnlyList<int> Years { get; } = years;

        /// <summary>Communes of the scope valid at the end of <paramref name="year"/>.</summary>
        public Task<int> CountAsync(int year) =>
            Kept(counts, year, () => statuses.CountAsync(year, scope));

        /// <summary>The status tile view of <paramref name="year"/>.</summary>
        public Task<StatusTileView> ViewAsync(int year) =>
            Kept(views, year, () => tiles.StatusViewAsync(year, scope));

        // one read per year; a failed read is not kept
        private static async Task<T> Kept<T>(ConcurrentDictionary<int, Lazy<Task<T>>> kept, int year, Func<Task<T>> read)
        {
            var entry = kept.GetOrAdd(year, _ => new Lazy<Task<T>>(read));
            try
            {
                return await entry.Value;
            }
            catch
            {
                kept.TryRemove(new KeyValuePair<int, Lazy<Task<T>>>(year, entry));
                throw;
            }
        }
    }
}
