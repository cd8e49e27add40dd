using System.Diagnostics;
using System.Globalization;
using DiaBan.Analytics.Places;
using DiaBan.Demo.Province;
using DiaBan.Geo.Hosting;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Testing;
using Npgsql;
using NpgsqlTypes;

// Patrol-grid benchmark (issue 10): build the grid, load a scoring input and score a week for a province of about
// 80,000 cells — the demo province at the cell size that gives that many squares — each step beside its raw baseline
// run in the same process: building beside a bare ST_SquareGrid ∩ communes count plus a bare binary COPY of as many
// rows into an unindexed table; loading beside a bare read of the day's pieces and incidents.
// Usage: dotnet run -c Release --project bench/Places [-- 80000 [--sql]]   (--sql also times the previous, all-SQL build)
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var target = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var t) ? t : 80_000;
var withSql = args.Contains("--sql");
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
var loadStart = LoadAverage();
Console.WriteLine($"demo province {area / 1e6:N0} km², cell {size} m (≈ {area / size / size:N0} squares per era); {Environment.ProcessorCount} cores, load average {loadStart}");

var rows = new List<(string What, string Kind, double Seconds, double? Raw, string Note)>();
for (var run = 0; run < 2; run++) // the first run warms PostGIS and the JIT; the second is reported
{
    rows.Clear();
    var clock = Stopwatch.StartNew();
    var bare = (long)(await Scalar($"""
        SELECT count(*) FROM admin_unit c CROSS JOIN LATERAL ST_SquareGrid({size}, ST_Transform(c.geom, 32648)) s
        WHERE c.level = 'commune' AND ST_Intersects(s.geom, ST_Transform(c.geom, 32648))
        """))!;
    var rawGrid = clock.Elapsed.TotalSeconds;

    clock.Restart();
    GridBuildResult built;
    await using (var db = DiaBan.Geo.Data.DiaBanDb.Create(connection)) built = await new GridBuilder(db).BuildAsync(size);
    var build = clock.Elapsed.TotalSeconds;

    // the same rows written by a bare binary COPY into an unindexed copy of the table (rows read back untimed)
    double rawCopy;
    var copyRows = new List<(int Srid, int I, int J, int Unit, DateOnly From, DateOnly? To, double Share, double X, double Y, byte[] Geom)>();
    await using (var c = await source.OpenConnectionAsync())
    {
        await using (var cmd = new NpgsqlCommand("DROP TABLE IF EXISTS copy_raw; CREATE TABLE copy_raw (LIKE grid_cell)", c)) await cmd.ExecuteNonQueryAsync();
        await using (var cmd = new NpgsqlCommand($"SELECT srid, i, j, unit_id, valid_from, valid_to, area_share, x, y, ST_AsEWKB(geom) FROM grid_cell WHERE size_m = {size}", c))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
                copyRows.Add((r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetFieldValue<DateOnly>(4),
                    r.IsDBNull(5) ? null : r.GetFieldValue<DateOnly>(5), r.GetDouble(6), r.GetDouble(7), r.GetDouble(8), r.GetFieldValue<byte[]>(9)));
        clock.Restart();
        await using (var tx = await c.BeginTransactionAsync())
        {
            await using (var w = await c.BeginBinaryImportAsync("COPY copy_raw (id, size_m, srid, i, j, unit_id, valid_from, valid_to, area_share, x, y, geom) FROM STDIN (FORMAT BINARY)"))
            {
                long id = 0;
                foreach (var row in copyRows)
                {
                    w.StartRow();
                    w.Write(++id, NpgsqlDbType.Bigint);
                    w.Write(size, NpgsqlDbType.Integer);
                    w.Write(row.Srid, NpgsqlDbType.Integer);
                    w.Write(row.I, NpgsqlDbType.Integer);
                    w.Write(row.J, NpgsqlDbType.Integer);
                    w.Write(row.Unit, NpgsqlDbType.Integer);
                    w.Write(row.From, NpgsqlDbType.Date);
                    if (row.To is DateOnly to) w.Write(to, NpgsqlDbType.Date); else w.WriteNull();
                    w.Write(row.Share, NpgsqlDbType.Double);
                    w.Write(row.X, NpgsqlDbType.Double);
                    w.Write(row.Y, NpgsqlDbType.Double);
                    w.Write(row.Geom, NpgsqlDbType.Bytea);
                }
                await w.CompleteAsync();
            }
            await tx.CommitAsync();
        }
        rawCopy = clock.Elapsed.TotalSeconds;
        await using (var cmd = new NpgsqlCommand("DROP TABLE copy_raw", c)) await cmd.ExecuteNonQueryAsync();
        rows.Add(("bare ST_SquareGrid ∩ communes of both eras (count only: no clip, no tag, no write)", "raw", rawGrid, null, $"{bare:N0} squares"));
        rows.Add(("bare binary COPY of as many rows (with their polygons) into an unindexed table", "raw", rawCopy, null, $"{copyRows.Count:N0} rows"));
        rows.Add(("`diaban grid build`: cut in memory (NTS), tag, centroid, WGS 84, COPY grid_cell, indexes, audit (both eras)", "ours", build,
            rawGrid + rawCopy, $"{built.Cells:N0} pieces, {built.Squares:N0} squares"));
        foreach (var (phase, time) in built.Phases) rows.Add(($"  · {phase}", "ours", time.TotalSeconds, null, ""));
    }

    // the minimum the loader must read: the day's pieces (no geometry) and the incidents in UTM
    clock.Restart();
    long pieces = 0, events = 0;
    await using (var c = await source.OpenConnectionAsync())
    {
        await using (var cmd = new NpgsqlCommand($"""
            SELECT srid, i, j, unit_id, area_share, x, y FROM grid_cell
            WHERE size_m = {size} AND valid_from <= @day AND (valid_to IS NULL OR @day < valid_to)
            """, c))
        {
            cmd.Parameters.Add(new NpgsqlParameter<DateOnly>("day", day));
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) { pieces++; _ = r.GetInt32(0) + r.GetInt32(1) + r.GetInt32(2) + r.GetInt32(3) + r.GetDouble(4) + r.GetDouble(5) + r.GetDouble(6); }
        }
        await using (var cmd = new NpgsqlCommand("SELECT ST_X(p), ST_Y(p), occurred_on FROM incident CROSS JOIN LATERAL ST_Transform(geom, 32648) p WHERE occurred_on < @day", c))
        {
            cmd.Parameters.Add(new NpgsqlParameter<DateOnly>("day", day));
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) { events++; _ = r.GetDouble(0) + r.GetDouble(1) + r.GetFieldValue<DateOnly>(2).DayNumber; }
        }
    }
    var rawLoad = clock.Elapsed.TotalSeconds;
    rows.Add(("bare read of the day's pieces (srid, i, j, commune, share, x, y) and the incidents in UTM", "raw", rawLoad, null, $"{pieces:N0} pieces, {events:N0} incidents"));

    clock.Restart();
    var queries = new PlaceQueries(source);
    var input = await queries.ScoringInputAsync(AreaScope.Everything, size, day, ForecastHorizon.Week);
    var load = clock.Elapsed.TotalSeconds;
    rows.Add(("PlaceQueries.ScoringInputAsync: squares on the day + incidents + businesses + route vertices, area-scoped", "ours", load, rawLoad,
        $"{input.Cells.Count:N0} cells, {input.History.Count:N0} incidents"));

    clock.Restart();
    var forecasts = new RecentCountScorer().Score(input);
    var score = clock.Elapsed.TotalSeconds;
    rows.Add(("RecentCountScorer.Score, one week", "ours", score, null, $"{forecasts.Count(f => f.Score > 0):N0} cells with risk"));
    rows.Add(("load + score a week (the sheet's path once the grid is built)", "ours", load + score, rawLoad, ""));
    rows.Add(("**build + load + score (issue 10 target: < 5 s)**", "ours", build + load + score, rawGrid + rawCopy + rawLoad, ""));

    if (withSql && run == 1)
    {
        clock.Restart();
        await using var c = await source.OpenConnectionAsync();
        var n = await GridReferenceSql.BuildAsync(c, size);
        rows.Add(("previous build, one PostGIS statement (ST_SquareGrid, ST_Intersection, ST_Transform; into a table without indexes)", "before",
            clock.Elapsed.TotalSeconds, rawGrid + rawCopy, $"{n:N0} pieces"));
        await using var drop = new NpgsqlCommand("DROP TABLE grid_ref", c);
        await drop.ExecuteNonQueryAsync();
    }
}

Console.WriteLine();
Console.WriteLine("| step | kind | seconds | × raw | |");
Console.WriteLine("|---|---|---:|---:|---|");
foreach (var r in rows) Console.WriteLine($"| {r.What} | {r.Kind} | {r.Seconds:F2} | {(r.Raw is double raw ? $"{r.Seconds / raw:F1}" : "")} | {r.Note} |");
Console.WriteLine($"\nload average at start {loadStart}, at end {LoadAverage()}");

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
