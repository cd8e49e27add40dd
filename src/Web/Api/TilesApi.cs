using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using Microsoft.AspNetCore.Authorization;
using DiaBan.Web.Auth;
using DiaBan.Web.Hosting.Options;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DiaBan.Web.Api;

/// <summary>
/// GET /tiles/{layer}/{z}/{x}/{y}.mvt?year=: Mapbox vector tiles of the caller's area (<see cref="TileQueries"/>).
/// Each answer carries an ETag made of the data version and the caller's scope; a request whose If-None-Match still
/// matches gets 304 without touching the tile, and built tiles stay in <see cref="TileCache"/>.
/// </summary>
public static class TilesApi
{
    /// <summary>Route names of the layers (lower case, as in the URL).</summary>
    public static IReadOnlyDictionary<string, TileLayer> Layers { get; } = new Dictionary<string, TileLayer>(StringComparer.Ordinal)
    {
        ["status"] = TileLayer.Status,
        ["incidents"] = TileLayer.Incidents,
        ["hotspots"] = TileLayer.HotSpots,
        ["clusters"] = TileLayer.Clusters,
        ["emerging"] = TileLayer.Emerging,
        ["density"] = TileLayer.Density,
    };

    public static IEndpointRouteBuilder MapTilesApi(this IEndpointRouteBuilder app)
    {
        // no named policy: every signed-in user reads the map of his own area (the fallback policy refuses anonymous callers)
        app.MapGet("/tiles/{layer}/{z}/{x}/{y}.mvt", GetTileAsync)
            .WithTags("Tiles")
            .WithSummary("A Mapbox vector tile of the caller's area: layer status (communes of the year; provinces with counts by status up to zoom 7) or incidents (points from zoom 11, counts per cell below) with ?year=; or a statistics layer hotspots, clusters, emerging, density with the parameters of /api/hotspots, /api/clusters, /api/emerging, /api/density (layer 'statistics': code, name, key, bin/cluster/category, z, p; layer 'density': key, density).")
            .Produces(StatusCodes.Status200OK, contentType: TileQueries.MediaType)
            .Produces(StatusCodes.Status304NotModified);
        return app;
    }

    public static async Task<IResult> GetTileAsync(
        HttpContext http, TileQueries queries, TileCache cache, StatisticsTiles statistics, IAuthorizationService authorization,
        string layer, string z, string x, string y, int? year, CancellationToken ct)
    {
        if (!Layers.TryGetValue(layer, out var tileLayer))
            return ApiProblems.BadRequest($"layer must be one of: {string.Join(", ", Layers.Keys)}");
        if (!TryCoordinate(z, out var zi) || !TryCoordinate(x, out var xi) || !TryCoordinate(y, out var yi))
            return ApiProblems.BadRequest("z, x and y are whole numbers");
        var tile = new TileAddress(zi, xi, yi);
        if (tile.Problem() is { } problem) return ApiProblems.BadRequest(problem);
        if (TileQueries.IsStatistics(tileLayer)) return await GetStatisticsTileAsync(http, queries, cache, statistics, authorization, tileLayer, tile, ct);
        if (year is not { } yr || !ApiInput.IsYear(yr))
            return ApiProblems.BadRequest($"year is required, {ApiInput.FirstYear}–{ApiInput.LastYear}");

        // the scope comes from the signed-in user's claims (issued and signed by this server), never from the request
        var scope = UserAreaScope.For(http.User);
        var scopeKey = scope.ToString();
        // Cache-Control "private, no-cache" comes from SecurityHeaders: the browser keeps the tile and asks each time
        var ifNoneMatch = http.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0 && cache.LatestVersion is { } seen && !cache.Knows(new TileKey(tileLayer, tile, yr, scopeKey, seen)))
        {
            // a tile not built under the newest version this process has seen, and nothing to revalidate: build it
            // with the version in the same statement (one round trip; the bytes are keyed and tagged by the version
            // they were read with, so a change committed by any process since is never hidden)
            var started = Stopwatch.GetTimestamp();
            var fresh = await cache.BuildVersionedAsync(v => new TileKey(tileLayer, tile, yr, scopeKey, v),
                () => queries.VersionedTileAsync(tileLayer, tile, yr, scope, ct));
            http.Response.Headers.ETag = cache.ETag(fresh.DataVersion, scopeKey);
            http.Response.Headers[TileCache.OutcomeHeader] = BuiltOutcome;
            http.Response.Headers[ServerTiming] = Timing(http, started);
            return TypedResults.Bytes(fresh.Bytes, TileQueries.MediaType);
        }

