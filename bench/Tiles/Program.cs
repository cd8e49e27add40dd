using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Bench.Load;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Statistics.Runs;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Testing;
using Npgsql;

// Vector tile benchmark (issue 12): GET /tiles/{layer}/{z}/{x}/{y}.mvt through the running app (HTTP, sign-in token,
// area scope, data version, ETag, cache) against the bare ST_AsMVT query it runs (TileQueries.Sql), timed beside it
// on the same tiles in the same run (status, incidents, and one statistics layer: hot spots). National layers: the demo database plus the real pre-2025 provinces and communes.
//   dotnet run -c Release --project bench/Tiles -- [--tiles-per-zoom 30] [--web-dll path/to/DiaBan.Web.dll] [--no-analyze] [--per-tile] [--explain] [--keep] [--recycle]
// --no-analyze: measure right after the boundary import without ANALYZE, while the planner still has the statistics
// of the demo-only admin_unit (until autovacuum's analyze runs, at a moment of its own: what made the status p95
// swing between runs before the bench analyzed)
var perZoom = Option("--tiles-per-zoom", 30);
var analyze = !args.Contains("--no-analyze");
// --keep: leave the national database for psql afterwards (its name is printed); --explain: print EXPLAIN (ANALYZE) of
// the status statements (province, district, commune) and the incident cells on one tile each, twice on one backend
// (to see planning, execution and any JIT block), then stop
var keep = args.Contains("--keep");
var explain = args.Contains("--explain");
// --per-tile: print each measured tile of the status layer (order, tile, bare ms, cold request ms, app's statement ms) to stderr
var perTile = args.Contains("--per-tile");
// --recycle: end the app's tile backends after the import (diagnostic: backends opened before the import against new ones)
var recycle = args.Contains("--recycle");
const string DemoPassword = "DiaBan-demo-2026"; // the published demo password (src/Web/Auth/DemoAccounts.cs)

