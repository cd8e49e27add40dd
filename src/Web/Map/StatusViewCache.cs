using System.Collections.Concurrent;
using DiaBan.Geo.Queries;

namespace DiaBan.Web.Map;

/// <summary>
/// What the national map's first view reads before it can ask for status tiles (<see cref="TileQueries.StatusViewAsync"/>:
/// data version, extent of the scope's communes, districts), kept per scope and year while the data version stays the
/// same. Reading it is an <c>ST_Extent</c> over every commune of the scope (0.28–0.36 s of the 0.55 s prerendering of
/// /map over the 11,069 national communes, measured under load); checking that it is still current is one row
/// (<see cref="TileQueries.DataVersionAsync"/>). Every write that changes units or statuses bumps the version
/// (migration TileDataVersion), so a kept view is never older than the tiles it names. Filled by the map page and, for
/// the first views of the accounts, by <see cref="DiaBan.Web.Hosting.MapStartWarmUp"/>.
/// </summary>
public sealed class StatusViewCache(TileQueries tiles)
{
    // scopes × years: a few per province account; bounded against many commune-list accounts
    private const int MaxViews = 512;
    private readonly ConcurrentDictionary<(string Scope, int Year), StatusTileView> views = new();

    /// <summary>The view of <paramref name="year"/> for <paramref name="scope"/>, read again only when the data changed.</summary>
    public async Task<StatusTileView> GetAsync(int year, AreaScope scope, CancellationToken ct = default)
    {
        var key = (scope.ToString(), year);
        if (views.TryGetValue(key, out var kept) && kept.DataVersion == await tiles.DataVersionAsync(ct)) return kept;
        var view = await tiles.StatusViewAsync(year, scope, ct);
        if (views.Count >= MaxViews) views.Clear();
        views[key] = view;
        return view;
    }
}