        // the tile may be built (or being built), or the browser revalidates: the version first, then 304, the cache, or a build
        var version = await queries.DataVersionAsync(ct);
        cache.NoteVersion(version);
        var etag = cache.ETag(version, scopeKey);
        http.Response.Headers.ETag = etag;
        if (Matches(ifNoneMatch, etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);

        long? buildStarted = null;
        var (bytes, outcome) = await cache.FetchAsync(new TileKey(tileLayer, tile, yr, scopeKey, version),
            () => { buildStarted = Stopwatch.GetTimestamp(); return queries.TileAsync(tileLayer, tile, yr, scope, ct); });
        if (buildStarted is { } b) http.Response.Headers[ServerTiming] = Timing(http, b);
        http.Response.Headers[TileCache.OutcomeHeader] = outcome switch
        {
            TileCacheOutcome.Hit => "hit", TileCacheOutcome.Joined => "joined", _ => BuiltOutcome,
        };
        return TypedResults.Bytes(bytes, TileQueries.MediaType);
    }

    private const string BuiltOutcome = "built";

    /// <summary>Response header of a tile built by this request: <c>session;dur=</c> the milliseconds of the session
    /// check (<see cref="SessionValidation"/>) and <c>tile;dur=</c> those of the tile's statement in the app (devtools
    /// show them; bench/Tiles sets them beside the request's own time and the bare query's).</summary>
    public const string ServerTiming = "Server-Timing";

    private static string Timing(HttpContext http, long started)
    {
        var tile = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return SessionValidation.Elapsed(http) is { } session
            ? string.Create(CultureInfo.InvariantCulture, $"{SessionValidation.TimingName};dur={session.TotalMilliseconds:0.00}, tile;dur={tile:0.00}")
            : string.Create(CultureInfo.InvariantCulture, $"tile;dur={tile:0.00}");
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        foreach (var value in ifNoneMatch)
        foreach (var tag in (value ?? "").Split(','))
            if (tag.Trim() == etag) return true;
        return false;
    }

    // the statistics layers: the same policy and parameters as the GeoJSON statistics API, results computed once per
    // scope, parameters and data version (StatisticsTiles), then one ST_AsMVT query per tile
    private static async Task<IResult> GetStatisticsTileAsync(HttpContext http, TileQueries queries, TileCache cache, StatisticsTiles statistics,
        IAuthorizationService authorization, TileLayer layer, TileAddress tile, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(http.User, DiaBanPolicies.CanViewStatistics)).Succeeded) return TypedResults.Forbid();
        var (request, problem) = StatisticsTileRequest.Parse(layer, http.Request.Query);
        if (request is null) return problem!;
        var scope = UserAreaScope.For(http.User);
        var version = await queries.DataVersionAsync(ct);
        cache.NoteVersion(version);
        var etag = TileCache.ETag(version, scope, request.Canonical);
        http.Response.Headers.ETag = etag;
        if (Matches(http.Request.Headers.IfNoneMatch, etag))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        try
        {
            var bytes = await cache.GetOrBuildAsync(new TileKey(layer, tile, 0, scope.ToString(), version, request.Canonical), async () =>
            {
                var data = await statistics.DataAsync(request, scope, version).WaitAsync(ct);
                return await queries.StatisticsTileAsync(layer, tile, data, scope, ct);
            });
            return TypedResults.Bytes(bytes, TileQueries.MediaType);
        }
        catch (StatisticsUnavailableException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }
    }

    private static bool TryCoordinate(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}

/// <summary>What identifies a built tile: the same key always means the same bytes (the data version is part of it).</summary>
public readonly record struct TileKey(TileLayer Layer, TileAddress Tile, int Year, string Scope, long DataVersion, string Parameters = "");