var admin = await TestCluster.AdminConnectionStringAsync();
var connectionString = await TestDatabases.CreateAsync(admin, "diaban_tiles");
try
{
    var webDll = Text("--web-dll") ?? RepoPaths.Repo("src", "Web", "bin", "Release", "net10.0", "DiaBan.Web.dll");
    Console.Error.WriteLine($"starting {webDll} (migrations and demo seed on a fresh database)…");
    // no tile warm-up (TileWarmer): "cold" is the endpoint building the tile on request; no cell model training
    // (CellModelTrainer trains the demo province's patrol model at start-up: tens of CPU seconds on several threads,
    // which overlapped the first measured layer by a varying amount of time and made its p95 swing between runs)
    await using var web = await WebProcess.StartAsync(webDll, connectionString, TimeSpan.FromMinutes(10),
        new Dictionary<string, string> { ["Map__WarmTiles"] = "false", ["CellModel__Enabled"] = "false" });
    Console.Error.WriteLine("importing the national pre-2025 provinces, districts and communes…");
    var imported = await NationalLayers.ImportPre2025Async(connectionString);
    Console.Error.WriteLine($"imported {imported.Provinces} provinces, {imported.Districts} districts, {imported.Communes} communes");

    await using var data = NpgsqlDataSource.Create(connectionString);
    var importedAt = DateTimeOffset.UtcNow;
    if (analyze)
    {
        // the steady state of a national database: the planner knows the imported units (the boundary importer does not
        // analyze; autovacuum would, within a minute or so, in the middle of the measurement)
        await using var c = data.CreateCommand("ANALYZE admin_unit; ANALYZE status_assessment; ANALYZE incident");
        await c.ExecuteNonQueryAsync();
    }
    if (recycle)
    {
        // the app's tile connections were opened (and warmed) before the import: end their backends, so the app opens
        // new ones after it (TileConnections drops a broken connection and runs the statement again on a new one)
        await using var c = data.CreateCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'DiaBan tiles'");
        Console.Error.WriteLine($"ended {await c.ExecuteScalarAsync()} tile backends of the app");
        await Task.Delay(TimeSpan.FromSeconds(5)); // let its background check drop the others
    }
    int year;
    await using (var c = data.CreateCommand("SELECT max(year) FROM status_assessment WHERE year < 2025")) year = (int)(await c.ExecuteScalarAsync())!;
    var tiles = await TileSetAsync(data, year, perZoom);
    Console.Error.WriteLine($"{tiles.Count} tiles, zoom 5–10, year {year}");
    if (explain) { await ExplainAsync(data, tiles, year); return 0; } // EXPLAIN only, no timing

    using var client = await ClientAsync(web.BaseAddress, "admin@diaban.local");
    var rows = new List<(string Layer, string Phase, Latencies L)>();
    var zoomRows = new List<(string Layer, int Zoom, Latencies Bare, Latencies Cold)>();
    // where a cold request's time goes: the app's own tile statement (its Server-Timing header) and the rest
    var splitRows = new List<(string Layer, Latencies Bare, Latencies Cold, Latencies Statement, Latencies Session, Latencies Others)>();
    // the hot spot layer: Gi* of the year's incidents over the national communes, computed once by the app (timed
    // below as the one-off computation); its bare query gets the same per-commune arrays, computed here in process
    var statistics = await HotSpotArraysAsync(data, year);
    var oneOff = new List<string>();
    foreach (var (layer, name) in new[] { (TileLayer.Status, "status"), (TileLayer.Incidents, "incidents"), (TileLayer.HotSpots, "hotspots") })
    {
        string Url(TileAddress t) => layer == TileLayer.HotSpots
            ? $"/tiles/hotspots/{t.Z}/{t.X}/{t.Y}.mvt?indicator=incidents&period={year}&fdr=true"
            : $"/tiles/{name}/{t.Z}/{t.X}/{t.Y}.mvt?year={year}";
        Task<double> BareAsync(TileAddress t) => layer == TileLayer.HotSpots ? BareStatisticsAsync(data, layer, t, statistics) : BareStatusAsync(data, layer, t, year);
        // warm the plan caches and the connection pools on tiles outside the measured set (for the hot spots: the
        // app's one computation of the statistic, which every later tile of the view reuses)
        await BareAsync(new TileAddress(0, 0, 0));
        var first = Stopwatch.StartNew();
        (await client.GetAsync(Url(new TileAddress(0, 0, 0)))).EnsureSuccessStatusCode();
        oneOff.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: first tile (0/0/0) {first.Elapsed.TotalMilliseconds:0} ms"));

        var bare = new Latencies();
        var cold = new Latencies();
        var bareByZoom = tiles.Select(t => t.Z).Distinct().ToDictionary(z => z, _ => new Latencies());
        var coldByZoom = bareByZoom.Keys.ToDictionary(z => z, _ => new Latencies());
        var warm = new Latencies();
        var revalidated = new Latencies();
        var statement = new Latencies();
        var rest = new Latencies();
        var session = new Latencies();
        var etags = new Dictionary<TileAddress, string>();
        // cold: the first time the app serves the tile; the bare query runs just before or just after it, alternately
        for (var i = 0; i < tiles.Count; i++)
        {
            var t = tiles[i];
            double b;
            (string ETag, double Total, double? Statement, double? Session) c;
            if (i % 2 == 0) { b = await BareAsync(t); c = await TimeGetAsync(client, Url(t), cold, coldByZoom[t.Z], null); }
            else { c = await TimeGetAsync(client, Url(t), cold, coldByZoom[t.Z], null); b = await BareAsync(t); }
            etags[t] = c.ETag;
            if (perTile && layer == TileLayer.Status)
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tile {i,3} {t,-12} bare {b,6:0.0} cold {c.Total,6:0.0} statement {c.Statement ?? double.NaN,6:0.0}"));
            if (c.Statement is { } ms)
            {
                statement.Add(ms, 200);
                rest.Add(c.Total - ms - (c.Session ?? 0), 200);
            }
            if (c.Session is { } sms) session.Add(sms, 200);
            bare.Add(b, 200);
            bareByZoom[t.Z].Add(b, 200);
        }
        foreach (var z in bareByZoom.Keys.Order()) zoomRows.Add((name, z, bareByZoom[z], coldByZoom[z]));
        splitRows.Add((name, bare, cold, statement, session, rest));
        foreach (var t in tiles) await TimeGetAsync(client, Url(t), warm, null, null);
        foreach (var t in tiles) await TimeGetAsync(client, Url(t), revalidated, null, etags[t]);
        rows.Add((name, "bare `ST_AsMVT` query (Npgsql, same SQL and parameters)", bare));
        rows.Add((name, "`GET /tiles` cold (first request of the tile)", cold));
        rows.Add((name, "`GET /tiles` warm (in-process cache hit)", warm));
        rows.Add((name, "`GET /tiles` with If-None-Match (304)", revalidated));
    }

    string autoAnalyzed;
    await using (var c = data.CreateCommand("SELECT last_autoanalyze, last_analyze FROM pg_stat_user_tables WHERE relname = 'admin_unit'"))
    await using (var r = await c.ExecuteReaderAsync())
    {
        await r.ReadAsync();
        string When(int i) => r.IsDBNull(i) ? "never" : string.Create(CultureInfo.InvariantCulture, $"{(r.GetFieldValue<DateTimeOffset>(i) - importedAt).TotalSeconds:+0;-0} s after the import");
        autoAnalyzed = $"admin_unit analyzed: by the bench {When(1)}, by autovacuum {When(0)}";
    }
    var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
    Console.WriteLine($"{tiles.Count} tiles ({perZoom} per zoom 5–10, each the tile of a random commune), year {year}, {imported.Communes:N0} national communes; " +
        $"sequential requests; {Environment.ProcessorCount} cores, load average {load} at the end; app: {Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(webDll)))}");
    Console.WriteLine($"one-off (not in the table): {string.Join("; ", oneOff)}; the hot spot statistic ({statistics.UnitIds.Length:N0} communes) computed in {statistics.Took.TotalSeconds:0.0} s in the bench process");
    Console.WriteLine($"{(analyze ? "ANALYZE after the import" : "no ANALYZE after the import (--no-analyze)")}; {autoAnalyzed}");
    Console.WriteLine();
    Console.WriteLine("| layer | measured | tiles | p50 ms | p95 ms | × bare p95 | non-200/304 |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
    foreach (var group in rows.GroupBy(r => r.Layer))
    {
        var bareP95 = group.First().L.Percentile(95);
        foreach (var (layer, phase, l) in group)
        {
            var bad = l.Count - l.Status(200) - l.Status(304);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {layer} | {phase} | {l.Count} | {l.Percentile(50):0.0} | {l.Percentile(95):0.0} | {l.Percentile(95) / bareP95:0.00} | {bad} |"));
        }
    }
    Console.WriteLine();
    Console.WriteLine("Per zoom, the first request of each tile (cold) against the bare query of the same tile:");
    Console.WriteLine();
    Console.WriteLine("| layer | zoom | MVT layer | tiles | bare p50 ms | bare p95 ms | `/tiles` cold p50 ms | `/tiles` cold p95 ms | × bare p95 |");
    Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|");
    foreach (var (layer, zoom, b, c) in zoomRows)
    {
        var mvt = layer == "hotspots" ? "statistics" : TileQueries.Sql(TilesApi(layer), zoom).LayerName;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {layer} | {zoom} | {mvt} | {b.Count} | {b.Percentile(50):0.0} | {b.Percentile(95):0.0} | {c.Percentile(50):0.0} | {c.Percentile(95):0.0} | {c.Percentile(95) / b.Percentile(95):0.00} |"));
    }
    Console.WriteLine();
    Console.WriteLine("Where the cold request's time goes, as its `Server-Timing` header gives it: the app's tile statement (pool, statement, reading the bytes: what the bare query times), the session check (the user's row: SessionValidation) and the rest of the request (HTTP, token, scope, cache, response):");
    Console.WriteLine();
    Console.WriteLine("| layer | bare p50 ms | app's statement p50 ms | session check p50 ms | cold request p50 ms | rest p50 ms | bare p95 ms | app's statement p95 ms | session check p95 ms | cold request p95 ms | rest p95 ms | tiles with the header |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var (layer, b, c, st, se, r) in splitRows)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {layer} | {b.Percentile(50):0.0} | {st.Percentile(50):0.0} | {se.Percentile(50):0.0} | {c.Percentile(50):0.0} | {r.Percentile(50):0.0} | {b.Percentile(95):0.0} | {st.Percentile(95):0.0} | {se.Percentile(95):0.0} | {c.Percentile(95):0.0} | {r.Percentile(95):0.0} | {st.Count} |"));
    }
    return 0;
}
finally
{
    if (keep) Console.Error.WriteLine($"kept database {TestDatabases.DatabaseName(connectionString)}");
    else await TestDatabases.DropAsync(admin, connectionString);
}

