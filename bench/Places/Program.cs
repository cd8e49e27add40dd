using System.Diagnostics;
using System.Globalization;
using DiaBan.Analytics.Places;
using DiaBan.Demo.Province;
using DiaBan.Geo.Hosting;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Testing;
using Npgsql;

// Patrol-grid benchmark (issue 10): build the grid, load a scoring input and score a week for a province of about
// 80,000 cells — the demo province at the cell size that gives that many squares — beside the raw PostGIS baseline
// (bare ST_SquareGrid ∩ communes, no clipping or tagging). Usage: dotnet run -c Release --project bench/Places [-- cells=80000]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var target = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 80_000;
var root = RepositoryRoot();
var cluster = new EmbeddedPostgres(Path.Combine(root, ".diaban", "bench-places-pg"));
var admin = await cluster.StartAsync();
var connection = await TestDatabases.CreateAsync(admin, "diaban_bench_places");
await using (var db = DiaBan.Geo.Data.DiaBanDb.Create(connection)) await new DemoSeeder(db).SeedAsync(DemoProvinceGenerator.Generate());
await using var source = NpgsqlDataSource.Create(connection);

// the post-merger province area in UTM 48N decides the cell size: area / size² ≈ target squares
var area = (double)(await Scalar("SELECT sum(ST_Area(ST_Transform(geom, 32648))) FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL"))!;
var size = Math.Max(10, (int)Math.Round(Math.Sqrt(area / target) / 5) * 5);
var day = (DateOnly)(await Scalar("SELECT max(occurred_on) + 1 FROM incident"))!;
Console.WriteLine($"demo province {area / 1e6:N0} km², cell {size} m (≈ {area / size / size:N0} squares per era); {Environment.ProcessorCount} cores, load {LoadAverage()}");

var rows = new List<(string What, string Kind, double Seconds, string Note)>();
for (var run = 0; run < 2; run++) // the first run warms PostGIS and the JIT; the second is reported
{
    rows.Clear();
    var clock = Stopwatch.StartNew();
    var bare = (long)(await Scalar($"""
        SELECT count(*) FROM admin_unit c CROSS JOIN LATERAL ST_SquareGrid({size}, ST_Transform(c.geom, 32648)) s
        WHERE c.level = 'commune' AND ST_Intersects(s.geom, ST_Transform(c.geom, 32648))
        """))!;
    rows.Add(("bare ST_SquareGrid ∩ communes of both eras (count only: no clip, no tag, no write)", "raw", clock.Elapsed.TotalSeconds, $"{bare:N0} squares"));

    clock.Restart();
    GridBuildResult built;
    await using (var db = DiaBan.Geo.Data.DiaBanDb.Create(connection)) built = await new GridBuilder(db).BuildAsync(size);
    rows.Add(("`diaban grid build`: clip, tag with commune validity, centroid, write grid_cell, audit (both eras)", "ours", clock.Elapsed.TotalSeconds,
        $"{built.Cells:N0} pieces, {built.Squares:N0} squares"));

    clock.Restart();
    var queries = new PlaceQueries(source);
    var input = await queries.ScoringInputAsync(AreaScope.Everything, size, day, ForecastHorizon.Week);
    var load = clock.Elapsed.TotalSeconds;
    rows.Add(("PlaceQueries.ScoringInputAsync: cells on the day + incidents to UTM + businesses + route vertices", "ours", load,
        $"{input.Cells.Count:N0} cells, {input.History.Count:N0} incidents"));

    clock.Restart();
    var forecasts = new RecentCountScorer().Score(input);
    var score = clock.Elapsed.TotalSeconds;
    rows.Add(("RecentCountScorer.Score, one week", "ours", score, $"{forecasts.Count(f => f.Score > 0):N0} cells with risk"));
    rows.Add(("load + score a week (the sheet's path once the grid is built)", "ours", load + score, ""));
    rows.Add(("build + load + score (issue 10 target: < 5 s)", "ours", rows[1].Seconds + load + score, ""));
}

Console.WriteLine();
Console.WriteLine("| step | kind | seconds | |");
Console.WriteLine("|---|---|---:|---|");
foreach (var r in rows) Console.WriteLine($"| {r.What} | {r.Kind} | {r.Seconds:F2} | {r.Note} |");
Console.WriteLine($"\nbuild ÷ bare = {rows[1].Seconds / rows[0].Seconds:F1}");

await TestDatabases.DropAsync(admin, connection);
await cluster.StopAsync();
return;

async Task<object?> Scalar(string sql)
{
    await using var c = await source.OpenConnectionAsync();
    await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 600 };
    return await cmd.ExecuteScalarAsync();
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

static string RepositoryRoot()
{
    var dir = new DirectoryInfo(Environment.CurrentDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DiaBan.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
}
