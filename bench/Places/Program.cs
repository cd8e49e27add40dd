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

var copyRows = new List<(int Srid, int I, int J, int Unit, DateOnly From, DateOnly? To, double Share, double X, double Y, byte[] Geom)>();
var rows = new List<(string What, string Kind, double Seconds, double? Cpu, double? Raw, string Note)>();
for (var run = 0; run < 2; run++) // the first run warms PostGIS and the JIT; the second is reported
{
    rows.Clear();
    var clock = Stopwatch.StartNew();
    var cpu = Cpu();
    var bare = (long)(await Scalar($"""
        SELECT count(*) FROM admin_unit c CROSS JOIN LATERAL ST_SquareGrid({size}, ST_Transform(c.geom, 32648)) s
        WHERE c.level = 'commune' AND ST_Intersects(s.geom, ST_Transform(c.geom, 32648))
        """))!;
    var rawGrid = clock.Elapsed.TotalSeconds;
    var rawGridCpu = Cpu() - cpu;

    // the cut alone, in memory (both cores), on the communes as the build reads them
    List<GridCommune> communes;
    await using (var c = await source.OpenConnectionAsync()) communes = await GridBuilder.ReadCommunesAsync(c, CancellationToken.None);
    clock.Restart();
    cpu = Cpu();
    var cutPieces = GridBuilder.Cut(communes, size).Length;
    var cutAlone = (clock.Elapsed.TotalSeconds, Cpu() - cpu);
    clock.Restart();
    cpu = Cpu();
    var cutBefore = GridBuilder.Cut(communes, size, markBorder: false).Length;
    var cutAloneBefore = (clock.Elapsed.TotalSeconds, Cpu() - cpu);

    clock.Restart();
    cpu = Cpu();
    GridBuildResult built;
    await using (var db = DiaBan.Geo.Data.DiaBanDb.Create(connection)) built = await new GridBuilder(db) { CpuClock = () => TimeSpan.FromSeconds(Cpu()) }.BuildAsync(size);
    var build = clock.Elapsed.TotalSeconds;
    var buildCpu = Cpu() - cpu;

    // the same rows written by a bare binary COPY into an unindexed copy of the table (rows read back untimed), then the
    // same COPY with what grid_cell adds one at a time: the identity and primary key, then the foreign key to admin_unit
    copyRows.Clear();
    await using (var c = await source.OpenConnectionAsync())
    {
        await using (var cmd = new NpgsqlCommand($"SELECT srid, i, j, unit_id, valid_from, valid_to, area_share, x, y, ST_AsEWKB(geom) FROM grid_cell WHERE size_m = {size}", c))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
                copyRows.Add((r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetFieldValue<DateOnly>(4),
                    r.IsDBNull(5) ? null : r.GetFieldValue<DateOnly>(5), r.GetDouble(6), r.GetDouble(7), r.GetDouble(8), r.GetFieldValue<byte[]>(9)));
    }
    var (rawCopy, rawCopyCpu) = await BareCopy("CREATE TABLE copy_raw (LIKE grid_cell)", explicitId: true);
    rows.Add(("bare ST_SquareGrid ∩ communes of both eras (count only: no clip, no tag, no write)", "raw", rawGrid, rawGridCpu, null, $"{bare:N0} squares"));
    rows.Add(("bare binary COPY of as many rows (with their polygons) into an unindexed table", "raw", rawCopy, rawCopyCpu, null, $"{copyRows.Count:N0} rows"));
    var (pkCopy, pkCopyCpu) = await BareCopy("CREATE TABLE copy_raw (LIKE grid_cell INCLUDING IDENTITY INCLUDING CONSTRAINTS); ALTER TABLE copy_raw ADD PRIMARY KEY (id)", explicitId: false);
    rows.Add(("  the same COPY + identity id, primary key, checks", "raw", pkCopy, pkCopyCpu, rawCopy, ""));
    var (fkCopy, fkCopyCpu) = await BareCopy("""
        CREATE TABLE copy_raw (LIKE grid_cell INCLUDING IDENTITY INCLUDING CONSTRAINTS); ALTER TABLE copy_raw ADD PRIMARY KEY (id);
        ALTER TABLE copy_raw ADD FOREIGN KEY (unit_id) REFERENCES admin_unit (id) ON DELETE CASCADE
        """, explicitId: false);
    rows.Add(("  the same COPY + identity id, primary key, checks + foreign key to admin_unit (checked per row)", "raw", fkCopy, fkCopyCpu, rawCopy, ""));
    rows.Add(("`diaban grid build`: cut in memory (NTS), tag, centroid, WGS 84, COPY grid_cell, indexes, audit (both eras)", "ours", build, buildCpu,
        rawGrid + rawCopy, $"{built.Cells:N0} pieces, {built.Squares:N0} squares"));
    rows.Add(("  (the cut alone, in memory: GridBuilder.Cut of every commune version, parallel; not part of the build's time)", "ours", cutAlone.Item1, cutAlone.Item2, null, $"{cutPieces:N0} pieces"));
    rows.Add(("  (the same, every square tested against the prepared commune — the cut before this change)", "before", cutAloneBefore.Item1, cutAloneBefore.Item2, null, $"{cutBefore:N0} pieces"));
    foreach (var (phase, time, phaseCpu) in built.Phases) rows.Add(($"  · {phase}", "ours", time.TotalSeconds, phaseCpu?.TotalSeconds, null, ""));

    // the minimum the loader must read: the day's pieces (no geometry) and the incidents in UTM
    clock.Restart();
    cpu = Cpu();
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
    rows.Add(("bare read of the day's pieces (srid, i, j, commune, share, x, y) and the incidents in UTM", "raw", rawLoad, Cpu() - cpu, null, $"{pieces:N0} pieces, {events:N0} incidents"));

    // the patrol sheet's path (PatrolSheetService.BuildAsync): the scope's squares and history without patrol finds (the
    // cell-level feedback guard), scored by the registered ICellScorer — RecentCountScorer (no trained model is registered)
    clock.Restart();
    cpu = Cpu();
    var queries = new PlaceQueries(source);
    var input = await queries.ScoringInputAsync(AreaScope.Everything, size, day, ForecastHorizon.Week, new PlaceLoadOptions { ReportedOnly = true });
    var load = clock.Elapsed.TotalSeconds;
    rows.Add(("PlaceQueries.ScoringInputAsync (as the sheet): squares on the day + reported incidents + businesses + route vertices, area-scoped", "ours", load, Cpu() - cpu, rawLoad,
        $"{input.Cells.Count:N0} cells, {input.History.Count:N0} incidents"));

    // the cell model's features of every loaded cell at the sheet's origin (what CellModelScorer.Score computes before its
    // trees): raster, distances to the context, all features; the Knox extent and ETAS parameters at their defaults
    clock.Restart();
    cpu = Cpu();
    var raster = new CellRaster(input.Cells, input.CellSizeM);
    var features = CellFeatures.At(raster, input.Cells, input.History.OrderBy(e => e.Date).ToArray(), day, new CellModelOptions().DefaultNearRepeat,
        CellFeatures.StaticOf(raster, input.Cells, input.Context));
    var featureTime = clock.Elapsed.TotalSeconds;
    rows.Add(("CellFeatures at the sheet's origin: raster + context distances + all features of every loaded cell", "ours", featureTime, Cpu() - cpu, null,
        $"{features.Length:N0} × {CellFeatures.Count}"));

    clock.Restart();
    cpu = Cpu();
    var forecasts = new RecentCountScorer().Score(input);
    var score = clock.Elapsed.TotalSeconds;
    rows.Add(("RecentCountScorer.Score, one week (the sheet's scorer)", "ours", score, Cpu() - cpu, null, $"{forecasts.Count(f => f.Score > 0):N0} cells with risk"));
    rows.Add(("load + score a week (the sheet's path once the grid is built)", "ours", load + score, null, rawLoad, ""));

    // what a sheet request pays before it can use a cached ranking (Web/Places/CellScoreCache): the scope's data fingerprint
    // (incidents: count, largest id; businesses and spots: counts, hashes); on a hit the load above and the scoring are skipped
    clock.Restart();
    cpu = Cpu();
    var fingerprint = await queries.DataVersionAsync(AreaScope.Everything);
    rows.Add(("PlaceQueries.DataVersionAsync: the data fingerprint a cached sheet ranking is keyed by (paid by every request)", "ours",
        clock.Elapsed.TotalSeconds, Cpu() - cpu, load + score, $"{fingerprint.Incidents.Count:N0} incidents"));
    rows.Add(("**build + features + load + score a week (issue 10 target: < 5 s)**", "ours", build + featureTime + load + score, null, rawGrid + rawCopy + rawLoad, ""));

    if (withSql && run == 1)
    {
        clock.Restart();
        await using var c = await source.OpenConnectionAsync();
        var n = await GridReferenceSql.BuildAsync(c, size);
        rows.Add(("previous build, one PostGIS statement (ST_SquareGrid, ST_Intersection, ST_Transform; into a table without indexes)", "before",
            clock.Elapsed.TotalSeconds, null, rawGrid + rawCopy, $"{n:N0} pieces"));
        await using var drop = new NpgsqlCommand("DROP TABLE grid_ref", c);
        await drop.ExecuteNonQueryAsync();
    }
}