static async Task ExplainAsync(NpgsqlDataSource data, List<TileAddress> tiles, int year)
{
    await using var connection = await data.OpenConnectionAsync();
    foreach (var (layer, z) in new[] { (TileLayer.Status, 5), (TileLayer.Status, 6), (TileLayer.Status, 7), (TileLayer.Status, 9), (TileLayer.Incidents, 7) })
    {
        var tile = tiles.First(t => t.Z == z);
        for (var run = 1; run <= 2; run++)
        {
            await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, SUMMARY, COSTS) " + TileQueries.Sql(layer, z).Sql, connection);
            TileQueries.AddParameters(command, tile, year, AreaScope.Everything);
            var lines = new List<string>();
            await using (var r = await command.ExecuteReaderAsync())
                while (await r.ReadAsync()) lines.Add(r.GetString(0));
            Console.WriteLine($"-- EXPLAIN {layer} {tile} run {run}: total cost line, JIT and timing");
            foreach (var l in lines.Where((l, i) => i == 0 || l.Contains("JIT") || l.Contains("Functions:") || l.Contains("Options:") || l.TrimStart().StartsWith("Timing:") || l.Contains("Planning Time") || l.Contains("Execution Time")))
                Console.WriteLine("   " + l);
        }
    }
}

static TileLayer TilesApi(string name) => name == "status" ? TileLayer.Status : TileLayer.Incidents;