/// <summary>How a tile request was answered from <see cref="TileCache"/>: already built (<see cref="Hit"/>), by waiting
/// for a build already running for the same key (<see cref="Joined"/>: a user's request meeting <see cref="TileWarmer"/>'s
/// build, or two users at once), or built now.</summary>
public enum TileCacheOutcome { Hit, Joined, Built }

/// <summary>
/// Built vector tiles in memory, bounded by <see cref="MapOptions.TileCacheMegabytes"/>. Keys carry the data version
/// (<see cref="TileQueries.DataVersionAsync"/>), so an import, a classification or an official status makes every
/// older entry unreachable at once, in every process; unreachable entries leave as the size limit is reached.
/// Concurrent requests for the same key share one build. <see cref="TileWarmer"/> fills it in the background.
/// </summary>
public sealed class TileCache : IDisposable
{
    /// <summary>Response header naming the <see cref="TileCacheOutcome"/> of a 200 tile (lower case): tests and devtools
    /// see whether the warm-up served the first user.</summary>
    public const string OutcomeHeader = "X-Tile-Cache";

    private readonly MemoryCache cache;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TileKey, Task<byte[]>> building = new();

    public TileCache(IOptions<MapOptions> options)
    {
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.TileCacheMegabytes * 1024L * 1024L });
    }

    /// <summary>Tiles built since start (a cache hit builds nothing): lets tests see the cache at work.</summary>
    public long Built => Interlocked.Read(ref built);

    /// <summary>Requests answered from a tile built before (or by joining a build in progress) since start.</summary>
    public long Hits => Interlocked.Read(ref hits);

    /// <summary>Builds for users (not the warm-up) running now: <see cref="TileWarmer"/> waits while there are any.</summary>
    public int UserBuilds { get { lock (idleLock) return userBuilds; } }

    private long built;
    private long hits;
    private int userBuilds;

    /// <summary>Whether the tile of this key is built and kept (no build, no wait).</summary>
    public bool Contains(TileKey key) => cache.TryGetValue(key, out byte[]? _);

    /// <summary>Whether the tile of this key is built and kept, or being built now.</summary>
    public bool Knows(TileKey key) => building.ContainsKey(key) || cache.TryGetValue(key, out byte[]? _);

    private long latestVersion = -1;

    /// <summary>
    /// The newest data version this process has read (null before the first): a hint only, to choose between reading
    /// the version first (a tile probably built) and building with the version in the same statement (a tile
    /// probably not built). No answer depends on it being current: another process's writes show in the version
    /// read either way.
    /// </summary>
    public long? LatestVersion => Interlocked.Read(ref latestVersion) is var v and >= 0 ? v : null;

    /// <summary>Records a data version just read (keeps the newest: the version only grows).</summary>
    public void NoteVersion(long version)
    {
        var seen = Interlocked.Read(ref latestVersion);
        while (version > seen)
        {
            var was = Interlocked.CompareExchange(ref latestVersion, version, seen);
            if (was == seen) return;
            seen = was;
        }
    }

    /// <summary>
    /// Builds a tile together with the data version it shows (<see cref="TileQueries.VersionedTileAsync"/>: one round
    /// trip) and keeps it under the key of that version. For a tile not known under the newest version seen: no
    /// single flight with other builds of it (a second user asking for the same unbuilt tile at the same moment builds
    /// it too), the price of not reading the version first.
    /// </summary>
    public async Task<VersionedTile> BuildVersionedAsync(Func<long, TileKey> keyOf, Func<Task<VersionedTile>> build)
    {
        BeginUserBuild();
        try
        {
            var tile = await build();
            NoteVersion(tile.DataVersion);
            Interlocked.Increment(ref built);
            cache.Set(keyOf(tile.DataVersion), tile.Bytes, new MemoryCacheEntryOptions { Size = tile.Bytes.Length + 256 });
            return tile;
        }
        finally
        {
            EndUserBuild();
        }
    }

    // user builds running now, and a task completed when there are none (TileWarmer waits on it)
    private readonly Lock idleLock = new();
    private TaskCompletionSource idle = Completed();

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    private void BeginUserBuild()
    {
        lock (idleLock)
        {
            if (userBuilds++ == 0) idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private void EndUserBuild()
    {
        TaskCompletionSource? done = null;
        lock (idleLock)
        {
            if (--userBuilds == 0) done = idle;
        }
        done?.TrySetResult();
    }

    /// <summary>Completes when no user's build is running (at once when none is): <see cref="TileWarmer"/> waits on it
    /// before each tile, instead of polling <see cref="UserBuilds"/>.</summary>
    public Task WhenNoUserBuildsAsync(CancellationToken ct = default)
    {
        lock (idleLock) return idle.Task.WaitAsync(ct);
    }

    public async Task<byte[]> GetOrBuildAsync(TileKey key, Func<Task<byte[]>> build) => (await FetchAsync(key, build)).Bytes;

    /// <summary>
    /// The tile of the key: from the cache, from a build already running for it, or built by <paramref name="build"/>
    /// and kept. <paramref name="background"/>: the warm-up's build (not counted as a user's).
    /// </summary>
    public async Task<(byte[] Bytes, TileCacheOutcome Outcome)> FetchAsync(TileKey key, Func<Task<byte[]>> build, bool background = false)
    {
        NoteVersion(key.DataVersion);
        if (cache.TryGetValue(key, out byte[]? bytes) && bytes is not null)
        {
            Interlocked.Increment(ref hits);
            return (bytes, TileCacheOutcome.Hit);
        }
        var mine = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = building.GetOrAdd(key, mine.Task);
        if (running != mine.Task)
        {
            try
            {
                bytes = await running;
                Interlocked.Increment(ref hits);
                return (bytes, TileCacheOutcome.Joined);
            }
            catch (OperationCanceledException)
            {
                // the other caller went away (request aborted, host stopping): build it ourselves
                return (await BuildAsync(key, build, background, null), TileCacheOutcome.Built);
            }
        }
        return (await BuildAsync(key, build, background, mine), TileCacheOutcome.Built);
    }

    private async Task<byte[]> BuildAsync(TileKey key, Func<Task<byte[]>> build, bool background, TaskCompletionSource<byte[]>? shared)
    {
        if (!background) BeginUserBuild();
        try
        {
            var bytes = await build();
            Interlocked.Increment(ref built);
            // an empty tile still costs its key and the bookkeeping
            cache.Set(key, bytes, new MemoryCacheEntryOptions { Size = bytes.Length + 256 });
            shared?.TrySetResult(bytes);
            return bytes;
        }
        catch (OperationCanceledException e)
        {
            shared?.TrySetCanceled(e.CancellationToken);
            throw;
        }
        catch (Exception e)
        {
            shared?.TrySetException(e);
            throw;
        }
        finally
        {
            if (shared is not null) building.TryRemove(new KeyValuePair<TileKey, Task<byte[]>>(key, shared.Task));
            if (!background) EndUserBuild();
        }
    }

    // the hashed part of the ETag per scope, computed once per scope rather than per request
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> scopeTags = new(StringComparer.Ordinal);

    /// <summary>The ETag of <see cref="ETag(long, AreaScope, string)"/> for a scope given by its text (<see cref="AreaScope.ToString"/>).</summary>
    public string ETag(long dataVersion, string scope)
    {
        if (!scopeTags.TryGetValue(scope, out var tag))
        {
            if (scopeTags.Count > 10_000) scopeTags.Clear(); // bounded: one entry per distinct scope in use
            tag = scopeTags.GetOrAdd(scope, Hash);
        }
        return $"\"{dataVersion.ToString(CultureInfo.InvariantCulture)}-{tag}\"";
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));

    /// <summary>A strong ETag for the data version as seen by this scope (another user of the same browser gets another).</summary>
    public static string ETag(long dataVersion, AreaScope scope, string parameters = "")
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(parameters.Length == 0 ? scope.ToString() : $"{scope}\n{parameters}"));
        return new EntityTagHeaderValue($"\"{dataVersion.ToString(CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(hash.AsSpan(0, 8))}\"").ToString();
    }

    public void Dispose() => cache.Dispose();
}