Console.WriteLine();
Console.WriteLine("| step | kind | seconds | CPU s | × raw | |");
Console.WriteLine("|---|---|---:|---:|---:|---|");
foreach (var r in rows)
    Console.WriteLine($"| {r.What} | {r.Kind} | {r.Seconds:F2} | {(r.Cpu is double c ? $"{c:F2}" : "")} | {(r.Raw is double raw ? $"{r.Seconds / raw:F1}" : "")} | {r.Note} |");
Console.WriteLine("(CPU s: this process plus every server process of the bench's own cluster, user + system)");
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

// the same rows by a bare binary COPY into a fresh table made by setupSql (in the same run, same rows as the build wrote)
async Task<(double Seconds, double Cpu)> BareCopy(string setupSql, bool explicitId)
{
    await using var c = await source.OpenConnectionAsync();
    await using (var cmd = new NpgsqlCommand("DROP TABLE IF EXISTS copy_raw; " + setupSql, c)) await cmd.ExecuteNonQueryAsync();
    var watch = Stopwatch.StartNew();
    var before = Cpu();
    await using (var tx = await c.BeginTransactionAsync())
    {
        var columns = (explicitId ? "id, " : "") + "size_m, srid, i, j, unit_id, valid_from, valid_to, area_share, x, y, geom";
        await using (var w = await c.BeginBinaryImportAsync($"COPY copy_raw ({columns}) FROM STDIN (FORMAT BINARY)"))
        {
            long id = 0;
            foreach (var row in copyRows)
            {
                w.StartRow();
                if (explicitId) w.Write(++id, NpgsqlDbType.Bigint);
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
    var result = (watch.Elapsed.TotalSeconds, Cpu() - before);
    await using (var cmd = new NpgsqlCommand("DROP TABLE copy_raw", c)) await cmd.ExecuteNonQueryAsync();
    return result;
}

// CPU seconds of this process and of the bench's cluster (postmaster, its live children, and its reaped children)
double Cpu()
{
    var own = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    var pidFile = Path.Combine(root, ".diaban", "bench-places-pg", "data", "postmaster.pid");
    if (!File.Exists(pidFile)) return own;
    var postmaster = int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture);
    double ticks = 0;
    foreach (var dir in Directory.EnumerateDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
        string stat;
        try { stat = File.ReadAllText(Path.Combine(dir, "stat")); } catch (IOException) { continue; } catch (UnauthorizedAccessException) { continue; }
        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // f[0] = state (field 3), f[1] = ppid, f[11..14] = utime stime cutime cstime
        if (pid == postmaster) ticks += long.Parse(f[11]) + long.Parse(f[12]) + long.Parse(f[13]) + long.Parse(f[14]);
        else if (int.Parse(f[1], CultureInfo.InvariantCulture) == postmaster) ticks += long.Parse(f[11]) + long.Parse(f[12]);
    }
    return own + ticks / 100.0; // USER_HZ
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

static string RepositoryRoot()
{
    var dir = new DirectoryInfo(Environment.CurrentDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DiaBan.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
}