// per zoom, the tiles under the point-on-surface of random communes of the year (seeded): tiles with data in them
static async Task<List<TileAddress>> TileSetAsync(NpgsqlDataSource data, int year, int perZoom)
{
    var points = new List<(double Lon, double Lat)>();
    await using (var c = data.CreateCommand("""
        SELECT ST_X(p), ST_Y(p) FROM (
            SELECT ST_PointOnSurface(geom) AS p FROM admin_unit
            WHERE level = 'commune' AND valid_from <= make_date(@y, 12, 31) AND (valid_to IS NULL OR make_date(@y, 12, 31) < valid_to)
            ORDER BY md5(code) LIMIT 2000) x
        """))
    {
        c.Parameters.AddWithValue("y", year);
        await using var r = await c.ExecuteReaderAsync();
        while (await r.ReadAsync()) points.Add((r.GetDouble(0), r.GetDouble(1)));
    }
    var set = new List<TileAddress>();
    for (var z = 5; z <= 10; z++)
    {
        set.AddRange(points.Select(p => TileOf(z, p.Lon, p.Lat)).Distinct().Take(perZoom));
    }
    return set;
}

static TileAddress TileOf(int z, double lon, double lat)
{
    var n = 1 << z;
    var r = lat * Math.PI / 180;
    return new TileAddress(z, (int)Math.Floor((lon + 180) / 360 * n), (int)Math.Floor((1 - Math.Log(Math.Tan(r) + 1 / Math.Cos(r)) / Math.PI) / 2 * n));
}

static async Task<double> BareStatisticsAsync(NpgsqlDataSource data, TileLayer layer, TileAddress tile, (StatisticsTileData Data, TimeSpan Took, int[] UnitIds) statistics)
{
    var watch = Stopwatch.StartNew();
    await using var command = data.CreateCommand(TileQueries.StatisticsSql(layer).Sql);
    TileQueries.AddStatisticsParameters(command, tile, statistics.Data, AreaScope.Everything);
    var bytes = await command.ExecuteScalarAsync() as byte[];
    GC.KeepAlive(bytes);
    return watch.Elapsed.TotalMilliseconds;
}

// the arrays the app passes for /tiles/hotspots?indicator=incidents&period=YEAR&fdr=true (as StatisticsTiles builds
// them; the legend key as StatisticsKeys.Local gives it)
static async Task<(StatisticsTileData Data, TimeSpan Took, int[] UnitIds)> HotSpotArraysAsync(NpgsqlDataSource data, int year)
{
    var watch = Stopwatch.StartNew();
    var service = new HotSpotService(new StatisticsLayers(data));
    var result = await service.LocalAsync(LocalStatistic.GiStar, StatisticsLayers.Incidents, ReportPeriod.Year(year), AreaScope.Everything, new LayerRunOptions { Fdr = true });
    var units = result.Units.Where(u => u.Visible).ToArray();
    static double? Finite(double? v) => v is { } d && double.IsFinite(d) ? d : null;
    var arrays = new StatisticsTileData(
        units.Select(u => u.Unit.Id).ToArray(),
        units.Select(u => u.Row is null ? "nodata" : double.IsFinite(u.Row.Z) ? u.Row.Code.ToString(CultureInfo.InvariantCulture) : "Neighbourless").ToArray(),
        units.Select(u => u.Row?.Code ?? 0).ToArray(),
        units.Select(u => Finite(u.Row?.Z)).ToArray(),
        units.Select(u => Finite(u.Row?.P)).ToArray());
    return (arrays, watch.Elapsed, arrays.UnitIds);
}

static async Task<double> BareStatusAsync(NpgsqlDataSource data, TileLayer layer, TileAddress tile, int year)
{
    // the statement the app runs: one row, the data version and the tile (TileQueries.VersionedTileAsync), read the same way
    var watch = Stopwatch.StartNew();
    await using var command = data.CreateCommand(TileQueries.Sql(layer, tile.Z).Sql);
    TileQueries.AddParameters(command, tile, year, AreaScope.Everything);
    await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow | System.Data.CommandBehavior.SequentialAccess);
    await reader.ReadAsync();
    GC.KeepAlive(reader.GetInt64(0));
    var bytes = await reader.IsDBNullAsync(1) ? [] : await reader.GetFieldValueAsync<byte[]>(1);
    GC.KeepAlive(bytes);
    return watch.Elapsed.TotalMilliseconds;
}

static Dictionary<string, double?> ServerTimings(string header) =>
    header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(m => m.Split(';', StringSplitOptions.TrimEntries))
        .Where(p => p.Length > 1 && p[1].StartsWith("dur=", StringComparison.Ordinal))
        .ToDictionary(p => p[0], p => double.TryParse(p[1]["dur=".Length..], CultureInfo.InvariantCulture, out var ms) ? ms : (double?)null);

static async Task<(string ETag, double Total, double? Statement, double? Session)> TimeGetAsync(HttpClient client, string url, Latencies into, Latencies? alsoInto, string? etag)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, url);
    if (etag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
    var watch = Stopwatch.StartNew();
    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
    await response.Content.ReadAsByteArrayAsync();
    into.Add(watch.Elapsed.TotalMilliseconds, (int)response.StatusCode);
    alsoInto?.Add(watch.Elapsed.TotalMilliseconds, (int)response.StatusCode);
    // "session;dur=0.45, tile;dur=12.34": the app's session check and tile statement (TilesApi.ServerTiming), on tiles this request built
    var metrics = response.Headers.TryGetValues("Server-Timing", out var timing) ? ServerTimings(string.Join(",", timing)) : [];
    return (response.Headers.ETag?.Tag ?? "", watch.Elapsed.TotalMilliseconds, metrics.GetValueOrDefault("tile"), metrics.GetValueOrDefault("session"));
}

static async Task<HttpClient> ClientAsync(Uri baseAddress, string email)
{
    var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
    var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = DemoPassword });
    login.EnsureSuccessStatusCode();
    var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return client;
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) && value > 0 ? value : fallback;
}

string? Text(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
